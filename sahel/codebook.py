"""The codebook and coverage of the dataset, generated from `datapackage.json` and the tables."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import yaml

from . import evidence
from .load import Dataset
from .schema import read_package


def tables(data: Dataset) -> pd.DataFrame:
    """One row per table: its file, row count and description."""
    counts = {r.name: len(getattr(data, r.name)) for r in data.package.resources}
    return pd.DataFrame(
        [
            {
                "Table": r.name,
                "File": f"data/{r.path}",
                "Rows": counts[r.name],
                "What it holds": r.description,
            }
            for r in data.package.resources
        ]
    )


def columns(data: Dataset, table: str) -> pd.DataFrame:
    """One row per column of a table, from the schema: type, whether required, allowed values."""
    resource = data.package.resource(table)
    keys = {fk.field: f"{fk.resource}.{fk.reference_field}" for fk in resource.foreign_keys}
    rows = []
    for f in resource.fields:
        allowed = ", ".join(f.enum) if f.enum else ""
        if f.type == "list":
            items = "values" if f.enum else "ids"
            kind = f"list of {items} separated by '{f.delimiter}'"
        else:
            kind = f.type
        rows.append(
            {
                "Column": f.name,
                "Type": kind,
                "Required": "yes" if f.required else "",
                "Meaning": f.description,
                "Allowed values": allowed,
                "Refers to": keys.get(f.name, ""),
            }
        )
    return pd.DataFrame(rows)


def event_types(data: Dataset) -> pd.DataFrame:
    """Each kind of event in words: its name in the book, what it means, its part in a
    departure (from the schema's roles), and how many events the record holds."""
    field = data.package.resource("events").field("event_type")
    counts = data.events["event_type"].value_counts()
    return pd.DataFrame(
        {
            "Kind of event": [field.labels[t] for t in field.enum],
            "What it records": [field.constraints["x-definitions"][t] for t in field.enum],
            "Its part in the book": [
                "; ".join(field.role_labels[r] for r, types in field.roles.items() if t in types)
                for t in field.enum
            ],
            "Events": [int(counts.get(t, 0)) for t in field.enum],
        }
    )


def events_per_year(data: Dataset) -> pd.DataFrame:
    """Events per year and theme (an event with two themes counts in both), one column per theme
    of the schema in its order, named as a reader reads it."""
    themes = data.package.resource("events").field("themes")
    exploded = data.events[["date_start", "themes"]].explode("themes")
    exploded["year"] = exploded["date_start"].dt.year
    counts = exploded.groupby(["year", "themes"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=themes.enum, fill_value=0).rename(columns=themes.labels)
    return counts.rename_axis(index="Year", columns=None)


def sources_per_event(data: Dataset) -> pd.Series:
    return data.events["source_ids"].map(len).value_counts().sort_index()


def origins_per_event(data: Dataset) -> pd.Series:
    """How many reputable independent origins each event cites (copies of one story count once)."""
    return evidence.origins(data.events, _text(data.sources), data.package).map(len)


def strength_order(data: Dataset) -> list[str]:
    """Kinds of source strongest first, as the schema lists them, with a party's state media
    after other state media (a rehost counts as its origin's kind, so it has no rank)."""
    order = [k for k in data.package.resource("sources").field("kind").enum if k != "rehost"]
    order.insert(order.index("state_media") + 1, "party_media")
    return order


def strongest_kind(data: Dataset) -> pd.Series:
    """For each event, the strongest kind of source it cites (a rehost counts as its origin's
    kind; state media of a party and aggregators come last)."""
    sources = _text(data.sources)
    kind = evidence.effective_kind(sources).where(~evidence.party_media(sources), "party_media")
    order = strength_order(data)
    rank = kind.map({k: i for i, k in enumerate(order)})
    best = data.events["source_ids"].map(lambda ids: rank.loc[list(ids)].min())
    return best.map(dict(enumerate(order)))


def evidence_mix(data: Dataset) -> pd.DataFrame:
    """Events by the strongest kind of source they cite, with reader-facing names."""
    labels = {
        **data.package.resource("sources").field("kind").labels,
        "state_media": "state media of a state not party to the event",
        "party_media": "state media of a party (marked in the record)",
    }
    counts = strongest_kind(data).value_counts()
    order = [k for k in strength_order(data) if k in counts]
    return pd.DataFrame(
        {"Strongest source cited": [labels[k] for k in order], "Events": counts[order].to_list()}
    )


def top_origins(data: Dataset, n: int = 10) -> pd.DataFrame:
    """The origins whose reporting the most events cite (an event counts once per origin)."""
    origin = data.sources["origin"]
    per_event = data.events["source_ids"].map(lambda ids: set(origin.loc[list(ids)]))
    # Ties in alphabetical order, so that the page is the same from one build to the next.
    counts = per_event.explode().value_counts().sort_index()
    counts = counts.sort_values(ascending=False, kind="stable").head(n)
    return counts.rename_axis("Origin").reset_index(name="Events citing it")


def _text(sources: pd.DataFrame) -> pd.DataFrame:
    """The grading columns as plain text (blank for empty), as the evidence rules read them."""
    columns = ["kind", "origin_kind", "party", "origin", "source_id"]
    return sources.assign(**{c: sources[c].fillna("").astype(str) for c in columns})


def source_kinds(data: Dataset) -> pd.Series:
    """Sources per kind, in words, most first."""
    labels = data.package.resource("sources").field("kind").labels
    return data.sources["kind"].map(labels).value_counts().rename("Sources")


def source_index(data: Dataset) -> pd.DataFrame:
    """Every source, by publisher and date."""
    return data.sources.sort_values(["publisher", "published", "source_id"], key=_casefold)


# The sources' pages, by the first letter of the publishers they hold; a page runs to the next
# page's letter, the first page takes digits too and the last anything after Z. Each page stays
# light enough for a first visit on a slow connection.
SOURCE_PAGES = ("A", "B", "E", "L", "N", "S", "U")


def initial(publisher: str) -> str:
    """A publisher's first letter, without accents, in capitals ('Č' files under C)."""
    first = unicodedata.normalize("NFKD", publisher.strip()[:1])[:1]
    return first.upper()


def source_page(publisher: str) -> str:
    """The first letter of the sources page that lists a publisher."""
    letter = initial(publisher)
    return max((p for p in SOURCE_PAGES if p <= letter), default=SOURCE_PAGES[0])


def source_page_title(first: str) -> str:
    """A sources page's letters: 'B–D'; the first page says it takes digits, the last runs to Z."""
    later = [p for p in SOURCE_PAGES if p > first]
    last = chr(ord(later[0]) - 1) if later else "Z"
    letters = first if last == first else f"{first}–{last}"
    return f"0–9 and {letters}" if first == SOURCE_PAGES[0] else letters


def _casefold(column: pd.Series) -> pd.Series:
    return column.str.casefold() if pd.api.types.is_string_dtype(column) else column


def files(data_dir) -> pd.DataFrame:
    """The data files offered for download, with their size and SHA-256 checksum."""
    data_dir = Path(data_dir)
    rows = []
    for name in ["datapackage.json", *(r.path for r in read_package(data_dir).resources)]:
        content = (data_dir / name).read_bytes()
        rows.append(
            {
                "File": name,
                "Bytes": f"{len(content):,}",
                "SHA-256": hashlib.sha256(content).hexdigest(),
            }
        )
    return pd.DataFrame(rows)


def workbook(data_dir, target) -> Path:
    """Every table of the dataset in one spreadsheet workbook, one sheet per table, each cell
    exactly as the CSV file holds it. Written by openpyxl, then re-zipped with fixed entry times
    and document dates, so that two builds give the same bytes."""
    from openpyxl import Workbook

    data_dir, target = Path(data_dir), Path(target)
    # Write-only: rows stream to the file instead of building every cell as an object.
    book = Workbook(write_only=True)
    for resource in read_package(data_dir).resources:
        sheet = book.create_sheet(resource.name)
        with (data_dir / resource.path).open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(target, "w") as out:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = stamp.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            out.writestr(fixed, content, compress_type=zipfile.ZIP_DEFLATED)
    return target


def citation(cff_path) -> dict:
    """The book's citation, read from CITATION.cff: text and BibTeX."""
    with open(cff_path, encoding="utf-8") as f:
        cff = yaml.safe_load(f)
    authors = " and ".join(
        a.get("name") or f"{a['given-names']} {a['family-names']}" for a in cff["authors"]
    )
    year = str(cff["date-released"])[:4]
    text = (
        f"{authors} ({year}). {cff['title']}. Version {cff['version']}. Licence {cff['license']}."
    )
    bibtex = "\n".join(
        [
            "@misc{sahel_security_partners_" + year + ",",
            f"  author = {{{{{authors}}}}},",
            f"  title = {{{cff['title']}}},",
            f"  year = {{{year}}},",
            f"  version = {{{cff['version']}}},",
            f"  note = {{Licence {cff['license']}}}",
            "}",
        ]
    )
    return {"text": text, "bibtex": bibtex, "version": str(cff["version"])}
