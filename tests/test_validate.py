"""The validator refuses each kind of bad data with a line naming file, line, column and value."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sahel import load, validate
from sahel.schema import read_package


def rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write(path: Path, table: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def set_cell(path: Path, line: int, column: str, value: str) -> str:
    """Set one cell (by file line, header = line 1) and return what was there."""
    table = rows(path)
    col = table[0].index(column)
    old, table[line - 1][col] = table[line - 1][col], value
    write(path, table)
    return old


def problems_text(data_dir: Path) -> list[str]:
    return [str(p) for p in validate(data_dir)]


def test_the_real_data_is_valid():
    assert problems_text(Path(__file__).parent.parent / "data") == []


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("events", "date_start", "2023-02-30", "not a valid date (YYYY-MM-DD)"),
        ("events", "date_start", "12/08/2023", "not a valid date (YYYY-MM-DD)"),
        ("events", "date_start", "2099-01-01", "date is in the future"),
        ("events", "date_start", "2005-06-01", "date is before 2009-01-01"),
        ("events", "event_type", "invasion", "value is not in the vocabulary"),
        ("events", "themes", "withdrawals;sport", "value is not in the vocabulary"),
        ("events", "date_precision", "", "required value is empty"),
        ("events", "country", "Mali", "value does not match [A-Z]{3}"),
        ("events", "source_ids", "no-such-source", "unknown sources id"),
        ("events", "actor", "no-such-actor", "unknown actors id"),
        ("events", "summary", "", "required value is empty"),
        ("sources", "url", "htp:/broken", "not a well-formed http(s) URL"),
        ("sources", "url", "https://example.org/a page", "not a well-formed http(s) URL"),
        ("sources", "kind", "blog", "value is not in the vocabulary"),
        ("deployments", "closed_by", "no-such-event", "unknown events id"),
        ("figures", "value_low", "many", "not a whole number"),
        ("places", "latitude", "north", "not a number"),
        ("places", "latitude", "95.5", "value is above 90"),
        ("events", "place_id", "atlantis", "unknown places id"),
        ("events", "basis", "hearsay", "value is not in the vocabulary"),
        ("sources", "published", "2024-13", "not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("sources", "published", "yesterday", "value does not match"),
        ("sources", "published", "2099", "date is in the future"),
        ("sources", "accessed", "", "required value is empty"),
        ("sources", "origin", "", "required value is empty"),
        ("sources", "kind", "", "required value is empty"),
        ("sources", "kind", "news_site", "value is not in the vocabulary"),
        ("figures", "scope", "world", "value is not in the vocabulary"),
        ("figures", "measure", "troops", "value is not in the vocabulary"),
        ("reasons", "event_id", "no-such-event", "unknown events id"),
        ("reasons", "side", "both", "value is not in the vocabulary"),
    ],
)
def test_a_bad_cell_is_reported_with_file_line_column_and_value(
    data_copy, table, column, value, message
):
    path = data_copy / f"{table}.csv"
    line = 3
    set_cell(path, line, column, value)
    shown_value = value.split(";")[-1] if ";" in value else value
    expected = f"{path}:{line}: {column}: {message}"
    found = [p for p in problems_text(data_copy) if p.startswith(expected)]
    assert found, problems_text(data_copy)
    if shown_value:
        assert found[0].endswith(f"({shown_value})")


def test_an_end_before_the_start_is_reported(data_copy):
    path = data_copy / "events.csv"
    start = rows(path)[3][rows(path)[0].index("date_start")]
    set_cell(path, 4, "date_end", "2009-01-01")
    assert f"{path}:4: date_end: is before date_start ({start}) (2009-01-01)" in problems_text(
        data_copy
    )


def test_a_high_value_below_the_low_value_is_reported(data_copy):
    path = data_copy / "figures.csv"
    set_cell(path, 2, "value_low", "1000000")
    found = [
        p for p in problems_text(data_copy) if p.startswith(f"{path}:2: value_high: is before")
    ]
    assert found


def test_a_duplicate_id_names_the_first_line(data_copy):
    path = data_copy / "events.csv"
    first = rows(path)[1][0]
    set_cell(path, 5, "event_id", first)
    assert f"{path}:5: event_id: duplicate id (first on line 2) ({first})" in problems_text(
        data_copy
    )


def test_missing_and_extra_columns_are_reported(data_copy):
    path = data_copy / "sources.csv"
    table = rows(path)
    lang = table[0].index("language")
    write(
        path,
        [r[:lang] + r[lang + 1 :] + ["x"] for r in table[:1]]
        + [r[:lang] + r[lang + 1 :] + ["x"] for r in table[1:]],
    )
    table = rows(path)
    table[0][-1] = "rating"
    write(path, table)
    found = problems_text(data_copy)
    assert f"{path}:1: language: column is missing" in found
    assert f"{path}:1: rating: column is not in the schema" in found


SCHEMA = read_package(Path(__file__).parent.parent / "data")
COLUMNS = [(r.name, f.name) for r in SCHEMA.resources for f in r.fields]


@pytest.mark.parametrize(("table", "column"), COLUMNS, ids=[f"{t}.{c}" for t, c in COLUMNS])
def test_every_column_when_missing_is_reported_and_the_other_rules_still_run(
    data_copy, table, column
):
    path = data_copy / f"{table}.csv"
    rows_ = rows(path)
    rows_[0][rows_[0].index(column)] = column + "_renamed"
    write(path, rows_)
    found = problems_text(data_copy)
    assert f"{path}:1: {column}: column is missing" in found
    assert f"{path}:1: {column}_renamed: column is not in the schema" in found


def test_a_cell_with_a_line_break_moves_the_lines_of_the_rows_after_it(data_copy):
    path = data_copy / "actors.csv"
    table = rows(path)
    name = table[0].index("name")
    table[2][name] += "\nsecond line"
    table[5][table[0].index("bloc")] = "nowhere"
    write(path, table)
    # The row of line 6 starts on line 7 once a cell of line 3 holds a line break.
    assert problems_text(data_copy) == [f"{path}:7: bloc: value is not in the vocabulary (nowhere)"]


def test_a_row_with_too_few_cells_is_reported(data_copy):
    path = data_copy / "actors.csv"
    table = rows(path)
    table[2] = table[2][:2]
    write(path, table)
    assert any(p.startswith(f"{path}:3: -: row has 2 cells") for p in problems_text(data_copy))


def test_a_file_that_is_not_utf8_is_reported_at_its_line(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[6] = lines[6].replace(b",", ",Gao\xe9 ".encode("latin-1"), 1)
    path.write_bytes(b"".join(lines))
    found = problems_text(data_copy)
    assert any(p.startswith(f"{path}:7: -: file is not valid UTF-8") for p in found), found


def test_a_missing_file_is_reported(data_copy):
    (data_copy / "figures.csv").unlink()
    assert f"{data_copy / 'figures.csv'}:0: -: file is missing" in problems_text(data_copy)


def test_a_deployment_closed_by_another_deployments_event_is_reported(data_copy):
    path = data_copy / "deployments.csv"
    table = rows(path)
    col = table[0].index("closed_by")
    closers = [r[col] for r in table[1:] if r[col]]
    set_cell(path, 2 + [r[col] for r in table[1:]].index(closers[0]), "closed_by", closers[1])
    assert any(
        "closed_by: event does not name this deployment" in p for p in problems_text(data_copy)
    )


def test_the_command_line_exits_non_zero_and_prints_one_line_per_problem(data_copy):
    set_cell(data_copy / "events.csv", 3, "event_type", "invasion")
    set_cell(data_copy / "sources.csv", 4, "url", "not a url")
    result = subprocess.run(
        [sys.executable, "-m", "sahel", "validate", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{data_copy}/events.csv:3: event_type: value is not in")
    assert lines[1].startswith(f"{data_copy}/sources.csv:4: url: not a well-formed")
    assert lines[-1] == f"{data_copy}: 2 problem(s)"


def test_the_command_line_passes_on_the_real_data():
    result = subprocess.run(
        [sys.executable, "-m", "sahel", "validate"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "data: valid"


def test_validation_never_writes_to_the_data_folder(data_copy):
    set_cell(data_copy / "events.csv", 3, "event_type", "invasion")
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    validate(data_copy)
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before


def outlines(data_dir: Path) -> Path:
    return data_dir / "geo" / "outlines.geojson"


def edit_features(path: Path, edit) -> None:
    """Rewrite the outlines one feature a line (feature i on line i + 2), after an edit."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    edit(collection["features"])
    lines = [json.dumps(f, ensure_ascii=False) for f in collection["features"]]
    path.write_text(
        '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def test_the_outlines_are_declared_in_the_data_package():
    package = read_package(Path(__file__).parent.parent / "data")
    assert [(r.name, r.path, r.format) for r in package.layers] == [
        ("outlines", "geo/outlines.geojson", "geojson")
    ]


def test_a_feature_without_the_property_the_map_needs_is_reported_at_its_line(data_copy):
    path = outlines(data_copy)

    def edit(features):
        del features[2]["properties"]["iso3"]
        features[4]["properties"]["iso3"] = "Mali"

    edit_features(path, edit)
    found = problems_text(data_copy)
    assert f"{path}:4: iso3: required value is empty" in found
    assert f"{path}:6: iso3: value does not match [A-Z]{{3}} (Mali)" in found


def test_a_feature_with_another_geometry_is_reported(data_copy):
    path = outlines(data_copy)

    def edit(features):
        features[0]["geometry"] = {"type": "Point", "coordinates": [0, 0]}

    edit_features(path, edit)
    assert f"{path}:2: geometry: not a Polygon or MultiPolygon (Point)" in problems_text(data_copy)


def test_outlines_that_are_not_json_or_not_a_collection_are_reported(data_copy):
    path = outlines(data_copy)
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}\n', encoding="utf-8")
    assert any(p.startswith(f"{path}:2: -: not valid JSON") for p in problems_text(data_copy))
    path.write_text('{"type": "Feature", "properties": {}}\n', encoding="utf-8")
    assert f"{path}:1: type: not a GeoJSON FeatureCollection" in problems_text(data_copy)
    path.unlink()
    assert f"{path}:0: -: file is missing" in problems_text(data_copy)


def test_a_change_to_the_outlines_changes_the_fingerprint(data_copy):
    before = load(data_copy).fingerprint
    edit_features(outlines(data_copy), lambda features: features.reverse())
    assert validate(data_copy) == []
    assert load(data_copy).fingerprint != before
