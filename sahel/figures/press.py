"""Figures of the press page: each takes the frame it draws."""

from __future__ import annotations

import textwrap

import pandas as pd

from . import plots
from .style import verdict_colours


def plot_verdicts(table: pd.DataFrame, open_verdicts: list[str]):
    """One horizontal bar per row of a tally (`press.tally`, `press.grouped`), divided by verdict
    from the best to the worst, the verdicts left open in grey."""
    table = table.iloc[::-1]
    colours = verdict_colours(list(table.columns), open_verdicts)
    fig, ax = plots.figure(height=0.34 * len(table) + 1.8)
    names = [textwrap.fill(str(name), 28) for name in table.index]
    left = pd.Series(0, index=table.index)
    for verdict in table.columns:
        ax.barh(names, table[verdict], left=left, color=colours[verdict], label=verdict)
        left += table[verdict]
    ax.set_xlabel("Claims checked")
    ax.grid(axis="y", visible=False)
    ax.legend(
        ncol=3, loc="upper center", bbox_to_anchor=(0.3, -0.08 - 1.2 / fig.get_figheight() / 4)
    )
    return fig
