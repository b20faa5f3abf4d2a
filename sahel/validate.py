"""Check a data folder against its `datapackage.json`: each column's rules cell by cell, then the
links between tables and the grading rules.

Each problem names the file, the line, the column, what is wrong and the offending value, so that
a broken row can be found and mended by hand. Nothing is dropped, coerced or rewritten.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from . import evidence
from .schema import Field, Package, Resource, read_package
from .tables import Problem, Table, read_table

URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z0-9-]{2,}\.?(:\d+)?([/?#]\S*)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
INTEGER = re.compile(r"-?\d+")
NUMERIC = {
    "integer": (INTEGER, "not a whole number"),
    "number": (re.compile(r"-?\d+(\.\d+)?"), "not a number"),
}


def _parsed(text: str) -> date | None:
    """A YYYY-MM-DD text as a date, or None if it is no such day."""
    if not ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _integer(text: str) -> int | None:
    return int(text) if INTEGER.fullmatch(text) else None


def _check_field(field: Field, table: Table, problems: list[Problem], today: date) -> None:
    """Every rule of the schema on one column, each rule a pass over the cells it applies to
    (plain Python: a data folder's cells are few, and pandas' per-call costs would be most of
    the validator's time). A rule the field does not have costs nothing."""
    name, c = field.name, field.constraints
    cells = table.frame[name].tolist()
    # (row, message, value shown), rule by rule in the order the rules are listed.
    found: list[tuple[int, str, str]] = []
    if field.required:
        found += [(i, "required value is empty", "") for i, cell in enumerate(cells) if cell == ""]
    # A list cell's items; other cells are their own single value.
    items = None
    if field.type == "list":
        delimiter = field.delimiter or ","
        items = [cell.split(delimiter) if cell else [] for cell in cells]
        found += [(i, "list has an empty item", cells[i]) for i, v in enumerate(items) if "" in v]
    if c.get("x-partialDate"):
        found += _per_value(cells, lambda cell: _partial_date_problems(c, cell, today))
    if field.type == "date":
        found += _per_value(cells, lambda cell: _date_problems(c, cell, today))
    elif field.type in NUMERIC:
        found += _per_value(cells, lambda cell: _number_problems(c, cell, *NUMERIC[field.type]))
    if field.format == "uri":
        malformed = [i for i, cell in enumerate(cells) if cell and not URL.fullmatch(cell)]
        found += [(i, "not a well-formed http(s) URL", cells[i]) for i in malformed]
    if field.enum is not None:
        enum = set(field.enum)
        found += _refused(cells, items, enum.__contains__, "value is not in the vocabulary")
    if "pattern" in c:
        pattern = re.compile(c["pattern"])
        found += _refused(cells, items, pattern.fullmatch, f"value does not match {c['pattern']}")
    if "minLength" in c:
        n = c["minLength"]
        message = f"shorter than {n} characters"
        found += [(i, message, cell) for i, cell in enumerate(cells) if cell and len(cell) < n]
    if c.get("unique"):
        found += _duplicates(cells, table.lines)
    if c.get("x-notBefore") in table.frame:
        found += _order_problems(field, cells, table.frame[c["x-notBefore"]].tolist())
    if found:
        # By row, each row's problems in the order of the rules (the sort is stable).
        found.sort(key=lambda problem: problem[0])
        problems += [Problem(table.display_path, table.lines[i], name, m, v) for i, m, v in found]


def _per_value(
    cells: list[str], messages_of: Callable[[str], list[str]]
) -> list[tuple[int, str, str]]:
    """(row, message, cell) for each problem of each non-empty cell, each distinct value judged
    once (dates and numbers repeat)."""
    judged = {cell: messages_of(cell) for cell in set(cells) if cell}
    faulty = {cell for cell, messages in judged.items() if messages}
    return [(i, m, cell) for i, cell in enumerate(cells) if cell in faulty for m in judged[cell]]


def _refused(
    cells: list[str], items: list[list[str]] | None, accept: Callable, message: str
) -> list[tuple[int, str, str]]:
    """(row, message, the values refused) for each cell with a value `accept` refuses; a list
    cell's items one by one. An empty value is the business of the required rule."""
    if items is None:
        return [(i, message, cell) for i, cell in enumerate(cells) if cell and not accept(cell)]
    found = []
    for i, values in enumerate(items):
        refused = [v for v in values if v != "" and not accept(v)]
        if refused:
            found.append((i, message, ";".join(refused)))
    return found


def _date_problems(c: dict, cell: str, today: date) -> list[str]:
    day = _parsed(cell)
    if day is None:
        return ["not a valid date (YYYY-MM-DD)"]
    found = []
    if "minimum" in c and day < date.fromisoformat(c["minimum"]):
        found.append(f"date is before {c['minimum']}")
    if c.get("x-notAfterToday") and day > today:
        found.append("date is in the future")
    return found


def _number_problems(c: dict, cell: str, pattern: re.Pattern, kind: str) -> list[str]:
    if not pattern.fullmatch(cell):
        return [kind]
    number = float(cell)
    found = []
    if "minimum" in c and number < c["minimum"]:
        found.append(f"value is below {c['minimum']}")
    if "maximum" in c and number > c["maximum"]:
        found.append(f"value is above {c['maximum']}")
    return found


def _duplicates(cells: list[str], lines: list[int]) -> list[tuple[int, str, str]]:
    # Earlier values of the column -> the line each first appeared on.
    first_line: dict[str, int] = {}
    found = []
    for i, (cell, line) in enumerate(zip(cells, lines, strict=True)):
        if not cell:
            continue
        if cell in first_line:
            found.append((i, f"duplicate id (first on line {first_line[cell]})", cell))
        else:
            first_line[cell] = line
    return found


def _order_problems(field: Field, cells: list[str], others: list[str]) -> list:
    """A value that may not come before another column's (an end before its start)."""
    convert = _parsed if field.type == "date" else _integer
    other = field.constraints["x-notBefore"]
    found = []
    for i, (cell, their) in enumerate(zip(cells, others, strict=True)):
        mine, theirs = convert(cell), convert(their)
        if mine is not None and theirs is not None and mine < theirs:
            found.append((i, f"is before {other} ({their})", cell))
    return found


def _partial_date_problems(c: dict, cell: str, today: date) -> list[str]:
    """A date at its precision (2024, 2024-08 or 2024-08-04), or the word the schema allows; a
    partial date is checked as the first day of its month or year."""
    if not PARTIAL_DATE.fullmatch(cell):
        return []
    day = _parsed(cell + {4: "-01-01", 7: "-01", 10: ""}[len(cell)])
    if day is None:
        return ["not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"]
    found = []
    if "minimum" in c and cell[:4] < c["minimum"]:
        found.append(f"date is before {c['minimum']}")
    if day > today:
        found.append("date is in the future")
    return found


def _check_foreign_keys(tables: dict[str, Table], problems: list[Problem]) -> None:
    for table in tables.values():
        for fk in table.resource.foreign_keys:
            if fk.field not in table.frame or fk.resource not in tables:
                continue
            target = tables[fk.resource].frame
            if fk.reference_field not in target:
                continue
            known = set(target[fk.reference_field].tolist())
            delimiter = table.resource.field(fk.field).delimiter
            message = f"unknown {fk.resource} id"
            for cell, line in zip(table.frame[fk.field].tolist(), table.lines, strict=True):
                ids = cell.split(delimiter) if delimiter and cell else [cell]
                unknown = [i for i in ids if i != "" and i not in known]
                if unknown:
                    problems.append(
                        Problem(table.display_path, line, fk.field, message, ";".join(unknown))
                    )


def _check_deployment_links(tables: dict[str, Table], problems: list[Problem]) -> None:
    """A deployment's opening and closing events must name that deployment among theirs."""
    if "deployments" not in tables or "events" not in tables:
        return
    dep, ev = tables["deployments"], tables["events"].frame
    if "deployment_ids" not in ev or "event_id" not in ev or "deployment_id" not in dep.frame:
        return
    # Event id -> its deployment_ids (the first row, where an id is repeated).
    owners: dict[str, str] = {}
    for event_id, deployment_ids in zip(ev["event_id"], ev["deployment_ids"], strict=True):
        owners.setdefault(event_id, deployment_ids)
    for column in ("opened_by", "closed_by"):
        if column not in dep.frame:
            continue
        rows = zip(dep.lines, dep.frame["deployment_id"], dep.frame[column], strict=True)
        for line, deployment, event_id in rows:
            if event_id in owners and deployment not in owners[event_id].split(";"):
                listed = owners[event_id] or "empty"
                message = f"event does not name this deployment (its deployment_ids are {listed})"
                problems.append(Problem(dep.display_path, line, column, message, event_id))


def _features(text: str) -> list[tuple[int, object]]:
    """The items of a GeoJSON text's top-level `features` array, each with the line it starts on
    (a whole collection is often written on one line; a pretty-printed one is not)."""
    decoder = json.JSONDecoder()
    found = re.search(r'"features"\s*:\s*\[', text)
    if found is None:
        return []
    items, at = [], found.end()
    while True:
        at = re.compile(r"[\s,]*").match(text, at).end()
        if at >= len(text) or text[at] == "]":
            return items
        item, end = decoder.raw_decode(text, at)
        items.append((text.count("\n", 0, at) + 1, item))
        at = end


def _check_layer(resource: Resource, data_dir: Path, problems: list[Problem], today: date) -> None:
    """A map layer: a GeoJSON FeatureCollection whose features have the allowed geometries and
    whose properties are checked like the columns of a table, line by line."""
    path = data_dir / resource.path
    shown = str(path)
    if not path.is_file():
        problems.append(Problem(shown, 0, "-", "file is missing"))
        return
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(shown, err.lineno, "-", f"not valid JSON: {err.msg}"))
        return
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        problems.append(Problem(shown, 1, "type", "not a GeoJSON FeatureCollection"))
        return
    features = _features(text)
    if not features:
        problems.append(Problem(shown, 1, "features", "the collection has no features"))
        return
    rows, lines = [], []
    for line, feature in features:
        feature = feature if isinstance(feature, dict) else {}
        geometry = (feature.get("geometry") or {}).get("type", "")
        if geometry not in resource.geometry_types:
            allowed = " or ".join(resource.geometry_types)
            problems.append(
                Problem(shown, line, "geometry", f"not a {allowed}", geometry or "none")
            )
        properties = feature.get("properties") or {}
        rows.append({f.name: str(properties.get(f.name, "") or "") for f in resource.fields})
        lines.append(line)
    frame = pd.DataFrame(rows, columns=resource.field_names, dtype=object)
    table = Table(resource, shown, frame, lines)
    for column in resource.fields:
        _check_field(column, table, problems, today)


@dataclass
class Checked:
    """What the validator read: the schema, each table as text (with its file lines), and every
    problem found. `sahel.load` types the tables from here
    rather than reading the files again."""

    package: Package | None
    tables: dict[str, Table] = dataclasses.field(default_factory=dict)
    problems: list[Problem] = dataclasses.field(default_factory=list)


def check(data_dir: Path | str, today: date | None = None) -> Checked:
    """Read and check the data folder once: every problem, in file order, and what was read."""
    data_dir = Path(data_dir)
    today = today or date.today()
    try:
        package: Package = read_package(data_dir)
    except (OSError, ValueError) as err:
        path = str(data_dir / "datapackage.json")
        return Checked(None, problems=[Problem(path, 0, "-", f"cannot read schema: {err}")])
    checked = Checked(package)
    problems, tables = checked.problems, checked.tables
    for resource in package.resources:
        table = read_table(resource, data_dir, problems)
        if table is None:
            continue
        tables[resource.name] = table
        for column in resource.fields:
            if column.name in table.frame:
                _check_field(column, table, problems, today)
    _check_foreign_keys(tables, problems)
    _check_deployment_links(tables, problems)
    evidence.check_sources(tables, package, problems)
    for resource in package.layers:
        _check_layer(resource, data_dir, problems, today)
    order = {p: i for i, p in enumerate(package.paths)}
    paths = {str(data_dir / p): i for p, i in order.items()}
    problems.sort(key=lambda p: (paths.get(p.path, -1), p.line))
    return checked


def validate(data_dir: Path | str, today: date | None = None) -> list[Problem]:
    """Every problem in the data folder, in file order; an empty list means valid."""
    return check(data_dir, today).problems
