"""The sources' pages: every source is listed once, on the page of its publisher's first letter,
and the pages are titled with their letters and reachable from the table of contents."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import REPO

import sahel
from sahel import codebook


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_a_publisher_is_filed_under_its_first_letter_without_accents():
    assert codebook.initial("Čas") == "C"
    assert codebook.initial("le Monde") == "L"
    assert codebook.source_page("112 Ukraine") == codebook.SOURCE_PAGES[0]
    assert codebook.source_page("Zawya") == codebook.SOURCE_PAGES[-1]
    for first in codebook.SOURCE_PAGES:
        assert codebook.source_page(first + "x") == first


def test_each_sources_page_is_titled_with_its_letters_and_in_the_table_of_contents():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = {
        s["file"]
        for part in toc["parts"]
        for chapter in part["chapters"]
        for s in [chapter, *chapter.get("sections", [])]
    }
    for first in codebook.SOURCE_PAGES:
        page = REPO / "chapters" / f"sources-{first.lower()}.md"
        lines = page.read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"# The sources, publishers {codebook.source_page_title(first)}"
        assert f":from: {first}" in lines
        assert f"chapters/sources-{first.lower()}" in files
    pages = sorted(p.stem for p in (REPO / "chapters").glob("sources-*.md"))
    assert pages == sorted(f"sources-{p.lower()}" for p in codebook.SOURCE_PAGES)


@pytest.mark.slow
def test_every_source_is_listed_once_on_its_publishers_page(built_book, data):
    listed = {}
    for first in codebook.SOURCE_PAGES:
        page = (built_book / "chapters" / f"sources-{first.lower()}.html").read_text(
            encoding="utf-8"
        )
        for url in re.findall(r'<td><a href="([^"]+)"', page):
            url = html.unescape(url)
            assert url not in listed, url
            listed[url] = first
    assert sorted(listed) == sorted(data.sources["url"])
    for url, publisher in zip(data.sources["url"], data.sources["publisher"], strict=True):
        assert listed[url] == codebook.source_page(publisher), url
