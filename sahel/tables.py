"""Tables as text: reading a CSV with the file line of each row, and reporting problems by line.

The validator and the evidence rules both report through here, so every message has the same
form: `path:LINE: COLUMN: problem (value)`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .schema import Resource


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        shown = f" ({self.value})" if self.value != "" else ""
        return f"{self.path}:{self.line}: {self.column}: {self.message}{shown}"


@dataclass
class Table:
    """A table as text, with the file line on which each row starts."""

    resource: Resource
    display_path: str
    frame: pd.DataFrame
    lines: list[int]


def read_table(resource: Resource, data_dir: Path, problems: list[Problem]) -> Table | None:
    path = Path(data_dir) / resource.path
    shown = str(path)
    if not path.is_file():
        problems.append(Problem(shown, 0, "-", "file is missing"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.start + 4]
        problems.append(Problem(shown, line, "-", "file is not valid UTF-8", repr(bad)))
        return None
    if text.startswith("\ufeff"):
        problems.append(Problem(shown, 1, "-", "file starts with a byte-order mark"))
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(shown, 1, "-", "file is empty"))
        return None
    expected = resource.field_names
    for name in expected:
        if name not in header:
            problems.append(Problem(shown, 1, name, "column is missing"))
    for name in header:
        if name not in expected:
            problems.append(Problem(shown, 1, name or "-", "column is not in the schema"))
    if len(set(header)) != len(header):
        problems.append(Problem(shown, 1, "-", "header repeats a column name"))
        return None
    rows, lines, start = [], [], 2
    for row in reader:
        if len(row) != len(header):
            problems.append(
                Problem(shown, start, "-", f"row has {len(row)} cells, header has {len(header)}")
            )
        else:
            rows.append(row)
            lines.append(start)
        # The next record starts after this one's last line (a cell may hold a line break).
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    if header != expected:
        frame = frame.reindex(columns=[c for c in expected if c in header])
    return Table(resource, shown, frame, lines)


def parse_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")
