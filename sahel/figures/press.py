"""Figures of the press page: each takes the frame it draws."""

from __future__ import annotations

import pandas as pd

from ..load import Dataset
from ..press import tally
from . import plots
from .style import category_colours


def plot_verdicts(data: Dataset, by: str = "claimant_name"):
    """One horizontal bar per claimant (or side), divided by verdict."""
    table = tally(data, by).iloc[::-1]
    colours = category_colours(list(table.columns))
    fig, ax = plots.figure(height=0.32 * len(table) + 1.6, width=8)
    left = pd.Series(0, index=table.index)
    for verdict in table.columns:
        ax.barh(table.index, table[verdict], left=left, color=colours[verdict], label=verdict)
        left += table[verdict]
    ax.set_xlabel("Claims checked")
    ax.grid(axis="y", visible=False)
    ax.legend(ncol=len(table.columns), loc="upper center", bbox_to_anchor=(0.4, -0.12), fontsize=8)
    return fig
