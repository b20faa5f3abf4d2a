"""The record pages: every event has a permanent anchor, the chapters' tables link to it, and the
listing is built from the data at build time (nothing stored in a notebook)."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

import sahel
from sahel import record

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def test_every_event_has_an_anchor_on_its_record_page(built_book, data):
    for event_id, event in data.events.iterrows():
        page = built_book / f"{record.page(event['date_start'].year)}.html"
        assert f'id="{event_id}"' in page.read_text(encoding="utf-8"), event_id


def test_every_record_page_lists_only_its_period(built_book, data):
    anchors = {}
    for page in sorted((built_book / "chapters").glob("record-*.html")):
        ids = re.findall(r'<li id="([a-z0-9-]+)" data-country', page.read_text(encoding="utf-8"))
        anchors.update(dict.fromkeys(ids, page.stem))
    assert sorted(anchors) == sorted(data.events.index)


def test_the_chapters_tables_link_to_the_record(built_book, data):
    for chapter in ("withdrawals", "alliance", "ukraine", "claims"):
        html = (built_book / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(record-\d{4})\.html#([a-z0-9-]+)"', html)
        assert links, chapter
        for page, event_id in links:
            assert record.page(data.events.at[event_id, "date_start"].year) == f"chapters/{page}"


def test_the_filter_ships_with_the_book_and_loads_nothing_else(built_book):
    script = (built_book / "_static" / "record-filter.js").read_text(encoding="utf-8")
    assert "http" not in script and "import" not in script


def test_each_record_page_is_titled_with_its_years():
    for first in record.PERIODS:
        page = REPO / f"{record.page(first)}.md"
        heading = page.read_text(encoding="utf-8").splitlines()[0]
        assert heading == f"# The record, {record.title(first)}", page.name
