"""Check a data folder against its `datapackage.json`, column by column, vectorised.

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
from .tables import Problem, Table, items, parse_dates, read_table, report, report_items

URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z0-9-]{2,}\.?(:\d+)?([/?#]\S*)?")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
INTEGER = re.compile(r"-?\d+")
NUMERIC = {
    "integer": (INTEGER.pattern, "not a whole number"),
    "number": (r"-?\d+(\.\d+)?", "not a number"),
}


def _check_field(field: Field, table: Table, problems: list[Problem], today: date) -> None:
    col = table.frame[field.name]
    filled = col != ""
    c = field.constraints
    if field.required:
        report(problems, table, field.name, ~filled, "required value is empty")
    if field.type == "list":
        values = items(col, field.delimiter or ",")
        report(
            problems,
            table,
            field.name,
            (values == "").groupby(level=0).any().reindex(col.index, fill_value=False),
            "list has an empty item",
        )
    else:
        values = col[filled]
    if c.get("x-partialDate"):
        _check_partial_dates(field, table, problems, today, values)
    if field.type == "date":
        parsed = parse_dates(values)
        bad = ~values.str.fullmatch(ISO_DATE.pattern) | parsed.isna()
        report(
            problems,
            table,
            field.name,
            bad.reindex(col.index, fill_value=False),
            "not a valid date (YYYY-MM-DD)",
        )
        parsed = parsed[~bad]
        if "minimum" in c:
            early = (parsed < pd.Timestamp(c["minimum"])).reindex(col.index, fill_value=False)
            report(problems, table, field.name, early, f"date is before {c['minimum']}")
        if c.get("x-notAfterToday"):
            late = (parsed > pd.Timestamp(today)).reindex(col.index, fill_value=False)
            report(problems, table, field.name, late, "date is in the future")
    elif field.type in NUMERIC:
        pattern, kind = NUMERIC[field.type]
        bad = ~values.str.fullmatch(pattern)
        report(problems, table, field.name, bad.reindex(col.index, fill_value=False), kind)
        numbers = pd.to_numeric(values[~bad])
        for bound, outside, word in (
            ("minimum", numbers.lt, "below"),
            ("maximum", numbers.gt, "above"),
        ):
            if bound in c:
                report(
                    problems,
                    table,
                    field.name,
                    outside(c[bound]).reindex(col.index, fill_value=False),
                    f"value is {word} {c[bound]}",
                )
    if field.format == "uri":
        bad = ~values.str.fullmatch(URL.pattern)
        report(
            problems,
            table,
            field.name,
            bad.reindex(col.index, fill_value=False),
            "not a well-formed http(s) URL",
        )
    if field.enum is not None:
        outside = ~values.isin(field.enum) & (values != "")
        report_items(problems, table, field.name, outside, values, "value is not in the vocabulary")
    if "pattern" in c:
        bad = ~values.str.fullmatch(c["pattern"]) & (values != "")
        report_items(
            problems, table, field.name, bad, values, f"value does not match {c['pattern']}"
        )
    if "minLength" in c:
        short = (values.str.len() < c["minLength"]).reindex(col.index, fill_value=False)
        report(problems, table, field.name, short, f"shorter than {c['minLength']} characters")
    if c.get("unique"):
        dup = col.duplicated(keep="first") & filled
        first = col[filled].drop_duplicates(keep="first")
        first_line = pd.Series(table.lines[first.index].to_numpy(), index=first.to_numpy())
        where = "duplicate id (first on line " + col.map(first_line).astype("string") + ")"
        report(problems, table, field.name, dup, where)
    if "x-notBefore" in c and c["x-notBefore"] in table.frame:
        other = table.frame[c["x-notBefore"]]
        convert = (
            parse_dates
            if field.type == "date"
            else lambda s: pd.to_numeric(s.where(s.str.fullmatch(INTEGER.pattern)), errors="coerce")
        )
        mine, theirs = convert(col), convert(other)
        before = (mine < theirs).fillna(False).astype(bool)
        report(problems, table, field.name, before, f"is before {c['x-notBefore']} (" + other + ")")


def _check_partial_dates(field, table, problems, today: date, values: pd.Series) -> None:
    """A date at its precision (2024, 2024-08 or 2024-08-04), or the word the schema allows."""
    dated = values[values.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?")]
    # A partial date is checked as the first day of its month or year.
    padded = dated + dated.str.len().map({4: "-01-01", 7: "-01", 10: ""})
    parsed = parse_dates(padded)
    bad = parsed.isna().reindex(table.frame.index, fill_value=False)
    report(problems, table, field.name, bad, "not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)")
    c = field.constraints
    if "minimum" in c:
        early = (dated.str[:4] < c["minimum"]).reindex(table.frame.index, fill_value=False)
        report(problems, table, field.name, early, f"date is before {c['minimum']}")
    late = (parsed > pd.Timestamp(today)).reindex(table.frame.index, fill_value=False)
    report(problems, table, field.name, late, "date is in the future")


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
            report_items(problems, table, fk.field, unknown, values, f"unknown {fk.resource} id")


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
