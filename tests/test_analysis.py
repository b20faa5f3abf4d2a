"""The chapters' computations, checked against the rows they are derived from."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import alliance, text


@pytest.fixture(scope="module")
def data():
    return sahel.load()


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




def test_stated_reasons_belong_to_the_themes_asked_for(data):
    reasons = sahel.events.stated_reasons(data, ["ukraine"])
    assert len(reasons) >= 2
    assert set(reasons["side"]) == {"host", "partner"}
    themes = reasons["event_id"].map(data.events["themes"])
    assert themes.map(lambda t: "ukraine" in t).all()
