"""Maps drawn from the book's own outline file, `data/geo/outlines.geojson` (Natural Earth via the
npm package world-atlas; see data/geo/README.md). Nothing is fetched at build time."""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.patches import Polygon
from matplotlib.transforms import Bbox

from ..names import HOSTS

OUTLINES = Path("geo") / "outlines.geojson"


def outlines(data_dir: Path) -> list[dict]:
    """The country outlines: one feature per country, with its ISO 3166-1 alpha-3 code."""
    return json.loads((Path(data_dir) / OUTLINES).read_text(encoding="utf-8"))["features"]


def _rings(geometry: dict):
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        yield polygon[0]


def draw_outlines(ax, features: list[dict], extent: tuple[float, float, float, float]) -> None:
    """Draw the countries, the three states shaded and named, their neighbours in outline."""
    for feature in features:
        host = feature["properties"]["iso3"] in HOSTS
        for ring in _rings(feature["geometry"]):
            ax.add_patch(
                Polygon(
                    ring,
                    closed=True,
                    facecolor="#f1ecf4" if host else "#fafafa",
                    edgecolor="#777777" if host else "#bbbbbb",
                    linewidth=0.7,
                )
            )
    west, east, south, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


# Where a place's name may go around its dot, in points (dx, dy, horizontal and vertical
# alignment), in order of preference.
LABEL_SPOTS = (
    (7, 0, "left", "center"),
    (-7, 0, "right", "center"),
    (0, 6, "center", "bottom"),
    (0, -6, "center", "top"),
    (6, 5, "left", "bottom"),
    (6, -5, "left", "top"),
    (-6, 5, "right", "bottom"),
    (-6, -5, "right", "top"),
)


def label_points(ax, xs, ys, labels) -> None:
    """Name each point beside it, at the first spot (LABEL_SPOTS) where the name overlaps no
    other text, no marker and no legend on the axes and stays inside them; at the first spot
    where none is free."""
    fig = ax.figure
    fig.canvas.draw()  # fixes the layout, so that positions measured now hold
    renderer = fig.canvas.get_renderer()
    taken = [t.get_window_extent(renderer) for t in ax.texts]
    if ax.get_legend() is not None:
        taken.append(ax.get_legend().get_window_extent(renderer))
    for line in ax.lines:
        if line.get_marker() in (None, "", "None", " "):
            continue
        r = (line.get_markersize() / 2 + 1) * fig.dpi / 72
        taken += [
            Bbox.from_bounds(px - r, py - r, 2 * r, 2 * r)
            for px, py in ax.transData.transform(line.get_xydata())
        ]
    frame = ax.get_window_extent(renderer)
    for x, y, label in zip(xs, ys, labels, strict=True):
        for dx, dy, ha, va in LABEL_SPOTS:
            text = ax.annotate(
                label, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va
            )
            text.set_in_layout(False)
            box = text.get_window_extent(renderer)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in taken):
                break
            text.remove()
        else:
            dx, dy, ha, va = LABEL_SPOTS[0]
            text = ax.annotate(
                label, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va
            )
            text.set_in_layout(False)
            box = text.get_window_extent(renderer)
        taken.append(box)
