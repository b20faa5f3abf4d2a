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


def in_time_order(events: pd.DataFrame) -> pd.DataFrame:
    """Events in the order a reader expects: an event known only to its month or year comes after
    the dated events of that month or year (it may have happened on any of its days, and a
    reader meets it as 'October 2025' after '7 October 2025'), then by id."""
    start = events["date_start"]
    latest = start.where(
        events["date_precision"].eq("day"),
        start.where(events["date_precision"].ne("month"), start + pd.offsets.MonthEnd(0)).where(
            events["date_precision"].ne("year"), start + pd.offsets.YearEnd(0)
        ),
    )
    order = events.assign(_latest=latest).sort_values(["_latest", "date_start", "event_id"])
    return order.drop(columns="_latest")


def theme(data: Dataset, name: str) -> pd.DataFrame:
    """The events tagged with a theme, in time order (computed once per Dataset)."""

    def tagged() -> pd.DataFrame:
        mask = data.events["themes"].map(lambda themes: name in themes)
        return in_time_order(data.events[mask])

    return data.derived(f"theme {name}", tagged)


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
