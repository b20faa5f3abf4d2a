"""Figures of the ukraine page: each takes the frames it draws.

Each is drawn at `plots.WIDTH` with fixed margins (in inches), so that its text stays readable
on a phone and its SVG is the same from one build to the next (a layout engine lands on boxes
that differ in the last digits from one process to the next, and the SVG clip ids with them).
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ..text import fmt_value
from . import plots
from .style import BLOC_COLOURS, bloc_colour, category_colours

# The relations scale: grey for no recorded mark, then one hue from light to dark as the mark
# deepens (ColorBrewer's sequential Oranges, which stay ordered under colour-blindness).
NO_MARK_COLOUR = "#d9d9d9"
SCALE_COLOURS = ["#fdd49e", "#fc8d59", "#d7301f", "#7f0000"]


def _sized(height: float, left: float, right: float, top: float, bottom: float):
    """A figure `plots.WIDTH` wide and `height` tall whose axes sit at fixed margins (inches)."""
    fig, ax = plt.subplots(figsize=(plots.WIDTH, height))
    fig.subplots_adjust(
        left=left / plots.WIDTH,
        right=1 - right / plots.WIDTH,
        top=1 - top / height,
        bottom=bottom / height,
    )
    return fig, ax


def _legend_below(fig, handles, title: str, ncol: int, height: float) -> None:
    """A titled legend in the figure's bottom-left corner, in the space its layout keeps there."""
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.1 / plots.WIDTH, 0.05 / height),
        ncol=ncol,
        title=title,
        alignment="left",
    )


def plot_day_by_day(events: pd.DataFrame, ruptures: pd.DataFrame):
    """One lane per actor, named above it, from the battle to the window's end: dots for events
    dated to the day, a bar for the battle's days, a span for events known only to the month,
    diamonds for the ruptures, and an arrow from the first Ukrainian statement to each rupture."""
    order = list(dict.fromkeys(events.sort_values(["date_start", "event_id"])["actor_name"]))
    blocs = [b for b in BLOC_COLOURS if b in set(events["bloc"])]
    lane_in, legend_in = 0.45, 0.22 * (len(blocs) + 1) + 0.15
    height = 0.45 + lane_in * len(order) + 0.45 + legend_in
    fig, ax = _sized(height, left=0.1, right=0.3, top=0.45, bottom=0.45 + legend_in)
    y = {name: -i for i, name in enumerate(order)}
    first_day = events["date_start"].min()
    monthly = events.loc[events["date_precision"] == "month", "date_start"]
    last_day = max(
        events["date_start"].max(),
        events["date_end"].max(),
        (monthly + pd.offsets.MonthEnd(0)).max(),
    )
    ax.set_xlim(first_day - pd.Timedelta(days=1), last_day + pd.Timedelta(days=1))
    ax.set_ylim(-len(order) + 0.55, 0.75)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    left_edge = blended_transform_factory(ax.transAxes, ax.transData)
    for name, lane in y.items():
        ax.axhline(lane, color="#e5e5e5", lw=0.8, zorder=0)
        ax.text(0.0, lane + 0.22, name, transform=left_edge, ha="left", va="bottom")
    severed = set(ruptures["event_type"])
    # Events of one actor on one day sit one above the other, so that no dot hides another.
    same_day = events.groupby(["actor_name", "date_start"])["event_id"]
    nudge = (same_day.cumcount() - (same_day.transform("size") - 1) / 2) * 0.3
    for row, lift in zip(events.itertuples(), nudge, strict=True):
        lane, colour = y[row.actor_name], bloc_colour(row.bloc)
        if row.date_precision == "month":
            # Known only to the month: a pale span over the month, no dot.
            span = [row.date_start, row.date_start + pd.offsets.MonthEnd(0)]
            ax.plot(span, [lane] * 2, color=colour, lw=3, alpha=0.6, solid_capstyle="butt")
            continue
        if pd.notna(row.date_end) and row.date_end > row.date_start:
            ax.plot(
                [row.date_start, row.date_end],
                [lane] * 2,
                color=colour,
                lw=8,
                solid_capstyle="butt",
            )
        marker = "D" if row.event_type in severed else "o"
        ax.plot(
            row.date_start, lane + lift, marker, color=colour, ms=8, mec="black", mew=0.8, zorder=3
        )
    # The lag from the first Ukrainian statement to each rupture, on the rupture's lane.
    statement = ruptures["statement_date"].iloc[0]
    ax.axvline(statement, color="#555555", ls=":", lw=1, zorder=1)
    ax.annotate(
        "first Ukrainian statement",
        xy=(statement, 1),
        xycoords=("data", "axes fraction"),
        xytext=(-3, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
    )
    for row in ruptures.itertuples():
        lane = y[row.actor_name]
        ax.annotate(
            "",
            xy=(row.date_start, lane),
            xytext=(statement, lane),
            arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1, "shrinkA": 0, "shrinkB": 6},
        )
        ax.text(
            statement + (row.date_start - statement) / 2,
            lane,
            f"{row.days_after_statement} days",
            ha="center",
            va="center",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            zorder=4,
        )
    plots.day_axis(ax, interval=7)
    ax.legend(
        handles=plots.bloc_handles(blocs),
        loc="upper left",
        bbox_to_anchor=(0, -0.45 / (lane_in * len(order))),
        ncol=1,
        title="Colour: the actor's bloc",
        alignment="left",
    )
    return fig


def _when(date, precision: str) -> str:
    """A claim's date in few words: '1 Aug 2024', 'Jul 2024' or 'date unknown'."""
    if precision == "unknown" or pd.isna(date):
        return "date unknown"
    return f"{date:%b %Y}" if precision == "month" else f"{date:%-d %b %Y}"


def plot_toll(claims: pd.DataFrame):
    """One panel per group whose toll is claimed; in each, the claimants' names at left and one
    row per claim: a dot at the number (a bar for a range), coloured by what it counts and
    labelled with the number, what it counts and when it was claimed."""
    measures = list(claims["measure_label"].value_counts().index)
    colours = category_colours(measures)
    # A shape as well as a colour for each measure, for readers who cannot tell the colours apart.
    shapes = dict(zip(measures, "osD^v<>", strict=False))
    line_in, wrap = 0.2, 24
    # Lay the rows out top to bottom, in lines of text: a heading per subject, then each
    # claimant's band, as tall as its claims or its wrapped name, whichever is taller.
    headings, names, rows, separators = [], [], [], []
    cursor = 0.0
    for subject, by_subject in claims.groupby("subject_name", sort=False):
        headings.append((cursor + 0.5, f"Claims about {subject}"))
        cursor += 1.4
        for i, (claimant, own) in enumerate(by_subject.groupby("claimant_name", sort=False)):
            if i:
                separators.append(cursor - 0.25)
            lines = textwrap.wrap(claimant, wrap)
            band = max(len(own), len(lines))
            names.append((cursor + band / 2, "\n".join(lines)))
            offset = cursor + (band - len(own)) / 2 + 0.5
            rows += [(offset + j, claim) for j, claim in enumerate(own.itertuples())]
            cursor += band + 0.5
        cursor += 0.5
    legend_in = 0.75
    height = 0.1 + cursor * line_in + 0.5 + legend_in
    fig, ax = _sized(height, left=1.85, right=0.1, top=0.1, bottom=0.5 + legend_in)
    ax.set_ylim(cursor, 0)
    ax.set_xlim(0, claims["value_high"].max() * 1.85)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    gutter = blended_transform_factory(fig.transFigure, ax.transData)
    for ypos, heading in headings:
        ax.text(0.1 / plots.WIDTH, ypos, heading, transform=gutter, fontweight="bold", va="center")
    for ypos, name in names:
        ax.text(0.1 / plots.WIDTH, ypos, name, transform=gutter, va="center", linespacing=1.1)
    for ypos in separators:
        ax.axhline(ypos, color="#e5e5e5", lw=0.8)
    for ypos, claim in rows:
        colour = colours[claim.measure_label]
        if claim.value_high > claim.value_low:
            ax.hlines(ypos, claim.value_low, claim.value_high, colors=colour, lw=4)
        ax.plot(
            claim.value_high,
            ypos,
            shapes[claim.measure_label],
            color=colour,
            ms=7,
            mec="black",
            mew=0.6,
            zorder=3,
        )
        ax.annotate(
            f"{fmt_value(claim.value_low, claim.value_high)} {claim.measure_label}, "
            f"{_when(claim.date, claim.date_precision)}",
            xy=(claim.value_high, ypos),
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
        )
    ax.set_xlabel("People, as each claimant stated the number")
    handles = [
        Line2D(
            [], [], ls="", marker=shapes[m], color=colours[m], mec="black", mew=0.6, ms=7, label=m
        )
        for m in measures
    ]
    _legend_below(fig, handles, "What the claim counts", ncol=2, height=height)
    return fig


def plot_relations(change: pd.DataFrame, scale: list[str]):
    """One row per Sahel state and partner; columns are the levels of the relations scale, from
    no recorded mark to severed relations. A pair whose level changed between the two dates has
    an arrow from a hollow dot (before) to a filled dot (after); the others a filled dot."""
    colours = [NO_MARK_COLOUR, *SCALE_COLOURS]
    if len(colours) != len(scale):
        raise ValueError(f"the relations scale has {len(scale)} levels, the colours {len(colours)}")
    headers = ["\n".join(textwrap.wrap(words, 12)) for words in scale]
    header_lines = max(h.count("\n") + 1 for h in headers)
    row_in = 0.26
    states = list(dict.fromkeys(change["state_name"]))
    units = len(change) + 1.2 * len(states)
    top = 0.5 + 0.17 * header_lines
    height = top + units * row_in + 0.95
    fig, ax = _sized(height, left=1.3, right=0.1, top=top, bottom=0.95)
    ypos, heads = {}, []
    cursor = 0.0
    for state in states:
        heads.append((cursor + 0.5, state))
        cursor += 1.2
        for row in change[change["state_name"] == state].itertuples():
            ypos[row.Index] = cursor + 0.5
            cursor += 1
    ax.set_ylim(cursor, 0)
    ax.set_xlim(-0.5, len(scale) - 0.5)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(scale)), headers)
    ax.tick_params(axis="x", length=0)
    ax.set_yticks(list(ypos.values()), list(change.loc[list(ypos), "partner_name"]))
    ax.tick_params(axis="y", length=0)
    for label, changed in zip(ax.get_yticklabels(), change.loc[list(ypos), "changed"], strict=True):
        label.set_fontweight("bold" if changed else "normal")
    # The scale's direction, above the headers of the recorded marks.
    above = 1 + (0.17 * header_lines + 0.12) / (units * row_in)
    ax.annotate(
        "",
        xy=(len(scale) - 0.7, above),
        xytext=(0.6, above),
        xycoords=("data", "axes fraction"),
        arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1},
        annotation_clip=False,
    )
    ax.text(
        (len(scale) - 0.1) / 2,
        above,
        "recorded marks, mildest to deepest",
        transform=blended_transform_factory(ax.transData, ax.transAxes),
        ha="center",
        va="bottom",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
    )
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", visible=False)
    gutter = blended_transform_factory(fig.transFigure, ax.transData)
    for y, state in heads:
        ax.text(0.1 / plots.WIDTH, y, state, transform=gutter, fontweight="bold", va="center")
        ax.axhline(y - 0.5, color="#bbbbbb", lw=0.8)
    for index, y in ypos.items():
        row = change.loc[index]
        before, after = int(row["level_before"]), int(row["level_after"])
        ax.axhline(y, color="#f0f0f0", lw=0.8, zorder=0)
        if row["changed"]:
            ax.plot(before, y, "o", ms=9, mfc="white", mec="#555555", mew=1.2, zorder=3)
            ax.annotate(
                "",
                xy=(after, y),
                xytext=(before, y),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": "black",
                    "lw": 1.2,
                    "shrinkA": 6,
                    "shrinkB": 7,
                },
            )
        ax.plot(after, y, "o", ms=9, color=colours[after], mec="black", mew=0.8, zorder=3)
    before, after = (f"{pd.Timestamp(change[c].iloc[0]):%-d %B %Y}" for c in ("before", "after"))
    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker="o",
            ms=9,
            mfc="white",
            mec="#555555",
            label=f"{before}, where it changed",
        ),
        Line2D([], [], ls="", marker="o", ms=9, color="#999999", mec="black", label=after),
    ]
    _legend_below(fig, handles, "The level of each pair on", ncol=1, height=height)
    return fig
