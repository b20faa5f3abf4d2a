"""The key events: those a page's findings, glued numbers or figure annotations rest on.

Each story module declares its own (the events of its frames and those its prose cites by name),
so the two-origin rule of the evidence checks cannot drift from what the book says.
"""

from __future__ import annotations

from .load import Dataset

_DECLARED: dict[str, set[str]] = {}


def key_events(data: Dataset) -> dict[str, set[str]]:
    """Page name -> the ids of its key events."""
    from . import alliance, overview, ukraine, withdrawals

    return {
        "the landing page": overview.key_events(data),
        "withdrawals": withdrawals.key_events(data),
        "alliance": alliance.key_events(data),
        "ukraine": ukraine.key_events(data),
    }


def declared(data: Dataset) -> set[str]:
    """Every key event of the book (computed once per version of the data)."""
    if data.fingerprint not in _DECLARED:
        _DECLARED[data.fingerprint] = set().union(*key_events(data).values())
    return _DECLARED[data.fingerprint]
