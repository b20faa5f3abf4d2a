"""Check a data folder against its `datapackage.json`, column by column, vectorised.

Each problem names the file, the line, the column, what is wrong and the offending value, so that
a broken row can be found and mended by hand. Nothing is dropped, coerced or rewritten.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .schema import Field, Package, Resource, read_package

URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z0-9-]{2,}\.?(:\d+)?([/?#]\S*)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"-?\d+")
NUMERIC = {
    "integer": (INTEGER.pattern, "not a whole number"),
    "number": (r"-?\d+(\.\d+)?", "not a number"),
}


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
    lines: pd.Series


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
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame = frame.reindex(columns=[c for c in expected if c in header])
    return Table(resource, shown, frame.reset_index(drop=True), pd.Series(lines, dtype="int64"))


def _report(problems, table: Table, column: str, mask: pd.Series, message, values=None) -> None:
    """Add one problem per row where `mask` holds; `message` may be a per-row Series."""
    if not mask.any():
        return
    idx = mask[mask].index
    shown = (values if values is not None else table.frame[column]).loc[idx]
    texts = message.loc[idx] if isinstance(message, pd.Series) else pd.Series(message, index=idx)
    for i in idx:
        problems.append(
            Problem(table.display_path, int(table.lines[i]), column, texts[i], str(shown[i]))
        )


def _report_items(problems, table: Table, column: str, bad: pd.Series, values: pd.Series, message):
    """Report, once per row, the items of a cell (or the cell itself) flagged by `bad`."""
    offending = values[bad].astype(str).groupby(level=0).agg(";".join)
    mask = pd.Series(False, index=table.frame.index)
    mask[offending.index] = True
    _report(problems, table, column, mask, message, offending.reindex(mask.index))


def items(column: pd.Series, delimiter: str) -> pd.Series:
    """One row per item of a delimited list cell, indexed by the row it came from."""
    return column[column != ""].str.split(delimiter).explode()


def parse_dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")


def _check_field(field: Field, table: Table, problems: list[Problem], today: date) -> None:
    col = table.frame[field.name]
    filled = col != ""
    c = field.constraints
    if field.required:
        _report(problems, table, field.name, ~filled, "required value is empty")
    if field.type == "list":
        values = items(col, field.delimiter or ",")
        _report(
            problems,
            table,
            field.name,
            (values == "").groupby(level=0).any().reindex(col.index, fill_value=False),
            "list has an empty item",
        )
    else:
        values = col[filled]
    if field.type == "date":
        parsed = parse_dates(values)
        bad = ~values.str.fullmatch(ISO_DATE.pattern) | parsed.isna()
        _report(
            problems,
            table,
            field.name,
            bad.reindex(col.index, fill_value=False),
            "not a valid date (YYYY-MM-DD)",
        )
        parsed = parsed[~bad]
        if "minimum" in c:
            early = (parsed < pd.Timestamp(c["minimum"])).reindex(col.index, fill_value=False)
            _report(problems, table, field.name, early, f"date is before {c['minimum']}")
        if c.get("x-notAfterToday"):
            late = (parsed > pd.Timestamp(today)).reindex(col.index, fill_value=False)
            _report(problems, table, field.name, late, "date is in the future")
    elif field.type in NUMERIC:
        pattern, kind = NUMERIC[field.type]
        bad = ~values.str.fullmatch(pattern)
        _report(problems, table, field.name, bad.reindex(col.index, fill_value=False), kind)
        numbers = pd.to_numeric(values[~bad])
        for bound, outside, word in (
            ("minimum", numbers.lt, "below"),
            ("maximum", numbers.gt, "above"),
        ):
            if bound in c:
                _report(
                    problems,
                    table,
                    field.name,
                    outside(c[bound]).reindex(col.index, fill_value=False),
                    f"value is {word} {c[bound]}",
                )
    if field.format == "uri":
        bad = ~values.str.fullmatch(URL.pattern)
        _report(
            problems,
            table,
            field.name,
            bad.reindex(col.index, fill_value=False),
            "not a well-formed http(s) URL",
        )
    if field.enum is not None:
        outside = ~values.isin(field.enum) & (values != "")
        _report_items(
            problems, table, field.name, outside, values, "value is not in the vocabulary"
        )
    if "pattern" in c:
        bad = ~values.str.fullmatch(c["pattern"]) & (values != "")
        _report_items(
            problems, table, field.name, bad, values, f"value does not match {c['pattern']}"
        )
    if "minLength" in c:
        short = (values.str.len() < c["minLength"]).reindex(col.index, fill_value=False)
        _report(problems, table, field.name, short, f"shorter than {c['minLength']} characters")
    if c.get("unique"):
        dup = col.duplicated(keep="first") & filled
        first = col[filled].drop_duplicates(keep="first")
        first_line = pd.Series(table.lines[first.index].to_numpy(), index=first.to_numpy())
        where = "duplicate id (first on line " + col.map(first_line).astype("string") + ")"
        _report(problems, table, field.name, dup, where)
    if "x-notBefore" in c and c["x-notBefore"] in table.frame:
        other = table.frame[c["x-notBefore"]]
        convert = (
            parse_dates
            if field.type == "date"
            else lambda s: pd.to_numeric(s.where(s.str.fullmatch(INTEGER.pattern)), errors="coerce")
        )
        mine, theirs = convert(col), convert(other)
        before = (mine < theirs).fillna(False).astype(bool)
        _report(
            problems, table, field.name, before, f"is before {c['x-notBefore']} (" + other + ")"
        )


def _check_foreign_keys(tables: dict[str, Table], problems: list[Problem]) -> None:
    for table in tables.values():
        for fk in table.resource.foreign_keys:
            if fk.field not in table.frame or fk.resource not in tables:
                continue
            target = tables[fk.resource].frame
            if fk.reference_field not in target:
                continue
            field = table.resource.field(fk.field)
            col = table.frame[fk.field]
            values = items(col, field.delimiter) if field.type == "list" else col[col != ""]
            unknown = ~values.isin(target[fk.reference_field]) & (values != "")
            _report_items(problems, table, fk.field, unknown, values, f"unknown {fk.resource} id")


def _check_deployment_links(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A deployment's opening and closing events must be steps of that deployment."""
    if "deployments" not in tables or "events" not in tables:
        return
    dep, ev = tables["deployments"], tables["events"].frame
    if "deployment_id" not in ev or "event_id" not in ev:
        return
    owner = ev.drop_duplicates("event_id").set_index("event_id")["deployment_id"]
    for column in ("opened_by", "closed_by"):
        if column not in dep.frame:
            continue
        linked = dep.frame[column].map(owner)
        wrong = dep.frame[column].isin(owner.index) & (linked != dep.frame["deployment_id"])
        shown = linked.fillna("").astype(str).replace("", "empty")
        _report(
            problems,
            dep,
            column,
            wrong,
            "event is not a step of this deployment (its deployment_id is " + shown + ")",
        )


def validate(data_dir: Path | str, today: date | None = None) -> list[Problem]:
    """Every problem in the data folder, in file order; an empty list means valid."""
    data_dir = Path(data_dir)
    today = today or date.today()
    problems: list[Problem] = []
    try:
        package: Package = read_package(data_dir)
    except (OSError, ValueError) as err:
        return [Problem(str(data_dir / "datapackage.json"), 0, "-", f"cannot read schema: {err}")]
    tables: dict[str, Table] = {}
    for resource in package.resources:
        table = read_table(resource, data_dir, problems)
        if table is None:
            continue
        tables[resource.name] = table
        for field in resource.fields:
            if field.name in table.frame:
                _check_field(field, table, problems, today)
    _check_foreign_keys(tables, problems)
    _check_deployment_links(tables, problems)
    order = {r.name: i for i, r in enumerate(package.resources)}
    paths = {str(data_dir / r.path): order[r.name] for r in package.resources}
    return sorted(problems, key=lambda p: (paths.get(p.path, -1), p.line))
