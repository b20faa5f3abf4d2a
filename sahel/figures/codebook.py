"""Figures of the data page: each takes the frame it draws."""

from __future__ import annotations

import pandas as pd

from . import plots
from .style import BLOC_COLOURS, category_colours


def plot_events_per_year(counts: pd.DataFrame):
    """Stacked bars of events per year, one colour per theme (`codebook.events_per_year`)."""
    fig, ax = plots.figure(height=4.6)
    bottom = pd.Series(0, index=counts.index)
    colours = category_colours(list(counts.columns))
    for theme_name in counts.columns:
        ax.bar(
            counts.index,
            counts[theme_name],
            bottom=bottom,
            label=theme_name,
            color=colours[theme_name],
            edgecolor="white",
            linewidth=0.5,
        )
        bottom += counts[theme_name]
    years = [y for y in counts.index if y % 2 == 0]
    ax.set_xticks(years, [str(y) for y in years], rotation=90)
    ax.set_ylabel("Events (once per theme)")
    ax.legend(ncol=2, loc="upper left")
    ax.grid(axis="x", visible=False)
    return fig


def plot_sources(per_event: pd.Series, kinds: pd.Series):
    """Two panels, one above the other: how many sources each event cites
    (`codebook.sources_per_event`), and the sources by kind (`codebook.source_kinds`)."""
    fig, (top, bottom) = plots.figure(height=6.4, nrows=2)
    top.bar(per_event.index.astype(str), per_event.to_numpy(), color=BLOC_COLOURS["un"])
    top.set_xlabel("Sources cited by an event")
    top.set_ylabel("Events")
    top.set_title("Sources per event", loc="left")
    top.grid(axis="x", visible=False)
    kinds = kinds.sort_values()
    bottom.barh(kinds.index, kinds.to_numpy(), color=BLOC_COLOURS["g5_sahel"])
    bottom.set_xlabel("Sources")
    bottom.set_title("Kinds of source", loc="left")
    bottom.grid(axis="y", visible=False)
    return fig
