"""Figures of the withdrawals page: each takes the frame it draws (see sahel.withdrawals) and
computes nothing of its own but positions. All are drawn for a phone: plots.WIDTH wide, text at
the rc sizes, names written beside what they name, taller rather than wider."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ..names import country_name
from ..withdrawals import median_lag
from . import maps, plots
from .style import BLOC_COLOURS, bloc_colour

# The steps of a departure as the timeline marks them: marker and legend text.
MARKERS = {
    "demand": ("v", "host's demand or denunciation"),
    "announced": ("o", "departure or end announced"),
    "completed": ("s", "last troops out"),
}
# Where the map writes the three states' names (longitude, latitude), clear of the bases.
HOST_LABELS = {"MLI": (-4.6, 19.6), "BFA": (-1.6, 11.6), "NER": (9.0, 19.2)}
# The part of the map the bases lie in (west, east, south, north), in degrees.
MAP_EXTENT = (-7.0, 11.0, 10.3, 21.8)
# Height of one lane of the timeline and of the lags chart (a name above a bar), in inches.
LANE = 0.4
TITLE_WIDTH = 22  # characters per line of a small panel's title


def _lane_label(ax, y: float, label: str, **kwargs) -> None:
    """A name written above its lane, from the left edge of the plot."""
    ax.text(
        0.0,
        y,
        label,
        transform=blended_transform_factory(ax.transAxes, ax.transData),
        va="bottom",
        ha="left",
        **kwargs,
    )


def _blocs(frame: pd.DataFrame) -> list[str]:
    """The frame's blocs in the book's order."""
    return [b for b in BLOC_COLOURS if b in set(frame["bloc"])]


def _step_handles(keys) -> list[Line2D]:
    return [
        Line2D([], [], ls="", marker=MARKERS[k][0], color="black", mfc="white", label=MARKERS[k][1])
        for k in keys
    ]


def plot_presence(presences: pd.DataFrame, departures: pd.DataFrame):
    """Every presence as a bar from its opening to its closing event, under its name and grouped
    by host; the steps of each departure marked on its bar. Continuing presences are hatched;
    those whose end no source dates are pale, their bar stopping at the last step dated."""
    hosts = list(dict.fromkeys(presences["host_name"]))
    n_lanes = len(presences) + len(hosts)
    fig, ax = plots.figure(height=LANE * n_lanes + 2.6)
    steps = departures.set_index("deployment_id")
    y = 0.0
    for host in hosts:
        _lane_label(ax, y - 0.35, host, fontweight="bold", fontsize=11)
        y -= 1
        for dep in presences[presences["host_name"] == host].itertuples():
            _lane_label(ax, y - 0.02, dep.short_name)
            ax.barh(
                y - 0.3,
                dep.end - dep.start,
                left=dep.start,
                height=0.4,
                color=bloc_colour(dep.bloc),
                alpha=1.0 if dep.ongoing or dep.end_known else 0.4,
                hatch="////" if dep.ongoing else None,
                edgecolor="white" if dep.ongoing else "none",
                linewidth=0,
            )
            if dep.deployment_id in steps.index:
                row = steps.loc[dep.deployment_id]
                for key, (marker, _) in MARKERS.items():
                    if pd.notna(row[key]):
                        # The demand sits on the bar's upper edge, so that an announcement or
                        # an end on nearly the same day does not hide it.
                        lift = 0.25 if key == "demand" else 0.0
                        ax.plot(row[key], y - 0.3 + lift, marker, color="black", mfc="white", ms=6)
            y -= 1
    ax.set_ylim(y + 0.3, 0.2)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    plots.date_axis(ax, years=2)
    ax.tick_params(axis="x", labeltop=True)
    handles = _step_handles(MARKERS)
    handles += [
        Patch(facecolor="#999999", hatch="////", edgecolor="white", label="continuing"),
        Patch(facecolor="#999999", alpha=0.4, label="end not dated by the sources"),
    ]
    handles += plots.bloc_handles(_blocs(presences))
    fig.legend(handles=handles, loc="outside upper left", ncol=2)
    return fig


def plot_lags(lags: pd.DataFrame):
    """One bar per departure from the host's demand (day 0) to the last troops out, shortest
    first, with the departing side's announcement marked and the median drawn."""
    fig, ax = plots.figure(height=LANE * 2 * len(lags) + 2.4)
    for i, row in lags.iterrows():
        y = -i
        colour = bloc_colour(row["bloc"])
        name, host = row["short_name"], row["host_name"]
        _lane_label(ax, y + 0.22, name if host in name else f"{name} ({host})")
        ax.plot([0, row["days_to_completion"]], [y, y], color=colour, lw=5, solid_capstyle="butt")
        if pd.notna(row["days_to_announcement"]):
            ax.plot(row["days_to_announcement"], y, "o", color="black", mfc="white", ms=7)
        ax.plot(row["days_to_completion"], y, "s", color=colour, ms=8, mec="black", mew=0.6)
        ax.annotate(
            f"{row['days_to_completion']} days",
            (row["days_to_completion"], y),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    ax.axvline(0, color="black", lw=0.8)
    median = median_lag(lags)
    ax.axvline(median, color="#555555", lw=1, ls="--")
    ax.annotate(
        f"median: {median:g} days",
        (median, 0.75),
        ha="center",
        va="bottom",
        color="#333333",
    )
    ax.set_ylim(-len(lags) + 0.5, 1.3)
    earliest = min(0, lags["days_to_announcement"].min())
    ax.set_xlim(earliest - 10, lags["days_to_completion"].max() * 1.3)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Days after the host's demand or denunciation")
    handles = _step_handles(["announced", "completed"]) + plots.bloc_handles(_blocs(lags))
    fig.legend(handles=handles, loc="outside upper left", ncol=2)
    return fig


def plot_handover_map(sites: pd.DataFrame, outlines: list[dict]):
    """The places where bases were handed over, one dot per place and side that left, named
    beside it, on the outlines of the three states and their neighbours. A dot is larger where
    the same side left the same place more than once."""
    west, east, south, north = MAP_EXTENT
    fig, ax = plots.figure(height=plots.WIDTH * (north - south) / (east - west) + 0.1)
    maps.draw_outlines(ax, outlines, extent=MAP_EXTENT)
    for code, (lon, lat) in HOST_LABELS.items():
        ax.text(
            lon, lat, country_name(code), color="#555555", ha="center", style="italic", fontsize=11
        )
    # Sides that left the same place sit side by side, centred on it.
    shift = (
        sites.groupby("place_id").cumcount()
        - (sites.groupby("place_id")["bloc"].transform("size") - 1) / 2
    )
    for site, dx in zip(sites.itertuples(), shift * 0.32, strict=True):
        ax.plot(
            site.longitude + dx,
            site.latitude,
            "o",
            ms=7 + 2.5 * (site.handovers - 1),
            color=bloc_colour(site.bloc),
            mec="black",
            mew=0.6,
            zorder=3,
        )
    plots.bloc_legend(ax, _blocs(sites), loc="lower right", title="Base left by")
    places = sites.drop_duplicates("place_id")
    maps.label_points(ax, places["longitude"], places["latitude"], places["place"])
    return fig


def plot_strengths(strengths: pd.DataFrame):
    """One small panel per presence (the frame of withdrawals.charted_strengths): each claim at
    its date, a bar where it is a range. Each panel has its own scale, from zero."""
    names = list(dict.fromkeys(strengths["deployment_short"]))
    ncols = 2
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(plots.WIDTH, 2.0 * nrows + 0.4), layout="constrained", sharex=True
    )
    for ax, name in zip(axes.flat, names, strict=False):
        rows = strengths[strengths["deployment_short"] == name]
        colour = bloc_colour(rows["bloc"].iloc[0])
        ax.vlines(rows["date"], rows["value_low"], rows["value_high"], colors=colour, lw=3)
        ax.plot(rows["date"], rows["value_high"], "o", color=colour, ms=5, mec="black", mew=0.4)
        ax.plot(rows["date"], rows["value_low"], "o", color=colour, ms=5, mec="black", mew=0.4)
        ax.set_title(textwrap.fill(name, TITLE_WIDTH), loc="left", fontsize=10)
        ax.set_ylim(0, rows["value_high"].max() * 1.15)
        ax.yaxis.set_major_locator(MaxNLocator(3, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.tick_params(labelbottom=True)
        plots.date_axis(ax, years=4)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    fig.supylabel("Troops or personnel claimed (each panel has its own scale)")
    return fig
