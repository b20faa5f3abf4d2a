"""The Ukraine rupture: the battle of Tinzaouaten, the Ukrainian statements, the ruptures and the
reactions, the claims about the toll, and the state of relations before and after."""

from __future__ import annotations

import pandas as pd

from .events import days, theme, with_actors
from .load import Dataset
from .names import HOSTS, country_name

BATTLE = "tinzaouaten-battle"
# The day-by-day view runs from the battle to the end of the month of the ruptures.
WINDOW_END = pd.Timestamp("2024-08-31")
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = (
    "ukr-mfa-response-mali",
    "ukr-mfa-response-niger",
    "pyvovarov-embassy-post",
    "embassy-post-deleted",
    "senegal-summons-pyvovarov",
    "ecowas-statement-interference",
    "aes-letter-unsc",
)
STATES = HOSTS
PARTNERS = {
    "ukraine": "Ukraine",
    "russia": "Russia",
    "france": "France",
    "united_states": "United States",
}

# How an event between a Sahel state and a partner marks their relations. A cell shows the
# deepest mark recorded up to its date (the latest, among equals); other events leave it as it was.
RELATION_EFFECTS = {
    "diplomatic_rupture": "relations severed",
    "withdrawal_completed": "forces withdrawn",
    "agreement_denounced": "agreements denounced",
    "demand_withdrawal": "forces asked to leave",
    "diplomatic_measure": "diplomatic sanction",
    "troop_arrival": "military partnership",
    "deployment_opened": "military partnership",
}
RELATION_LEVELS = {
    "no recorded break": 0,
    "military partnership": 1,
    "diplomatic sanction": 2,
    "forces asked to leave": 2,
    "agreements denounced": 2,
    "forces withdrawn": 3,
    "relations severed": 4,
}
# An ordered scale of its own, apart from the bloc colours: blue for partnership, then light to
# dark orange as the break deepens.
LEVEL_COLOURS = ["#f2f2f2", "#c6dbef", "#fdd0a2", "#f16913", "#7f2704"]
LEVEL_NAMES = [
    "no recorded break",
    "military partnership",
    "diplomatic sanction, demand to leave or agreements denounced",
    "forces withdrawn",
    "relations severed",
]


def battle(data: Dataset) -> pd.Series:
    return data.events.loc[BATTLE]


def window(data: Dataset, end=WINDOW_END) -> pd.DataFrame:
    """Every Ukraine-theme event from the battle's first day to `end`, with actor names."""
    events = theme(data, "ukraine")
    start = battle(data)["date_start"]
    inside = events[(events["date_start"] >= start) & (events["date_start"] <= pd.Timestamp(end))]
    return with_actors(data, inside)


def ukrainian_statements(data: Dataset) -> pd.DataFrame:
    """Statements by Ukrainian officials and institutions after the battle, first first."""
    events = window(data)
    return events[(events["bloc"] == "ukraine") & (events["event_type"] == "statement")]


def ruptures(data: Dataset) -> pd.DataFrame:
    """Each state's severing of relations with Ukraine, with the days since the first Ukrainian
    statement and since the battle ended."""
    events = with_actors(data, data.events[data.events["event_type"] == "diplomatic_rupture"])
    events = events[events["target"].map(data.actors["bloc"]) == "ukraine"]
    first = ukrainian_statements(data).iloc[0]
    end = battle(data)["date_end"]
    return events.assign(
        country_name=events["country"].map(country_name),
        days_after_statement=[days(first["date_start"], d) for d in events["date_start"]],
        days_after_battle=[days(end, d) for d in events["date_start"]],
    ).sort_values("date_start")


def reactions(data: Dataset) -> pd.DataFrame:
    """What others said or did after the first Ukrainian statement, in order."""
    first = ukrainian_statements(data).iloc[0]
    events = window(data)
    later = events[(events["date_start"] >= first["date_start"]) & (events["bloc"] != "ukraine")]
    return later[
        later["event_type"].isin(
            ["statement", "denial", "diplomatic_rupture", "diplomatic_measure", "other"]
        )
    ]


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings rest on: the battle, the first Ukrainian statement and
    each rupture."""
    first = ukrainian_statements(data).iloc[0]["event_id"]
    return {BATTLE, first, *ruptures(data)["event_id"], *CITED}


def toll_claims(data: Dataset) -> pd.DataFrame:
    """Every claim about the battle's dead and captured, with who made it."""
    figures = data.figures[
        data.figures["event_id"].isin(
            [BATTLE, *data.events.index[data.events["themes"].map(lambda t: "ukraine" in t)]]
        )
        & data.figures["measure"].isin(["killed", "killed_or_captured", "captured", "missing"])
    ]
    names = data.actors["name"]
    # Grouped by who made the claim, so that each claimant's figures sit together.
    return figures.assign(
        subject_name=figures["subject"].map(names),
        claimant_name=figures["claimant"].map(names),
        claimant_bloc=figures["claimant"].map(data.actors["bloc"]),
    ).sort_values(["subject", "claimant_name", "measure", "value_high"])


def relations(data: Dataset, at) -> pd.DataFrame:
    """State of each Sahel state's relations with each partner on a date, from the events.

    Returns one row per (state, partner) with the status, its level and the event it rests on.
    """
    at = pd.Timestamp(at)
    events = data.events[
        (data.events["date_start"] <= at) & data.events["event_type"].isin(list(RELATION_EFFECTS))
    ]
    bloc = data.actors["bloc"]
    actor_country = events["actor"].map(data.actors["country"])
    target_country = events["target"].map(data.actors["country"])
    rows = []
    for state in STATES:
        for partner, partner_name in PARTNERS.items():
            # The state acting on the partner, or the partner acting in or on the state.
            mine = ((actor_country == state) & (events["target"].map(bloc) == partner)) | (
                (events["actor"].map(bloc) == partner)
                & ((events["country"] == state) | (target_country == state))
            )
            hits = (
                events[mine]
                .assign(level=lambda f: f["event_type"].map(RELATION_EFFECTS).map(RELATION_LEVELS))
                .sort_values(["level", "date_start"])
            )
            if hits.empty:
                status, event_id, date = "no recorded break", None, pd.NaT
            else:
                deepest = hits[hits["level"] == hits["level"].max()]
                last = deepest.iloc[0]  # the first event that reached the deepest level
                status, event_id, date = (
                    RELATION_EFFECTS[last["event_type"]],
                    last["event_id"],
                    last["date_start"],
                )
            rows.append(
                {
                    "state": state,
                    "state_name": country_name(state),
                    "partner": partner,
                    "partner_name": partner_name,
                    "status": status,
                    "level": RELATION_LEVELS[status],
                    "event_id": event_id,
                    "since": date,
                }
            )
    return pd.DataFrame(rows)
