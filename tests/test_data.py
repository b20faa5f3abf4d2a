"""The record keeps the editorial rules: sourced rows, two publishers for key events, no orphan
sources, derived intervals that hold together."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import codebook, style

# The events a chapter's findings rest on: each needs sources from two different publishers.
KEY_EVENT_TYPES = [
    "coup",
    "battle",
    "treaty_signed",
    "diplomatic_rupture",
    "withdrawal_announced",
    "withdrawal_completed",
    "mandate_ended",
    "membership_exit_announced",
    "membership_exit_effective",
    "organisation_dissolved",
]


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_the_first_round_holds_at_least_150_events(data):
    assert len(data.events) >= 150


def test_every_event_cites_a_source(data):
    assert (data.events["source_ids"].map(len) >= 1).all()


def test_key_events_rest_on_two_publishers(data):
    key = data.events[data.events["event_type"].isin(KEY_EVENT_TYPES)]
    publishers = codebook.publishers_per_event(data).loc[key.index]
    assert key.shape[0] > 20
    assert publishers[publishers < 2].index.tolist() == []


def test_every_source_is_cited(data):
    cited = {s for ids in data.events["source_ids"] for s in ids} | set(data.figures["source_id"])
    assert set(data.sources["source_id"]) - cited == set()


def test_every_theme_is_covered(data):
    themes = data.events["themes"].explode().value_counts()
    enum = data.package.resource("events").field("themes").enum
    assert {t: themes.get(t, 0) for t in enum if themes.get(t, 0) < 20} == {}


def test_the_palette_colours_every_bloc_of_the_schema(data):
    blocs = data.package.resource("actors").field("bloc").enum
    assert set(blocs) <= set(style.BLOC_COLOURS)
    assert set(blocs) <= set(style.BLOC_LABELS)


def test_deployment_intervals_open_before_they_close(data):
    dates = data.events["date_start"]
    closed = data.deployments.dropna(subset=["closed_by"])
    opened, ended = closed["opened_by"].map(dates), closed["closed_by"].map(dates)
    assert (opened <= ended).all()


def test_range_claims_have_their_low_end_first(data):
    assert (data.figures["value_low"] <= data.figures["value_high"]).all()


def test_typed_columns(data):
    assert pd.api.types.is_datetime64_any_dtype(data.events["date_start"])
    assert pd.api.types.is_integer_dtype(data.figures["value_low"])
    assert all(isinstance(v, tuple) for v in data.events["themes"])
    assert data.events.index.equals(pd.Index(data.events["event_id"]))
