"""Maps drawn from the book's own outline file, `data/geo/outlines.geojson` (Natural Earth via the
npm package world-atlas; see data/geo/README.md). Nothing is fetched at build time."""

from __future__ import annotations

import json
from pathlib import Path

from matplotlib.patches import Polygon

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
