"""Claims checked against the record: broken rows are refused with their line, computed verdicts
match the table for every computed row, and the page publishes valid ClaimReview JSON-LD."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from test_validate import problems_text, rows, set_cell

import sahel
from sahel import checks, claims, press

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def data():
    return sahel.load(DATA)


def line_of_type(path: Path, claim_type: str) -> int:
    table = rows(path)
    col = table[0].index("claim_type")
    return next(i + 1 for i, row in enumerate(table) if i and row[col] == claim_type)


def test_there_are_enough_claims_from_enough_claimants(data):
    assert len(data.claims) >= 60
    assert data.claims["claimant"].nunique() >= 8
    assert (data.claims["in_listing"] == "yes").sum() >= 20


def test_every_computed_verdict_matches_the_table(data):
    found = claims.computed(data)
    kinds = data.claims["claim_type"].isin(claims.COMPUTED)
    assert set(found.index) == set(data.claims.index[kinds])
    mismatched = found["verdict"].ne(data.claims.loc[found.index, "verdict"])
    assert mismatched.sum() == 0, found[mismatched]


def test_an_unknown_verdict_is_refused(data_copy):
    set_cell(data_copy / "claims.csv", 2, "verdict", "mostly true")
    assert any(
        "claims.csv:2: verdict: value is not in the vocabulary" in p
        for p in problems_text(data_copy)
    )


def test_an_unknown_event_is_refused(data_copy):
    set_cell(data_copy / "claims.csv", 2, "event_ids", "no-such-event")
    assert any("claims.csv:2: event_ids: unknown events id" in p for p in problems_text(data_copy))


def test_a_claim_without_a_source_is_refused(data_copy):
    set_cell(data_copy / "claims.csv", 2, "source_id", "")
    assert any(
        "claims.csv:2: source_id: required value is empty" in p for p in problems_text(data_copy)
    )


@pytest.mark.parametrize("claim_type", ["date", "sequence"])
def test_a_verdict_the_record_does_not_give_is_refused(data_copy, claim_type):
    path = data_copy / "claims.csv"
    line = line_of_type(path, claim_type)
    table = rows(path)
    old = table[line - 1][table[0].index("verdict")]
    other = "unproven" if old != "unproven" else "correct"
    set_cell(path, line, "verdict", other)
    set_cell(path, line, "fault", "")
    problems = [str(p) for p in checks.run(data_copy)]
    assert any(p.startswith(f"{path}:{line}: verdict: the record gives {old}") for p in problems)


def test_a_date_claim_on_a_later_day_of_a_battle_is_imprecise(data):
    battle = data.events.loc["tinzaouaten-battle"]
    claim = pd.Series(
        {
            "event_ids": ("tinzaouaten-battle",),
            "claimed_date": battle["date_start"] + pd.Timedelta(days=1),
            "claimed_weekday": pd.NA,
        }
    )
    assert claims.date_verdict(data, claim)[0] == "imprecise"
    first_day = claim.copy()
    first_day["claimed_date"] = battle["date_start"]
    assert claims.date_verdict(data, first_day)[0] == "correct"


def test_the_verdicts_are_published_as_claim_reviews(data):
    reviews = press.claim_reviews(data, "claims.html", "2026-06-01")
    assert len(reviews) == len(data.claims)
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"]["name"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["itemReviewed"]["datePublished"])
        assert review["reviewRating"]["alternateName"] in {
            "Correct",
            "Imprecise",
            "Misleading",
            "Incorrect",
            "Unproven",
        }


@pytest.mark.slow
def test_the_built_page_carries_parseable_claim_reviews(built_book, data):
    html = (built_book / "chapters" / "claims.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    reviews = json.loads(scripts[0].replace("<\\/", "</"))
    assert {r["url"].split("#claim-")[1] for r in reviews} == set(data.claims.index)
    for claim_id in data.claims.index:
        assert f'id="claim-{claim_id}"' in html


def test_the_figure_keeps_the_claimants_checked_most():
    table = pd.DataFrame(
        {"Correct": [5, 1, 0], "Incorrect": [1, 1, 1]}, index=["Outlet A", "Outlet B", "Outlet C"]
    )
    assert list(press.frequent(table, min_claims=2).index) == ["Outlet A", "Outlet B"]


def test_verdict_colours_run_from_best_to_worst_with_open_verdicts_grey(data):
    from sahel.figures.style import BLOC_COLOURS, verdict_colours

    labels = list(press.tally(data, "side_label").columns)
    colours = verdict_colours(labels, press.open_verdicts(data))
    assert colours["Unproven"] == BLOC_COLOURS["other"]
    assert len(set(colours.values())) == len(labels)


def test_every_verdict_is_defined_in_the_schema(data):
    verdict = data.package.resource("claims").field("verdict")
    definitions = verdict.constraints["x-definitions"]
    assert set(definitions) == set(verdict.enum)
    assert all(definitions[v].strip() for v in verdict.enum)
