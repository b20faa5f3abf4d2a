"""Figures of the codebook page: each takes the frame it draws."""

from __future__ import annotations

import pandas as pd

from ..codebook import events_per_year, source_kinds, sources_per_event
from ..load import Dataset
from . import plots
from .style import BLOC_COLOURS, category_colours


def theme_colours(data: Dataset) -> dict[str, str]:
    """The schema's themes, in its order, each with its colour."""
    return category_colours(data.package.resource("events").field("themes").enum)


def plot_events_per_year(data: Dataset):
    counts = events_per_year(data)
    fig, ax = plots.figure(height=4)
    bottom = pd.Series(0, index=counts.index)
    colours = theme_colours(data)
    for theme_name in [t for t in colours if t in counts]:
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
    ax.set_xticks(counts.index, [str(y) for y in counts.index], rotation=45)
    ax.set_ylabel("Events (an event counts once per theme)")
    ax.legend(ncol=3, fontsize=8)
    ax.grid(axis="x", visible=False)
    return fig


def plot_sources(data: Dataset):
    fig, (left, right) = plots.figure(height=3.6, ncols=2)
    per_event = sources_per_event(data)
    left.bar(per_event.index.astype(str), per_event.to_numpy(), color=BLOC_COLOURS["un"])
    left.set_xlabel("Sources cited by an event")
    left.set_ylabel("Events")
    kinds = source_kinds(data).sort_values()
    right.barh(kinds.index.str.replace("_", " "), kinds.to_numpy(), color=BLOC_COLOURS["g5_sahel"])
    right.set_xlabel("Sources")
    right.set_title("Kinds of source", fontsize=10)
    left.set_title("Sources per event", fontsize=10)
    left.grid(axis="x", visible=False)
    right.grid(axis="y", visible=False)
    return fig
