"""The chapters' computations, checked against the rows they are derived from."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import alliance, text, withdrawals
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


def test_the_path_runs_from_the_first_coup_to_the_effective_exit(data):
    steps = alliance.path(data)
    assert steps.iloc[0]["event_type"] == "coup"
    assert steps.iloc[-1]["event_id"] == "aes-ecowas-exit-effective"
    assert (steps["days_since_previous"].dropna() >= 0).all()


def test_membership_counts_stay_between_none_and_all_three(data):
    frame = alliance.membership(data)
    assert frame["members"].between(0, 3).all()
    ecowas = frame[frame["organisation"] == "ecowas"]
    assert ecowas["members"].iloc[0] == 3 and ecowas["members"].iloc[-1] == 0
    assert ecowas["members"].is_monotonic_decreasing


def test_acts_per_quarter_count_the_alliances_own_acts_once(data):
    acts = alliance.alliance_acts(data)
    own = acts[acts["by"] == alliance.BY_ALLIANCE]
    assert alliance.acts(data).to_numpy().sum() == len(own)
    charter = data.events.at["aes-liptako-gourma-charter-signed", "date_start"]
    assert (acts["date_start"] >= charter).all()
    assert acts["actor"].isin(alliance.SAHEL_ACTORS).all()
    # A step several members took on the same day towards the same party is one act.
    same = ["date_start", "event_type", "target", "domain"]
    assert not acts.duplicated(subset=same).any()
    assert (acts.loc[acts["by"] != alliance.BY_ALLIANCE, "actor"] != "aes").all()


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


def test_stated_reasons_belong_to_the_themes_asked_for(data):
    reasons = sahel.events.stated_reasons(data, ["ukraine"])
    assert len(reasons) >= 2
    assert set(reasons["side"]) == {"host", "partner"}
    themes = reasons["event_id"].map(data.events["themes"])
    assert themes.map(lambda t: "ukraine" in t).all()
