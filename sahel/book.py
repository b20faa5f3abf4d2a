"""What chapters use to put computed values into the book: glue and displayed tables.

Values are glued as plain Python types (a numpy scalar fails a strict build), and citations as
Markdown links to the record entries the events rest on.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
from IPython.display import HTML, SVG, Image, Markdown, display
from myst_nb import glue as _glue

from .events import last_event_date
from .load import Dataset
from .text import cite, fmt_date, plain


def glue(name: str, value) -> None:
    """Glue a value for `{glue:text}` without showing it in the notebook."""
    _glue(name, plain(value), display=False)


def glue_image(name: str, png: bytes) -> None:
    """Glue a PNG image for `{glue:figure}`."""
    _glue(name, Image(data=png, format="png"), display=False)


def glue_svg(name: str, text: str) -> None:
    """Glue an SVG image for `{glue:figure}`."""
    _glue(name, SVG(data=text), display=False)


def glue_md(name: str, text: str) -> None:
    """Glue Markdown (for example links to sources) for `{glue:md}`."""
    _glue(name, Markdown(text), display=False)


def glue_cite(data: Dataset, name: str, *event_ids: str) -> None:
    glue_md(name, cite(data, *event_ids))


def table_html(frame: pd.DataFrame, caption: str, html_columns: Iterable[str] = ()) -> str:
    """A table with a caption and header cells, without the index, as HTML, in a box that
    scrolls sideways where the table is wider than the column (a phone); the box takes a keyboard
    stop and is named by the caption, so that a keyboard can scroll it too.

    Cells are escaped, except the columns named in `html_columns`, which hold links made here.
    """
    frame = frame.copy()
    for column in frame.columns:
        if column not in html_columns:
            frame[column] = frame[column].map(lambda v: "" if pd.isna(v) else html.escape(str(v)))
    table = frame.to_html(
        index=False, escape=False, border=0, classes="sahel-table", justify="left"
    ).replace(">\n  <thead>", f">\n  <caption>{html.escape(caption)}</caption>\n  <thead>", 1)
    box = f'class="sahel-listing" tabindex="0" role="region" aria-label="{html.escape(caption)}"'
    return f"<div {box}>{table}</div>"


def show_table(frame: pd.DataFrame, caption: str, html_columns: Iterable[str] = ()) -> None:
    """Display a table made by `table_html`."""
    display(HTML(table_html(frame, caption, html_columns)))


def glue_provenance(data: Dataset) -> None:
    """Glue the dataset version, fingerprint and last event date that a chapter rests on."""
    glue("dataset_version", data.version)
    glue("dataset_fingerprint", data.fingerprint)
    glue("dataset_last_event", fmt_date(last_event_date(data)))
    coverage = data.package.descriptor["x-coverage"]
    glue(
        "dataset_coverage",
        f"The record runs from {coverage['start'][:4]} (with the openings of presences already "
        f"under way then) to its latest event, dated "
        f"{fmt_date(last_event_date(data))}, and holds {len(data.events):,} events. "
        + coverage["excludes"],
    )
