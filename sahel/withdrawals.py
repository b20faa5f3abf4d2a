"""The withdrawals: each foreign presence's interval, the steps of each departure, the lags from
the host's demand to the departing side's announcement and to the last troops out, and the
claimed troop strengths."""

from __future__ import annotations

import pandas as pd

from .events import days, last_event_date
from .load import Dataset
from .names import HOSTS, country_name

# Where the map writes the three states' names (longitude, latitude).
HOST_LABELS = {"MLI": (-6.5, 18.0), "BFA": (-1.6, 11.3), "NER": (10.5, 18.5)}
MARKERS = {
    "demand": ("v", "host's demand or denunciation"),
    "announced": ("o", "departure or end announced"),
    "completed": ("s", "presence ended"),
}
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = ("mli-denies-wagner",)


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings and figures rest on: every presence's opening and
    closing, and every step of every departure."""
    dep = data.deployments
    keys = set(dep["opened_by"]) | set(dep["closed_by"].dropna())
    for ids in departures(data)["event_ids"]:
        keys |= set(ids)
    return keys | set(CITED)


def presences(data: Dataset) -> pd.DataFrame:
    """Every deployment with its interval, derived from the events that opened and closed it."""
    dep = data.deployments
    dates, precision = data.events["date_start"], data.events["date_precision"]
    closed = dep["closed_by"].map(dates)
    completion = roles(data)["completion"]
    # A presence that ended on a day no source dates runs to the last event that names it.
    last_named = {
        d: data.events.loc[steps(data, d).index, "date_start"].max() for d in dep["deployment_id"]
    }
    undated = dep["end_undated"].notna()
    closed = closed.where(~undated, dep["deployment_id"].map(last_named))
    frame = dep.assign(
        # Where the sources date no completion, the closing event is the last step they date.
        end_known=dep["closed_by"].map(data.events["event_type"]).isin(completion),
        start=dep["opened_by"].map(dates),
        start_precision=dep["opened_by"].map(precision),
        end=closed.fillna(last_event_date(data)),
        ongoing=closed.isna() & ~undated,
        bloc=dep["sponsor"].map(data.actors["bloc"]),
        host_name=dep["host_country"].map(country_name),
    )
    frame["host_order"] = frame["host_country"].map({h: i for i, h in enumerate(HOSTS)})
    return frame.sort_values(["host_order", "start"])


def roles(data: Dataset) -> dict[str, list[str]]:
    """The event types that play a part in a departure, as the schema names them."""
    return data.package.resource("events").field("event_type").roles


def steps(data: Dataset, deployment_id: str) -> pd.DataFrame:
    """The events that name a deployment among theirs, in date order."""
    events = data.events[data.events["deployment_ids"].map(lambda ids: deployment_id in ids)]
    return events.sort_values("date_start")


def _first(events: pd.DataFrame, types: list[str]) -> pd.Series | None:
    hits = events[events["event_type"].isin(types)]
    return hits.iloc[0] if len(hits) else None


def break_start(data: Dataset) -> pd.Timestamp:
    """The first coup in the three states: the start of the break this chapter follows."""
    coups = data.events[data.events["event_type"] == "coup"]
    return coups[coups["country"].isin(HOSTS)]["date_start"].min()


def departures(data: Dataset) -> pd.DataFrame:
    """One row per Western, UN or EU presence that ended after the first coup: its steps, their
    dates and the lags in days. (Presences that ended earlier, such as Serval, which gave way to
    Barkhane in 2014, were not departures from the country.)"""
    rows = []
    start = break_start(data)
    for dep in presences(data).itertuples():
        if dep.ongoing or dep.bloc == "russia" or dep.end < start:
            continue
        events = steps(data, dep.deployment_id)
        # An event may name several presences (a joint announcement, a Takuba partner's own
        # exit): a demand counts where the host addressed this presence's side, and an
        # announcement or a start where this presence's side made it.
        blocs = data.actors["bloc"]
        own = events[events["actor"].map(blocs) == dep.bloc]
        demand = _first(events[events["target"].map(blocs) == dep.bloc], roles(data)["demand"])
        announced = _first(own, roles(data)["announcement"])
        started = _first(own, ["withdrawal_started"])
        # A presence whose end no source dates has no completion to measure to.
        completed = data.events.loc[dep.closed_by] if dep.end_known else None
        handovers = own[own["event_type"] == "base_handover"]
        step_ids = [e["event_id"] for e in (demand, announced, started, completed) if e is not None]
        rows.append(
            {
                "deployment_id": dep.deployment_id,
                "name": dep.name,
                "host": dep.host_country,
                "host_name": dep.host_name,
                "bloc": dep.bloc,
                "demand": demand["date_start"] if demand is not None else pd.NaT,
                "announced": announced["date_start"] if announced is not None else pd.NaT,
                "started": started["date_start"] if started is not None else pd.NaT,
                "completed": completed["date_start"] if completed is not None else pd.NaT,
                **{
                    f"{step}_id": event["event_id"] if event is not None else None
                    for step, event in (
                        ("demand", demand),
                        ("announced", announced),
                        ("started", started),
                        ("completed", completed),
                    )
                },
                "handovers": len(handovers),
                "days_to_announcement": days(demand["date_start"], announced["date_start"])
                if demand is not None and announced is not None
                else None,
                "days_to_completion": days(demand["date_start"], completed["date_start"])
                if demand is not None and completed is not None
                else None,
                "event_ids": [*step_ids, *handovers["event_id"]],
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("days_to_announcement", "days_to_completion"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["completed", "announced"]).reset_index(drop=True)


def handovers(data: Dataset) -> pd.DataFrame:
    """Every base handed over, with the deployment that left, to whom (where recorded) and where."""
    events = data.events[data.events["event_type"] == "base_handover"]
    # A base handed over by several presences at once is drawn for the first one it names.
    first = events["deployment_ids"].map(lambda ids: ids[0] if ids else None)
    places = data.places
    return events.assign(
        deployment=first.map(data.deployments["name"]),
        bloc=first.map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        to=events["target"].map(data.actors["name"]),
        host_name=events["country"].map(country_name),
        place=events["place_id"].map(places["name"]),
        latitude=events["place_id"].map(places["latitude"]),
        longitude=events["place_id"].map(places["longitude"]),
    ).sort_values("date_start")


def strengths(data: Dataset) -> pd.DataFrame:
    """Claims of the personnel a whole presence had deployed, with the claimant's name: like
    compared with like (no country, regional or base figures, no departures or ceilings)."""
    figures = data.figures[
        (data.figures["measure"] == "personnel_deployed")
        & (data.figures["scope"] == "presence")
        & data.figures["deployment_id"].notna()
    ]
    return figures.assign(
        deployment=figures["deployment_id"].map(data.deployments["name"]),
        bloc=figures["deployment_id"].map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        claimant_name=figures["claimant"].map(data.actors["name"]),
    ).sort_values(["deployment_id", "date"])


# A panel needs a few claims to show a change; presences with fewer are in the table only.
MIN_STRENGTH_CLAIMS = 3
