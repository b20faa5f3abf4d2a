"""The context sections' frames: why the partners were there, and the security context."""

from __future__ import annotations

import re

import pytest

import sahel
from sahel import context
from sahel.names import HOSTS


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_every_presence_is_opened_once_by_its_opening_event(data):
    frame = context.openings(data)
    assert sorted(frame["deployment_id"]) == sorted(data.deployments["deployment_id"])
    opened_by = data.deployments.set_index("deployment_id")["opened_by"]
    assert (frame["event_id"] == frame["deployment_id"].map(opened_by)).all()
    assert frame["date_start"].is_monotonic_increasing


def test_the_security_context_is_the_attacks_and_battles_in_the_three_states(data):
    events = context.security_events(data)
    violence = data.package.resource("events").field("event_type").roles["violence"]
    assert len(events) > 0
    assert events["country"].isin(HOSTS).all()
    assert events["event_type"].isin(violence).all()
    others = data.events.drop(events.index)
    assert not (others["event_type"].isin(violence) & others["country"].isin(HOSTS)).any()
    assert "tinzaouaten-battle" in set(events.index)
    only_mali = context.security_events(data, countries=("MLI",))
    assert set(only_mali["country"]) == {"MLI"}


@pytest.mark.parametrize("table", ["openings", "security"])
def test_context_tables_read_as_words_with_links_to_the_record(data, table):
    frame = context.openings(data) if table == "openings" else context.security_events(data)
    shown = getattr(context, f"table_{table}")(data, frame)
    assert len(shown) == len(frame)
    assert not any("_" in column for column in shown.columns)
    first = shown.iloc[0]
    assert re.fullmatch(r'<a href="record-\d{4}\.html#[a-z0-9-]+">.+</a>', first.iloc[0])
    assert shown.iloc[:, -1].str.contains(r">\d+ sources?</a>").all()
