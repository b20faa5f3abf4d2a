"""The withdrawals page: its frames checked against the rows they are derived from, on the real
data and on a small record built by hand, and the tables a reader sees."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

import sahel
from sahel import withdrawals
from sahel.events import days, types


@pytest.fixture(scope="module")
def data():
    return sahel.load()


# A small record built by hand: France leaves Mali (demand, announcement a day earlier, start,
# one base handed over at a place with coordinates and one at a place without, last troops
# out); Russia arrives and stays; an earlier presence ended before the coup.
EVENTS = [
    # event_id, date, type, actor, target, deployments, place
    ("coup", "2020-08-18", "coup", "mli-army", None, (), None),
    ("a-open", "2014-08-01", "deployment_opened", "fra", None, ("dep-a",), None),
    ("a-demand", "2022-02-18", "demand_withdrawal", "mli-gov", "fra", ("dep-a",), None),
    ("a-announced", "2022-02-17", "withdrawal_announced", "fra", None, ("dep-a",), None),
    ("a-started", "2022-03-01", "withdrawal_started", "fra", None, ("dep-a",), None),
    ("a-gossi", "2022-04-19", "base_handover", "fra", "mli-army", ("dep-a",), "gossi"),
    ("a-gao", "2022-08-14", "base_handover", "fra", "mli-army", ("dep-a",), "gao"),
    ("a-done", "2022-08-15", "withdrawal_completed", "fra", None, ("dep-a",), None),
    ("r-open", "2021-12-01", "troop_arrival", "rus", None, ("dep-r",), None),
    ("old-open", "2013-01-11", "deployment_opened", "fra", None, ("dep-old",), None),
    ("old-done", "2014-07-15", "withdrawal_completed", "fra", None, ("dep-old",), None),
    ("last", "2024-01-01", "statement", "mli-gov", None, (), None),
]
DEPLOYMENTS = [
    # deployment_id, name, sponsor, opened_by, closed_by
    ("dep-a", "Operation A (in Mali)", "fra", "a-open", "a-done"),
    ("dep-r", "Russian instructors", "rus", "r-open", None),
    ("dep-old", "Operation Old", "fra", "old-open", "old-done"),
]


def _indexed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(frame.columns[0], drop=False).rename_axis(None)


@pytest.fixture(scope="module")
def small(data):
    """The real schema with a record of a dozen rows."""
    events = pd.DataFrame(
        [
            {
                "event_id": e,
                "date_start": pd.Timestamp(d),
                "date_end": pd.NaT,
                "date_precision": "day",
                "country": "MLI",
                "actor": actor,
                "target": target,
                "event_type": kind,
                "deployment_ids": deps,
                "place_id": place,
                "summary": e,
                "source_ids": ("s1",),
            }
            for e, d, kind, actor, target, deps, place in EVENTS
        ]
    )
    deployments = pd.DataFrame(
        [
            {
                "deployment_id": d,
                "name": name,
                "sponsor": sponsor,
                "host_country": "MLI",
                "opened_by": opened,
                "closed_by": closed,
                "end_undated": pd.NA,
            }
            for d, name, sponsor, opened, closed in DEPLOYMENTS
        ]
    )
    actors = pd.DataFrame(
        {
            "actor_id": ["fra", "rus", "mli-gov", "mli-army"],
            "name": ["France", "Russia", "Government of Mali", "Malian Armed Forces"],
            "bloc": ["france", "russia", "aes", "aes"],
        }
    )
    places = pd.DataFrame(
        {
            "place_id": ["gao", "gossi"],
            "name": ["Gao", "Gossi"],
            "latitude": [16.27, None],
            "longitude": [-0.04, None],
        }
    )
    return dataclasses.replace(
        data,
        events=_indexed(events),
        deployments=_indexed(deployments),
        actors=_indexed(actors),
        places=_indexed(places),
    )


# The frames, on the small record.


def test_a_presence_runs_from_its_opening_to_its_closing_event(small):
    frame = withdrawals.presences(small).set_index("deployment_id")
    assert frame.at["dep-a", "start"] == pd.Timestamp("2014-08-01")
    assert frame.at["dep-a", "end"] == pd.Timestamp("2022-08-15")
    assert frame.at["dep-a", "end_known"] and not frame.at["dep-a", "ongoing"]
    assert frame.at["dep-a", "short_name"] == "Operation A"
    # A presence no event closes continues to the last event recorded.
    assert frame.at["dep-r", "ongoing"]
    assert frame.at["dep-r", "end"] == pd.Timestamp("2024-01-01")


def test_a_departure_is_measured_from_the_hosts_demand(small):
    frame = withdrawals.departures(small)
    # Russia's presence continues and the older one ended before the coup: neither departed.
    assert list(frame["deployment_id"]) == ["dep-a"]
    row = frame.iloc[0]
    assert row["demand_id"] == "a-demand"
    assert row["announced_id"] == "a-announced"
    assert row["started_id"] == "a-started"
    assert row["completed_id"] == "a-done"
    assert row["days_to_announcement"] == -1  # announced the day before the demand
    assert row["days_to_completion"] == 178
    assert row["handovers"] == 2
    assert set(row["event_ids"]) == {
        "a-demand",
        "a-announced",
        "a-started",
        "a-done",
        "a-gossi",
        "a-gao",
    }


def test_the_lags_keep_departures_with_a_demand_and_an_end_shortest_first():
    departures = pd.DataFrame(
        {
            "short_name": ["Slow", "No demand", "Fast", "Also fast"],
            "days_to_completion": pd.array([200, None, 30, 30], dtype="Int64"),
        }
    )
    lags = withdrawals.lags(departures)
    assert list(lags["short_name"]) == ["Also fast", "Fast", "Slow"]
    assert withdrawals.median_lag(lags) == 30


def test_handovers_are_grouped_by_place_and_side_and_the_unmapped_named(small):
    handovers = withdrawals.handovers(small)
    assert list(handovers["event_id"]) == ["a-gossi", "a-gao"]
    sites = withdrawals.handover_sites(handovers)
    assert list(sites["place"]) == ["Gao"]
    assert sites.iloc[0]["handovers"] == 1
    assert list(withdrawals.unmapped(handovers)["place"]) == ["Gossi"]
    assert withdrawals.map_note(handovers) == (
        "1 handover is not drawn, because the book's gazetteer does not list its place: "
        "Gossi (Operation A)."
    )
    assert withdrawals.map_note(handovers.iloc[1:]) == "Every handover is drawn."


def test_two_handovers_at_one_place_by_one_side_make_one_larger_site():
    handovers = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e3"],
            "date_start": pd.to_datetime(["2023-01-01", "2022-01-01", "2023-06-01"]),
            "place_id": ["kidal", "kidal", "kidal"],
            "place": ["Kidal"] * 3,
            "bloc": ["un", "france", "un"],
            "latitude": [18.4] * 3,
            "longitude": [1.4] * 3,
        }
    )
    sites = withdrawals.handover_sites(handovers)
    assert list(sites["bloc"]) == ["france", "un"]  # in order of the first handover
    assert list(sites["handovers"]) == [1, 2]


def test_only_presences_with_enough_claims_get_a_panel():
    n = withdrawals.MIN_STRENGTH_CLAIMS
    strengths = pd.DataFrame(
        {
            "deployment_id": ["late"] * n + ["few"] * (n - 1) + ["early"] * n,
            "date": pd.to_datetime(
                ["2023-01-01"] * n + ["2013-01-01"] * (n - 1) + ["2014-01-01"] * n
            ),
        }
    )
    charted = withdrawals.charted_strengths(strengths)
    assert list(dict.fromkeys(charted["deployment_id"])) == ["early", "late"]


# The frames, on the real data.


def test_each_deployment_names_its_events_in_date_order(data):
    named = withdrawals.named_events(data)
    for deployment_id, event_ids in named.items():
        events = data.events.loc[event_ids]
        assert events["deployment_ids"].map(lambda ids, d=deployment_id: d in ids).all()
        assert events["date_start"].is_monotonic_increasing
    assert sum(map(len, named.values())) == data.events["deployment_ids"].map(len).sum()


def test_presence_intervals_come_from_their_opening_and_closing_events(data):
    frame = withdrawals.presences(data).set_index("deployment_id")
    for dep in data.deployments.itertuples():
        assert frame.at[dep.deployment_id, "start"] == data.events.at[dep.opened_by, "date_start"]
        if pd.notna(dep.closed_by):
            assert frame.at[dep.deployment_id, "end"] == data.events.at[dep.closed_by, "date_start"]
        elif pd.notna(dep.end_undated):
            # Ended on a day no source dates: drawn to the last event that names it.
            naming = data.events["deployment_ids"].map(lambda ids, d=dep.deployment_id: d in ids)
            named = data.events.loc[naming, "date_start"].max()
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
    for row in withdrawals.lags(frame).itertuples():
        assert row.days_to_completion == days(row.demand, row.completed)
        assert row.days_to_completion >= 0
    events = data.events.set_index("event_id")["event_type"]
    for step, role in (("demand", "demand"), ("announced", "announcement")):
        assert frame[f"{step}_id"].dropna().map(events).isin(types(data, role)).all()


def test_a_presence_whose_end_is_undated_has_no_completion(data):
    frame = withdrawals.presences(data)
    undated = frame[~frame["ongoing"] & ~frame["end_known"]]
    assert len(undated) >= 1
    departures = withdrawals.departures(data).set_index("deployment_id")
    for dep in undated["deployment_id"]:
        if dep in departures.index:
            assert pd.isna(departures.at[dep, "completed"])
            assert pd.isna(departures.at[dep, "days_to_completion"])


def test_every_handover_belongs_to_a_presence_and_every_one_is_drawn_or_named(data):
    handovers = withdrawals.handovers(data)
    assert handovers["deployment"].notna().all()
    drawn = withdrawals.handover_sites(handovers)["handovers"].sum()
    assert drawn + len(withdrawals.unmapped(handovers)) == len(handovers)
    for place in withdrawals.unmapped(handovers)["place"]:
        assert place in withdrawals.map_note(handovers)


def test_the_strengths_compare_like_with_like(data):
    strengths = withdrawals.strengths(data)
    assert (strengths["measure"] == "personnel_deployed").all()
    assert (strengths["scope"] == "presence").all()
    others = data.figures[data.figures["measure"] == "personnel_deployed"]
    assert set(others["scope"]) - {"presence"}, "country, regional and base claims exist"
    assert not set(others[others["scope"] != "presence"].index) & set(strengths.index)
    charted = withdrawals.charted_strengths(strengths)
    assert charted["deployment_id"].value_counts().min() >= withdrawals.MIN_STRENGTH_CLAIMS


# The reader's tables.

HEADING = re.compile(r"[A-Z][a-z']*( [A-Za-z']+)*")


def _readable(table: pd.DataFrame) -> None:
    """Headings in words (no snake_case codes), and no cell a bare code."""
    for heading in table.columns:
        assert HEADING.fullmatch(heading), heading
    for column in table.columns:
        cells = table[column].dropna().astype(str)
        assert not cells.str.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+").any(), column


def test_the_presences_table_has_a_row_per_presence(data):
    presence = withdrawals.presences(data)
    table = withdrawals.table_presences(data, presence)
    _readable(table)
    assert list(table.columns) == ["Host", "Presence", "Sent by", "From", "Until"]
    assert len(table) == len(presence) == len(data.deployments)
    assert table["From"].str.contains("<a href").all()
    assert set(table.loc[presence["ongoing"].to_numpy(), "Until"]) == {"continues"}


def test_the_departures_table_has_a_row_per_departure(data):
    departures = withdrawals.departures(data)
    table = withdrawals.table_departures(data, departures)
    _readable(table)
    assert len(table) == len(departures)
    assert table["Presence"].is_unique
    steps = list(withdrawals.STEP_HEADINGS.values())
    for step, heading in zip(withdrawals.STEPS, steps, strict=True):
        linked = table[heading].str.contains("<a href")
        assert (linked == departures[f"{step}_id"].notna().to_numpy()).all()


def test_the_handovers_table_has_a_row_per_handover(data):
    handovers = withdrawals.handovers(data)
    table = withdrawals.table_handovers(data, handovers)
    _readable(table)
    assert len(table) == len(handovers)
    assert table["Sources"].str.fullmatch(r'<a href="[^"]+">\d+ sources?</a>').all()


def test_the_strengths_table_has_a_row_per_claim(data):
    strengths = withdrawals.strengths(data)
    table = withdrawals.table_strengths(data, strengths)
    _readable(table)
    assert len(table) == len(strengths)
    assert table["Claimant"].notna().all()


def test_a_derived_frame_is_computed_once_and_each_caller_gets_a_copy(data):
    first = withdrawals.departures(data)
    first["name"] = "changed by a caller"
    first.loc[first.index[0], "short_name"] = "changed in place"
    first.iloc[1, first.columns.get_loc("host")] = "changed in place"
    again = withdrawals.departures(data)
    assert (again["name"] != "changed by a caller").all()
    assert "changed in place" not in set(again["short_name"]) | set(again["host"])
    fewer = dataclasses.replace(data, deployments=data.deployments.iloc[:3])
    assert len(withdrawals.presences(fewer)) == 3
