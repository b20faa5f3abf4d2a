"""The strict build: it passes on the book, fails on each way a chapter can break, is
reproducible byte for byte, and never serves outputs computed from old data; nbval catches
committed outputs that no longer reproduce."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import DATA, REPO, build_book, copy_book, run_nbval
from openpyxl import load_workbook

import sahel
from harness import site
from sahel.schema import read_package

pytestmark = pytest.mark.slow

CHAPTERS = sorted((REPO / "chapters").glob("*.ipynb"))
NOTEBOOKS = [REPO / "intro.ipynb", *CHAPTERS]
PAGES = [str(p.relative_to(REPO).with_suffix(".html")) for p in NOTEBOOKS]


def html_files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }


def edit_notebook(path: Path, edit) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    edit(nb)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def code_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def append_to_first_code_cell(text: str):
    def edit(nb):
        cell = code_cells(nb)[0]
        cell["source"] = "".join(cell["source"]) + "\n" + text

    return edit


def test_the_strict_build_passes_and_writes_every_page(built_book):
    for page in PAGES:
        assert (built_book / page).is_file(), page


def test_the_download_page_offers_a_workbook_of_every_table_as_the_csv_files_hold_them(built_book):
    """Written by the build itself (not by a chapter's execution), so a build from the committed
    outputs offers it too; one sheet per table, each cell as the CSV file holds it."""
    (workbook,) = (built_book / "_downloads").glob("*/sahel-data.xlsx")
    assert "sahel-data.xlsx" in (built_book / "chapters" / "cite.html").read_text(encoding="utf-8")
    sheets = load_workbook(workbook, read_only=True)
    package = read_package(DATA)
    assert sheets.sheetnames == [r.name for r in package.resources]
    for resource in package.resources:
        with (DATA / resource.path).open(encoding="utf-8", newline="") as f:
            expected = list(csv.reader(f))
        cells = [["" if v is None else str(v) for v in row] for row in sheets[resource.name].values]
        assert cells == expected, resource.name


def test_every_figure_has_real_alt_text_and_a_numbered_caption(built_book):
    for page in PAGES:
        html = (built_book / page).read_text(encoding="utf-8")
        for img in re.findall(r"<img [^>]*>", html):
            alt = re.search(r'alt="([^"]*)"', img)
            assert alt and len(alt.group(1)) > 30, (page, img)
            assert not re.search(r"\.(png|svg|jpe?g)$", alt.group(1)), (page, img)
        for figure in re.findall(r"<figure .*?</figure>", html, flags=re.S):
            assert re.search(r'<span class="caption-number">Fig\. [\d.]+ </span>', figure), figure


def test_the_book_shows_which_data_version_it_was_computed_from(built_book):
    version = json.loads((REPO / "data" / "datapackage.json").read_text())["version"]
    shown = f'dataset version <span class="pasted-text">{version}</span>'
    for page in PAGES:
        assert shown in (built_book / page).read_text(encoding="utf-8"), page


# Each test below proves a property of every build without executing the chapters again: `make
# test` executes each chapter twice only, in the session's strict build and in nbval. The ways a
# build can fail, and how a data change reaches a page, are shown on a probe notebook that runs
# in an instant; the configuration test shows that what holds for the probe holds for every page.
FINGERPRINT = re.compile(r"fingerprint <span class=\"pasted-text\">([0-9a-f]{12})</span>")
PROBE_MARKDOWN = "Computed from fingerprint {glue:text}`dataset_fingerprint`.\n"


def probe_notebook(code: str, output: str = "") -> dict:
    """A one-cell notebook (with the output `code` prints, as a committed notebook stores it)."""
    outputs = [{"output_type": "stream", "name": "stdout", "text": output}] if output else []
    return {
        "cells": [
            {"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# Probe\n"},
            {
                "cell_type": "code",
                "id": "code",
                "metadata": {"tags": ["remove-input"]},
                "execution_count": 1 if output else None,
                "outputs": outputs,
                "source": code,
            },
            {"cell_type": "markdown", "id": "text", "metadata": {}, "source": PROBE_MARKDOWN},
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_notebook(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


PROBE_CODE = "import sahel\nfrom sahel import book\nbook.glue_provenance(sahel.load())\n"


@pytest.fixture
def probe_book(tmp_path) -> Path:
    """A copy of the book whose table of contents holds one probe page, glueing the data's
    fingerprint as every chapter does."""
    root = copy_book(tmp_path / "book")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/probe\n", encoding="utf-8"
    )
    (root / "intro.ipynb").unlink()
    (root / "intro.md").write_text("# Intro\n\nA one-page copy.\n", encoding="utf-8")
    write_notebook(root / "chapters" / "probe.ipynb", probe_notebook(PROBE_CODE))
    return root


def test_every_build_executes_every_page_afresh():
    """No cache: every build starts Sphinx from a fresh environment (`--all`) and executes every
    notebook (the book's executor, `sahel_execute`, rather than myst-nb's, which would run them a
    second time), so what the probe tests below show holds for every chapter."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "off"
    assert config["sphinx"]["config"]["sahel_execute"] is True
    assert "sahel_execute" in config["sphinx"]["config"]["extensions"]
    assert "--all" in site.BUILD


def test_every_page_shows_the_fingerprint_of_the_data_it_was_built_from(built_book):
    current = sahel.load(REPO / "data").fingerprint
    shown = {p: FINGERPRINT.findall((built_book / p).read_text(encoding="utf-8")) for p in PAGES}
    assert sum(bool(f) for f in shown.values()) >= len(PAGES) - 1, shown
    assert {p: f for p, f in shown.items() if f and set(f) != {current}} == {}


def test_a_data_change_re_executes_the_page(probe_book):
    """Build, change one CSV, build again: the page reports the new data."""
    html = probe_book / "_build" / "html" / "chapters" / "probe.html"
    assert build_book(probe_book).returncode == 0
    before = FINGERPRINT.findall(html.read_text(encoding="utf-8"))
    events = probe_book / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    result = build_book(probe_book)
    assert result.returncode == 0, result.stderr[-3000:]
    after = FINGERPRINT.findall(html.read_text(encoding="utf-8"))
    assert before and after and after != before


def test_a_build_from_the_committed_outputs_is_byte_identical_to_a_fresh_one(built_book, tmp_path):
    """The committed notebooks were executed by `make notebooks`, the session's build executed
    them again: two executions, one book, byte for byte (no dates, no random ids)."""
    root = copy_book(tmp_path / "book")
    config = root / "_config.yml"
    executing = config.read_text(encoding="utf-8")
    committed = executing.replace("sahel_execute: true", "sahel_execute: false")
    assert committed != executing
    config.write_text(committed, encoding="utf-8")
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    first, second = html_files(built_book), html_files(root / "_build" / "html")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


@pytest.mark.parametrize(
    "code",
    ['raise RuntimeError("a broken cell")', 'import sys; print("careful", file=sys.stderr)'],
    ids=["failing-cell", "stderr"],
)
def test_the_strict_build_fails_on_a_failing_cell_or_stderr(probe_book, code):
    edit_notebook(probe_book / "chapters" / "probe.ipynb", append_to_first_code_cell(code))
    result = build_book(probe_book)
    assert result.returncode != 0


def test_the_strict_build_fails_on_an_unresolved_reference(probe_book):
    def edit(nb):
        nb["cells"].append(
            {"cell_type": "markdown", "metadata": {}, "source": "See {numref}`fig-nowhere`."}
        )

    edit_notebook(probe_book / "chapters" / "probe.ipynb", edit)
    assert build_book(probe_book).returncode != 0


@pytest.fixture
def committed_probe(tmp_path) -> Path:
    """A notebook with its committed output, in a copy of the book (nbval runs from its root)."""
    root = copy_book(tmp_path / "book")
    fingerprint = sahel.load(root / "data").fingerprint
    code = "import sahel\nprint(sahel.load().fingerprint)\n"
    write_notebook(root / "chapters" / "probe.ipynb", probe_notebook(code, fingerprint + "\n"))
    return root


def test_nbval_passes_on_a_notebook_whose_outputs_are_current(committed_probe):
    result = run_nbval(committed_probe, "chapters/probe.ipynb")
    assert result.returncode == 0, result.stdout[-3000:]


def test_nbval_fails_on_a_broken_cell(committed_probe):
    edit_notebook(committed_probe / "chapters" / "probe.ipynb", append_to_first_code_cell("1 / 0"))
    assert run_nbval(committed_probe, "chapters/probe.ipynb").returncode != 0


def test_nbval_fails_on_an_edited_committed_output(committed_probe):
    def edit(nb):
        code_cells(nb)[0]["outputs"][0]["text"] = "an edited output\n"

    edit_notebook(committed_probe / "chapters" / "probe.ipynb", edit)
    assert run_nbval(committed_probe, "chapters/probe.ipynb").returncode != 0


def test_nbval_fails_when_the_data_changed_but_the_notebook_was_not_refreshed(committed_probe):
    events = committed_probe / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    assert run_nbval(committed_probe, "chapters/probe.ipynb").returncode != 0


def test_every_chapter_stores_the_fingerprint_of_the_current_data():
    """So nbval, which compares stored outputs, fails on any chapter not refreshed after a data
    change, as it does on the probe (run `make notebooks`)."""
    current = repr(sahel.load(REPO / "data").fingerprint)
    stale = []
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        stored = [
            output["data"].get("application/papermill.record/text/plain")
            for cell in code_cells(nb)
            for output in cell.get("outputs", [])
            if output.get("metadata", {}).get("scrapbook", {}).get("name") == "dataset_fingerprint"
        ]
        if stored != [current]:
            stale.append((path.name, stored))
    assert stale == []


READER_PAGES = [
    "intro.html",
    *(f"chapters/{c}.html" for c in ("withdrawals", "alliance", "ukraine", "claims")),
]
# What database output looks like: snake_case values, quarter codes, and the record's own ids.
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b\d{4}Q[1-4]\b")


def reader_text(html: str) -> str:
    """The words a reader sees in a page's article: no scripts, styles, tags or attributes."""
    article = re.search(r"<article.*?</article>", html, re.S)
    text = re.sub(
        r"<(script|style)\b.*?</\1>", " ", article.group(0) if article else html, flags=re.S
    )
    return re.sub(r"<[^>]+>", " ", text)


def test_no_database_code_in_what_readers_read(built_book):
    data = sahel.load()
    ids = set(data.events.index) | set(data.sources.index) | set(data.figures.index)
    found = {}
    for page in READER_PAGES:
        text = reader_text((built_book / page).read_text(encoding="utf-8"))
        codes = sorted(
            set(CODE.findall(text)) | {w for w in re.findall(r"[a-z0-9-]+", text) if w in ids}
        )
        if codes:
            found[page] = codes
    assert found == {}


def test_no_code_toggle_on_a_reader_page_and_one_link_to_its_notebook(built_book):
    for path, page in zip(NOTEBOOKS, PAGES, strict=True):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in code_cells(nb):
            assert "remove-input" in cell["metadata"].get("tags", []), (path.name, cell["source"])
        html = (built_book / page).read_text(encoding="utf-8")
        assert "Show code cell" not in html, page
        assert len(re.findall(rf'href="[^"]*_downloads/[0-9a-f]+/{path.name}"', html)) == 1, page


def test_the_build_stops_before_any_page_on_data_that_fail_a_check(probe_book):
    """A verdict the record does not give passes the schema but not the checks across tables:
    the build stops before the probe page executes, naming the file, the line and the column."""
    from test_claims import line_of_type
    from test_validate import rows, set_cell

    path = probe_book / "data" / "claims.csv"
    line = line_of_type(path, "date")
    old = rows(path)[line - 1][rows(path)[0].index("verdict")]
    set_cell(path, line, "verdict", "unproven" if old != "unproven" else "correct")
    set_cell(path, line, "fault", "")
    result = build_book(probe_book)
    assert result.returncode != 0
    assert f"claims.csv:{line}: verdict: the record gives {old}" in result.stdout + result.stderr
    assert not (probe_book / "_build" / "html" / "chapters" / "probe.html").exists()
