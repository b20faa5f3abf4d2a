"""The alliance page's frames, tables and figures: on the real data, and on small hand-made
records whose right answers are known."""

from __future__ import annotations

import dataclasses
import re
from itertools import combinations

import pandas as pd
import pytest

import sahel
from sahel import alliance
from sahel.events import types
from sahel.names import HOSTS

CHARTER = alliance.ORGANISATIONS[alliance.ALLIANCE]
# A database code in reader text: a word joined to another by an underscore.
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def with_events(data, *rows: dict) -> sahel.Dataset:
    """The real actors and schema with a hand-made record: the charter (which dates the
    alliance's acts) and `rows`, each a copy of the charter's row with the fields given."""
    charter = data.events.loc[CHARTER]
    made = [charter.to_dict()]
    for i, fields in enumerate(rows):
        made.append({**charter.to_dict(), "event_id": f"made-{i}", "summary": "made", **fields})
    events = pd.DataFrame(made).astype(data.events.dtypes.to_dict())
    index = pd.Index(events["event_id"].to_numpy(), name=data.events.index.name)
    return dataclasses.replace(data, events=events.set_axis(index))


def day(offset: int) -> pd.Timestamp:
    """A date some days after the charter, for hand-made acts."""
    return pd.Timestamp("2023-09-16") + pd.Timedelta(days=offset)


def reader_text(table: pd.DataFrame) -> str:
    """Everything a reader sees in a table: its headings and cells, links' addresses left out."""
    cells = table.astype(str).to_numpy().ravel()
    return " ".join([*table.columns, *(re.sub(r"<[^>]+>", "", c) for c in cells)])


# The path to the confederation.


def test_the_path_runs_from_the_first_coup_to_the_effective_exit(data):
    steps = alliance.path(data)
    assert steps.iloc[0]["event_type"] in types(data, "regime_change")
    assert steps.iloc[-1]["event_id"] == "aes-ecowas-exit-effective"
    gaps = steps["date_start"].diff().dt.days.iloc[1:]
    assert steps["days_since_previous"].iloc[1:].tolist() == gaps.tolist()
    assert (gaps >= 0).all()
    roles = set(types(data, "regime_change")) | set(types(data, "path_step"))
    assert set(steps["event_type"]) <= roles
    assert set(steps.loc[steps["actor"] == alliance.ALLIANCE, "event_id"]) == {
        "aes-liptako-gourma-charter-signed",
        "aes-ecowas-exit-announced",
        "aes-confederation-treaty-signed",
        "aes-ecowas-exit-effective",
    }


def test_path_steps_are_named_in_words(data):
    steps = alliance.path(data).set_index("event_id")["step"]
    assert steps["mli-coup-2020"] == "coup in Mali"
    assert steps["ner-coup-2023"] == "coup in Niger"
    assert steps["aes-ecowas-exit-announced"] == "exit from ECOWAS announced"
    assert steps["aes-liptako-gourma-charter-signed"] == "Liptako-Gourma Charter signed"
    assert not steps.str.contains(CODE).any()


def test_the_measure_before_a_step_is_an_act_not_words(data):
    step = data.events.loc["aes-ecowas-exit-announced"]
    made = with_events(
        data,
        {"actor": "ecowas", "event_type": "sanction_imposed", "date_start": day(10)},
        {"actor": "ecowas", "event_type": "statement", "date_start": day(20)},
        {"actor": "ecowas", "event_type": "summit", "date_start": step["date_start"]},
    )
    assert alliance.preceding_measure(made, step)["event_id"] == "made-0"


# Membership and exits.


def test_exits_prefer_the_effective_exit_and_count_the_alliance_for_all_three(data):
    ecowas = alliance.exits(data, "ecowas")
    assert sorted(ecowas["state"]) == sorted(HOSTS)
    assert set(ecowas["event_id"]) == {"aes-ecowas-exit-effective"}
    g5 = alliance.exits(data, "g5-sahel").set_index("state")["event_id"]
    assert g5.to_dict() == {
        "MLI": "mli-g5-sahel-exit-announced",
        "BFA": "bfa-g5-sahel-exit-effective",
        "NER": "ner-g5-sahel-exit-effective",
    }


def test_exits_from_a_hand_made_record(data):
    made = with_events(
        data,
        # Mali announces, then its exit takes effect: the effective exit counts.
        {"actor": "mli-gov", "event_type": "membership_exit_announced", "target": "oif"},
        {
            "actor": "mli-gov",
            "event_type": "membership_exit_effective",
            "target": "oif",
            "date_start": day(100),
        },
        # Another state's exit is not the three's.
        {"actor": "tcd-gov", "event_type": "membership_exit_announced", "target": "oif"},
        # The organisation's end counts for the states that had not left.
        {
            "actor": "oif",
            "event_type": "organisation_dissolved",
            "target": "oif",
            "date_start": day(200),
        },
    )
    frame = alliance.exits(made, "oif").set_index("state")["event_id"]
    assert frame.to_dict() == {"MLI": "made-1", "BFA": "made-3", "NER": "made-3"}


def test_membership_counts_stay_between_none_and_all_three(data):
    frame = alliance.membership(data)
    assert frame["members"].between(0, len(HOSTS)).all()
    ecowas = frame[frame["organisation"] == "ecowas"]
    assert ecowas["members"].iloc[0] == 3 and ecowas["members"].iloc[-1] == 0
    assert ecowas["members"].is_monotonic_decreasing
    g5 = frame[frame["organisation"] == "g5-sahel"].set_index("event_id")["members"]
    assert g5["mli-g5-sahel-exit-announced"] == 2
    # Two states that left on the same day leave the count where that day ends.
    assert g5["bfa-g5-sahel-exit-effective"] == g5["ner-g5-sahel-exit-effective"] == 0
    aes = frame[frame["organisation"] == alliance.ALLIANCE]
    assert aes["date"].min() == data.events.at[CHARTER, "date_start"]


# The alliance's acts.


def test_acts_per_quarter_count_the_alliances_own_acts_once(data):
    done = alliance.alliance_acts(data)
    own = done[done["by"] == alliance.BY_ALLIANCE]
    assert alliance.acts(data, done).to_numpy().sum() == len(own)
    assert (done["date_start"] >= data.events.at[CHARTER, "date_start"]).all()
    assert done["actor"].isin(alliance.SAHEL_ACTORS).all()
    same = ["date_start", "event_type", "target", "domain"]
    assert not done.duplicated(subset=same).any()
    assert (done.loc[done["by"] != alliance.BY_ALLIANCE, "actor"] != alliance.ALLIANCE).all()


def test_acts_are_columned_by_every_domain_in_words(data):
    table = alliance.acts(data, alliance.alliance_acts(data))
    domain = data.package.resource("events").field("domain")
    assert list(table.columns) == [domain.labels[d] for d in domain.enum]
    assert table.index.is_monotonic_increasing and table.index.freqstr.startswith("Q")


def test_an_alliance_act_recorded_by_its_members_too_counts_once_as_the_alliances(data):
    act = {"event_type": "institution_created", "domain": "defence", "date_start": day(30)}
    made = with_events(
        data,
        {**act, "actor": "mli-gov"},
        {**act, "actor": alliance.ALLIANCE},
        {**act, "actor": "bfa-gov"},
        {**act, "actor": "person-tiani"},
    )
    done = alliance.alliance_acts(made)
    assert len(done) == 2  # the charter and this act
    assert set(done["by"]) == {alliance.BY_ALLIANCE}
    assert alliance.acts(made, done).to_numpy().sum() == 2


def test_a_members_own_act_is_not_the_alliances(data):
    act = {"event_type": "diplomatic_measure", "domain": "diplomacy", "target": "fra-gov"}
    made = with_events(
        data,
        {**act, "actor": "mli-gov", "date_start": day(40)},
        # Two members together: one act. A state's government and leader: one member.
        {**act, "actor": "bfa-gov", "date_start": day(50)},
        {**act, "actor": "ner-gov", "date_start": day(50)},
        {**act, "actor": "mli-gov", "date_start": day(60)},
        {**act, "actor": "person-goita", "date_start": day(60)},
    )
    done = alliance.alliance_acts(made).set_index("date_start")["by"]
    assert done[day(40)] == "one member"
    assert done[day(50)] == "2 members together"
    assert done[day(60)] == "one member"
    # Only the charter is the alliance's own.
    assert alliance.acts(made, alliance.alliance_acts(made)).to_numpy().sum() == 1


# Move and counter-move.


def test_moves_take_ecowas_measures_and_the_three_states_acts(data):
    frame = alliance.moves(data)
    assert set(frame["side"]) == {alliance.ECOWAS_SIDE, alliance.SAHEL_SIDE}
    ecowas = frame[frame["side"] == alliance.ECOWAS_SIDE]
    assert (ecowas["actor"] == "ecowas").all()
    assert ecowas["event_type"].isin(types(data, "ecowas_measure")).all()
    sahel_side = frame[frame["side"] == alliance.SAHEL_SIDE]
    assert not sahel_side["event_type"].isin(types(data, "words")).any()
    first_coup = alliance.path(data)["date_start"].min()
    assert frame["date_start"].min() >= first_coup


def test_moves_name_the_key_events_in_words(data):
    frame = alliance.moves(data)
    named = frame.dropna(subset=["label"])
    assert set(named["event_id"]) == set(frame["event_id"]) & alliance.key_events(data)
    labels = named.set_index("event_id")["label"]
    assert labels["ecowas-mli-sanctions-2022"] == "sanctions on Mali"
    assert labels["ecowas-ner-ultimatum-2023"] == "ultimatum to Niger"
    assert labels["mli-g5-sahel-exit-announced"] == "Mali: exit from G5 Sahel announced"
    assert labels["aes-ecowas-exit-announced"] == "exit from ECOWAS announced"
    # Members that took a step together share one label naming both.
    together = "Burkina Faso and Niger: exit from G5 Sahel took effect"
    assert labels["bfa-g5-sahel-exit-effective"] == labels["ner-g5-sahel-exit-effective"]
    assert labels["bfa-g5-sahel-exit-effective"] == together
    assert not named["label"].str.contains(CODE).any()


# Reader tables.

TABLES = {
    "table_path": (
        lambda data: alliance.path(data),
        [
            "Date",
            "Actor",
            "Step",
            "Days since the step before",
            "What happened",
            "ECOWAS's last sanction, ultimatum or summit before it",
            "Sources",
        ],
    ),
    "table_membership": (
        lambda data: alliance.membership(data),
        [
            "Organisation",
            "Date",
            "What happened",
            "Members among the three at the end of that day",
            "Sources",
        ],
    ),
    "table_acts": (
        lambda data: alliance.alliance_acts(data),
        ["Date", "By", "Domain", "What was done", "Sources"],
    ),
    "table_moves": (
        lambda data: alliance.moves(data),
        ["Date", "Side", "Measure or step", "Sources"],
    ),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_reader_tables_show_words_not_codes(data, name):
    frame, columns = TABLES[name]
    source = frame(data)
    table = getattr(alliance, name)(data, source)
    assert list(table.columns) == columns
    assert len(table) == len(source.dropna(subset=["event_id"]))
    assert not CODE.search(reader_text(table)), CODE.search(reader_text(table))
    assert table["Date"].str.contains('href="record-').all()


def test_the_acts_table_names_domains_in_words(data):
    table = alliance.table_acts(data, alliance.alliance_acts(data))
    labels = data.package.resource("events").field("domain").labels
    assert set(table["Domain"]) <= set(labels.values())
    assert "movement of people" in set(table["Domain"])


# Figures: at the book's width, readable on a phone, nothing hidden.


@pytest.fixture(scope="module")
def figures(data):
    from sahel.figures import alliance as draw
    from sahel.figures import style

    style.use()
    done = alliance.alliance_acts(data)
    made = {
        "path": draw.plot_path(alliance.path(data)),
        "membership": draw.plot_membership(alliance.membership(data)),
        "acts": draw.plot_acts(alliance.acts(data, done)),
        "moves": draw.plot_moves(alliance.moves(data)),
    }
    yield made
    import matplotlib.pyplot as plt

    for fig in made.values():
        plt.close(fig)


@pytest.mark.parametrize("name", ["path", "membership", "acts", "moves"])
def test_figures_are_drawn_at_the_books_width_and_readable_on_a_phone(figures, name):
    from sahel.figures import plots

    fig = figures[name]
    assert fig.get_figwidth() <= plots.WIDTH
    assert plots.too_small(fig) == []


@pytest.mark.parametrize("name", ["path", "moves"])
def test_no_label_of_the_time_lines_hides_another(figures, name):
    fig = figures[name]
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_text().strip()]
    for a, b in combinations(boxes, 2):
        assert not a.overlaps(b.shrunk(0.98, 0.9)), (a, b)


def test_no_dot_of_the_moves_hides_another(data, figures):
    from sahel.figures.alliance import DOT_PT

    fig = figures["moves"]
    fig.draw_without_rendering()
    dots = fig.axes[0].collections[0]
    points = dots.get_offset_transform().transform(dots.get_offsets())
    diameter = DOT_PT * fig.dpi / 72
    gaps = [((a - b) ** 2).sum() ** 0.5 for a, b in combinations(points, 2)]
    assert len(points) == len(alliance.moves(data))
    assert min(gaps) >= diameter
