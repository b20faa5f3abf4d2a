"""The house style: one colour per bloc of actors across the whole book, and matplotlib settings.

Colours are Paul Tol's "muted" scheme, which stays distinguishable under the common forms of
colour-blindness; each bloc keeps its colour in every figure.
"""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns

BLOC_COLOURS: dict[str, str] = {
    "france": "#332288",
    "un": "#88CCEE",
    "eu": "#44AA99",
    "united_states": "#117733",
    "germany": "#999933",
    "italy": "#EE7733",
    "united_kingdom": "#0077BB",
    "turkey": "#CC3311",
    "other_europe": "#FFAABB",
    "russia": "#882255",
    "ukraine": "#DDCC77",
    "ecowas": "#CC6677",
    "aes": "#AA4499",
    "g5_sahel": "#555555",
    "armed_group": "#888888",
    "other": "#BBBBBB",
}

# Saved figures are SVG with text as text (a map is a modest-resolution PNG): sharp on phones,
# light on slow connections, and byte-identical from one build to the next. Sizes are chosen for
# the narrowest reader: see plots.PHONE_COLUMN_PX and plots.smallest_text_pt.
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "sahel",
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "figure.figsize": (5.5, 4),
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "figure.titlesize": 11,
    "figure.labelsize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e5e5",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
}


def use() -> None:
    """Apply the house style to matplotlib (call once per notebook, via `sahel.setup()`)."""
    mpl.rcParams.update(RC)


def bloc_colour(bloc: str) -> str:
    return BLOC_COLOURS.get(bloc, BLOC_COLOURS["other"])


def verdict_colours(verdicts: list[str], open_verdicts: list[str]) -> dict[str, str]:
    """Verdicts from the best to the worst on a blue-to-red scale (readable under the common
    forms of colour-blindness), the verdicts left open in grey."""
    judged = [v for v in verdicts if v not in open_verdicts]
    colours = dict(zip(judged, sns.color_palette("RdBu_r", len(judged)).as_hex(), strict=True))
    return {v: colours.get(v, BLOC_COLOURS["other"]) for v in verdicts}


def category_colours(names: list[str]) -> dict[str, str]:
    """Colours for categories that are not actors (themes, domains): seaborn's colour-blind
    palette, kept apart from the bloc colours."""
    return dict(zip(names, sns.color_palette("colorblind", len(names)).as_hex(), strict=True))
