"""Figures of the withdrawals page: each takes the frame it draws."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..load import Dataset
from ..names import country_name
from ..withdrawals import (
    HOST_LABELS,
    MARKERS,
    MIN_STRENGTH_CLAIMS,
    departures,
    handovers,
    presences,
    strengths,
)
from . import maps, plots
from .style import BLOC_COLOURS, bloc_colour


def plot_handover_map(data: Dataset, data_dir):
    """The bases handed over, on the outlines of the three states and their neighbours."""
    frame = handovers(data).dropna(subset=["latitude"])
    fig, ax = plots.figure(height=5.2, width=8)
    maps.draw_outlines(ax, maps.outlines(data_dir), extent=(-12.5, 16.5, 8.5, 24.5))
    sponsors = list(dict.fromkeys(frame["bloc"]))
    offsets = {b: (i - (len(sponsors) - 1) / 2) * 0.35 for i, b in enumerate(sponsors)}
    for (_place, bloc), rows in frame.groupby(["place", "bloc"], sort=False):
        row = rows.iloc[0]
        ax.plot(
            row["longitude"] + offsets[bloc],
            row["latitude"],
            "o",
            ms=5 + 2 * len(rows),
            color=bloc_colour(bloc),
            mec="black",
            mew=0.5,
            zorder=3,
        )
    for place, rows in frame.groupby("place", sort=False):
        row = rows.iloc[0]
        # A label goes left of its dot when another place lies just east of it.
        crowded = (
            (frame["longitude"] - row["longitude"]).between(0.01, 1.5)
            & (frame["latitude"] - row["latitude"]).abs().lt(0.8)
        ).any()
        ax.annotate(
            place,
            (row["longitude"], row["latitude"]),
            xytext=(-6, 5) if crowded else (6, 5),
            ha="right" if crowded else "left",
            textcoords="offset points",
            fontsize=8,
        )
    for code, (lon, lat) in HOST_LABELS.items():
        ax.text(
            lon, lat, country_name(code), fontsize=10, color="#555555", ha="center", style="italic"
        )
    plots.bloc_legend(ax, [b for b in BLOC_COLOURS if b in sponsors], loc="lower left", fontsize=8)
    return fig


def plot_presence(data: Dataset):
    frame = presences(data)
    labels = [f"{r.host_name}: {r.name.split(' (')[0]}" for r in frame.itertuples()]
    fig, ax = plots.figure(height=0.3 * len(frame) + 2.0, width=9)
    y = plots.lanes(ax, labels)
    for label, dep in zip(labels, frame.itertuples(), strict=True):
        # Continuing presences are hatched; those whose end no source dates are pale, their bar
        # stopping at the last step the sources date.
        ax.barh(
            y[label],
            dep.end - dep.start,
            left=dep.start,
            height=0.6,
            color=bloc_colour(dep.bloc),
            alpha=1.0 if dep.ongoing or dep.end_known else 0.4,
            hatch="//" if dep.ongoing else None,
            edgecolor="white" if dep.ongoing else None,
        )
    for row in departures(data).itertuples():
        label = labels[list(frame["deployment_id"]).index(row.deployment_id)]
        for key, column in (
            ("demand", "demand"),
            ("announced", "announced"),
            ("completed", "completed"),
        ):
            when = getattr(row, column)
            if pd.notna(when):
                # The demand sits just above the bar, so that an announcement or an end on
                # nearly the same day does not hide it.
                lift = 0.32 if key == "demand" else 0.0
                ax.plot(when, y[label] + lift, MARKERS[key][0], color="black", ms=5, mfc="white")
    plots.date_axis(ax, years=2)
    handles = [
        plt.Line2D([], [], ls="", marker=m, color="black", mfc="white", label=t)
        for m, t in MARKERS.values()
    ]
    handles += [
        plt.matplotlib.patches.Patch(
            facecolor="#999999", hatch="//", edgecolor="white", label="continuing"
        ),
        plt.matplotlib.patches.Patch(
            facecolor="#999999", alpha=0.4, label="end not dated by the sources"
        ),
    ]
    blocs = [b for b in BLOC_COLOURS if b in set(frame["bloc"])]
    handles += plots.bloc_handles(blocs)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.04), ncol=3, fontsize=8)
    ax.set_title("Foreign presences in Mali, Burkina Faso and Niger", loc="left")
    return fig


def plot_lags(data: Dataset):
    frame = departures(data).dropna(subset=["days_to_completion"])
    frame = frame.sort_values("days_to_completion").reset_index(drop=True)
    fig, ax = plots.figure(height=0.45 * len(frame) + 1.4)
    labels = [f"{r.name.split(' (')[0]} ({r.host_name})" for r in frame.itertuples()]
    for i, row in frame.iterrows():
        colour = bloc_colour(row["bloc"])
        ax.plot([0, row["days_to_completion"]], [i, i], color=colour, lw=3)
        if pd.notna(row["days_to_announcement"]):
            ax.plot(row["days_to_announcement"], i, "o", color="black", mfc="white", ms=6)
        ax.plot(row["days_to_completion"], i, "s", color=colour, ms=7, mec="black", mew=0.5)
        ax.text(
            row["days_to_completion"] + 8,
            i,
            f"{row['days_to_completion']} days",
            va="center",
            fontsize=8,
        )
    ax.axvline(0, color="black", lw=0.8)
    # The median the caption cites, drawn.
    median = frame["days_to_completion"].median()
    ax.axvline(median, color="#555555", lw=1, ls="--")
    ax.text(median, len(frame) - 0.4, f"median: {median:g} days", fontsize=8, ha="center")
    ax.set_yticks(range(len(frame)), labels)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Days after the host's demand or denunciation (circle: announced; square: ended)")
    return fig


def plot_strengths(data: Dataset):
    """One small panel per presence with at least MIN_STRENGTH_CLAIMS claims: each claim at its
    date, a bar where it is a range; each panel has its own scale, labelled."""
    frame = strengths(data)
    counts = frame["deployment_id"].value_counts()
    frame = frame[frame["deployment_id"].map(counts) >= MIN_STRENGTH_CLAIMS]
    names = list(dict.fromkeys(frame.sort_values("date")["deployment"]))
    ncols = 3
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(9, 1.9 * nrows), layout="constrained", sharex=True
    )
    for ax, name in zip(axes.flat, names, strict=False):
        rows = frame[frame["deployment"] == name]
        colour = bloc_colour(rows["bloc"].iloc[0])
        ax.vlines(rows["date"], rows["value_low"], rows["value_high"], colors=colour, lw=3)
        ax.plot(rows["date"], rows["value_high"], "o", color=colour, ms=4)
        ax.plot(rows["date"], rows["value_low"], "o", color=colour, ms=4)
        ax.set_title(name.split(" (")[0].split(" / ")[0], fontsize=8, loc="left")
        ax.tick_params(labelbottom=True)
        ax.set_ylim(0, rows["value_high"].max() * 1.15)
        ax.yaxis.set_major_formatter(plt.matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.tick_params(labelsize=7)
        plots.date_axis(ax, years=4)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    fig.supylabel("Troops or personnel claimed", fontsize=9)
    return fig
