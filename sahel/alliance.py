"""The alliance's formation: the path from the coups to the confederation, the three states'
membership of the region's organisations, the pace of the alliance's acts, and ECOWAS's measures
beside the three states' steps. Each frame has its reader table (`table_*`)."""

from __future__ import annotations

import pandas as pd

from . import text
from .events import in_time_order, last_event_date, type_labels, types, with_actors
from .load import Dataset
from .names import HOSTS, country_name

ALLIANCE = "aes"
SAHEL_ACTORS = {
    "mli-gov",
    "bfa-gov",
    "ner-gov",
    "mli-cnsp",
    "bfa-mps",
    "ner-cnsp",
    ALLIANCE,
    "person-goita",
    "person-traore",
    "person-tiani",
}
# Organisations whose membership the chapter follows, with the event that made all three states
# members (None: they were members before the dataset begins).
ORGANISATIONS = {
    "ecowas": None,
    "g5-sahel": "g5-sahel-created",
    ALLIANCE: "aes-liptako-gourma-charter-signed",
}
# Names for the path's two treaties, which the event types alone do not tell apart.
MILESTONE_NAMES = {
    "aes-liptako-gourma-charter-signed": "Liptako-Gourma Charter signed",
    "aes-confederation-treaty-signed": "confederation treaty signed",
}
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = (
    "ecowas-mli-sanctions-2022",
    "ecowas-ner-sanctions-2023",
    "ecowas-ner-ultimatum-2023",
    "ecowas-ner-sanctions-lifted-2024",
)
ECOWAS_SIDE = "ECOWAS"
SAHEL_SIDE = "Mali, Burkina Faso, Niger and the AES"
BY_ALLIANCE = "the alliance"


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings and figure labels rest on: the path to the
    confederation, each state's exits, each organisation's founding and the events cited."""
    keys = set(path(data)["event_id"]) | {e for e in ORGANISATIONS.values() if e}
    for organisation in ORGANISATIONS:
        keys |= set(exits(data, organisation)["event_id"])
    return keys | set(CITED)


def _sahel(events: pd.DataFrame) -> pd.Series:
    return events["actor"].isin(SAHEL_ACTORS)


# How a step on another party is worded: 'exit from ECOWAS announced', 'sanctions on Mali'.
STEP_WORDS = {
    "membership_exit_announced": "exit from {} announced",
    "membership_exit_effective": "exit from {} took effect",
    "membership_joined": "joined {}",
    "sanction_imposed": "sanctions on {}",
    "sanction_lifted": "sanctions on {} lifted",
    "ultimatum": "ultimatum to {}",
}


def party_names(data: Dataset, actor_ids: pd.Series) -> pd.Series:
    """Actors as the figures name them: a state's government, junta or leader by its country
    ('Mali'), any other actor by its name ('ECOWAS'); blank where there is none."""
    actors = data.actors.reindex(actor_ids.to_numpy())
    country = actors["country"].map(country_name, na_action="ignore")
    return country.fillna(actors["name"]).set_axis(actor_ids.index)


def step_names(data: Dataset, events: pd.DataFrame) -> pd.Series:
    """What each event did, in a few words: 'coup in Mali', 'exit from ECOWAS announced',
    'sanctions on Niger lifted', 'Liptako-Gourma Charter signed'."""
    kinds = events["event_type"].map(type_labels(data))
    where = party_names(data, events["actor"])
    party = party_names(data, events["target"])
    regime_change = set(types(data, "regime_change"))

    def one(event_id, event_type, kind, where, party) -> str:
        if event_id in MILESTONE_NAMES:
            return MILESTONE_NAMES[event_id]
        if event_type in regime_change:
            return f"{kind} in {where}"
        if pd.isna(party):
            return kind
        if event_type in STEP_WORDS:
            return STEP_WORDS[event_type].format(party)
        return f"{kind}: {party}"

    return pd.Series(
        list(map(one, events["event_id"], events["event_type"], kinds, where, party)),
        index=events.index,
        dtype=object,
    )


def path(data: Dataset) -> pd.DataFrame:
    """The main steps from the first coup to the exit from ECOWAS taking effect (the coups, the
    alliance's treaties and its exits), each named in words (`step`), with the days since the
    step before."""
    return data.derived("path", lambda: _path(data))


def _path(data: Dataset) -> pd.DataFrame:
    ev = data.events
    end = exits(data, "ecowas")["date"].max()
    if pd.isna(end):
        raise ValueError("the path ends with the exit from ECOWAS, which the data does not record")
    coups = ev["event_type"].isin(types(data, "regime_change"))
    founding = (ev["actor"] == ALLIANCE) & ev["event_type"].isin(types(data, "path_step"))
    steps = with_actors(data, ev[(coups | founding) & (ev["date_start"] <= end)])
    steps = steps.sort_values(["date_start", "event_id"])
    steps["step"] = step_names(data, steps)
    steps["days_since_previous"] = steps["date_start"].diff().dt.days.astype("Int64")
    return steps


def reasoned_events(data: Dataset) -> pd.DataFrame:
    """The events whose stated reasons this page gives: the exits from organisations."""
    return data.events[data.events["event_type"].isin(types(data, "membership_exit"))]


def preceding_measure(data: Dataset, step: pd.Series) -> pd.Series | None:
    """ECOWAS's last measure (an act, not words) before a step: timing only, not cause."""
    words = types(data, "words")
    measures = [t for t in types(data, "ecowas_measure") if t not in words]
    ev = data.events
    before = ev[
        (ev["date_start"] < step["date_start"])
        & (ev["actor"] == "ecowas")
        & ev["event_type"].isin(measures)
    ]
    return before.sort_values("date_start").iloc[-1] if len(before) else None


def table_path(data: Dataset, steps: pd.DataFrame) -> pd.DataFrame:
    """The path for a reader: each step with the days since the one before and ECOWAS's last
    measure before it."""

    def measure(step: pd.Series) -> str:
        m = preceding_measure(data, step)
        return "" if m is None else f"{text.event_dates(m.to_frame().T).iloc[0]}: {m['summary']}"

    frame = steps.assign(
        gap=steps["days_since_previous"].map(text.fmt_int),
        before=[measure(row) for _, row in steps.iterrows()],
    )
    return text.event_table(
        data,
        frame,
        {
            "date": "Date",
            "actor_name": "Actor",
            "step": "Step",
            "gap": "Days since the step before",
            "summary": "What happened",
            "before": "ECOWAS's last sanction, ultimatum or summit before it",
            "sources": "Sources",
        },
    )


def exits(data: Dataset, organisation: str) -> pd.DataFrame:
    """When each of the three states left an organisation: the effective exit where one is
    recorded, otherwise the announced one, otherwise the organisation's end. An exit by the
    alliance, or the organisation's end, counts for all three; another state's exit for none."""
    return data.derived(f"exits from {organisation}", lambda: _exits(data, organisation))


def _exits(data: Dataset, organisation: str) -> pd.DataFrame:
    ends = types(data, "organisation_end")
    # The role `membership_exit` lists the surer exit first (in effect, then announced): its
    # order ranks them (tests/test_alliance.py checks it).
    rank = {t: i for i, t in enumerate(types(data, "membership_exit") + ends)}
    ev = data.events[(data.events["target"] == organisation) & data.events["event_type"].isin(rank)]
    rows = []
    for row in ev.itertuples():
        country = data.actors.at[row.actor, "country"]
        if row.actor == ALLIANCE or row.event_type in ends:
            states = HOSTS
        elif country in HOSTS:
            states = [country]
        else:
            continue
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
    return best.sort_values(["date", "event_id"])


def membership(data: Dataset) -> pd.DataFrame:
    """How many of Mali, Burkina Faso and Niger belong to each organisation, as steps over time:
    one row per organisation's founding and per exit (`members` after that day's changes),
    from the first founding to the last event."""
    founded = {
        org: data.events.at[founding, "date_start"]
        for org, founding in ORGANISATIONS.items()
        if founding
    }
    start, end = min(founded.values()), last_event_date(data)
    rows = []
    for org, founding in ORGANISATIONS.items():
        count = len(HOSTS)
        rows.append(
            {
                "organisation": org,
                "date": founded.get(org, start),
                "members": count,
                "event_id": founding,
            }
        )
        for date, day in exits(data, org).groupby("date", sort=True):
            count -= len(day)
            rows += [
                {"organisation": org, "date": date, "members": count, "event_id": e}
                for e in day["event_id"].unique()
            ]
        rows.append({"organisation": org, "date": end, "members": count, "event_id": None})
    frame = pd.DataFrame(rows)
    frame["name"] = frame["organisation"].map(data.actors["name"])
    frame["bloc"] = frame["organisation"].map(data.actors["bloc"])
    return frame


def table_membership(data: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """Each change of membership for a reader, linked to the event it rests on."""
    changes = frame.dropna(subset=["event_id"])
    events = data.events.loc[changes["event_id"]].set_axis(changes.index)
    return text.event_table(
        data,
        events.assign(name=changes["name"], members=changes["members"]),
        {
            "name": "Organisation",
            "date": "Date",
            "summary": "What happened",
            "members": "Members among the three at the end of that day",
            "sources": "Sources",
        },
    )


def alliance_acts(data: Dataset) -> pd.DataFrame:
    """Every act of the alliance or its members since the Liptako-Gourma Charter (events with a
    domain), each counted once: where the alliance or several members took the same step towards
    the same party on the same day, that is one act. `by` says whether the alliance itself acted
    (then the act is the alliance's, whichever members also recorded it), or how many of its
    members did (a state counted once, whether its government or its leader acted)."""
    ev = data.events
    charter = ev.at[ORGANISATIONS[ALLIANCE], "date_start"]
    done = ev[ev["domain"].notna() & _sahel(ev) & (ev["date_start"] >= charter)]
    same = ["date_start", "event_type", "target", "domain"]
    groups = done.groupby(same, dropna=False)["actor"]
    alliance = groups.transform(lambda actors: (actors == ALLIANCE).any()).astype(bool)
    states = done["actor"].map(data.actors["country"]).where(done["actor"] != ALLIANCE)
    members = states.groupby([done[c] for c in same], dropna=False).transform("nunique")
    # The alliance's own row stands for the act where it recorded one.
    done = done.assign(alliance=alliance, members=members, member=done["actor"] != ALLIANCE)
    done = done.sort_values(["member", "date_start", "event_id"]).drop_duplicates(subset=same)
    done = in_time_order(done.drop(columns="member"))
    by = done["members"].map(lambda n: "one member" if n == 1 else f"{n} members together")
    return done.assign(by=by.where(~done["alliance"], BY_ALLIANCE))


def acts(data: Dataset, done: pd.DataFrame) -> pd.DataFrame:
    """The acts of the alliance itself per quarter (rows, every quarter from the first to the
    last) and domain (columns: every domain, in the schema's order and words): a member's own
    act is not the alliance's. `done` is `alliance_acts(data)`."""
    own = done[done["by"] == BY_ALLIANCE]
    if own.empty:
        raise ValueError("no act of the alliance itself to count")
    quarter = own["date_start"].dt.to_period("Q")
    table = own.groupby([quarter, "domain"]).size().unstack(fill_value=0)
    full = pd.period_range(table.index.min(), table.index.max(), freq="Q")
    domains = data.package.resource("events").field("domain").enum
    table = table.reindex(index=full, columns=domains, fill_value=0)
    return table.rename(columns=domain_labels(data))


def domain_labels(data: Dataset) -> dict[str, str]:
    """Each domain of the alliance's acts in the words the book uses (from the schema)."""
    return data.package.resource("events").field("domain").labels


def table_acts(data: Dataset, done: pd.DataFrame) -> pd.DataFrame:
    """The acts since the charter for a reader, each counted once."""
    return text.event_table(
        data,
        done.assign(domain_name=done["domain"].map(domain_labels(data))),
        {
            "date": "Date",
            "by": "By",
            "domain_name": "Domain",
            "summary": "What was done",
            "sources": "Sources",
        },
    )


def quarter_name(quarter: pd.Period) -> str:
    """A quarter as a reader writes it: 'October–December 2025'."""
    return f"{quarter.start_time:%B}–{quarter.end_time:%B %Y}"


def moves(data: Dataset) -> pd.DataFrame:
    """ECOWAS's measures and the three states' steps (acts, not words) on one time line, from the
    first coup. The key events carry a `label` in words ('sanctions on Mali', 'Mali: exit from
    G5 Sahel announced'), shared by the members that took the same step on the same day."""
    ev = with_actors(data)
    first_coup = ev.loc[ev["event_type"].isin(types(data, "regime_change")), "date_start"].min()
    ev = ev[ev["date_start"] >= first_coup]
    ecowas = ev[(ev["actor"] == "ecowas") & ev["event_type"].isin(types(data, "ecowas_measure"))]
    sahel = ev[
        _sahel(ev)
        & ev["themes"].map(lambda t: "ecowas" in t or "alliance" in t)
        & ~ev["event_type"].isin(types(data, "words"))
    ]
    frame = pd.concat([ecowas.assign(side=ECOWAS_SIDE), sahel.assign(side=SAHEL_SIDE)])
    frame = in_time_order(frame)
    return frame.assign(label=_labels(data, frame))


def _labels(data: Dataset, frame: pd.DataFrame) -> pd.Series:
    """Words for the key events among the moves: a member's own step names the member."""
    key = frame[frame["event_id"].isin(key_events(data))]
    what = step_names(data, key)
    own = (key["side"] == SAHEL_SIDE) & (key["actor"] != ALLIANCE)
    who = party_names(data, key["actor"]).where(own)
    same = [key["date_start"], key["event_type"], key["target"].fillna("")]
    together = who.groupby(same).transform(lambda w: " and ".join(sorted(w.dropna().unique())))
    label = (together + ": " + what).where(own, what)
    return label.reindex(frame.index)


def table_moves(data: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """The measures and steps of the time line for a reader."""
    return text.event_table(
        data,
        frame,
        {"date": "Date", "side": "Side", "summary": "Measure or step", "sources": "Sources"},
    )
