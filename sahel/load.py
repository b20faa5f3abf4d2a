"""Load the validated dataset as typed pandas DataFrames."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .schema import Package
from .tables import Problem, Table, parse_dates
from .validate import check

PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


class DataError(ValueError):
    """The data folder does not validate; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the data:\n{lines}")


@dataclass(frozen=True)
class Dataset:
    events: pd.DataFrame
    sources: pd.DataFrame
    actors: pd.DataFrame
    deployments: pd.DataFrame
    figures: pd.DataFrame
    reasons: pd.DataFrame
    claims: pd.DataFrame
    places: pd.DataFrame
    package: Package
    fingerprint: str
    # The folder the tables were read from, and each table as the validator read it (text, with
    # the file line of each row), for the checks that report by line.
    folder: Path
    tables: dict[str, Table] = dataclasses.field(repr=False, compare=False)
    # Not an argument, so that a Dataset made from another (dataclasses.replace) starts empty.
    _derived: dict[str, pd.DataFrame] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def version(self) -> str:
        return self.package.version

    def derived(self, name: str, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A frame computed from these tables, computed once: the tables do not change, and the
        checks and several pages start from the same frames. Each caller gets its own copy (a
        shallow one: under pandas' copy-on-write, a change to it copies what it changes)."""
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name].copy(deep=False)


def find_data_dir(start: Path | None = None) -> Path:
    """The `data/` folder of the book being built: the nearest one above the working directory.

    Looking up from the working directory (a notebook runs in `chapters/`) lets a copy of the book
    compute from its own data; the package's own checkout is the fallback.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder / "data"
    return PACKAGE_DATA


def fingerprint(data_dir: Path, package: Package) -> str:
    """A short digest of the schema and every file it declares (tables and map layers): it changes
    whenever any data file does."""
    digest = hashlib.sha256()
    for name in ["datapackage.json", *sorted(package.paths)]:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:12]


# The field types read into something other than text.
TYPED = ("date", "integer", "number", "list")


def _typed(frame: pd.DataFrame, package: Package, name: str) -> pd.DataFrame:
    resource = package.resource(name)
    texts = [f.name for f in resource.fields if f.type not in TYPED]
    # The text columns as one array, an empty cell missing (pd.NA), each column then wrapped as
    # a string array: pandas' conversions column by column would cost most of the load's time.
    cells = frame[texts].to_numpy(dtype=object, copy=True)
    cells[cells == ""] = pd.NA
    out = {}
    for field in resource.fields:
        if field.type not in TYPED:
            out[field.name] = pd.arrays.StringArray(cells[:, texts.index(field.name)].copy())
            continue
        col = frame[field.name]
        if field.type == "date":
            typed = parse_dates(col)
        elif field.type == "integer":
            # An optional whole number (a claim's value) may be empty: nullable there.
            numbers = pd.to_numeric(col.where(col != ""))
            typed = numbers.astype("int64" if field.required else "Int64")
        elif field.type == "number":
            typed = pd.to_numeric(col.where(col != ""))
        else:
            typed = col.map(lambda v, d=field.delimiter: tuple(v.split(d)) if v else ())
        out[field.name] = typed.array
    # Indexed by id for `.loc` look-ups; the id stays a column too (the index is unnamed, so that
    # the two are never ambiguous).
    return pd.DataFrame(out, index=pd.Index(out[resource.field_names[0]]))


def load(data_dir: Path | str | None = None) -> Dataset:
    """Validate the data folder and return its tables, typed from what the validator read (no file
    is parsed twice); raise DataError listing every problem."""
    data_dir = Path(data_dir) if data_dir is not None else find_data_dir()
    checked = check(data_dir)
    if checked.problems:
        raise DataError(checked.problems)
    package = checked.package
    frames = {
        r.name: _typed(checked.tables[r.name].frame, package, r.name) for r in package.resources
    }
    return Dataset(
        package=package,
        fingerprint=fingerprint(data_dir, package),
        folder=data_dir,
        tables=checked.tables,
        **frames,
    )
