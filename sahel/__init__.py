"""Load, check, analyse and draw the Sahel security-partners dataset.

Chapters start with `data = sahel.setup()`: the house style is applied and the validated tables
are returned.
"""

from . import checks, events, evidence, keys, plots, style
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
    independent origins and every computed claim verdict matching (or a DataError naming each
    problem)."""
    style.use()
    data = load()
    data_dir = find_data_dir()
    problems = evidence.check_key_events(data_dir, keys.key_events(data))
    problems += checks.check_claims(data_dir, data)
    if problems:
        raise DataError(problems)
    return data
