"""The grading rules: each class of bad evidence is refused with its file, line and column, and
the real data passes them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_validate import problems_text, rows, set_cell, write

import sahel
from sahel import checks, evidence, keys, text
from sahel.validate import check

DATA = Path(__file__).resolve().parent.parent / "data"


def line_of(path: Path, column: str, test) -> int:
    """The file line of the first row whose `column` passes `test`."""
    table = rows(path)
    col = table[0].index(column)
    return next(i + 1 for i, row in enumerate(table) if i and test(row[col]))


def first_source(path: Path, kind: str) -> tuple[int, str]:
    table = rows(path)
    kinds, ids = table[0].index("kind"), table[0].index("source_id")
    i = next(i for i, row in enumerate(table) if i and row[kinds] == kind)
    return i + 1, table[i][ids]


def test_the_real_data_passes_every_evidence_rule():
    assert [str(p) for p in checks.run(DATA)] == []


def test_an_excluded_host_is_refused(data_copy):
    line, _ = first_source(data_copy / "sources.csv", "regional")
    set_cell(data_copy / "sources.csv", line, "url", "https://www.d1softballnews.com/mali-story/")
    expected = f"{data_copy}/sources.csv:{line}: url: host is not evidence (content farm"
    assert any(p.startswith(expected) for p in problems_text(data_copy))


def test_a_source_cited_by_nothing_is_refused(data_copy):
    path = data_copy / "sources.csv"
    table = rows(path)
    orphan = list(table[1])
    orphan[table[0].index("source_id")] = "orphan-page"
    orphan[table[0].index("url")] = "https://example.org/orphan"
    write(path, [*table, orphan])
    assert f"{path}:{len(table) + 1}: source_id: source is cited by nothing (orphan-page)" in (
        problems_text(data_copy)
    )


@pytest.mark.parametrize(
    ("kind", "column", "value", "message"),
    [
        (
            "regional",
            "url",
            "https://mali.news-pravda.com/world/1.html",
            "url: host is not evidence (influence network",
        ),
        ("rehost", "origin_kind", "", "origin_kind: a rehost needs the kind of its origin"),
        ("state_media", "state", "", "state: state media needs the state that owns it"),
    ],
    ids=["influence-network-subdomain", "rehost-without-origin-kind", "state-media-without-state"],
)
def test_a_badly_graded_source_is_refused(data_copy, kind, column, value, message):
    line, _ = first_source(data_copy / "sources.csv", kind)
    set_cell(data_copy / "sources.csv", line, column, value)
    assert any(f"sources.csv:{line}: {message}" in p for p in problems_text(data_copy))


def test_an_origin_spelled_two_ways_is_refused(data_copy):
    path = data_copy / "sources.csv"
    line = line_of(path, "origin", lambda o: o == "Reuters")
    set_cell(path, line, "origin", "REUTERS")
    assert any(
        f"sources.csv:{line}: origin: origin is spelled" in p for p in problems_text(data_copy)
    )


def test_a_wire_written_by_its_initials_is_refused(data_copy):
    path = data_copy / "sources.csv"
    line = line_of(path, "origin", lambda o: o == "Agence France-Presse")
    set_cell(path, line, "origin", "AFP")
    assert any(
        f"sources.csv:{line}: origin: write this origin as Agence France-Presse" in p
        for p in problems_text(data_copy)
    )


def test_an_event_resting_only_on_an_aggregator_without_the_mark_is_refused(data_copy):
    _, aggregator = first_source(data_copy / "sources.csv", "aggregator")
    path = data_copy / "events.csv"
    line = line_of(path, "basis", lambda b: b == "reported")
    set_cell(path, line, "source_ids", aggregator)
    assert any(
        f"events.csv:{line}: basis: no source besides aggregators and a party's state media" in p
        for p in problems_text(data_copy)
    )


def test_a_party_mark_on_an_independently_reported_event_is_refused(data_copy):
    path = data_copy / "events.csv"
    line = line_of(path, "basis", lambda b: b == "reported")
    set_cell(path, line, "basis", "party_statement")
    assert any(
        f"events.csv:{line}: basis: marked party_statement, but an independent source" in p
        for p in problems_text(data_copy)
    )


def test_a_key_event_on_one_origin_is_refused(data_copy):
    data = sahel.load(DATA)
    key = sorted(keys.declared(data))[0]
    path = data_copy / "events.csv"
    line = line_of(path, "event_id", lambda e: e == key)
    sources = data.sources.astype(object).fillna("")
    cited = sources.loc[list(data.events.at[key, "source_ids"])]
    one = cited[evidence.reputable(cited, evidence.reputable_kinds(data.package))].index[0]
    set_cell(path, line, "source_ids", one)
    # The rule itself, on the broken copy (other rules would report the now-uncited sources).
    checked = check(data_copy)
    found = evidence.check_key_events(checked.tables, checked.package, keys.key_events(data))
    problems = [str(p) for p in found]
    assert any(
        p.startswith(f"{data_copy}/events.csv:{line}: source_ids: key event of")
        and "needs two reputable independent origins" in p
        for p in problems
    )


def test_two_copies_of_one_wire_story_count_as_one_origin():
    data = sahel.load(DATA)
    sources = data.sources.astype(object).fillna("")
    copies = sources[(sources["kind"] == "rehost") & (sources["origin"] == "Reuters")].head(2)
    assert len(copies) == 2
    event = data.events.iloc[:1].assign(source_ids=[tuple(copies["source_id"])])
    assert evidence.origins(event, sources, data.package).iloc[0] == ("Reuters",)


def test_the_prose_may_cite_only_declared_key_events():
    data = sahel.load(DATA)
    undeclared = sorted(set(data.events.index) - keys.declared(data))[0]
    with pytest.raises(ValueError, match="not declared key events"):
        text.cite(data, undeclared)
