"""Claims checked against the record: the verdicts the record can compute, and their check.

A date, number, count or sequence claim gets its verdict from the events and figures it names;
the table's own verdict must agree. Attribution and characterisation verdicts are editorial.
"""

from __future__ import annotations

import re

import pandas as pd

from .load import Dataset

COMPUTED = ("date", "number", "count", "sequence")


MONTHS = {
    **{
        m.lower(): i
        for i, m in enumerate(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            start=1,
        )
    },
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# "5 August", "24-26 July", "24, 25 and 26 July 2024", "22 to 27 July"; "August 5"; ISO dates.
_DAYS_MONTH = re.compile(
    rf"\b(\d{{1,2}}(?:\s*(?:-|–|to|and|,)\s*\d{{1,2}})*)\s+({_MONTH})\.?(?:\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def mentioned_dates(text: str, year: int) -> set[pd.Timestamp]:
    """The dates a disagreement note mentions, in the forms the record writes them; a date
    without a year is taken in the event's year."""
    found: set[pd.Timestamp] = set()

    def add(y, m, d) -> None:
        try:
            found.add(pd.Timestamp(year=int(y), month=int(m), day=int(d)))
        except ValueError:
            pass

    for days, month, y in _DAYS_MONTH.findall(text):
        for day in re.findall(r"\d{1,2}", days):
            add(y or year, MONTHS[month.lower()], day)
    for month, day, y in _MONTH_DAY.findall(text):
        add(y or year, MONTHS[month.lower()], day)
    for y, m, d in _ISO.findall(text):
        add(y, m, d)
    return found


def date_verdict(data: Dataset, claim: dict) -> tuple[str, str]:
    # The event's cells one by one (`.at`): a whole row of mixed types is slow to build.
    event_id, events = claim["event_ids"][0], data.events
    claimed = claim["claimed_date"]
    precision = events.at[event_id, "date_precision"]
    if precision != "day":
        return "unproven", f"the record dates the event only to the {precision}"
    start, end = events.at[event_id, "date_start"], events.at[event_id, "date_end"]
    end = end if pd.notna(end) else start
    weekday = claim["claimed_weekday"]
    wrong_day = pd.notna(weekday) and claimed.day_name() != weekday
    if claimed == start:
        if wrong_day:
            return "imprecise", f"the date is right but it was a {claimed.day_name()}"
        return "correct", "the date is the event's"
    if start < claimed <= end:
        return "imprecise", "the date is one day of an event that lasted several"
    noted = events.at[event_id, "disagreement"]
    noted = noted if pd.notna(noted) else ""
    if claimed in mentioned_dates(noted, start.year):
        return "imprecise", "the date is one that some sources give, as the record notes"
    return "incorrect", "the record dates the event otherwise"


def number_verdict(data: Dataset, claim: dict) -> tuple[str, str]:
    ids = list(claim["figure_ids"])
    if not ids:
        return "unproven", "the record holds no claim of like scope"
    low = int(min(data.figures.at[i, "value_low"] for i in ids))
    high = int(max(data.figures.at[i, "value_high"] for i in ids))
    if low <= claim["claimed_value"] <= high:
        return "correct", f"within the range the record's claims give ({low:,} to {high:,})"
    return "incorrect", f"outside the range the record's claims give ({low:,} to {high:,})"


def count_verdict(data: Dataset, claim: dict) -> tuple[str, str]:
    counted = len(claim["event_ids"])
    if claim["claimed_value"] == counted:
        return "correct", f"the record holds {counted}"
    return "incorrect", f"the record holds {counted}"


def sequence_verdict(data: Dataset, claim: dict) -> tuple[str, str]:
    first, then = claim["from_event"], claim["to_event"]
    precision = data.events["date_precision"]
    if precision[first] != "day" or precision[then] != "day":
        return "unproven", "the record dates one of the events only to the month or year"
    start = data.events["date_start"]
    gap = int((start[then] - start[first]).days)
    off = abs(gap - claim["claimed_days"])
    verdict = "correct" if off == 0 else "imprecise" if off == 1 else "incorrect"
    return verdict, f"the record puts {gap} days between them"


RULES = {
    "date": date_verdict,
    "number": number_verdict,
    "count": count_verdict,
    "sequence": sequence_verdict,
}
NEEDS = {
    "date": ["claimed_date"],
    "number": ["claimed_value"],
    "count": ["claimed_value"],
    "sequence": ["claimed_days", "from_event", "to_event"],
}


def computed(data: Dataset) -> pd.DataFrame:
    """For each claim of a computed type, the verdict and the reason the record gives."""
    rows = {}
    # Each claim as a plain mapping of its cells: the rules read a few cells of each.
    for claim_id, claim in data.claims.to_dict("index").items():
        rule = RULES.get(claim["claim_type"])
        if rule is not None and all(given(claim[c]) for c in NEEDS[claim["claim_type"]]):
            rows[claim_id] = rule(data, claim)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["verdict", "reason"])


def given(value) -> bool:
    """Whether a claim cell holds a value (a list cell, at least one item)."""
    return bool(value) if isinstance(value, tuple) else pd.notna(value)
