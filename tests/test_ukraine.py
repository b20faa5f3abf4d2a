"""The Ukraine page: its frames on the real data and on small hand-made ones, its reader tables,
and its figures (drawn from the frames, readable on a phone)."""

from __future__ import annotations

import dataclasses

import matplotlib
import pandas as pd
import pytest

import sahel
from sahel import ukraine
from sahel.events import types

matplotlib.use("Agg")

from sahel.figures import plots  # noqa: E402
from sahel.figures import ukraine as draw  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return sahel.load()


@pytest.fixture(scope="module")
def change(data):
    before = ukraine.battle(data)["date_start"] - pd.Timedelta(days=1)
    return ukraine.relations_before_after(data, before, ukraine.WINDOW_END)


# Small hand-made records: one Sahel state's government, its protesters, and two partners.
ACTORS = pd.DataFrame(
    [
        ("mli-gov", "Government of Mali", "government", "MLI", "aes"),
        ("mli-crowd", "Protesters in Bamako", "population", "MLI", "other"),
        ("ukr-gov", "Government of Ukraine", "government", "UKR", "ukraine"),
        ("fra-forces", "French armed forces", "armed_forces", "FRA", "france"),
    ],
    columns=["actor_id", "name", "kind", "country", "bloc"],
).set_index("actor_id", drop=False)
ACTORS.index.name = None


def hand_made(data, *rows) -> sahel.Dataset:
    """The real schema with these events (id, date, actor, target, country, type) and ACTORS."""
    columns = ["event_id", "date_start", "actor", "target", "country", "event_type"]
    events = pd.DataFrame(list(rows), columns=columns).astype({"date_start": "datetime64[ns]"})
    events = events.set_index("event_id", drop=False).rename_axis(None)
    return dataclasses.replace(data, events=events, actors=ACTORS)


def pair(data, at, state="MLI", partner="france") -> pd.Series:
    frame = ukraine.relations(data, at).set_index(["state", "partner"])
    return frame.loc[(state, partner)]


def test_among_equally_deep_marks_the_latest_wins(data):
    small = hand_made(
        data,
        ("arrived", "2020-01-01", "fra-forces", None, "MLI", "troop_arrival"),
        ("left-early", "2021-01-01", "fra-forces", None, "MLI", "withdrawal_completed"),
        ("left-late", "2022-01-01", "fra-forces", None, "MLI", "withdrawal_completed"),
    )
    assert pair(small, "2021-06-01")["event_id"] == "left-early"
    latest = pair(small, "2023-01-01")
    assert latest["event_id"] == "left-late"
    assert latest["since"] == pd.Timestamp("2022-01-01")
    assert latest["status"] == ukraine.relation_scale(data)[latest["level"]]


def test_a_deeper_mark_outlasts_a_later_milder_one(data):
    small = hand_made(
        data,
        ("severed", "2020-01-01", "mli-gov", "ukr-gov", "MLI", "diplomatic_rupture"),
        ("summons", "2021-01-01", "mli-gov", "ukr-gov", "MLI", "diplomatic_measure"),
    )
    row = pair(small, "2022-01-01", partner="ukraine")
    assert row["event_id"] == "severed"
    assert row["level"] == len(ukraine.RELATION_SCALE)


def test_only_the_state_and_the_partner_mark_their_relations(data):
    small = hand_made(
        data,
        ("protest", "2020-01-01", "mli-crowd", "fra-forces", "MLI", "demand_withdrawal"),
        ("statement", "2020-02-01", "mli-gov", "fra-forces", "MLI", "statement"),
    )
    row = pair(small, "2021-01-01")
    assert row["level"] == 0 and row["status"] == ukraine.NO_BREAK
    assert pd.isna(row["event_id"]) and pd.isna(row["since"])
    # A mark after the date does not count yet.
    later = hand_made(
        data, ("demand", "2022-01-01", "mli-gov", "fra-forces", "MLI", "demand_withdrawal")
    )
    assert pair(later, "2021-01-01")["level"] == 0
    assert pair(later, "2022-01-01")["event_id"] == "demand"


def test_every_relation_effect_sits_on_one_level_of_the_schema_scale(data):
    levels = ukraine.relation_levels(data)
    roles = data.package.resource("events").field("event_type").roles
    assert set(levels) == {t for role in ukraine.RELATION_SCALE for t in roles[role]}
    assert sorted(set(levels.values())) == list(range(1, len(ukraine.RELATION_SCALE) + 1))
    assert len(ukraine.relation_scale(data)) == len(ukraine.RELATION_SCALE) + 1


def test_a_type_on_two_levels_is_refused(data, monkeypatch):
    monkeypatch.setattr(ukraine, "types", lambda data, role: ["diplomatic_measure"])
    with pytest.raises(ValueError, match="two levels"):
        ukraine.relation_levels(data)


def test_ruptures_follow_the_first_ukrainian_statement(data):
    ruptures = ukraine.ruptures(data).set_index("country")
    assert set(ruptures.index) == {"MLI", "NER"}
    first = ukraine.ukrainian_statements(data).iloc[0]["date_start"]
    assert (ruptures["statement_date"] == first).all()
    assert (ruptures["date_start"] > first).all()
    assert (ruptures["days_after_statement"] > 0).all()


def test_reactions_come_after_the_first_statement_from_others(data):
    reactions = ukraine.reactions(data)
    first = ukraine.ukrainian_statements(data).iloc[0]["date_start"]
    allowed = {t for role in ukraine.REACTION_ROLES for t in types(data, role)}
    assert len(reactions) >= 5
    assert set(reactions["event_type"]) <= allowed
    assert (reactions["date_start"] >= first).all()
    assert (reactions["bloc"] != "ukraine").all()
    assert set(ukraine.ruptures(data)["event_id"]) <= set(reactions["event_id"])


def test_relations_change_only_where_the_events_say(data, change):
    frame = change.set_index(["state", "partner"])
    severed = ukraine.relation_scale(data)[-1]
    assert frame.loc[("MLI", "ukraine"), "status_before"] == ukraine.NO_BREAK
    assert frame.loc[("MLI", "ukraine"), "status_after"] == severed
    assert frame.loc[("NER", "ukraine"), "status_after"] == severed
    assert set(frame.index[frame["changed"]]) == {("MLI", "ukraine"), ("NER", "ukraine")}
    assert (frame["changed"] == (frame["level_before"] != frame["level_after"])).all()
    assert len(change) == len(ukraine.STATES) * len(ukraine.PARTNERS)
    assert ukraine.changes_in_words(change) == f"Mali–Ukraine and Niger–Ukraine (to {severed})"


def test_changes_in_words_says_when_nothing_changed(change):
    assert ukraine.changes_in_words(change.assign(changed=False)) == "no pair"


def test_toll_claims_count_the_measures_of_the_toll_role_and_are_attributed(data):
    claims = ukraine.toll_claims(data)
    toll = data.package.resource("figures").field("measure").roles["toll"]
    assert len(claims) >= 10
    assert set(claims["measure"]) <= set(toll)
    assert claims["claimant_name"].notna().all()
    assert claims["measure_label"].notna().all()
    # Grouped by claimant within each subject.
    for _, rows in claims.groupby("subject"):
        order = list(rows["claimant_name"])
        assert order == sorted(order)


def test_a_claim_of_another_measure_is_not_part_of_the_toll(data):
    wounded = data.figures.iloc[[0]].assign(event_id=ukraine.BATTLE, measure="wounded")
    small = dataclasses.replace(data, figures=pd.concat([data.figures, wounded]))
    assert len(ukraine.toll_claims(small)) == len(ukraine.toll_claims(data))


def test_table_day_by_day(data):
    events = ukraine.window(data)
    table = ukraine.table_day_by_day(data, events)
    assert list(table.columns) == ["Date", "Actor", "Event", "What happened", "Sources"]
    assert len(table) == len(events)
    assert table["Date"].str.startswith("<a href=").all()
    assert table["Event"].notna().all()


def test_table_reactions(data):
    reactions = ukraine.reactions(data)
    table = ukraine.table_reactions(data, reactions)
    assert list(table.columns) == ["Date", "Actor", "What was said or done", "Sources"]
    assert len(table) == len(reactions)
    assert table["Sources"].str.contains("source").all()


def test_table_toll(data):
    claims = ukraine.toll_claims(data)
    table = ukraine.table_toll(data, claims)
    assert {"About", "Counted", "Number", "Claimant", "Reported by"} <= set(table.columns)
    assert len(table) == len(claims)
    assert set(table["Counted"]) == set(claims["measure_label"])


def test_table_relations(data, change):
    table = ukraine.table_relations(data, change)
    assert list(table.columns) == [
        "State",
        "Partner",
        "On 24 July 2024",
        "On 31 August 2024",
        "Change",
        "Rests on",
    ]
    assert len(table) == len(change)
    assert (table["Change"] == "changed").sum() == change["changed"].sum()
    marked = change["event_id_after"].notna().to_numpy()
    assert table.loc[marked, "Rests on"].str.contains("<a href=").all()
    assert (table.loc[~marked, "Rests on"] == "").all()


def _check(fig) -> None:
    assert fig.get_figwidth() == pytest.approx(plots.WIDTH)
    assert plots.too_small(fig) == []
    matplotlib.pyplot.close(fig)


def test_the_figures_fit_a_phone(data, change):
    sahel.figures.style.use()
    events, ruptures = ukraine.window(data), ukraine.ruptures(data)
    fig = draw.plot_day_by_day(events, ruptures)
    lanes = {t.get_text() for t in fig.axes[0].texts}
    assert set(events["actor_name"]) <= lanes
    _check(fig)
    _check(draw.plot_toll(ukraine.toll_claims(data)))
    _check(draw.plot_relations(change, ukraine.relation_scale(data)))


def test_the_relations_figure_refuses_a_scale_it_has_no_colours_for(data, change):
    with pytest.raises(ValueError, match="levels"):
        draw.plot_relations(change, ukraine.relation_scale(data)[:3])
