"""Check a data folder against its `datapackage.json`, column by column, vectorised.

Each problem names the file, the line, the column, what is wrong and the offending value, so that
a broken row can be found and mended by hand. Nothing is dropped, coerced or rewritten.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from . import evidence
from .schema import Field, Package, read_package
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
    evidence.check_sources(tables, package, problems)
    order = {r.name: i for i, r in enumerate(package.resources)}
    paths = {str(data_dir / r.path): order[r.name] for r in package.resources}
    return sorted(problems, key=lambda p: (paths.get(p.path, -1), p.line))
