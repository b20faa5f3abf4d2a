"""Load, check, analyse and draw the Sahel security-partners dataset.

Chapters start with `data = sahel.setup()`: the house style is applied and the validated tables
are returned.
"""

from . import events, evidence, keys, plots, style
from .load import DataError, Dataset, find_data_dir, load
from .validate import Problem, validate

__all__ = [
    "DataError",
    "Dataset",
    "Problem",
    "events",
    "find_data_dir",
    "load",
    "plots",
    "setup",
    "style",
    "validate",
]


def setup() -> Dataset:
    """The house style applied and the validated tables, with every key event on two reputable
    independent origins (or a DataError naming each one that is not)."""
    style.use()
    data = load()
    problems = evidence.check_key_events(find_data_dir(), keys.key_events(data))
    if problems:
        raise DataError(problems)
    return data
