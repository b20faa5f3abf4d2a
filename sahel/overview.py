"""The landing page's overview: the three stories of the book on one time axis."""

from __future__ import annotations

import pandas as pd

from . import alliance, plots, ukraine, withdrawals
from .load import Dataset
from .style import BLOC_COLOURS

LANES = [
    "Foreign forces leave",
    "Russian forces arrive",
    "Coups and the alliance",
    "The Ukraine rupture",
]


def milestones(data: Dataset) -> pd.DataFrame:
    """The events the overview draws, one lane per story, each with its bloc's colour."""
    ev = data.events
    departures = withdrawals.departures(data)
    presence = withdrawals.presences(data)
    arrivals = ev.loc[presence.loc[presence["bloc"] == "russia", "opened_by"]]
    # The departures whose last troops out the sources date.
    closing = ev.loc[departures["completed_id"].dropna()]
    steps = alliance.path(data)
    rupture = ev.loc[[ukraine.BATTLE, *ukraine.ruptures(data)["event_id"]]]
    lanes = [(LANES[0], closing), (LANES[1], arrivals), (LANES[2], steps), (LANES[3], rupture)]
    frame = pd.concat([events.assign(lane=lane) for lane, events in lanes], ignore_index=True)
    # One event may close several presences (Takuba's end closed each partner's): drawn once.
    frame = frame.drop_duplicates(subset=["lane", "event_id"])
    frame["bloc"] = frame["actor"].map(data.actors["bloc"])
    return frame.sort_values("date_start")


def key_events(data: Dataset) -> set[str]:
    return set(milestones(data)["event_id"])


def plot_overview(data: Dataset):
    frame = milestones(data)
    fig, ax = plots.figure(height=3.2, width=9)
    plots.lane_dots(ax, frame["date_start"], frame["lane"], frame["bloc"], order=LANES, size=8)
    start = withdrawals.break_start(data) - pd.Timedelta(days=120)
    ax.set_xlim(start, frame["date_start"].max() + pd.Timedelta(days=90))
    plots.date_axis(ax)
    blocs = [b for b in BLOC_COLOURS if b in set(frame["bloc"])]
    plots.bloc_legend(
        ax, blocs, loc="upper center", bbox_to_anchor=(0.45, -0.12), ncol=4, fontsize=7
    )
    return fig
