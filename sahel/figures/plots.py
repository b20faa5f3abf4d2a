"""Plotting primitives shared by every chapter, in the house style."""

from __future__ import annotations

import io

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.patches import Patch
from matplotlib.text import Text
from PIL import Image

from .. import book
from ..names import BLOC_LABELS
from .style import bloc_colour

# The book's column is this many CSS pixels wide on a 390-px phone (measured by the browser tests).
# A figure W inches wide is shown at most W * 96 px wide, so on that phone its text of s points
# renders at s * PHONE_COLUMN_PX / (W * 72) px: `publish` refuses a figure whose smallest text
# would fall under MIN_TEXT_PX there.
PHONE_COLUMN_PX = 358
MIN_TEXT_PX = 9
WIDTH = 5.5  # inches: the widest figure whose 10-point text stays readable on that phone


def smallest_text_pt(width: float) -> float:
    """The smallest font size, in points, that stays readable on a phone in a figure this wide."""
    return MIN_TEXT_PX * width * 72 / PHONE_COLUMN_PX


def too_small(fig) -> list[str]:
    """The visible texts of a figure that would render under MIN_TEXT_PX on a phone."""
    floor = smallest_text_pt(fig.get_figwidth())
    return [
        f"{t.get_text()!r} at {t.get_fontsize():g} pt"
        for t in fig.findobj(lambda a: isinstance(a, Text))
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < floor - 0.05
    ]


def figure(height: float = 4.0, width: float = WIDTH, ncols: int = 1, nrows: int = 1):
    """A new figure with `nrows` x `ncols` axes, laid out to fit its labels."""
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")


def date_axis(ax, years: int = 1) -> None:
    """Label a time axis by year (or every `years` years)."""
    ax.xaxis.set_major_locator(mdates.YearLocator(years))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def day_axis(ax, interval: int = 7) -> None:
    """Label a time axis by day, for chapters that follow events day by day."""
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=interval))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))


def bloc_handles(blocs) -> list[Patch]:
    """Legend swatches, one per bloc, in the book's colours."""
    return [Patch(color=bloc_colour(b), label=BLOC_LABELS.get(b, b)) for b in blocs]


def bloc_legend(ax, blocs, **kwargs) -> None:
    """A legend with one swatch per bloc."""
    ax.legend(handles=bloc_handles(blocs), **kwargs)


def lanes(ax, labels: list[str]) -> dict[str, int]:
    """One horizontal lane per label, top to bottom; returns each label's y position."""
    positions = {label: len(labels) - 1 - i for i, label in enumerate(labels)}
    ax.set_yticks(list(positions.values()), list(positions))
    ax.set_ylim(-0.7, len(labels) - 0.3)
    ax.grid(axis="y", visible=False)
    return positions


def lane_dots(ax, dates, lane_of, blocs, order=None, size: float = 7) -> None:
    """One dot per event on its lane, in its bloc's colour; lanes in `order`, or as first met."""
    y = lanes(ax, list(order or dict.fromkeys(lane_of)))
    for date, lane, bloc in zip(dates, lane_of, blocs, strict=True):
        ax.plot(
            date, y[lane], "o", color=bloc_colour(bloc), mec="black", mew=0.4, ms=size, alpha=0.9
        )


def png(fig) -> bytes:
    """The figure as a small PNG: a 64-colour palette keeps lines and text crisp at a fraction of
    the weight of full colour, for readers on slow connections."""
    full = io.BytesIO()
    fig.savefig(full, format="png", dpi=fig.dpi)
    image = Image.open(full).convert("RGB")
    small = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="png", optimize=True)
    return out.getvalue()


def svg(fig) -> str:
    """The figure as SVG with its text kept as text: light for charts of bars, lines and dots,
    sharp at any width, searchable and readable by screen readers. No date is written, and the
    ids are salted (style.RC), so rebuilds are byte-identical."""
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def publish(name: str, fig, raster: bool = False) -> None:
    """Glue a finished figure for a `{glue:figure}` directive and close it: as SVG, or as a
    small PNG where `raster` (a map's outlines weigh less as pixels than as paths).

    The chapter's directive carries the numbered caption, the alt text and the name to cite.
    A figure with text too small to read on a phone stops the build, naming the texts.
    """
    small = too_small(fig)
    if small:
        plt.close(fig)
        raise ValueError(
            f"figure {name}: text under {MIN_TEXT_PX} px on a phone "
            f"(needs {smallest_text_pt(fig.get_figwidth()):.1f} pt or more): " + "; ".join(small)
        )
    if raster:
        book.glue_image(name, png(fig))
    else:
        book.glue_svg(name, svg(fig))
    plt.close(fig)
