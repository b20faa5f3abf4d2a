"""The chapters' computations, checked against the rows they are derived from."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import text
from sahel.events import in_time_order, stated_reasons


@pytest.fixture(scope="module")
def data():
    return sahel.load()


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


def test_stated_reasons_belong_to_the_ruptures_asked_for(data):
    ruptures = data.events.loc[["mli-ukr-rupture", "ner-ukr-rupture"]]
    reasons = stated_reasons(data, ruptures)
    assert len(reasons) >= 2
    assert set(reasons["side"]) == {"host", "partner"}
    assert set(reasons["event_id"]) == set(ruptures["event_id"])
    assert reasons["date_start"].is_monotonic_increasing


def test_an_event_known_to_its_month_comes_after_that_months_dated_events():
    events = pd.DataFrame(
        {
            "event_id": ["released", "arrested", "next-month"],
            "date_start": pd.to_datetime(["2025-10-01", "2025-10-07", "2025-11-02"]),
            "date_precision": ["month", "day", "day"],
        }
    )
    assert list(in_time_order(events)["event_id"]) == ["arrested", "released", "next-month"]
