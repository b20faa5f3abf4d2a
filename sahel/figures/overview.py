"""Figures of the overview page: each takes the frame it draws."""

from __future__ import annotations

import pandas as pd

from .. import withdrawals
from ..load import Dataset
from ..overview import LANES, milestones
from . import plots
from .style import BLOC_COLOURS


def plot_overview(data: Dataset):
    frame = milestones(data)
    fig, ax = plots.figure(height=3.2, width=9)
    plots.lane_dots(ax, frame["date_start"], frame["lane"], frame["bloc"], order=LANES, size=8)
    start = withdrawals.break_start(data) - pd.Timedelta(days=120)
    ax.set_xlim(start, frame["date_start"].max() + pd.Timedelta(days=90))
    plots.date_axis(ax)
    blocs = [b for b in BLOC_COLOURS if b in set(frame["bloc"])]
    plots.bloc_legend(
        ax, blocs, loc="upper center", bbox_to_anchor=(0.45, -0.12), ncol=4, fontsize=7
    )
    return fig
