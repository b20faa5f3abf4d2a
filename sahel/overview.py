"""The landing page's overview: the three stories of the book on one time axis."""

from __future__ import annotations

import pandas as pd

from . import alliance, text, ukraine, withdrawals
from .events import type_labels
from .load import Dataset
from .names import HOSTS, country_name

LANES = [
    "Foreign forces leave",
    "Russian forces arrive",
    "Coups and the alliance",
    "The Ukraine rupture",
]


def _lanes(data: Dataset) -> list[tuple[str, pd.DataFrame]]:
    """Each lane's events."""
    ev = data.events
    departures = withdrawals.departures(data)
    presence = withdrawals.presences(data)
    arrivals = ev.loc[presence.loc[presence["bloc"] == "russia", "opened_by"]]
    # The departures whose last troops out the sources date.
    closing = ev.loc[departures["completed_id"].dropna()]
    steps = alliance.path(data)
    rupture = ev.loc[[ukraine.BATTLE, *ukraine.ruptures(data)["event_id"]]]
    return [(LANES[0], closing), (LANES[1], arrivals), (LANES[2], steps), (LANES[3], rupture)]


def milestones(data: Dataset) -> pd.DataFrame:
    """The events the overview draws, one lane per story, each with its actor's bloc, and a
    label in words: actor, kind of event and month. Each lane's first and last events (where
    each story starts and where the record leaves it) are `labelled` on the figure."""
    lanes = _lanes(data)
    frame = pd.concat([events.assign(lane=lane) for lane, events in lanes], ignore_index=True)
    # One event may close several presences (Takuba's end closed each partner's): drawn once.
    frame = frame.drop_duplicates(subset=["lane", "event_id"])
    frame["bloc"] = frame["actor"].map(data.actors["bloc"])
    # "Wagner Group, troops arrived in Mali (December 2021)": the host is named where the actor
    # comes from elsewhere.
    home = frame["actor"].map(data.actors["country"])
    where = [
        f" in {country_name(c)}" if c in HOSTS and (pd.isna(h) or c != h) else ""
        for c, h in zip(frame["country"], home, strict=True)
    ]
    frame["label"] = [
        f"{actor}, {kind}{place} ({text.fmt_date(date, 'month')})"
        for actor, kind, place, date in zip(
            frame["actor"].map(data.actors["name"]),
            frame["event_type"].map(type_labels(data)),
            where,
            frame["date_start"],
            strict=True,
        )
    ]
    frame = frame.sort_values(["date_start", "event_id"], ignore_index=True)
    ends = frame.groupby("lane")["date_start"]
    frame["labelled"] = (frame.index == ends.idxmin().reindex(frame["lane"]).to_numpy()) | (
        frame.index == ends.idxmax().reindex(frame["lane"]).to_numpy()
    )
    return frame


def table_milestones(data: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The events of the overview for a reader, by lane (HTML in Date)."""
    return text.event_table(
        data,
        frame.assign(named=frame["labelled"].map({True: "named", False: ""})),
        {"lane": "Story", "date": "Date", "summary": "Event", "named": "On the figure"},
        from_chapters=False,
    )


def key_events(data: Dataset) -> set[str]:
    """The events the overview draws (its lanes, without their labels)."""
    return {event_id for _, events in _lanes(data) for event_id in events["event_id"]}
