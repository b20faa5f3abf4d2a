"""The grading rules: what a source is, whose reporting it carries, and what an event may rest on.

The vocabulary (kinds, which kinds are reputable, excluded hosts) is read from the schema in
`datapackage.json`; this module only applies it. Each rule reports `path:LINE: COLUMN: problem`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .schema import Package
from .tables import Problem, Table

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


def _exclusion(page_host: str, excluded: dict[str, str]) -> str | None:
    """Why a page's host (or a domain it belongs to) is excluded, or None."""
    labels = page_host.split(".")
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


def _usual_spellings(origins: list[str], keys: list[str]) -> dict[str, str]:
    """Each origin's key -> its commonest spelling (the first met, on a tie)."""
    counts: dict[tuple[str, str], int] = {}
    for pair in zip(keys, origins, strict=True):
        counts[pair] = counts.get(pair, 0) + 1
    usual: dict[str, tuple[int, str]] = {}
    for (key, origin), n in counts.items():
        if key not in usual or n > usual[key][0]:
            usual[key] = (n, origin)
    return {key: origin for key, (_, origin) in usual.items()}


# The columns the grading rules read; without one of them, only its absence is reported.
GRADED = (
    "source_id",
    "url",
    "kind",
    "origin_kind",
    "state",
    "party",
    "published",
    "published_basis",
    "origin",
)


def _check_grading(table: Table, package: Package, problems: list[Problem]) -> None:
    """The grading rules, row by row, in the order listed (plain Python, as the validator's)."""
    hosts = excluded_hosts(package)
    aliases = package.descriptor_of("sources").get(ALIASES_KEY, {})
    s = table.frame
    columns = ["url", "kind", "origin_kind", "state", "party", "published", "published_basis"]
    origins = s["origin"].tolist()
    keys = [_origin_key(origin) for origin in origins]
    usual = _usual_spellings(origins, keys)
    # Host -> why it is excluded (or None), each host looked up once: many pages share one.
    exclusions: dict[str, str | None] = {}
    rows = zip(table.lines, origins, keys, *(s[c].tolist() for c in columns), strict=True)
    for line, origin, key, url, kind, origin_kind, state, party, published, basis in rows:
        found: list[tuple[str, str, str]] = []
        page_host = host(url)
        if page_host not in exclusions:
            exclusions[page_host] = _exclusion(page_host, hosts)
        excluded = exclusions[page_host]
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
        spelled = usual[key]
        if origin != spelled:
            found.append(("origin", f"origin is spelled {spelled} elsewhere", origin))
        if found:
            problems += [Problem(table.display_path, line, c, m, v) for c, m, v in found]


def _citations(tables: dict[str, Table]) -> set[str]:
    """Every source id cited by an event, a figure, a reason or a claim."""
    cited: set[str] = set()
    for table in tables.values():
        for field in table.resource.foreign_keys:
            if field.resource == "sources" and field.field in table.frame:
                cells = table.frame[field.field].tolist()
                delimiter = table.resource.field(field.field).delimiter
                if delimiter:
                    for cell in cells:
                        if cell != "":
                            cited.update(cell.split(delimiter))
                else:
                    cited.update(cells)
    return cited


def _cited_ids(cell: str | tuple) -> list[str] | tuple:
    """An event's source ids: read from the CSV a cell is text ("a;b"); loaded, it is a tuple."""
    if isinstance(cell, str):
        return cell.split(";") if cell else []
    return cell


def _reputable_origins(sources: pd.DataFrame, package: Package) -> dict[str, set[str]]:
    """Source id -> the origins it carries, for the reputable independent sources."""
    good: dict[str, set[str]] = {}
    chosen = sources[reputable(sources, reputable_kinds(package))]
    pairs = zip(chosen["source_id"].tolist(), chosen["origin"].tolist(), strict=True)
    for source_id, origin in pairs:
        good.setdefault(source_id, set()).add(origin)
    return good


NO_INDEPENDENT = (
    "no source besides aggregators and a party's state media: add one, or mark party_statement"
)
NOT_PARTISAN = "marked party_statement, but an independent source is cited"


def _check_basis(tables: dict[str, Table], problems: list[Problem]) -> None:
    events = tables["events"]
    sources = tables["sources"].frame
    independent_ids = set(sources.loc[independent(sources), "source_id"].tolist())
    rows = zip(
        events.lines,
        events.frame["basis"].tolist(),
        events.frame["source_ids"].tolist(),
        strict=True,
    )
    reported, partisan = [], []
    for line, basis, cell in rows:
        has_independent = any(i in independent_ids for i in _cited_ids(cell))
        if basis == "reported" and not has_independent:
            reported.append(Problem(events.display_path, line, "basis", NO_INDEPENDENT, basis))
        if basis == "party_statement" and has_independent:
            partisan.append(Problem(events.display_path, line, "basis", NOT_PARTISAN, basis))
    problems += reported + partisan


def check_sources(tables: dict[str, Table], package: Package, problems: list[Problem]) -> None:
    """The grading rules on a set of tables that read cleanly."""
    if "sources" not in tables:
        return
    sources = tables["sources"]
    needed = set(GRADED)
    if not needed <= set(sources.frame):
        return
    _check_grading(sources, package, problems)
    cited = _citations(tables)
    rows = zip(sources.lines, sources.frame["source_id"].tolist(), strict=True)
    problems += [
        Problem(sources.display_path, line, "source_id", "source is cited by nothing", source_id)
        for line, source_id in rows
        if source_id not in cited
    ]
    if "events" in tables and {"basis", "source_ids"} <= set(tables["events"].frame):
        _check_basis(tables, problems)


def origins(events: pd.DataFrame, sources: pd.DataFrame, package: Package) -> pd.Series:
    """For each event, the distinct reputable independent origins of its sources."""
    good = _reputable_origins(sources, package)
    found = [
        tuple(sorted({o for i in _cited_ids(cell) for o in good.get(i, ())}))
        for cell in events["source_ids"].tolist()
    ]
    return pd.Series(found, index=events.index, dtype=object, name="origin")


def check_key_events(
    tables: dict[str, Table], package: Package, key_events: dict[str, set[str]]
) -> list[Problem]:
    """Each event a chapter's findings rest on cites two reputable independent origins (checked
    on the tables as the validator read them, so problems name their file lines)."""
    events = tables["events"]
    found = origins(events.frame, tables["sources"].frame, package).tolist()
    rows = zip(
        events.lines,
        events.frame["event_id"].tolist(),
        events.frame["single_origin"].tolist(),
        found,
        strict=True,
    )
    pages = sorted(key_events.items())
    weak, stale = [], []
    for line, event_id, single_origin, names in rows:
        chapters = " ".join(page for page, ids in pages if event_id in ids)
        shown = ", ".join(names) or "none"
        # A key event may rest on one origin only where the record says why (`single_origin`).
        explained = single_origin != ""
        if chapters and (not names or (len(names) == 1 and not explained)):
            message = f"key event of {chapters} needs two reputable independent origins, has "
            message += shown
            weak.append(Problem(events.display_path, line, "source_ids", message, event_id))
        if explained and len(names) >= 2:
            message = f"the event has two reputable origins ({shown}): the note is stale"
            stale.append(Problem(events.display_path, line, "single_origin", message, event_id))
    known = set(events.frame["event_id"].tolist())
    unknown = set().union(*key_events.values()) - known
    missing = [
        Problem(events.display_path, 0, "event_id", "key event is not in the data", event_id)
        for event_id in sorted(unknown)
    ]
    return weak + stale + missing
