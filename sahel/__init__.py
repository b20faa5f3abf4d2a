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
    """The house style applied and the validated tables (or a DataError naming each problem).

    The checks across tables (key events on two reputable origins, the claims' computed verdicts)
    run once per build, before any chapter executes (`_ext/sahel_checks.py`), and in
    `python -m sahel validate`; a chapter does not repeat them."""
    from .figures import style

    style.use()
    return load()
