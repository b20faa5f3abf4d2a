"""Check a data folder against its `datapackage.json`: each column's rules cell by cell, then the
links between tables and the grading rules.

Each problem names the file, the line, the column, what is wrong and the offending value, so that
a broken row can be found and mended by hand. Nothing is dropped, coerced or rewritten.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from . import evidence
from .schema import Field, Package, Resource, read_package
from .tables import Problem, Table, read_table, report

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
    """Every rule of the schema on one column, cell by cell (plain Python: a data folder's cells
    are few, and pandas' per-call costs would be most of the validator's time)."""
    name, c = field.name, field.constraints
    cells = table.frame[name].tolist()
    lines = table.lines.tolist()
    others = table.frame[c["x-notBefore"]].tolist() if c.get("x-notBefore") in table.frame else None
    pattern = re.compile(c["pattern"]) if "pattern" in c else None
    enum = set(field.enum) if field.enum is not None else None
    earliest = c.get("minimum") if field.type == "date" else None
    earliest_day = date.fromisoformat(earliest) if earliest is not None else None
    # Earlier values of a unique column -> the line each first appeared on.
    first_line: dict[str, int] = {}
    # The rules that apply, read once rather than once per cell.
    required, unique, is_list = field.required, c.get("unique"), field.type == "list"
    partial, is_uri = c.get("x-partialDate"), field.format == "uri"
    is_date, numeric = field.type == "date", NUMERIC.get(field.type)
    not_after_today, min_length = c.get("x-notAfterToday"), c.get("minLength")
    delimiter = field.delimiter or ","

    for i, (cell, line) in enumerate(zip(cells, lines, strict=True)):
        # (message, value shown) for this cell, in the order the rules are listed.
        found: list[tuple[str, str]] = []
        if required and cell == "":
            found.append(("required value is empty", cell))
        if is_list:
            values = cell.split(delimiter) if cell else []
            if "" in values:
                found.append(("list has an empty item", cell))
        else:
            values = [cell] if cell else []
        if partial and values:
            found += [(m, cell) for m in _partial_date_problems(c, cell, today)]
        if is_date and cell:
            day = _parsed(cell)
            if day is None:
                found.append(("not a valid date (YYYY-MM-DD)", cell))
            else:
                if earliest_day is not None and day < earliest_day:
                    found.append((f"date is before {earliest}", cell))
                if not_after_today and day > today:
                    found.append(("date is in the future", cell))
        elif numeric is not None and cell:
            number_pattern, kind = numeric
            if not number_pattern.fullmatch(cell):
                found.append((kind, cell))
            else:
                number = float(cell)
                if "minimum" in c and number < c["minimum"]:
                    found.append((f"value is below {c['minimum']}", cell))
                if "maximum" in c and number > c["maximum"]:
                    found.append((f"value is above {c['maximum']}", cell))
        if is_uri and cell and not URL.fullmatch(cell):
            found.append(("not a well-formed http(s) URL", cell))
        if enum is not None:
            outside = [v for v in values if v not in enum and v != ""]
            if outside:
                found.append(("value is not in the vocabulary", ";".join(outside)))
        if pattern is not None:
            unmatched = [v for v in values if v != "" and not pattern.fullmatch(v)]
            if unmatched:
                found.append((f"value does not match {c['pattern']}", ";".join(unmatched)))
        if min_length is not None and cell and len(cell) < min_length:
            found.append((f"shorter than {min_length} characters", cell))
        if unique and cell:
            if cell in first_line:
                found.append((f"duplicate id (first on line {first_line[cell]})", cell))
            else:
                first_line[cell] = line
        if others is not None:
            convert = _parsed if field.type == "date" else _integer
            mine, theirs = convert(cell), convert(others[i])
            if mine is not None and theirs is not None and mine < theirs:
                found.append((f"is before {c['x-notBefore']} ({others[i]})", cell))
        if found:
            problems.extend(Problem(table.display_path, line, name, m, v) for m, v in found)


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
            for cell, line in zip(
                table.frame[fk.field].tolist(), table.lines.tolist(), strict=True
            ):
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
    if "deployment_ids" not in ev or "event_id" not in ev:
        return
    owners = ev.drop_duplicates("event_id").set_index("event_id")["deployment_ids"]
    for column in ("opened_by", "closed_by"):
        if column not in dep.frame:
            continue
        listed = dep.frame[column].map(owners)
        named = [
            deployment in (cell or "").split(";")
            for deployment, cell in zip(dep.frame["deployment_id"], listed.fillna(""), strict=True)
        ]
        wrong = dep.frame[column].isin(owners.index) & ~pd.Series(named, index=dep.frame.index)
        shown = listed.fillna("").astype(str).replace("", "empty")
        report(
            problems,
            dep,
            column,
            wrong,
            "event does not name this deployment (its deployment_ids are " + shown + ")",
        )


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
    table = Table(resource, shown, frame, pd.Series(lines, dtype="int64"))
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
