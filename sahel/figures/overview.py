"""Figures of the overview page: each takes the frame it draws."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.transforms import blended_transform_factory

from ..overview import LANES
from . import plots
from .style import BLOC_COLOURS, bloc_colour

# Sizes in inches: the y axis of the overview is measured in inches from its top, so that lanes
# hold exactly their stacked dots and their labels.
DOT_PT = 8
STACK_IN = 0.14  # from one stacked dot to the next
TITLE_IN = 0.3  # a lane's name above its dots
LINE_IN = 0.17  # one line of a label
GAP_IN = 0.2  # between lanes
WRAP = 36  # characters to a label's line


def _stack(days: pd.Series, gap: float) -> list[int]:
    """A row for each date (in order) so that no two dots of a row are closer than `gap` days:
    each takes the lowest row where it fits."""
    last: list[float] = []
    rows = []
    for day in days:
        row = next((i for i, d in enumerate(last) if day - d >= gap), len(last))
        if row == len(last):
            last.append(day)
        last[row] = day
        rows.append(row)
    return rows


def plot_overview(milestones: pd.DataFrame):
    """One lane per story, named above it: a dot per event in its actor's bloc colour, dots
    closer than their width stacked one above the other, and each lane's `labelled` events named
    in words below their dots (a label moves to a row of its own rather than overlap another)."""
    unknown = set(milestones["lane"]) - set(LANES)
    if unknown:
        raise ValueError(f"milestones in lanes the overview does not draw: {sorted(unknown)}")
    left, right = 0.1, 0.15
    fig, ax = plt.subplots(figsize=(plots.WIDTH, 4))
    fig.subplots_adjust(left=left / plots.WIDTH, right=1 - right / plots.WIDTH)
    start = milestones["date_start"].min() - pd.Timedelta(days=120)
    end = milestones["date_start"].max() + pd.Timedelta(days=120)
    ax.set_xlim(start, end)
    days_per_in = (end - start).days / (plots.WIDTH - left - right)
    renderer = fig.canvas.get_renderer()
    margin = blended_transform_factory(ax.transAxes, ax.transData)
    cursor = 0.0
    for lane in LANES:
        events = milestones[milestones["lane"] == lane].sort_values(["date_start", "event_id"])
        ax.text(0, cursor, lane, transform=margin, fontweight="bold", va="top")
        ordinal = (events["date_start"] - start).dt.days
        rows = _stack(ordinal, gap=1.15 * DOT_PT / 72 * days_per_in)
        base = cursor + TITLE_IN + (max(rows, default=0)) * STACK_IN + 0.08
        dot_y = {
            e.event_id: base - row * STACK_IN
            for e, row in zip(events.itertuples(), rows, strict=True)
        }
        for event in events.itertuples():
            ax.plot(
                event.date_start,
                dot_y[event.event_id],
                "o",
                ms=DOT_PT,
                color=bloc_colour(event.bloc),
                mec="black",
                mew=0.6,
                zorder=3,
            )
        # Labels below the dots: starting at their dot, or ending at it where they would run
        # past the axis, each on the first row where it overlaps no other.
        labelled = events[events["labelled"]]
        texts = [
            ax.text(e.date_start, 0, textwrap.fill(e.label, WRAP), va="top", linespacing=1.1)
            for e in labelled.itertuples()
        ]
        boxes = [t.get_window_extent(renderer) for t in texts]
        row_in = max((b.height / fig.dpi for b in boxes), default=0) + 0.06
        placed: list[tuple[int, float, float]] = []
        top = base + 0.14
        for event, label, box in zip(labelled.itertuples(), texts, boxes, strict=True):
            width = box.width / fig.dpi * days_per_in
            x = (event.date_start - start).days
            fits = x + width <= (end - start).days
            lo, hi = (x, x + width) if fits else (x - width, x)
            label.set_horizontalalignment("left" if fits else "right")
            row = 0
            while any(r == row and lo < end_ and start_ < hi for r, start_, end_ in placed):
                row += 1
            placed.append((row, lo, hi))
            label.set_y(top + row * row_in)
            ax.plot(
                [event.date_start] * 2,
                [dot_y[event.event_id] + 0.07, top + row * row_in],
                color="#777777",
                lw=0.7,
                zorder=2,
            )
        rows = 1 + max((r for r, _, _ in placed), default=-1)
        cursor = top + rows * row_in + GAP_IN
    blocs = [b for b in BLOC_COLOURS if b in set(milestones["bloc"])]
    legend_in = 0.25 + 0.21 * -(-len(blocs) // 2)
    bottom = 0.4 + legend_in
    height = 0.1 + cursor + bottom
    fig.set_size_inches(plots.WIDTH, height)
    fig.subplots_adjust(top=1 - 0.1 / height, bottom=bottom / height)
    ax.set_ylim(cursor, 0)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    plots.date_axis(ax)
    fig.legend(
        handles=plots.bloc_handles(blocs),
        loc="lower left",
        bbox_to_anchor=(left / plots.WIDTH, 0.05 / height),
        ncol=2,
        title="Colour: the actor's bloc",
        alignment="left",
        columnspacing=1.0,
        handlelength=1.2,
    )
    return fig
