"""The record keeps the editorial rules: sourced rows, no orphan sources, derived intervals that
hold together, the whole span covered (the grading rules are in test_evidence)."""

from __future__ import annotations

import pandas as pd
import pytest

import sahel
from sahel import codebook, names
from sahel.figures import style


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_the_record_covers_every_year_from_2013_with_at_least_eight_events(data):
    assert len(data.events) >= 450
    per_year = data.events["date_start"].dt.year.value_counts()
    last = int(per_year.index.max())
    assert last >= 2026
    assert {
        y: int(per_year.get(y, 0)) for y in range(2013, last + 1) if per_year.get(y, 0) < 8
    } == {}


def test_every_presence_named_by_an_event_exists_and_its_ends_name_it(data):
    named = {d for ids in data.events["deployment_ids"] for d in ids}
    assert named <= set(data.deployments["deployment_id"])
    for dep in data.deployments.itertuples():
        assert dep.deployment_id in data.events.at[dep.opened_by, "deployment_ids"]


def test_every_partner_with_forces_on_the_ground_has_a_presence(data):
    sponsors = set(data.deployments["sponsor"].map(data.actors["bloc"]))
    partners = {"france", "un", "eu", "united_states", "germany", "italy", "united_kingdom"}
    assert partners | {"russia", "other_europe"} <= sponsors


def test_every_event_cites_a_source(data):
    assert (data.events["source_ids"].map(len) >= 1).all()


def test_every_source_is_cited(data):
    cited = {s for ids in data.events["source_ids"] for s in ids}
    cited |= set(data.figures["source_id"]) | set(data.reasons["source_id"])
    cited |= set(data.claims["source_id"])
    assert set(data.sources["source_id"]) - cited == set()


def test_every_theme_is_covered(data):
    themes = data.events["themes"].explode().value_counts()
    enum = data.package.resource("events").field("themes").enum
    assert {t: themes.get(t, 0) for t in enum if themes.get(t, 0) < 20} == {}


def test_the_palette_colours_every_bloc_of_the_schema(data):
    blocs = data.package.resource("actors").field("bloc").enum
    assert set(blocs) <= set(style.BLOC_COLOURS)
    assert set(blocs) <= set(names.BLOC_LABELS)


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


@pytest.mark.parametrize(
    ("resource", "field"),
    [("events", "event_type"), ("sources", "kind"), ("claims", "verdict")],
)
def test_every_allowed_value_has_a_label_and_a_role(data, resource, field):
    """The vocabulary lives in the schema alone: a new value without words or a part in the book
    fails here, not as a blank cell or a KeyError in a chapter."""
    spec = data.package.resource(resource).field(field)
    assert set(spec.labels) == set(spec.enum)
    assert all(spec.labels[value].strip() for value in spec.enum)
    in_a_role = set().union(*spec.roles.values())
    assert set(spec.enum) <= in_a_role, f"without a role: {set(spec.enum) - in_a_role}"
    assert in_a_role <= set(spec.enum), f"roles name unknown values: {in_a_role - set(spec.enum)}"
    assert set(spec.role_labels) == set(spec.roles)


def test_events_per_year_count_each_theme_of_an_event_once(data):
    counts = codebook.events_per_year(data)
    themes = data.package.resource("events").field("themes")
    assert list(counts.columns) == [themes.labels[t] for t in themes.enum]
    assert counts.to_numpy().sum() == data.events["themes"].map(len).sum()


def test_strength_order_follows_the_schema_with_party_media_after_state_media(data):
    order = codebook.strength_order(data)
    assert order[:2] == ["primary", "wire"]
    assert order.index("party_media") == order.index("state_media") + 1
    assert "rehost" not in order
