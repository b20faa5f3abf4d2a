"""Event-table helpers shared by the chapters: joining actor names and blocs, selecting by theme,
and counting days between events."""

from __future__ import annotations

import pandas as pd

from .load import Dataset


def type_labels(data: Dataset) -> dict[str, str]:
    """Each event type in the words the book uses (from the schema)."""
    return data.package.resource("events").field("event_type").labels


def types(data: Dataset, role: str) -> list[str]:
    """The event types that play `role` in the book (from the schema's roles)."""
    return data.package.resource("events").field("event_type").roles[role]


def with_actors(data: Dataset, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events with the acting and targeted actors' names and the actor's bloc."""
    events = data.events if events is None else events
    names, blocs = data.actors["name"], data.actors["bloc"]
    return events.assign(
        actor_name=events["actor"].map(names),
        target_name=events["target"].map(names),
        bloc=events["actor"].map(blocs),
    )


def theme(data: Dataset, name: str) -> pd.DataFrame:
    """The events tagged with a theme, in date order."""
    mask = data.events["themes"].map(lambda themes: name in themes)
    return data.events[mask].sort_values(["date_start", "event_id"])


def days(start, end) -> int:
    """Whole days from one date to another (negative when `end` comes first)."""
    return int((pd.Timestamp(end) - pd.Timestamp(start)).days)


def last_event_date(data: Dataset) -> pd.Timestamp:
    return data.events["date_end"].fillna(data.events["date_start"]).max()


def stated_reasons(data: Dataset, ruptures: pd.DataFrame) -> pd.DataFrame:
    """The reasons each side gave for some ruptures (events), with the rupture's date and
    summary and the names of who gave them, in date order."""
    events = data.events
    reasons = data.reasons[data.reasons["event_id"].isin(ruptures["event_id"])]
    return reasons.assign(
        date_start=reasons["event_id"].map(events["date_start"]),
        date_precision=reasons["event_id"].map(events["date_precision"]),
        rupture=reasons["event_id"].map(events["summary"]),
        stated_by_name=reasons["stated_by"].map(data.actors["name"]),
    ).sort_values(["date_start", "event_id", "side"])
