"""Why the partners were there: each presence's opening as the record summarises it, and the
security context (the attacks and battles that partners, host governments and the alliance
reacted to). Shared by the chapters' context sections; pandas only."""

from __future__ import annotations

import pandas as pd

from . import text
from .events import in_time_order, types
from .load import Dataset
from .names import HOSTS, country_name


def openings(data: Dataset) -> pd.DataFrame:
    """The events that opened the presences, each with its presence's name, who sent it and
    where, earliest first."""
    dep = data.deployments
    opened = data.events.loc[dep["opened_by"]].reset_index(drop=True)
    return opened.assign(
        deployment_id=dep["deployment_id"].to_numpy(),
        name=dep["name"].to_numpy(),
        sponsor_name=dep["sponsor"].map(data.actors["name"]).to_numpy(),
        bloc=dep["sponsor"].map(data.actors["bloc"]).to_numpy(),
        host_name=dep["host_country"].map(country_name).to_numpy(),
    ).sort_values(["date_start", "deployment_id"], ignore_index=True)


def security_events(data: Dataset, countries=tuple(HOSTS)) -> pd.DataFrame:
    """The record's security context: the attacks and battles (the event types of the schema's
    role `violence`) in `countries`, earliest first. The record holds those that the partners,
    the host governments or the alliance reacted to; it is not a count of the violence."""
    events = data.events
    mask = events["event_type"].isin(types(data, "violence")) & events["country"].isin(countries)
    return in_time_order(events[mask])


def table_security(data: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """Security-context events for a reader: when (linked to the record), where, what happened
    as the record summarises it, and its sources."""
    return text.event_table(
        data,
        events.assign(where=events["country"].map(country_name)),
        {"date": "Date", "where": "In", "summary": "What the record says", "sources": "Sources"},
    )


def table_openings(data: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Openings for a reader: when (linked to the record), the presence, who sent it, where,
    what the record says of it, and its sources."""
    return text.event_table(
        data,
        frame,
        {
            "date": "Opened",
            "name": "Presence",
            "sponsor_name": "Sent by",
            "host_name": "In",
            "summary": "What the record says",
            "sources": "Sources",
        },
    )
