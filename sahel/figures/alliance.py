"""Figures of the alliance page: each takes the frame it draws."""

from __future__ import annotations

import pandas as pd

from ..alliance import acts, membership, moves, path, step_name
from ..events import days
from ..load import Dataset
from . import plots
from .style import BLOC_COLOURS, bloc_colour, category_colours


def plot_path(data: Dataset):
    steps = path(data)
    fig, ax = plots.figure(height=4.2, width=9)
    levels = [1.0, -1.0, 1.8, -1.8, 2.6, -2.6]
    for i, row in enumerate(steps.itertuples()):
        level = levels[i % len(levels)]
        colour = bloc_colour(row.bloc)
        ax.vlines(row.date_start, 0, level, color=colour, lw=0.8)
        ax.plot(row.date_start, 0, "o", color=colour, mec="black", mew=0.5, ms=7)
        kind = step_name(data, row.event_id, row.event_type, row.target_name)
        label = f"{row.actor_name}\n{kind}"
        ax.text(
            row.date_start,
            level,
            f"{row.date_start:%-d %b %Y}\n{label}",
            fontsize=7,
            ha="center",
            va="bottom" if level > 0 else "top",
        )
    pairs = zip(steps.iloc[:-1].itertuples(), steps.iloc[1:].itertuples(), strict=True)
    for i, (prev, row) in enumerate(pairs):
        middle = prev.date_start + (row.date_start - prev.date_start) / 2
        ax.text(
            middle,
            # Alternate heights, so that the labels of short intervals side by side stay apart.
            -0.25 if i % 2 == 0 else -0.42,
            f"{days(prev.date_start, row.date_start)} days",
            fontsize=7,
            ha="center",
            va="top",
            color="#444444",
        )
    ax.axhline(0, color="black", lw=1)
    ax.set_ylim(-3.8, 3.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    plots.date_axis(ax)
    ax.grid(False)
    return fig


def plot_membership(data: Dataset):
    frame = membership(data)
    fig, ax = plots.figure(height=3.6)
    colours = {
        "ecowas": BLOC_COLOURS["ecowas"],
        "g5-sahel": BLOC_COLOURS["g5_sahel"],
        "aes": BLOC_COLOURS["aes"],
    }
    for offset, (org, rows) in zip(
        (0.06, 0.0, -0.06), frame.groupby("organisation", sort=False), strict=True
    ):
        ax.step(
            rows["date"],
            rows["members"] + offset,
            where="post",
            color=colours[org],
            lw=2.2,
            label=rows["name"].iloc[0],
        )
        changes = rows[rows["event_id"].notna()]
        ax.plot(changes["date"], changes["members"] + offset, "o", color=colours[org], ms=5)
    ax.set_yticks([0, 1, 2, 3])
    ax.set_ylabel("Members among Mali, Burkina Faso, Niger")
    plots.date_axis(ax)
    ax.legend(loc="center left", fontsize=8)
    return fig


def plot_acts(data: Dataset):
    table = acts(data)
    colours = category_colours(data.package.resource("events").field("domain").enum)
    fig, ax = plots.figure(height=3.8)
    bottom = pd.Series(0, index=table.index)
    labels = [f"{q.start_time:%b}–{q.end_time:%b} {q.year}" for q in table.index]
    for domain in table.columns:
        ax.bar(
            labels,
            table[domain],
            bottom=bottom,
            color=colours[domain],
            label=domain,
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += table[domain]
    ax.set_ylabel("Acts of the alliance")
    ax.tick_params(axis="x", rotation=60, labelsize=7)
    ax.legend(fontsize=8, ncol=4)
    ax.grid(axis="x", visible=False)
    return fig


def plot_moves(data: Dataset):
    frame = moves(data)
    fig, ax = plots.figure(height=3.6, width=9)
    plots.lane_dots(ax, frame["date_start"], frame["side"], frame["bloc"])
    plots.date_axis(ax)
    plots.bloc_legend(ax, ["ecowas", "aes"], loc="upper left", fontsize=8)
    return fig
