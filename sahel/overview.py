"""The landing page's overview: the three stories of the book on one time axis."""

from __future__ import annotations

import pandas as pd

from . import alliance, ukraine, withdrawals
from .load import Dataset

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
