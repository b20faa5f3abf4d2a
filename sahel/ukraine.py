"""The Ukraine rupture: the battle of Tinzaouaten, the Ukrainian statements, the ruptures and the
reactions, the claims about the toll, and the state of relations before and after."""

from __future__ import annotations

import pandas as pd

from . import text
from .events import days, theme, type_labels, types, with_actors
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
# The bloc of the three states' governments, forces and leaders: their acts are the state's (a
# protest in Niamey is not Niger's).
STATE_BLOC = "aes"
PARTNERS = {
    "ukraine": "Ukraine",
    "russia": "Russia",
    "france": "France",
    "united_states": "United States",
}

# The scale of a Sahel state's relations with a partner, as the recorded events mark them: the
# schema's roles of event types, mildest first (level 1) to deepest (level 4); level 0 is a pair
# whose relations no recorded event marks. The words of each level are the roles' labels.
RELATION_SCALE = (
    "relations_partnership",
    "relations_strained",
    "relations_withdrawn",
    "relations_severed",
)
NO_BREAK = "no recorded break"
# What others said or did, as opposed to fought: the roles of the event types a reaction can be.
REACTION_ROLES = ("words", "relations_strained", "relations_severed")


def reasoned_events(data: Dataset) -> pd.DataFrame:
    """The events whose stated reasons this page gives: those between a state and Ukraine."""
    bloc = data.actors["bloc"]
    ev = data.events
    return ev[(ev["actor"].map(bloc) == "ukraine") | (ev["target"].map(bloc) == "ukraine")]


def battle(data: Dataset) -> pd.Series:
    return data.events.loc[BATTLE]


def window(data: Dataset, end=WINDOW_END) -> pd.DataFrame:
    """Every Ukraine-theme event from the battle's first day to `end`, with actor names."""
    events = theme(data, "ukraine")
    start = battle(data)["date_start"]
    inside = events[(events["date_start"] >= start) & (events["date_start"] <= pd.Timestamp(end))]
    return with_actors(data, inside)


def ukrainian_statements(data: Dataset) -> pd.DataFrame:
    """What Ukrainian officials and institutions said after the battle (statements and denials:
    the schema's role `words`), first first."""

    def statements() -> pd.DataFrame:
        events = window(data)
        words = events["event_type"].isin(types(data, "words"))
        return events[(events["bloc"] == "ukraine") & words]

    return data.derived("ukrainian statements", statements)


def ruptures(data: Dataset) -> pd.DataFrame:
    """Each state's severing of relations with Ukraine, with the first Ukrainian statement's date
    and the days since it and since the battle ended."""
    return data.derived("ruptures", lambda: _ruptures(data))


def _ruptures(data: Dataset) -> pd.DataFrame:
    severed = types(data, "relations_severed")
    events = with_actors(data, data.events[data.events["event_type"].isin(severed)])
    events = events[events["target"].map(data.actors["bloc"]) == "ukraine"]
    first = ukrainian_statements(data).iloc[0]
    end = battle(data)["date_end"]
    return events.assign(
        country_name=events["country"].map(country_name),
        statement_date=first["date_start"],
        days_after_statement=[days(first["date_start"], d) for d in events["date_start"]],
        days_after_battle=[days(end, d) for d in events["date_start"]],
    ).sort_values("date_start")


def reactions(data: Dataset) -> pd.DataFrame:
    """What others said or did after the first Ukrainian statement, in order."""
    first = ukrainian_statements(data).iloc[0]
    events = window(data)
    later = events[(events["date_start"] >= first["date_start"]) & (events["bloc"] != "ukraine")]
    kinds = {t for role in REACTION_ROLES for t in types(data, role)}
    return later[later["event_type"].isin(kinds)]


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings rest on: the battle, the first Ukrainian statement and
    each rupture."""
    first = ukrainian_statements(data).iloc[0]["event_id"]
    return {BATTLE, first, *ruptures(data)["event_id"], *CITED}


def toll_claims(data: Dataset) -> pd.DataFrame:
    """Every claim about the battle's dead, captured and missing (the measures of the schema's
    `toll` role), with who made it and what it counts in words, grouped by claimant."""
    measure = data.package.resource("figures").field("measure")
    ukraine_events = data.events.index[data.events["themes"].map(lambda t: "ukraine" in t)]
    figures = data.figures[
        data.figures["event_id"].isin([BATTLE, *ukraine_events])
        & data.figures["measure"].isin(measure.roles["toll"])
    ]
    names = data.actors["name"]
    # Grouped by who made the claim, so that each claimant's figures sit together.
    return figures.assign(
        subject_name=figures["subject"].map(names),
        claimant_name=figures["claimant"].map(names),
        claimant_bloc=figures["claimant"].map(data.actors["bloc"]),
        measure_label=figures["measure"].map(measure.labels),
    ).sort_values(["subject", "claimant_name", "measure", "value_high"])


def relation_scale(data: Dataset) -> list[str]:
    """The words of each level of the relations scale, level 0 (no recorded break) first."""
    labels = data.package.resource("events").field("event_type").role_labels
    return [NO_BREAK, *(labels[role] for role in RELATION_SCALE)]


def relation_levels(data: Dataset) -> dict[str, int]:
    """Event type -> the level of the relations scale it marks (from the schema's roles)."""
    levels: dict[str, int] = {}
    for level, role in enumerate(RELATION_SCALE, start=1):
        for event_type in types(data, role):
            if event_type in levels:
                raise ValueError(f"event type {event_type!r} sits on two levels of the scale")
            levels[event_type] = level
    return levels


def relations(data: Dataset, at) -> pd.DataFrame:
    """State of each Sahel state's relations with each partner on a date, from the events.

    An event marks a pair's relations when the state (an actor of STATE_BLOC from that country)
    acts on the partner, or the partner acts in or on the state. A pair's status is the deepest
    mark recorded up to the date; among events of that depth, the latest (then the last by id)
    is the one it rests on. Returns one row per (state, partner) with the status, its level,
    and that event and its date.
    """
    at = pd.Timestamp(at)
    levels = relation_levels(data)
    scale = relation_scale(data)
    marks = data.events[
        (data.events["date_start"] <= at) & data.events["event_type"].isin(list(levels))
    ]
    marks = marks.assign(level=marks["event_type"].map(levels)).sort_values(
        ["level", "date_start", "event_id"]
    )
    bloc, home = data.actors["bloc"], data.actors["country"]
    actor_country, target_country = marks["actor"].map(home), marks["target"].map(home)
    rows = []
    for state in STATES:
        for partner, partner_name in PARTNERS.items():
            by_state = (
                (actor_country == state)
                & (marks["actor"].map(bloc) == STATE_BLOC)
                & (marks["target"].map(bloc) == partner)
            )
            by_partner = (marks["actor"].map(bloc) == partner) & (
                (marks["country"] == state) | (target_country == state)
            )
            hits = marks[by_state | by_partner]
            # Sorted by level, then date, then id: the last row is the latest of the deepest.
            last = hits.iloc[-1] if len(hits) else None
            rows.append(
                {
                    "state": state,
                    "state_name": country_name(state),
                    "partner": partner,
                    "partner_name": partner_name,
                    "level": 0 if last is None else int(last["level"]),
                    "status": scale[0 if last is None else int(last["level"])],
                    "event_id": None if last is None else last["event_id"],
                    "since": pd.NaT if last is None else last["date_start"],
                }
            )
    return pd.DataFrame(rows)


def relations_before_after(data: Dataset, before, after) -> pd.DataFrame:
    """Each (state, partner) pair's relations on two dates side by side: the level, status and
    the event it rests on for each (columns suffixed `_before` and `_after`), and whether the
    level changed between them."""
    keys = ["state", "state_name", "partner", "partner_name"]
    pairs = relations(data, before).merge(
        relations(data, after), on=keys, suffixes=("_before", "_after"), validate="one_to_one"
    )
    return pairs.assign(
        before=pd.Timestamp(before),
        after=pd.Timestamp(after),
        changed=pairs["level_before"] != pairs["level_after"],
    )


def changes_in_words(change: pd.DataFrame) -> str:
    """The pairs whose relations changed between the two dates, as the caption says them:
    "Mali–Ukraine and Niger–Ukraine (to relations severed)"; "no pair" where none did."""
    moved = change[change["changed"]]
    if moved.empty:
        return "no pair"
    parts = []
    for status, rows in moved.groupby("status_after", sort=False):
        pairs = [f"{r.state_name}–{r.partner_name}" for r in rows.itertuples()]
        listed = pairs[0] if len(pairs) == 1 else f"{', '.join(pairs[:-1])} and {pairs[-1]}"
        parts.append(f"{listed} (to {status})")
    return "; ".join(parts)


def table_day_by_day(data: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """The events of the day-by-day figure for a reader (HTML in Date and Sources)."""
    return text.event_table(
        data,
        events.assign(kind=events["event_type"].map(type_labels(data))),
        {
            "date": "Date",
            "actor_name": "Actor",
            "kind": "Event",
            "summary": "What happened",
            "sources": "Sources",
        },
    )


def table_reactions(data: Dataset, events: pd.DataFrame) -> pd.DataFrame:
    """The reactions for a reader (HTML in Date and Sources)."""
    return text.event_table(
        data,
        events,
        {
            "date": "Date",
            "actor_name": "Actor",
            "summary": "What was said or done",
            "sources": "Sources",
        },
    )


def table_toll(data: Dataset, claims: pd.DataFrame) -> pd.DataFrame:
    """The claims about the toll for a reader (HTML in Reported by)."""
    return text.claims_table(data, claims, {"subject_name": "About", "measure_label": "Counted"})


def table_relations(data: Dataset, change: pd.DataFrame) -> pd.DataFrame:
    """The relations figure for a reader: each pair's status on both dates, whether it changed,
    and the events the statuses rest on, linked to the record (HTML in "Rests on")."""
    before, after = (text.fmt_date(change[c].iloc[0]) for c in ("before", "after"))

    def rests_on(row) -> str:
        ids = list(
            dict.fromkeys(e for e in (row.event_id_before, row.event_id_after) if pd.notna(e))
        )
        return " then ".join(text.record_link(data, e) for e in ids)

    frame = change.assign(
        moved=change["changed"].map({True: "changed", False: ""}),
        rests_on=[rests_on(row) for row in change.itertuples()],
    )
    return text.headed(
        frame,
        {
            "state_name": "State",
            "partner_name": "Partner",
            "status_before": f"On {before}",
            "status_after": f"On {after}",
            "moved": "Change",
            "rests_on": "Rests on",
        },
    )
