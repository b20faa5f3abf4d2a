"""Where each event lives in the published record: one page per period, each event anchored by
its id, so that a chapter, a claim or a reader can link to it for good."""

from __future__ import annotations

import pandas as pd

# The record's pages, by first year; the last one runs on. Each page stays light enough for a
# first visit on a slow connection.
PERIODS = (2009, 2020, 2023, 2024, 2025)


def page(year: int) -> str:
    """The record page that holds a year's events, as a path from the book's root."""
    first = max(p for p in PERIODS if p <= year) if year >= PERIODS[0] else PERIODS[0]
    return f"chapters/record-{first}"


def title(first: int) -> str:
    """A page's years: '2009–2019', '2023', or '2025 on' for the last."""
    later = [p for p in PERIODS if p > first]
    if not later:
        return f"{first} on"
    return str(first) if later[0] - 1 == first else f"{first}–{later[0] - 1}"


def href(event_id: str, date, from_chapters: bool = True) -> str:
    """A link to an event's entry, from a chapter page (or from the book's root)."""
    target = page(pd.Timestamp(date).year)
    target = target.removeprefix("chapters/") if from_chapters else target
    return f"{target}.html#{event_id}"
