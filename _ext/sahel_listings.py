"""A Sphinx extension that writes the book's generated listings from the data at build time.

- `{sahel-record}` renders the events of a period, grouped by year, each with a stable anchor (its
  event id) that chapters and readers can link to, and a small filter form (its script,
  `record-filter.js`, ships with the theme files); with `:index:`, the list of the record's pages.
- `{sahel-sources}` renders the sources of the publishers of one page, graded; with `:index:`,
  the list of the sources' pages.
- `chapters/sahel-data.xlsx`, the workbook the download page offers, is written before any page is
  read, so that it exists however the pages are executed (or not executed at all).

Nothing is stored in a notebook: the listings are generated from `data/` on each build, so they
cannot go stale, and they stay out of the search index (`sahel_unsearched`).
"""

from __future__ import annotations

import fnmatch
import html
from pathlib import Path

import pandas as pd
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sahel import book, codebook, text
from sahel.events import in_time_order, type_labels
from sahel.load import Dataset, load
from sahel.names import BLOC_LABELS, country_name
from sahel.record import PERIODS, title


def _options(name: str, label: str, values: dict[str, str]) -> str:
    choices = "".join(
        f'<option value="{html.escape(v)}">{html.escape(t)}</option>' for v, t in values.items()
    )
    return (
        f'<label>{html.escape(label)} <select name="{name}" data-filter="{name}">'
        f'<option value="">all</option>{choices}</select></label>'
    )


def _source_lists(data: Dataset, events: pd.DataFrame) -> pd.Series:
    """Each event's sources behind their count, publisher and grading only (the titles are on
    the sources page, and the page stays light); each source is written once per page."""
    ids = sorted(set().union(*events["source_ids"]))
    rows = data.sources.loc[ids]
    item = {
        sid: f"<li>{text.link_html(r['url'], r['publisher'])}"
        f" ({html.escape(text.grade(data, r))})</li>"
        for sid, r in rows.iterrows()
    }
    return events["source_ids"].map(
        lambda sids: (
            f"<details><summary>{text.plural(len(sids), 'source')}</summary>"
            f"<ul>{''.join(item[sid] for sid in sids)}</ul></details>"
        )
    )


def _event(data: Dataset, event: pd.Series, when: str, summary: str, sources: str) -> str:
    actors = data.actors
    who = actors.at[event["actor"], "name"]
    if pd.notna(event["target"]):
        who += f" → {actors.at[event['target'], 'name']}"
    blocs = {actors.at[event["actor"], "bloc"]}
    if pd.notna(event["target"]):
        blocs.add(actors.at[event["target"], "bloc"])
    for dep in event["deployment_ids"]:
        blocs.add(actors.at[data.deployments.at[dep, "sponsor"], "bloc"])
    attributes = {
        "id": event["event_id"],
        "data-country": event["country"],
        "data-bloc": " ".join(sorted(blocs)),
        "data-theme": " ".join(event["themes"]),
        "data-year": str(event["date_start"].year),
    }
    attrs = " ".join(f'{k}="{html.escape(v)}"' for k, v in attributes.items())
    differ = ""
    if pd.notna(event["disagreement"]):
        differ = (
            f'<p class="record-differ">Sources differ: {html.escape(event["disagreement"])}</p>'
        )
    kind = type_labels(data)[event["event_type"]]
    where = country_name(event["country"])
    return (
        f'<li {attrs}><p><a class="record-date" href="#{event["event_id"]}">{html.escape(when)}</a>'
        f" · {html.escape(where)} · {html.escape(who)} · {html.escape(kind)}</p>"
        f"<p>{html.escape(summary)}</p>{differ}{sources}</li>"
    )


def record_html(data: Dataset, first: int, last: int | None) -> str:
    """The record of the years from `first` to `last` (inclusive; to the end when None)."""
    years_of = data.events["date_start"].dt.year
    inside = (years_of >= first) & (years_of <= (last or years_of.max()))
    events = in_time_order(data.events[inside])
    when = text.event_dates(events)
    summaries = text.summaries(data, events)
    sources = _source_lists(data, events)
    themes = data.package.resource("events").field("themes")
    countries = sorted(set(events["country"]), key=country_name)
    blocs = [b for b in BLOC_LABELS if b in set(data.actors["bloc"])]
    years = sorted(set(events["date_start"].dt.year))
    form = (
        '<form class="record-filter" hidden aria-label="Narrow the record">'
        + _options("country", "Country", {c: country_name(c) for c in countries})
        + _options("bloc", "Partner or side", {b: BLOC_LABELS[b] for b in blocs})
        + _options("theme", "Story", {t: themes.labels[t] for t in themes.enum})
        # A page of one year has no year to choose.
        + (_options("year", "Year", {str(y): str(y) for y in years}) if len(years) > 1 else "")
        + '<output aria-live="polite"></output></form>'
    )
    parts = [form]
    for year in years:
        rows = events[events["date_start"].dt.year == year]
        items = "".join(
            _event(data, e, when[i], summaries[i], sources[i]) for i, e in rows.iterrows()
        )
        parts.append(
            f'<section class="record-year" data-year="{year}"><h2 id="year-{year}">{year}</h2>'
            f'<ol class="record">{items}</ol></section>'
        )
    parts.append('<script src="../_static/record-filter.js" defer></script>')
    return "\n".join(parts)


def periods_html(data: Dataset) -> str:
    """The list of the record's pages, with how many events each holds."""
    years = data.events["date_start"].dt.year
    items = []
    for i, first in enumerate(PERIODS):
        last = PERIODS[i + 1] - 1 if i + 1 < len(PERIODS) else int(years.max())
        count = int(years.between(first, last).sum())
        link = f'<a href="record-{first}.html">{title(first)}</a>'
        items.append(f"<li>{link}: {text.plural(count, 'event')}</li>")
    return f'<ul class="record-periods">{"".join(items)}</ul>'


def sources_html(data: Dataset, first: str) -> str:
    """The sources of the publishers one page holds, by publisher and date, with their links and
    grading."""
    index = codebook.source_index(data)
    index = index[index["publisher"].map(codebook.source_page) == first]
    table = index.assign(
        published=index["published"].map(text.fmt_published),
        link=[text.link_html(u, t) for u, t in zip(index["url"], index["title"], strict=True)],
        grade=[text.grade(data, row) for _, row in index.iterrows()],
    )[["publisher", "link", "published", "language", "grade"]]
    table.columns = ["Publisher", "Title and link", "Published", "Language", "What it is"]
    caption = f"Table 1. The sources of publishers {codebook.source_page_title(first)}."
    return book.table_html(table, caption, ["Title and link"])


def source_pages_html(data: Dataset) -> str:
    """The list of the sources' pages, with how many sources and publishers each holds."""
    pages = data.sources["publisher"].map(codebook.source_page)
    items = []
    for first in codebook.SOURCE_PAGES:
        held = data.sources[pages == first]
        link = f'<a href="sources-{first.lower()}.html">{codebook.source_page_title(first)}</a>'
        publishers = text.plural(held["publisher"].nunique(), "publisher")
        items.append(f"<li>{link}: {text.plural(len(held), 'source')} from {publishers}</li>")
    return f'<ul class="source-pages">{"".join(items)}</ul>'


# The dataset as loaded for this build, with the state of its files then: the listings' pages
# share one load, and a changed file loads the data again.
_LOADED: dict[Path, tuple[dict[str, tuple[int, int]], Dataset]] = {}


def _state(data_dir: Path, paths) -> dict[str, tuple[int, int]]:
    stats = {p: (data_dir / p).stat() for p in paths}
    return {p: (s.st_mtime_ns, s.st_size) for p, s in stats.items()}


class _DataDirective(SphinxDirective):
    """A directive rendered from the book's own `data/` folder, rebuilt when a data file changes."""

    def data(self) -> Dataset:
        data_dir = Path(self.env.srcdir) / "data"
        cached = _LOADED.get(data_dir)
        if cached is None or _state(data_dir, cached[0]) != cached[0]:
            data = load(data_dir)
            _LOADED[data_dir] = (_state(data_dir, ["datapackage.json", *data.package.paths]), data)
        state, data = _LOADED[data_dir]
        for path in state:
            self.env.note_dependency(str(data_dir / path))
        return data


class SourcesDirective(_DataDirective):
    """Renders the sources of one page's publishers (`:from:` the page's first letter) of the
    book's own `data/` folder, or, with `:index:`, the list of the sources' pages."""

    option_spec = {"from": str, "index": lambda _: True}

    def run(self):
        data = self.data()
        if "index" in self.options:
            return [nodes.raw("", source_pages_html(data), format="html")]
        return [nodes.raw("", sources_html(data, self.options["from"]), format="html")]


class RecordDirective(_DataDirective):
    """Renders the record of some years of the book's own `data/` folder (`:from:` and `:to:`
    years), or, with `:index:`, the list of the record's pages."""

    option_spec = {"from": int, "to": int, "index": lambda _: True}

    def run(self):
        data = self.data()
        if "index" in self.options:
            return [nodes.raw("", periods_html(data), format="html")]
        first, last = self.options["from"], self.options.get("to")
        return [nodes.raw("", record_html(data, first, last), format="html")]


def _leave_out_of_search(app, doctree) -> None:
    """Generated listings (the record, the sources) would double the search index that every
    page downloads; `sahel_unsearched` names them, with shell-style wildcards."""
    docname = app.env.docname
    if any(fnmatch.fnmatch(docname, pattern) for pattern in app.config.sahel_unsearched):
        app.env.metadata[docname]["nosearch"] = True


# The download page's workbook, next to the page that links to it (not committed: .gitignore).
WORKBOOK = Path("chapters") / "sahel-data.xlsx"


def _write_workbook(app) -> None:
    srcdir = Path(app.srcdir)
    codebook.workbook(srcdir / "data", srcdir / WORKBOOK)


def setup(app):
    app.connect("builder-inited", _write_workbook)
    app.add_directive("sahel-record", RecordDirective)
    app.add_directive("sahel-sources", SourcesDirective)
    app.add_config_value("sahel_unsearched", [], "env")
    app.connect("doctree-read", _leave_out_of_search)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
