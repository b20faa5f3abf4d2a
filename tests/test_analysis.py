"""The chapters' computations, checked against the rows they are derived from."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import text, ukraine, withdrawals
from sahel.events import days


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_presence_intervals_come_from_their_opening_and_closing_events(data):
    frame = withdrawals.presences(data).set_index("deployment_id")
    for dep in data.deployments.itertuples():
        assert frame.at[dep.deployment_id, "start"] == data.events.at[dep.opened_by, "date_start"]
        if pd.notna(dep.closed_by):
            assert frame.at[dep.deployment_id, "end"] == data.events.at[dep.closed_by, "date_start"]
        elif pd.notna(dep.end_undated):
            # Ended on a day no source dates: drawn to the last event that names it.
            named = withdrawals.steps(data, dep.deployment_id)["date_start"].max()
            assert frame.at[dep.deployment_id, "end"] == named
            assert not frame.at[dep.deployment_id, "ongoing"]
        else:
            assert frame.at[dep.deployment_id, "ongoing"]


def test_departure_lags_are_the_days_between_their_steps(data):
    frame = withdrawals.departures(data)
    assert len(frame) >= 10
    assert "russia" not in set(frame["bloc"])
    # A presence whose end no source dates has no completion (NaT); the others ended since.
    assert (frame["completed"].dropna() >= withdrawals.break_start(data)).all()
    with_demand = frame.dropna(subset=["days_to_completion"])
    for row in with_demand.itertuples():
        assert row.days_to_completion == days(row.demand, row.completed)
        assert row.days_to_completion >= 0


def test_every_handover_belongs_to_a_presence(data):
    assert withdrawals.handovers(data)["deployment"].notna().all()


def test_ruptures_follow_the_first_ukrainian_statement(data):
    ruptures = ukraine.ruptures(data).set_index("country")
    assert set(ruptures.index) == {"MLI", "NER"}
    first = ukraine.ukrainian_statements(data).iloc[0]["date_start"]
    assert (ruptures["date_start"] > first).all()
    assert (ruptures["days_after_statement"] > 0).all()


def test_relations_change_only_where_the_events_say(data):
    before = ukraine.relations(data, "2024-07-24").set_index(["state", "partner"])["status"]
    after = ukraine.relations(data, "2024-08-31").set_index(["state", "partner"])["status"]
    assert before[("MLI", "ukraine")] == "no recorded break"
    assert after[("MLI", "ukraine")] == after[("NER", "ukraine")] == "relations severed"
    assert after[("BFA", "ukraine")] == before[("BFA", "ukraine")]


def test_toll_claims_are_all_attributed(data):
    claims = ukraine.toll_claims(data)
    assert len(claims) >= 10
    assert claims["claimant_name"].notna().all()


def test_citations_link_each_event_to_its_record_entry(data):
    cited = text.cite(data, "mli-ukr-rupture", "ner-ukr-rupture")
    for event_id in ("mli-ukr-rupture", "ner-ukr-rupture"):
        event = data.events.loc[event_id]
        assert f"({sahel.record.href(event_id, event['date_start'])})" in cited
        assert f"[{text.plural(len(event['source_ids']), 'source')}]" in cited


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2024-08-04", "day", "4 August 2024"),
        ("2024-08-01", "month", "August 2024"),
        ("2009-01-01", "year", "2009"),
        (pd.NaT, "day", ""),
    ],
)
def test_dates_are_written_as_the_prose_writes_them(value, precision, expected):
    assert text.fmt_date(value, precision) == expected


def test_the_strengths_compare_like_with_like(data):
    strengths = withdrawals.strengths(data)
    assert (strengths["measure"] == "personnel_deployed").all()
    assert (strengths["scope"] == "presence").all()
    others = data.figures[data.figures["measure"] == "personnel_deployed"]
    assert set(others["scope"]) - {"presence"}, "country, regional and base claims exist"
    assert not set(others[others["scope"] != "presence"].index) & set(strengths.index)


def test_a_presence_whose_end_is_undated_has_no_completion(data):
    frame = withdrawals.presences(data)
    undated = frame[~frame["ongoing"] & ~frame["end_known"]]
    assert len(undated) >= 1
    departures = withdrawals.departures(data).set_index("deployment_id")
    for dep in undated["deployment_id"]:
        if dep in departures.index:
            assert pd.isna(departures.at[dep, "completed"])
            assert pd.isna(departures.at[dep, "days_to_completion"])


def test_toll_claims_sit_together_by_claimant(data):
    claims = ukraine.toll_claims(data)
    for _, rows in claims.groupby("subject"):
        order = list(rows["claimant_name"])
        assert order == sorted(order)


def test_stated_reasons_belong_to_the_themes_asked_for(data):
    reasons = sahel.events.stated_reasons(data, ["ukraine"])
    assert len(reasons) >= 2
    assert set(reasons["side"]) == {"host", "partner"}
    themes = reasons["event_id"].map(data.events["themes"])
    assert themes.map(lambda t: "ukraine" in t).all()
