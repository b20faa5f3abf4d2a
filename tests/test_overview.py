"""The landing page's overview: its frame on the real data, its reader table, and its figure
(lanes whose dots never overlap, named events, readable on a phone)."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

import sahel
from sahel import overview
from sahel.events import type_labels

matplotlib.use("Agg")

from sahel.figures import overview as draw  # noqa: E402
from sahel.figures import plots, style  # noqa: E402


@pytest.fixture(scope="module")
def data():
    return sahel.load()


@pytest.fixture(scope="module")
def milestones(data):
    return overview.milestones(data)


def test_every_milestone_sits_once_on_a_lane_of_the_overview(milestones):
    assert set(milestones["lane"]) == set(overview.LANES)
    assert not milestones.duplicated(subset=["lane", "event_id"]).any()
    assert milestones["date_start"].is_monotonic_increasing
    assert milestones["bloc"].notna().all()


def test_each_lane_names_its_first_and_last_events(milestones):
    for _, lane in milestones.groupby("lane"):
        named = lane[lane["labelled"]]
        ends = {lane["date_start"].idxmin(), lane["date_start"].idxmax()}
        assert set(named.index) == ends


def test_labels_say_who_did_what_and_when_in_words(data, milestones):
    kinds = milestones["event_type"].map(type_labels(data))
    names = milestones["actor"].map(data.actors["name"])
    for label, kind, name, date in zip(
        milestones["label"], kinds, names, milestones["date_start"], strict=True
    ):
        assert label.startswith(f"{name}, {kind}")
        assert label.endswith(f"({date:%B} {date.year})")
    wagner = milestones.set_index("event_id").loc["wagner-mli-arrival", "label"]
    assert " in Mali (" in wagner


def test_table_milestones(data, milestones):
    table = overview.table_milestones(data, milestones)
    assert list(table.columns) == ["Story", "Date", "Event", "On the figure"]
    assert len(table) == len(milestones)
    assert table["Date"].str.startswith("<a href=").all()
    assert (table["On the figure"] == "named").sum() == milestones["labelled"].sum()


def test_key_events_are_the_milestones(data, milestones):
    assert overview.key_events(data) == set(milestones["event_id"])


def test_stacking_keeps_close_dots_apart():
    assert draw._stack(pd.Series([0, 1, 2, 100, 105]), gap=10) == [0, 1, 2, 0, 1]
    assert draw._stack(pd.Series([0, 20, 40]), gap=10) == [0, 0, 0]


def dots(fig) -> list[tuple[float, float]]:
    """The centres of the figure's dots, in inches."""
    ax = fig.axes[0]
    out = []
    for line in ax.get_lines():
        if line.get_marker() == "o":
            x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0]))
            out.append((x / fig.dpi, y / fig.dpi))
    return out


def check(fig, n_dots: int) -> None:
    assert fig.get_figwidth() == pytest.approx(plots.WIDTH)
    assert plots.too_small(fig) == []
    centres = dots(fig)
    assert len(centres) == n_dots
    diameter = draw.DOT_PT / 72
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= (0.95 * diameter) ** 2


def test_the_overview_fits_a_phone_with_no_dot_over_another(milestones):
    style.use()
    fig = draw.plot_overview(milestones)
    texts = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts]
    assert set(overview.LANES) <= set(texts)
    assert set(milestones.loc[milestones["labelled"], "label"]) <= set(texts)
    check(fig, len(milestones))
    matplotlib.pyplot.close(fig)


def test_a_hand_made_crowd_of_events_is_stacked_and_labelled():
    style.use()
    days = pd.to_datetime(["2021-01-01", "2021-01-02", "2021-01-03", "2023-06-01"])
    frame = pd.DataFrame(
        {
            "event_id": ["a", "b", "c", "d"],
            "date_start": days,
            "lane": overview.LANES[0],
            "bloc": ["france", "un", "eu", "france"],
            "label": ["first", "second", "third", "last of a rather long lane label"],
            "labelled": [True, False, False, True],
        }
    )
    fig = draw.plot_overview(frame)
    check(fig, len(frame))
    texts = {t.get_text().replace("\n", " ") for t in fig.axes[0].texts}
    assert {"first", "last of a rather long lane label"} <= texts
    assert "second" not in texts
    matplotlib.pyplot.close(fig)


def test_a_milestone_on_an_unknown_lane_is_refused(milestones):
    with pytest.raises(ValueError, match="lanes"):
        draw.plot_overview(milestones.assign(lane="Somewhere else"))
