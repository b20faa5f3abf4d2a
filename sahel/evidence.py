"""The grading rules: what a source is, whose reporting it carries, and what an event may rest on.

The vocabulary (kinds, which kinds are reputable, excluded hosts) is read from the schema in
`datapackage.json`; this module only applies it. Each rule reports `path:LINE: COLUMN: problem`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .schema import Package
from .tables import Problem, Table, items, report

ALIASES_KEY = "x-originSpellings"


# The network location of a URL (as urllib's urlsplit finds it, for a fraction of its cost: the
# grading rules look up the host of every source).
NETLOC = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)")


def host(url: str) -> str:
    found = NETLOC.match(url)
    netloc = found.group(1).lower().split("@")[-1] if found else ""
    return netloc.removeprefix("www.")


def excluded_hosts(package: Package) -> dict[str, str]:
    """Excluded host -> why its pages are not evidence."""
    listed = package.descriptor_of("sources").get("x-excludedHosts", [])
    return {entry["host"]: entry["reason"] for entry in listed}


def reputable_kinds(package: Package) -> list[str]:
    return package.resource("sources").field("kind").roles["reputable"]


def _exclusion(url: str, excluded: dict[str, str]) -> str | None:
    """Why a page's host (or a domain it belongs to) is excluded, or None."""
    labels = host(url).split(".")
    for i in range(len(labels)):
        listed = ".".join(labels[i:])
        if listed in excluded:
            return f"{excluded[listed]}: {listed}"
    return None


def effective_kind(sources: pd.DataFrame) -> pd.Series:
    """A rehost counts as what its origin is; every other page as what it is."""
    rehost = sources["kind"] == "rehost"
    return sources["origin_kind"].where(rehost, sources["kind"])


def party_media(sources: pd.DataFrame) -> pd.Series:
    return sources["party"] == "yes"


def independent(sources: pd.DataFrame) -> pd.Series:
    """Sources that are neither aggregators nor the state media of a party."""
    return (sources["kind"] != "aggregator") & ~party_media(sources)


def reputable(sources: pd.DataFrame, kinds: Iterable[str]) -> pd.Series:
    return effective_kind(sources).isin(list(kinds)) & ~party_media(sources)


# What two spellings of one origin share: its letters and digits, case-folded.
NOT_IN_KEY = re.compile(r"[^0-9a-zà-ÿ]+")


def _origin_key(origin: str) -> str:
    return NOT_IN_KEY.sub("", origin.casefold())


def _usual_spellings(origins: list[str]) -> dict[str, str]:
    """Each origin's key -> its commonest spelling (the first met, on a tie)."""
    counts: dict[tuple[str, str], int] = {}
    for origin in origins:
        pair = (_origin_key(origin), origin)
        counts[pair] = counts.get(pair, 0) + 1
    usual: dict[str, tuple[int, str]] = {}
    for (key, origin), n in counts.items():
        if key not in usual or n > usual[key][0]:
            usual[key] = (n, origin)
    return {key: origin for key, (_, origin) in usual.items()}


def _check_grading(table: Table, package: Package, problems: list[Problem]) -> None:
    """The grading rules, row by row, in the order listed (plain Python, as the validator's)."""
    hosts = excluded_hosts(package)
    aliases = package.descriptor_of("sources").get(ALIASES_KEY, {})
    s = table.frame
    columns = ["url", "kind", "origin_kind", "state", "party", "published", "published_basis"]
    origins = s["origin"].tolist()
    usual = _usual_spellings(origins)
    rows = zip(table.lines.tolist(), origins, *(s[c].tolist() for c in columns), strict=True)
    for line, origin, url, kind, origin_kind, state, party, published, basis in rows:
        found: list[tuple[str, str, str]] = []
        excluded = _exclusion(url, hosts)
        if excluded is not None:
            found.append(("url", f"host is not evidence ({excluded})", url))
        rehost = kind == "rehost"
        if rehost and origin_kind == "":
            found.append(("origin_kind", "a rehost needs the kind of its origin", origin_kind))
        if not rehost and origin_kind != "":
            found.append(("origin_kind", "only a rehost has an origin kind", origin_kind))
        needs_state = "state_media" in (kind, origin_kind)
        if needs_state and state == "":
            found.append(("state", "state media needs the state that owns it", state))
        if not needs_state and state != "":
            found.append(("state", "only state media names a state", state))
        if state != "" and party == "":
            found.append(("party", "state media needs party (yes or no)", party))
        if state == "" and party != "":
            found.append(("party", "only state media is marked as a party", party))
        if (published == "undated") != (basis == "none"):
            found.append(
                ("published_basis", "basis is none exactly when the page is undated", basis)
            )
        if origin in aliases:
            found.append(("origin", f"write this origin as {aliases[origin]}", origin))
        spelled = usual[_origin_key(origin)]
        if origin != spelled:
            found.append(("origin", f"origin is spelled {spelled} elsewhere", origin))
        problems.extend(Problem(table.display_path, line, c, m, v) for c, m, v in found)


def _citations(tables: dict[str, Table]) -> set[str]:
    """Every source id cited by an event, a figure, a reason or a claim."""
    cited: set[str] = set()
    for table in tables.values():
        for field in table.resource.foreign_keys:
            if field.resource == "sources" and field.field in table.frame:
                column = table.frame[field.field]
                delimiter = table.resource.field(field.field).delimiter
                values = items(column, delimiter) if delimiter else column
                cited |= set(values)
    return cited


def _event_sources(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per (event row, cited source), with the source's grading."""
    ids = events["source_ids"]
    # Read from the CSV a cell is text ("a;b"); loaded, it is a tuple.
    listed = ids.explode() if len(ids) and not isinstance(ids.iloc[0], str) else items(ids, ";")
    pairs = listed.rename("source_id").reset_index()
    return pairs.merge(sources, on="source_id", how="inner").set_index("index")


def _check_basis(tables: dict[str, Table], problems: list[Problem]) -> None:
    events, sources = tables["events"], tables["sources"].frame
    pairs = _event_sources(events.frame, sources)
    has_independent = (
        independent(pairs).groupby(level=0).any().reindex(events.frame.index, fill_value=False)
    )
    basis = events.frame["basis"]
    report(
        problems,
        events,
        "basis",
        (basis == "reported") & ~has_independent,
        "no source besides aggregators and a party's state media: add one, or mark party_statement",
    )
    report(
        problems,
        events,
        "basis",
        (basis == "party_statement") & has_independent,
        "marked party_statement, but an independent source is cited",
    )


def check_sources(tables: dict[str, Table], package: Package, problems: list[Problem]) -> None:
    """The grading rules on a set of tables that read cleanly."""
    if "sources" not in tables:
        return
    sources = tables["sources"]
    needed = {"kind", "origin_kind", "state", "party", "published", "published_basis", "origin"}
    if not needed <= set(sources.frame):
        return
    _check_grading(sources, package, problems)
    orphan = ~sources.frame["source_id"].isin(_citations(tables))
    report(problems, sources, "source_id", orphan, "source is cited by nothing")
    if "events" in tables and {"basis", "source_ids"} <= set(tables["events"].frame):
        _check_basis(tables, problems)


def origins(events: pd.DataFrame, sources: pd.DataFrame, package: Package) -> pd.Series:
    """For each event, the distinct reputable independent origins of its sources."""
    pairs = _event_sources(events, sources)
    good = pairs[reputable(pairs, reputable_kinds(package))]
    names = good["origin"].groupby(level=0).agg(lambda o: tuple(sorted(set(o))))
    return names.reindex(events.index).map(lambda o: o if isinstance(o, tuple) else ())


def check_key_events(
    tables: dict[str, Table], package: Package, key_events: dict[str, set[str]]
) -> list[Problem]:
    """Each event a chapter's findings rest on cites two reputable independent origins (checked
    on the tables as the validator read them, so problems name their file lines)."""
    problems: list[Problem] = []
    events, sources = tables["events"], tables["sources"]
    found = origins(events.frame, sources.frame, package)
    chapters = pd.Series("", index=events.frame.index)
    for chapter, ids in sorted(key_events.items()):
        hit = events.frame["event_id"].isin(ids)
        chapters[hit] = chapters[hit].str.cat([chapter] * hit.sum(), sep=" ").str.strip()
    key = chapters != ""
    count = found.map(len)
    # A key event may rest on one origin only where the record says why (`single_origin`).
    explained = events.frame["single_origin"] != ""
    weak = key & ((count == 0) | ((count == 1) & ~explained))
    shown = found.map(lambda o: ", ".join(o) or "none")
    message = "key event of " + chapters + " needs two reputable independent origins, has " + shown
    report(problems, events, "source_ids", weak, message, events.frame["event_id"])
    stale = explained & (count >= 2)
    report(
        problems,
        events,
        "single_origin",
        stale,
        "the event has two reputable origins (" + shown + "): the note is stale",
        events.frame["event_id"],
    )
    unknown = (
        set().union(*key_events.values()) - set(events.frame["event_id"]) if key_events else set()
    )
    for event_id in sorted(unknown):
        problems.append(
            Problem(events.display_path, 0, "event_id", "key event is not in the data", event_id)
        )
    return problems
