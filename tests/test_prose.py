"""The prose as a reader meets it: no sentence said twice on a page (figure captions, findings and
paragraphs included; tables, whose cells repeat by nature, left out)."""

from __future__ import annotations

import collections
import html
import re

import pytest
from test_book import READER_PAGES, reader_text

import sahel

pytestmark = pytest.mark.slow

PAGES = [*READER_PAGES, "chapters/data.html", "chapters/cite.html"]
# A sentence ends at . ! or ? followed by a space and a capital, a digit, a quote or a bracket;
# a heading (its "#" permalink) ends one too.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|\s#\s")


def sentences(page_html: str) -> list[str]:
    """The sentences of a page's article outside its tables, of six words or more."""
    text = re.sub(r"<table\b.*?</table>", " ", page_html, flags=re.S)
    words = " ".join(html.unescape(reader_text(text)).split())
    # Glued values leave a space before the punctuation that follows them.
    words = re.sub(r"\s+([.,;:!?)])", r"\1", words)
    return [s for s in SENTENCE_END.split(words) if len(s.split()) >= 6]


def test_sentences_split_where_a_reader_would():
    page = "<article><p>France left Mali in 2022. Then it left Niger.</p><table><tr><td>Same words"
    page += " in a cell here. Same words in a cell here.</td></tr></table>"
    page += "<p>The last troops left on 22 December 2023, per the ministry.</p></article>"
    assert sentences(page) == ["The last troops left on 22 December 2023, per the ministry."]


@pytest.mark.parametrize("page", PAGES)
def test_no_sentence_is_repeated_on_a_page(built_book, page):
    counts = collections.Counter(sentences((built_book / page).read_text(encoding="utf-8")))
    assert {s: n for s, n in counts.items() if n > 1} == {}


def test_people_are_named_one_way_in_the_chapters(built_book):
    """The record keeps the spellings its sources use (actors.csv `variants`); the chapters and
    their tables use the actor's name alone."""
    actors = sahel.load().actors
    people = actors[(actors["kind"] == "person") & actors["variants"].notna()]
    variants = {v for vs in people["variants"] for v in vs}
    found = {}
    for page in READER_PAGES:
        if page == "chapters/claims.html":
            continue  # its tables quote the claimants' exact words, spellings included
        text = reader_text((built_book / page).read_text(encoding="utf-8"))
        hits = sorted(v for v in variants if re.search(rf"\b{re.escape(v)}\b", text))
        if hits:
            found[page] = hits
    assert found == {}
