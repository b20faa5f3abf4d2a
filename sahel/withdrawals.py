"""The withdrawals: each foreign presence's interval, the steps of each departure, the lags from
the host's demand to the departing side's announcement and to the last troops out, the bases
handed over and the claimed troop strengths; and the tables a reader sees beside the figures."""

from __future__ import annotations

import pandas as pd

from . import text
from .events import days, last_event_date, types
from .load import Dataset
from .names import HOSTS, country_name

# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = ("mli-denies-wagner",)
# A panel of the strengths figure needs a few claims to show a change; presences with fewer
# claims are in the table only.
MIN_STRENGTH_CLAIMS = 3


def short_name(name: str) -> str:
    """A presence's name without its details in brackets: 'Operation Barkhane (in Mali)' ->
    'Operation Barkhane'."""
    return name.split(" (")[0]


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings and figures rest on: every presence's opening and
    closing, and every step of every departure."""
    dep = data.deployments
    keys = set(dep["opened_by"]) | set(dep["closed_by"].dropna())
    for ids in departures(data)["event_ids"]:
        keys |= set(ids)
    return keys | set(CITED)


def presences(data: Dataset) -> pd.DataFrame:
    """Every deployment with its interval, derived from the events that opened and closed it,
    the three host states in turn and each host's presences by date."""
    return data.derived("presences", lambda: _presences(data))


def _presences(data: Dataset) -> pd.DataFrame:
    dep = data.deployments
    dates, precision = data.events["date_start"], data.events["date_precision"]
    closed = dep["closed_by"].map(dates)
    # A presence that ended on a day no source dates runs to the last event that names it.
    date = dates.to_dict()
    last_named = {d: max(date[i] for i in ids) for d, ids in named_events(data).items()}
    undated = dep["end_undated"].notna()
    closed = closed.where(~undated, dep["deployment_id"].map(last_named))
    frame = dep.assign(
        short_name=dep["name"].map(short_name),
        # Where the sources date no completion, the closing event is the last step they date.
        end_known=dep["closed_by"].map(data.events["event_type"]).isin(types(data, "completion")),
        start=dep["opened_by"].map(dates),
        start_precision=dep["opened_by"].map(precision),
        end=closed.fillna(last_event_date(data)),
        ongoing=closed.isna() & ~undated,
        bloc=dep["sponsor"].map(data.actors["bloc"]),
        host_name=dep["host_country"].map(country_name),
    )
    frame["host_order"] = frame["host_country"].map({h: i for i, h in enumerate(HOSTS)})
    return frame.sort_values(["host_order", "start"])


def named_events(data: Dataset) -> dict[str, list[str]]:
    """Each deployment's events, those that name it among theirs, in date order: one pass over
    the events for the frames that walk every presence."""
    ordered = data.events.sort_values(["date_start", "event_id"])["deployment_ids"]
    named: dict[str, list[str]] = {}
    for event_id, deployment_ids in ordered.items():
        for deployment_id in deployment_ids:
            named.setdefault(deployment_id, []).append(event_id)
    return named


def reasoned_events(data: Dataset) -> pd.DataFrame:
    """The events whose stated reasons this page gives: those that name a presence, and every
    demand, announcement, arrival, step or end of a presence."""
    ev = data.events
    roles = ("demand", "announcement", "completion", "arrival", "departure_step")
    named = ev["deployment_ids"].map(len).gt(0)
    return ev[named | ev["event_type"].isin([t for r in roles for t in types(data, r)])]


def break_start(data: Dataset) -> pd.Timestamp:
    """The first coup in the three states: the start of the break this chapter follows."""
    coups = data.events[data.events["event_type"].isin(types(data, "regime_change"))]
    return coups[coups["country"].isin(HOSTS)]["date_start"].min()


STEPS = ("demand", "announced", "started", "completed")


def departures(data: Dataset) -> pd.DataFrame:
    """One row per Western, UN or EU presence that ended after the first coup: its steps, their
    dates and the lags in days. (Presences that ended earlier, such as Serval, which gave way to
    Barkhane in 2014, were not departures from the country.)"""
    return data.derived("departures", lambda: _departures(data))


def _departures(data: Dataset) -> pd.DataFrame:
    presence = presences(data)
    start = break_start(data)
    blocs = data.actors["bloc"]
    named = named_events(data)
    # Each event as a plain record, with each side's bloc looked up once for all presences: the
    # steps are found by walking each presence's few events, in date order.
    ev = data.events
    record = {
        event_id: {"event_id": event_id, "date_start": date, "event_type": kind, **sides}
        for event_id, date, kind, sides in zip(
            ev.index,
            ev["date_start"],
            ev["event_type"],
            (
                {"actor_bloc": a, "target_bloc": t}
                # No bloc (no target, or an actor of none) matches no presence's side.
                for a, t in zip(
                    ev["actor"].map(blocs).fillna(""),
                    ev["target"].map(blocs).fillna(""),
                    strict=True,
                )
            ),
            strict=True,
        )
    }
    demand, announcement, withdrawal_start, handover = (
        set(types(data, role))
        for role in ("demand", "announcement", "withdrawal_start", "handover")
    )
    rows = []
    for dep in presence.itertuples():
        if dep.ongoing or dep.bloc == "russia" or dep.end < start:
            continue
        events = [record[e] for e in named.get(dep.deployment_id, [])]
        # An event may name several presences (a joint announcement, a Takuba partner's own
        # exit): a demand counts where the host addressed this presence's side, and an
        # announcement or a start where this presence's side made it.
        own = [e for e in events if e["actor_bloc"] == dep.bloc]
        addressed = [e for e in events if e["target_bloc"] == dep.bloc]
        found = {
            "demand": _first(addressed, demand),
            "announced": _first(own, announcement),
            "started": _first(own, withdrawal_start),
            # A presence whose end no source dates has no completion to measure to.
            "completed": record[dep.closed_by] if dep.end_known else None,
        }
        handed = [e["event_id"] for e in own if e["event_type"] in handover]
        dated = {s: (e["date_start"] if e is not None else pd.NaT) for s, e in found.items()}
        rows.append(
            {
                "deployment_id": dep.deployment_id,
                "name": dep.name,
                "short_name": dep.short_name,
                "host": dep.host_country,
                "host_name": dep.host_name,
                "bloc": dep.bloc,
                **dated,
                **{f"{s}_id": (e["event_id"] if e is not None else None) for s, e in found.items()},
                "handovers": len(handed),
                "days_to_announcement": _lag(dated["demand"], dated["announced"]),
                "days_to_completion": _lag(dated["demand"], dated["completed"]),
                "event_ids": list(
                    dict.fromkeys([e["event_id"] for e in found.values() if e is not None] + handed)
                ),
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("days_to_announcement", "days_to_completion"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["completed", "announced"]).reset_index(drop=True)


def _first(events: list[dict], event_types: set[str]) -> dict | None:
    """The first of a presence's events (in date order) of one of these types."""
    return next((e for e in events if e["event_type"] in event_types), None)


def _lag(start, end) -> int | None:
    return days(start, end) if pd.notna(start) and pd.notna(end) else None


def lags(departures: pd.DataFrame) -> pd.DataFrame:
    """The departures a host demand preceded and whose last troops out the sources date,
    shortest first: the rows the lags figure draws."""
    frame = departures.dropna(subset=["days_to_completion"])
    return frame.sort_values(["days_to_completion", "short_name"]).reset_index(drop=True)


def median_lag(lags: pd.DataFrame) -> float:
    """The median of the days from the host's demand to the last troops out."""
    return float(lags["days_to_completion"].median())


def handovers(data: Dataset) -> pd.DataFrame:
    """Every base handed over, with the deployment that left, to whom (where recorded) and where."""
    events = data.events[data.events["event_type"].isin(types(data, "handover"))]
    # A base handed over by several presences at once is drawn for the first one it names.
    first = events["deployment_ids"].map(lambda ids: ids[0] if ids else None)
    places = data.places
    return events.assign(
        deployment=first.map(data.deployments["name"]),
        deployment_short=first.map(data.deployments["name"]).map(short_name),
        bloc=first.map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        to=events["target"].map(data.actors["name"]),
        host_name=events["country"].map(country_name),
        place=events["place_id"].map(places["name"]),
        latitude=events["place_id"].map(places["latitude"]),
        longitude=events["place_id"].map(places["longitude"]),
    ).sort_values("date_start")


def handover_sites(handovers: pd.DataFrame) -> pd.DataFrame:
    """One row per place with coordinates and side that left it: how many handovers there, and
    where; the points the map draws, in order of their first handover."""
    mapped = handovers.dropna(subset=["latitude", "longitude"])
    sites = mapped.groupby(["place_id", "bloc"], sort=False).agg(
        place=("place", "first"),
        latitude=("latitude", "first"),
        longitude=("longitude", "first"),
        handovers=("event_id", "size"),
        first=("date_start", "min"),
    )
    return sites.reset_index().sort_values("first").reset_index(drop=True)


def unmapped(handovers: pd.DataFrame) -> pd.DataFrame:
    """The handovers at places no gazetteer the book uses gives coordinates for."""
    return handovers[handovers["latitude"].isna() | handovers["longitude"].isna()]


def map_note(handovers: pd.DataFrame) -> str:
    """What the map leaves out, in a sentence for its caption."""
    missing = unmapped(handovers)
    if missing.empty:
        return "Every handover is drawn."
    where = ", ".join(
        f"{p} ({d})" for p, d in zip(missing["place"], missing["deployment_short"], strict=True)
    )
    one = len(missing) == 1
    return (
        f"{text.plural(len(missing), 'handover')} {'is' if one else 'are'} not drawn, because the "
        f"book's gazetteer does not list {'its place' if one else 'their places'}: {where}."
    )


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
        deployment_short=figures["deployment_id"].map(data.deployments["name"]).map(short_name),
        bloc=figures["deployment_id"].map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        claimant_name=figures["claimant"].map(data.actors["name"]),
    ).sort_values(["deployment_id", "date"])


def charted_strengths(strengths: pd.DataFrame) -> pd.DataFrame:
    """The claims of the presences with at least MIN_STRENGTH_CLAIMS claims, presence by
    presence in the order of their first claim: the panels of the strengths figure."""
    counts = strengths["deployment_id"].value_counts()
    frame = strengths[strengths["deployment_id"].map(counts) >= MIN_STRENGTH_CLAIMS]
    first = frame.groupby("deployment_id")["date"].transform("min")
    return frame.assign(first_claim=first).sort_values(["first_claim", "deployment_id", "date"])


# The reader's tables: each takes the frame a figure draws and returns the columns a reader sees.


def table_presences(data: Dataset, presence: pd.DataFrame) -> pd.DataFrame:
    """Every presence, with links to the events that open and close it (HTML in From, Until)."""
    closing = presence["closed_by"].map(lambda e: text.record_link(data, e))
    until = [
        "continues"
        if ongoing
        else link
        if known
        else f"not dated by the sources; their last dated step: {text.fmt_date(end)}"
        for ongoing, link, known, end in zip(
            presence["ongoing"], closing, presence["end_known"], presence["end"], strict=True
        )
    ]
    frame = presence.assign(
        opening=presence["opened_by"].map(lambda e: text.record_link(data, e)),
        until=until,
        sponsor_name=presence["sponsor"].map(data.actors["name"]),
    )
    return text.headed(
        frame,
        {
            "host_name": "Host",
            "name": "Presence",
            "sponsor_name": "Sent by",
            "opening": "From",
            "until": "Until",
        },
    )


STEP_HEADINGS = {
    "demand": "Host's demand",
    "announced": "Announced",
    "started": "Started",
    "completed": "Last troops out",
}


def table_departures(data: Dataset, departures: pd.DataFrame) -> pd.DataFrame:
    """Every departure step by step, each date linked to its record entry (HTML in the step
    columns), with the bases handed over and the lags in days."""
    frame = departures.assign(
        **{
            f"{step}_link": departures[f"{step}_id"].map(lambda e: text.record_link(data, e))
            for step in STEPS
        },
        to_announcement=departures["days_to_announcement"].map(text.fmt_int),
        to_completion=departures["days_to_completion"].map(text.fmt_int),
    )
    return text.headed(
        frame,
        {
            "host_name": "Host",
            "name": "Presence",
            **{f"{step}_link": STEP_HEADINGS[step] for step in STEPS},
            "handovers": "Bases handed over",
            "to_announcement": "Days to announcement",
            "to_completion": "Days to completion",
        },
    )


def table_handovers(data: Dataset, handovers: pd.DataFrame) -> pd.DataFrame:
    """Every base handed over: date (linked), place, country, presence, to whom, what happened,
    and a linked count of sources (HTML in Date and Sources)."""
    return text.event_table(
        data,
        handovers,
        {
            "date": "Date",
            "place": "Place",
            "host_name": "Country",
            "deployment": "Presence",
            "to": "Handed to",
            "summary": "What happened",
            "sources": "Sources",
        },
    )


def table_strengths(data: Dataset, strengths: pd.DataFrame) -> pd.DataFrame:
    """Every claim of a presence's strength, with its claimant and the outlet that reported it
    (HTML in Reported by)."""
    return text.claims_table(data, strengths, {"deployment": "Presence"})
