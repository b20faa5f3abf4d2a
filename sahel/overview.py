"""The landing page's overview: the three stories of the book on one time axis."""

from __future__ import annotations

import pandas as pd

from . import alliance, plots, ukraine, withdrawals
from .load import Dataset

LANES = [
    "Foreign forces leave",
    "Russian forces arrive",
    "The alliance forms",
    "The Ukraine rupture",
]


def milestones(data: Dataset) -> pd.DataFrame:
    """The events the overview draws, one lane per story, each with its bloc's colour."""
    presence = withdrawals.presences(data)
    departures = withdrawals.departures(data)
    russian = presence[presence["bloc"] == "russia"]
    steps = alliance.path(data)
    rupture = pd.concat([ukraine.battle(data).to_frame().T, ukraine.ruptures(data)])
    frames = [
        pd.DataFrame(
            {
                "lane": LANES[0],
                "date": departures["completed"],
                "label": departures["name"],
                "bloc": departures["bloc"],
            }
        ),
        pd.DataFrame(
            {"lane": LANES[1], "date": russian["start"], "label": russian["name"], "bloc": "russia"}
        ),
        pd.DataFrame(
            {
                "lane": LANES[2],
                "date": steps["date_start"],
                "label": steps["summary"],
                "bloc": steps["bloc"],
            }
        ),
        pd.DataFrame(
            {
                "lane": LANES[3],
                "date": rupture["date_start"],
                "label": rupture["summary"],
                "bloc": rupture["actor"].map(data.actors["bloc"]),
            }
        ),
    ]
    return pd.concat(frames, ignore_index=True).sort_values("date")


def plot_overview(data: Dataset):
    frame = milestones(data)
    fig, ax = plots.figure(height=3.2, width=9)
    plots.lane_dots(ax, frame["date"], frame["lane"], frame["bloc"], order=LANES, size=8)
    start = withdrawals.break_start(data) - pd.Timedelta(days=120)
    ax.set_xlim(start, frame["date"].max() + pd.Timedelta(days=90))
    plots.date_axis(ax)
    return fig
