"""Text for readers, computed from the data: dates at their precision, durations in words, counts,
and links to the record and to graded sources. Pandas only, so the record pages and the tests use
it without the notebook stack."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from . import record
from .load import Dataset
from .names import country_name


def plain(value):
    """A numpy or pandas scalar as the Python value it holds."""
    if isinstance(value, pd.Timestamp):
        return fmt_date(value)
    return value.item() if hasattr(value, "item") else value


def fmt_date(value, precision: str = "day") -> str:
    """A date as the prose writes it: 4 August 2024, August 2024 or 2024 (blank if missing)."""
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value)
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return f"{ts:%B} {ts.year}"
    return f"{ts.day} {ts:%B} {ts.year}"


def on_date(value, precision: str = "day") -> str:
    """A date after its preposition, as the prose writes it: 'on 4 August 2024', 'in August
    2024', 'in 2024'."""
    return ("on " if precision == "day" else "in ") + fmt_date(value, precision)


def event_date(data: Dataset, event_id: str) -> str:
    """One event's date at the precision the record gives it."""
    event = data.events.loc[event_id]
    return fmt_date(event["date_start"], event["date_precision"])


def event_dates(events: pd.DataFrame) -> pd.Series:
    """Each event's date as precisely as the sources give it: "4 August 2024", "August 2024",
    "2009"; a span where the event lasted several days."""

    def one(row) -> str:
        text = fmt_date(row["date_start"], row["date_precision"])
        if pd.notna(row["date_end"]) and row["date_end"] != row["date_start"]:
            text += f" to {fmt_date(row['date_end'], row['date_precision'])}"
        return text

    return events.apply(one, axis=1)


def fmt_published(value: str) -> str:
    """A source's publication date as the page shows it: '4 August 2024', 'August 2024',
    '2024', or 'undated'."""
    if value == "undated" or pd.isna(value):
        return "undated"
    precision = {4: "year", 7: "month"}.get(len(value), "day")
    return fmt_date(pd.Timestamp(value), precision)


def summaries(data: Dataset, events: pd.DataFrame) -> pd.Series:
    """Event summaries for a table, each marked where it rests on a party's own statements or
    on a single reputable origin."""
    mark = party_mark(data, events["event_id"]).set_axis(events.index)
    single = data.events.loc[events["event_id"], "single_origin"].set_axis(events.index)
    text = events["summary"] + mark.map(lambda m: f" [{m}]" if m else "")
    return text + single.map(lambda s: f" [one reputable origin: {s}]" if pd.notna(s) else "")


def dated_links(events: pd.DataFrame, from_chapters: bool = True) -> pd.Series:
    """Each event's date, linked to its entry in the record (HTML, for table cells)."""
    dates = event_dates(events)
    return pd.Series(
        [
            link_html(record.href(e, d, from_chapters), text)
            for e, d, text in zip(events["event_id"], events["date_start"], dates, strict=True)
        ],
        index=events.index,
    )


def sources_count(data: Dataset, events: pd.DataFrame, from_chapters: bool = True) -> pd.Series:
    """'3 sources', linked to each event's record entry, where the graded sources are listed
    (HTML, for table cells: runs of links would weigh the page down and drown the table)."""
    return pd.Series(
        [
            link_html(record.href(e, d, from_chapters), plural(len(ids), "source"))
            for e, d, ids in zip(
                events["event_id"], events["date_start"], events["source_ids"], strict=True
            )
        ],
        index=events.index,
    )


def record_link(data: Dataset, event_id) -> str:
    """One event's date linked to its record entry; blank where there is no event."""
    if event_id is None or pd.isna(event_id):
        return ""
    return dated_links(data.events.loc[[event_id]]).iloc[0]


def fmt_int(value) -> str:
    """A whole number with thousands separators (blank if missing)."""
    return "" if value is None or pd.isna(value) else f"{int(value):,}"


def fmt_number(value) -> str:
    """A number as the prose writes it: whole numbers plain, others with one decimal."""
    value = float(value)
    return fmt_int(value) if value.is_integer() else f"{value:,.1f}"


NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def fmt_duration(days) -> str:
    """A span of days as a reader says it: '31 days', 'about six months', 'about four and a half
    years' (exact days stay in the tables)."""
    days = float(days)
    if days < 45:
        return plural(int(round(days)), "day")
    if days < 700:
        months = int(round(days / 30.44))
        if months == 12:
            return "about a year"
        word = NUMBER_WORDS[months] if months < len(NUMBER_WORDS) else str(months)
        return f"about {word} months"
    halves = int(round(days / 365.25 * 2))
    whole, half = divmod(halves, 2)
    word = NUMBER_WORDS[whole] if whole < len(NUMBER_WORDS) else str(whole)
    if half:
        return f"about {word} and a half years"
    return f"about {word} year{'s' if whole != 1 else ''}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{fmt_int(count)} {word if count == 1 else (words or word + 's')}"


def source_ids(data: Dataset, event_ids: Iterable[str]) -> list[str]:
    """The distinct sources of some events, in the order first cited."""
    seen: dict[str, None] = {}
    for eid in event_ids:
        for sid in data.events.at[eid, "source_ids"]:
            seen[sid] = None
    return list(seen)


def cite(data: Dataset, *event_ids: str) -> str:
    """A citation for the prose: '([3 sources](record-2024.html#…))', one per event.

    Only key events may be cited in the prose, so that each citation rests on two reputable
    independent origins (a module declares the events its prose cites in `CITED`).
    """
    from .keys import declared

    undeclared = sorted(set(event_ids) - declared(data))
    if undeclared:
        raise ValueError(f"cited events are not declared key events: {', '.join(undeclared)}")
    # A count linked to each event's record entry, where its graded sources are listed: a run
    # of links would drown the finding.
    events = data.events.loc[list(event_ids)]
    links = [
        f"[{plural(len(ids), 'source')}]({record.href(e, d)})"
        for e, d, ids in zip(
            events["event_id"], events["date_start"], events["source_ids"], strict=True
        )
    ]
    return "(" + "; ".join(links) + ")"


def link_html(url: str, text: str) -> str:
    """An HTML link, for table cells."""
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def grade(data: Dataset, source: pd.Series) -> str:
    """A source's grading in a few words: 'wire agency', 'rehost of Reuters', 'state media of
    Russia, a party'."""
    kinds = data.package.resource("sources").field("kind").labels
    if source["kind"] == "rehost":
        text = f"rehost of {source['origin']}"
    elif source["kind"] == "state_media":
        text = f"state media of {country_name(source['state'])}"
    else:
        text = kinds[source["kind"]]
    if pd.notna(source["party"]) and source["party"] == "yes":
        text += ", a party"
    return text


def source_links_html(data: Dataset, ids: Iterable[str]) -> str:
    """HTML links to sources, each followed by its grading, for table cells."""
    rows = data.sources.loc[list(ids)]
    return "; ".join(
        f"{link_html(row['url'], row['publisher'])} ({html.escape(grade(data, row))})"
        for _, row in rows.iterrows()
    )


def party_mark(data: Dataset, event_ids: Iterable[str]) -> pd.Series:
    """'rests on a party's own statements' for the events marked so, blank for the others."""
    labels = data.package.resource("events").field("basis").labels
    basis = data.events.loc[list(event_ids), "basis"]
    return basis.map(lambda b: labels[b] if b == "party_statement" else "")


def fmt_value(low, high) -> str:
    """A claimed number, or a range where the claim is one."""
    return fmt_int(low) if low == high else f"{fmt_int(low)}–{fmt_int(high)}"


def claims_table(data: Dataset, figures: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Numeric claims for a reader: the claimant and the outlet that reported the claim apart,
    dates at their precision, and the figure columns named in `columns` (column: heading)."""
    names = data.actors["name"]
    frame = figures.assign(
        value=[
            fmt_value(lo, hi)
            for lo, hi in zip(figures["value_low"], figures["value_high"], strict=True)
        ],
        when=[
            "date unknown" if p == "unknown" else fmt_date(d, p)
            for d, p in zip(figures["date"], figures["date_precision"], strict=True)
        ],
        claimant_name=figures["claimant"].map(names),
        reported_by=figures["source_id"].map(lambda sid: source_links_html(data, [sid])),
    )
    return headed(
        frame,
        {
            **columns,
            "value": "Number",
            "claimant_name": "Claimant",
            "when": "Date",
            "notes": "Qualifiers",
            "reported_by": "Reported by",
        },
    )


def event_table(
    data: Dataset, events: pd.DataFrame, shown: dict[str, str], from_chapters: bool = True
) -> pd.DataFrame:
    """Events for a reader under the headings of `shown` (column: heading): `date` is each
    event's date linked to its record entry, `summary` its summary with the record's marks, and
    `sources` a linked count of its sources (HTML, for table cells); other columns are the
    frame's own."""
    frame = events.assign(
        date=dated_links(events, from_chapters),
        summary=summaries(data, events),
        sources=sources_count(data, events, from_chapters),
    )
    return headed(frame, shown)


def headed(frame: pd.DataFrame, shown: dict[str, str]) -> pd.DataFrame:
    """The columns a reader sees (column: heading), in that order, under their headings."""
    return frame[list(shown)].set_axis(list(shown.values()), axis=1)


def reasons_table(data: Dataset, reasons: pd.DataFrame) -> pd.DataFrame:
    """Stated reasons for a reader: the rupture, who gave the reason, on which side, the reason
    in the report's words, and the graded source that reports it."""
    sides = data.package.resource("reasons").field("side").labels
    frame = reasons.assign(
        when=[
            link_html(record.href(e, d), fmt_date(d, p))
            for e, d, p in zip(
                reasons["event_id"], reasons["date_start"], reasons["date_precision"], strict=True
            )
        ],
        side_label=reasons["side"].map(sides),
        source=reasons["source_id"].map(lambda sid: source_links_html(data, [sid])),
    )
    return headed(
        frame,
        {
            "when": "Date",
            "rupture": "Rupture",
            "stated_by_name": "Who gave the reason",
            "side_label": "Side",
            "reason": "Stated reason",
            "source": "Reported by",
        },
    )
