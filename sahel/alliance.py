"""The alliance's formation: the path from the coups to the confederation, the three states'
membership of the region's organisations, the pace of the alliance's acts, and ECOWAS's measures
beside the three states' steps."""

from __future__ import annotations

import pandas as pd

from .events import last_event_date, type_labels, with_actors
from .load import Dataset

SAHEL_ACTORS = {
    "mli-gov",
    "bfa-gov",
    "ner-gov",
    "mli-cnsp",
    "bfa-mps",
    "ner-cnsp",
    "aes",
    "person-goita",
    "person-traore",
    "person-tiani",
}
# Organisations whose membership the chapter follows, with the event that made all three states
# members (None: they were members before the dataset begins).
ORGANISATIONS = {
    "ecowas": None,
    "g5-sahel": "g5-sahel-created",
    "aes": "aes-liptako-gourma-charter-signed",
}
# Names for the path's two treaties, which the event types alone do not tell apart.
MILESTONE_NAMES = {
    "aes-liptako-gourma-charter-signed": "Liptako-Gourma Charter signed",
    "aes-confederation-treaty-signed": "confederation treaty signed",
}
ECOWAS_MEASURES = [
    "sanction_imposed",
    "sanction_lifted",
    "ultimatum",
    "summit",
    "diplomatic_measure",
    "other",
    "statement",
]
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = ("ecowas-mli-sanctions-2022", "ecowas-ner-sanctions-2023")


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings rest on: the path to the confederation, each state's
    exits and each organisation's founding."""
    keys = set(path(data)["event_id"]) | {e for e in ORGANISATIONS.values() if e}
    for organisation in ORGANISATIONS:
        keys |= set(exits(data, organisation)["event_id"])
    return keys | set(CITED)


def _sahel(events: pd.DataFrame) -> pd.Series:
    return events["actor"].isin(SAHEL_ACTORS)


def path(data: Dataset) -> pd.DataFrame:
    """The main steps from the first coup to the exit from ECOWAS taking effect, with the days
    since the step before."""
    ev = data.events
    mask = (ev["event_type"] == "coup") | (
        (ev["actor"] == "aes")
        & (
            ev["event_type"].isin(["treaty_signed"])
            | (
                ev["event_type"].isin(["membership_exit_announced", "membership_exit_effective"])
                & (ev["target"] == "ecowas")
            )
        )
    )
    steps = with_actors(data, ev[mask]).sort_values("date_start")
    steps["days_since_previous"] = steps["date_start"].diff().dt.days.astype("Int64")
    return steps


# How the path words a step on an organisation, in plain words.
STEP_WORDS = {
    "membership_exit_announced": "exit from {} announced",
    "membership_exit_effective": "exit from {} took effect",
    "membership_joined": "joined {}",
}


def step_name(data: Dataset, event_id: str, event_type: str, target_name) -> str:
    """How the path names a step: 'coup', 'exit from ECOWAS announced', 'Liptako-Gourma Charter
    signed'."""
    if event_id in MILESTONE_NAMES:
        return MILESTONE_NAMES[event_id]
    if event_type in STEP_WORDS and pd.notna(target_name):
        return STEP_WORDS[event_type].format(target_name)
    kind = type_labels(data)[event_type]
    return kind if event_type == "coup" or pd.isna(target_name) else f"{kind}: {target_name}"


def preceding_measure(data: Dataset, step: pd.Series) -> pd.Series | None:
    """ECOWAS's last measure towards the three states before a step (timing only, not cause)."""
    ev = data.events
    before = ev[
        (ev["date_start"] < step["date_start"])
        & (ev["actor"] == "ecowas")
        & ev["event_type"].isin(["sanction_imposed", "sanction_lifted", "ultimatum", "summit"])
    ]
    return before.sort_values("date_start").iloc[-1] if len(before) else None


def exits(data: Dataset, organisation: str) -> pd.DataFrame:
    """When each of the three states left an organisation: the effective exit where one is
    recorded, otherwise the announced one, otherwise the organisation's dissolution."""
    ev = data.events[data.events["target"] == organisation]
    rank = {
        "membership_exit_effective": 0,
        "membership_exit_announced": 1,
        "organisation_dissolved": 2,
    }
    ev = ev[ev["event_type"].isin(list(rank))]
    rows = []
    for row in ev.itertuples():
        joint = row.actor == "aes" or row.event_type == "organisation_dissolved"
        states = ["MLI", "BFA", "NER"] if joint else [data.actors.at[row.actor, "country"]]
        rows += [
            {
                "state": s,
                "date": row.date_start,
                "event_id": row.event_id,
                "rank": rank[row.event_type],
            }
            for s in states
        ]
    frame = pd.DataFrame(rows, columns=["state", "date", "event_id", "rank"])
    best = frame.sort_values(["rank", "date"]).drop_duplicates("state")
    return best.sort_values("date")


def membership(data: Dataset) -> pd.DataFrame:
    """How many of Mali, Burkina Faso and Niger belong to each organisation, as steps over time."""
    start, end = pd.Timestamp("2012-01-01"), last_event_date(data)
    rows = []
    for org, founding in ORGANISATIONS.items():
        count = 3 if founding is None else 0
        rows.append({"organisation": org, "date": start, "members": count, "event_id": None})
        if founding is not None:
            count = 3
            rows.append(
                {
                    "organisation": org,
                    "date": data.events.at[founding, "date_start"],
                    "members": count,
                    "event_id": founding,
                }
            )
        for (date, event_id), group in exits(data, org).groupby(["date", "event_id"], sort=True):
            count -= len(group)
            rows.append({"organisation": org, "date": date, "members": count, "event_id": event_id})
        rows.append({"organisation": org, "date": end, "members": count, "event_id": None})
    frame = pd.DataFrame(rows)
    frame["name"] = frame["organisation"].map(data.actors["name"])
    return frame


def acts(data: Dataset) -> pd.DataFrame:
    """The acts of the alliance itself since the charter, per quarter and domain: a member's own
    act is not the alliance's."""
    ev = alliance_acts(data)
    ev = ev[ev["by"] == BY_ALLIANCE]
    quarter = ev["date_start"].dt.to_period("Q")
    table = ev.groupby([quarter, "domain"]).size().unstack(fill_value=0)
    full = pd.period_range(table.index.min(), table.index.max(), freq="Q")
    domains = data.package.resource("events").field("domain").enum
    return table.reindex(full, fill_value=0).reindex(columns=[d for d in domains if d in table])


BY_ALLIANCE = "the alliance"


def alliance_acts(data: Dataset) -> pd.DataFrame:
    """Every act of the alliance or its members since the Liptako-Gourma Charter (events with a
    domain), each counted once: where several members took the same step towards the same party
    on the same day, that is one act. `by` says whether the alliance itself acted, or how many
    of its members did."""
    ev = data.events
    charter = ev.at[ORGANISATIONS["aes"], "date_start"]
    done = ev[ev["domain"].notna() & _sahel(ev) & (ev["date_start"] >= charter)]
    same = ["date_start", "event_type", "target", "domain"]
    members = done.groupby(same, dropna=False)["actor"].transform("nunique")
    done = done.assign(members=members).drop_duplicates(subset=same).sort_values("date_start")
    by = done["members"].map(lambda n: "one member" if n == 1 else f"{n} members together")
    return done.assign(by=by.where(done["actor"] != "aes", BY_ALLIANCE))


def quarter_name(quarter: pd.Period) -> str:
    """A quarter as a reader writes it: 'October–December 2025'."""
    return f"{quarter.start_time:%B}–{quarter.end_time:%B %Y}"


def moves(data: Dataset, since: str = "2020-08-01") -> pd.DataFrame:
    """ECOWAS's measures and the three states' steps, on one time line."""
    ev = with_actors(data)
    ev = ev[ev["date_start"] >= pd.Timestamp(since)]
    ecowas = ev[(ev["actor"] == "ecowas") & ev["event_type"].isin(ECOWAS_MEASURES)]
    sahel = ev[
        _sahel(ev)
        & ev["themes"].map(lambda t: "ecowas" in t or "alliance" in t)
        & ~ev["event_type"].isin(["statement", "other"])
    ]
    return pd.concat(
        [ecowas.assign(side="ECOWAS"), sahel.assign(side="Mali, Burkina Faso, Niger and the AES")]
    ).sort_values("date_start")
