"""The strict build: it passes on the book, fails on each way a chapter can break, is
reproducible byte for byte, and never serves outputs computed from old data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, build_book, copy_book, run_nbval

import sahel

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


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    root = copy_book(tmp_path_factory.mktemp("again") / "book")
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


def test_two_clean_builds_are_byte_identical(built_book, second_build):
    first, second = html_files(built_book), html_files(second_build / "_build" / "html")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_a_data_change_re_executes_every_chapter(second_build):
    """Build, change one CSV, build again: every chapter reports the new data."""
    pattern = re.compile(r"fingerprint <span class=\"pasted-text\">([0-9a-f]{12})</span>")
    html = second_build / "_build" / "html"
    pages = [p for p in PAGES if pattern.search((html / p).read_text(encoding="utf-8"))]
    assert len(pages) >= len(PAGES) - 1
    before = {p: pattern.findall((html / p).read_text(encoding="utf-8")) for p in pages}
    events = second_build / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    result = build_book(second_build)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in pages:
        after = pattern.findall((html / page).read_text(encoding="utf-8"))
        assert after and before[page] and after != before[page], page


@pytest.fixture
def one_chapter_book(tmp_path) -> Path:
    """A copy of the book whose table of contents holds one chapter, for quick failure tests."""
    root = copy_book(tmp_path / "book")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n  - file: chapters/data\n", encoding="utf-8"
    )
    (root / "intro.md").write_text("# Intro\n\nA one-chapter copy.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "code",
    ['raise RuntimeError("a broken cell")', 'import sys; print("careful", file=sys.stderr)'],
    ids=["failing-cell", "stderr"],
)
def test_the_strict_build_fails_on_a_failing_cell_or_stderr(one_chapter_book, code):
    edit_notebook(one_chapter_book / "chapters" / "data.ipynb", append_to_first_code_cell(code))
    result = build_book(one_chapter_book)
    assert result.returncode != 0


def test_the_strict_build_fails_on_an_unresolved_reference(one_chapter_book):
    def edit(nb):
        nb["cells"].append(
            {"cell_type": "markdown", "metadata": {}, "source": "See {numref}`fig-nowhere`."}
        )

    edit_notebook(one_chapter_book / "chapters" / "data.ipynb", edit)
    assert build_book(one_chapter_book).returncode != 0


def test_nbval_passes_on_the_committed_chapter(tmp_path):
    root = copy_book(tmp_path / "book")
    result = run_nbval(root, "chapters/data.ipynb")
    assert result.returncode == 0, result.stdout[-3000:]


def test_nbval_fails_on_a_broken_cell(tmp_path):
    root = copy_book(tmp_path / "book")
    edit_notebook(root / "chapters" / "data.ipynb", append_to_first_code_cell("1 / 0"))
    assert run_nbval(root, "chapters/data.ipynb").returncode != 0


def test_nbval_fails_on_an_edited_committed_output(tmp_path):
    root = copy_book(tmp_path / "book")

    def edit(nb):
        for cell in code_cells(nb):
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                for key in data:
                    if key.endswith("text/plain"):
                        data[key] = "an edited output"
                        return
        raise AssertionError("no text output to edit")

    edit_notebook(root / "chapters" / "data.ipynb", edit)
    assert run_nbval(root, "chapters/data.ipynb").returncode != 0


def test_nbval_fails_when_the_data_changed_but_the_chapters_were_not_refreshed(tmp_path):
    root = copy_book(tmp_path / "book")
    events = root / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(" ", "  ", 1), encoding="utf-8")
    notebooks = [str(p.relative_to(REPO)) for p in NOTEBOOKS]
    result = run_nbval(root, *notebooks)
    assert result.returncode != 0
    failed = {
        line.split("::")[0].removeprefix("FAILED ")
        for line in result.stdout.splitlines()
        if line.startswith("FAILED")
    }
    assert failed == set(notebooks), result.stdout[-3000:]


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
