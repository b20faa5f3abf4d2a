"""Load, check, analyse and draw the Sahel security-partners dataset.

Chapters start with `data = sahel.setup()`: the house style is applied and the validated tables
are returned.
"""

from . import events, plots, style
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
    style.use()
    return load()
