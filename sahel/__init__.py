"""Load, check and analyse the Sahel security-partners dataset.

`import sahel` and `python -m sahel validate` need pandas only; the drawing layer
(`sahel.figures`) and the notebook layer (`sahel.book`) are imported by the pages that use them.
Chapters start with `data = sahel.setup()`: the house style is applied and the checked tables
are returned.
"""

from .load import DataError, Dataset, find_data_dir, load
from .validate import Problem, validate

__all__ = ["DataError", "Dataset", "Problem", "find_data_dir", "load", "setup", "validate"]


def setup() -> Dataset:
    """The house style applied and the validated tables, with every key event on two reputable
    independent origins and every computed claim verdict matching (or a DataError naming each
    problem)."""
    from . import checks
    from .figures import style

    style.use()
    data = load()
    problems = checks.check_loaded(data)
    if problems:
        raise DataError(problems)
    return data
