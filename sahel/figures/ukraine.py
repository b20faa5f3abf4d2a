"""Figures of the ukraine page: each takes the frame it draws."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..load import Dataset
from ..names import country_name
from ..ukraine import (
    LEVEL_COLOURS,
    LEVEL_NAMES,
    PARTNERS,
    STATES,
    WINDOW_END,
    relations,
    ruptures,
    toll_claims,
    ukrainian_statements,
    window,
)
from . import plots
from .style import BLOC_COLOURS, bloc_colour


def plot_day_by_day(data: Dataset):
    events = window(data)
    order = list(dict.fromkeys(events.sort_values("date_start")["actor_name"]))
    fig, ax = plots.figure(height=0.32 * len(order) + 1.6, width=9)
    y = plots.lanes(ax, order)
    window_end = events["date_start"].max()
    for row in events.itertuples():
        end = row.date_end if pd.notna(row.date_end) else row.date_start
        colour = bloc_colour(row.bloc)
        if row.date_precision == "month":
            # Known only to the month: a thin span over the month (within the window), no dot.
            last = min(row.date_start + pd.offsets.MonthEnd(0), max(window_end, row.date_start))
            ax.plot(
                [row.date_start, last],
                [y[row.actor_name]] * 2,
                color=colour,
                lw=2.5,
                alpha=0.6,
                solid_capstyle="butt",
            )
            continue
        if end > row.date_start:
            ax.plot(
                [row.date_start, end],
                [y[row.actor_name]] * 2,
                color=colour,
                lw=6,
                solid_capstyle="butt",
            )
        marker = "D" if row.event_type == "diplomatic_rupture" else "o"
        ax.plot(row.date_start, y[row.actor_name], marker, color=colour, ms=8, mec="black", mew=1.2)
    first = ukrainian_statements(data).iloc[0]
    for row in ruptures(data).itertuples():
        lane = y[row.actor_name]
        ax.annotate(
            "",
            xy=(row.date_start, lane + 0.35),
            xytext=(first["date_start"], lane + 0.35),
            arrowprops={"arrowstyle": "->", "color": "black", "lw": 0.8},
        )
        ax.text(
            row.date_start,
            lane + 0.45,
            f"{row.days_after_statement} days",
            ha="right",
            va="bottom",
            fontsize=8,
        )
    plots.day_axis(ax, interval=7)
    ax.set_title(f"From the battle of Tinzaouaten to {WINDOW_END:%-d %B %Y}")
    blocs = [b for b in BLOC_COLOURS if b in set(events["bloc"])]
    plots.bloc_legend(
        ax, blocs, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8
    )
    return fig


def plot_toll(data: Dataset):
    claims = toll_claims(data)
    subjects = list(dict.fromkeys(claims["subject_name"]))
    height = 2.2 + 0.3 * len(claims) + 0.45 * len(subjects)
    fig, axes = plt.subplots(
        len(subjects),
        1,
        figsize=(9, height),
        sharex=True,
        height_ratios=[(claims["subject_name"] == s).sum() for s in subjects],
    )
    # Fixed margins, in inches turned into fractions: a layout engine here lands on boxes that
    # differ in the last digits from one process to the next, and the SVG clip ids (hashes of
    # the boxes) would change with them. The long claimant names need the wide left margin.
    fig.subplots_adjust(
        left=0.55, right=0.97, top=1 - 0.4 / height, bottom=1.2 / height, hspace=0.6
    )
    for ax, subject in zip(list(getattr(axes, "flat", [axes])), subjects, strict=True):
        rows = claims[claims["subject_name"] == subject].reset_index(drop=True)
        measures = data.package.resource("figures").field("measure").labels
        labels = [
            f"{r.claimant_name} ({measures.get(r.measure, r.measure)}, "
            f"{'date unknown' if r.date_precision == 'unknown' else f'{r.date:%-d %b}'})"
            for r in rows.itertuples()
        ]
        ypos = range(len(rows))
        colours = rows["claimant_bloc"].map(bloc_colour)
        ax.hlines(ypos, rows["value_low"], rows["value_high"], colors=colours, lw=4)
        ax.scatter(rows["value_low"], ypos, c=colours, edgecolors="black", linewidths=0.5, zorder=3)
        ax.scatter(
            rows["value_high"], ypos, c=colours, edgecolors="black", linewidths=0.5, zorder=3
        )
        ax.set_yticks(list(ypos), labels, fontsize=8)
        ax.set_title(f"Claims about {subject}", loc="left", fontsize=10)
        ax.grid(axis="y", visible=False)
    ax.set_xlabel("People (each claim as its claimant stated it)")
    # Every colour in the legend: the side of whoever made the claim.
    blocs = [b for b in BLOC_COLOURS if b in set(claims["claimant_bloc"])]
    fig.legend(
        handles=plots.bloc_handles(blocs),
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        fontsize=8,
    )
    return fig


def plot_relations(data: Dataset, dates: list):
    fig, axes = plt.subplots(1, len(dates), figsize=(4.2 * len(dates), 3.2), layout="constrained")
    cmap = plt.matplotlib.colors.ListedColormap(LEVEL_COLOURS)
    for ax, at in zip(axes, dates, strict=True):
        table = relations(data, at)
        grid = table.pivot(index="state_name", columns="partner_name", values="level")
        text = table.pivot(index="state_name", columns="partner_name", values="status")
        grid, text = (
            g.loc[[country_name(s) for s in STATES], list(PARTNERS.values())] for g in (grid, text)
        )
        ax.imshow(grid.to_numpy(), cmap=cmap, vmin=0, vmax=len(LEVEL_COLOURS) - 1)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                level = grid.iat[i, j]
                ax.text(
                    j,
                    i,
                    text.iat[i, j].replace(" ", "\n", 1),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if level >= 3 else "black",
                )
        ax.set_xticks(range(grid.shape[1]), grid.columns, fontsize=8)
        ax.set_yticks(range(grid.shape[0]), grid.index, fontsize=8)
        ax.grid(False)
        ax.set_title(f"On {pd.Timestamp(at):%-d %B %Y}", fontsize=10)
    handles = [
        Patch(facecolor=c, edgecolor="#999999", label=n)
        for c, n in zip(LEVEL_COLOURS, LEVEL_NAMES, strict=True)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7)
    return fig
