"""Every page of the built book, opened in headless Chromium as a reader would: no third-party
request, no console error, no serious accessibility violation, alt text on every image, nothing
wider than a phone, and a first visit light enough for a slow mobile connection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO

import sahel
from harness import site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = REPO / "_build" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
FIRST_VISIT_BUDGET = 150_000  # bytes as a gzip-serving host sends them: light on a slow phone
OWN_BUDGET = 1_000_000  # bytes of the page's own HTML and images, uncompressed
# The page's content: Furo marks it <article role="main">, other themes <main>.
IMAGES = ":is(main, [role=main]) img"


@pytest.fixture(scope="module")
def server(built_book):
    with site.serve(built_book) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(site.CHROMIUM).exists():
        message = f"Chromium is not installed at {site.CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with site.chromium() as browser:
        yield browser


def visit(browser, url: str, viewport: dict):
    """Open a page in a fresh context; return it with its requests and console errors."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return context, page, requests, errors


def test_the_book_has_its_pages(built_book):
    assert len(site.pages(built_book)) >= 7


def test_no_page_requests_a_third_party_or_logs_a_console_error(browser, server, built_book):
    report = {}
    for name in site.pages(built_book):
        context, _, requests, errors = visit(browser, f"{server}/{name}", DESKTOP)
        foreign = [u for u in requests if not u.startswith((server, "data:", "blob:"))]
        if foreign or errors:
            report[name] = {"third-party": foreign, "console errors": errors}
        context.close()
    assert report == {}


def test_no_page_has_a_serious_or_critical_accessibility_violation(browser, server, built_book):
    assert AXE.is_file(), "run `npm ci` (make test does) to install axe-core"
    report = {}
    for name in site.pages(built_book):
        context, page, _, _ = visit(browser, f"{server}/{name}", DESKTOP)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            report[name] = serious
        context.close()
    assert report == {}


def test_every_image_has_alt_text_in_the_browser(browser, server, built_book):
    seen = 0
    for name in site.pages(built_book):
        context, page, _, _ = visit(browser, f"{server}/{name}", DESKTOP)
        seen += page.locator(IMAGES).count()
        missing = page.eval_on_selector_all(
            IMAGES, "imgs => imgs.filter(i => !i.alt || i.alt.length < 30).map(i => i.src)"
        )
        assert missing == [], name
        context.close()
    assert seen >= 10, f"expected the chapters' figures in the pages' content ({IMAGES})"


# What sticks out past the right edge of the page's content without a box that scrolls (or clips)
# it: a wide table pushes the whole column sideways even where the page itself does not scroll.
# (Furo hangs each heading 8 px into the margin, for its permalink: that much is allowed.)
STICKING_OUT = """(selector) => {
  const content = document.querySelector(selector);
  const edge = content.getBoundingClientRect().right + 8;
  const boxed = (el) => {
    for (let a = el.parentElement; a && a !== content; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
    }
    return false;
  };
  return [...content.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > edge + 1 && !boxed(el))
    .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))
    .slice(0, 5);
}"""


def test_pages_fit_a_phone_screen_and_are_captured_at_both_widths(browser, server, built_book):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name in site.pages(built_book):
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context, page, _, _ = visit(browser, f"{server}/{name}", viewport)
            shot = SCREENSHOTS / f"{name.replace('/', '_').removesuffix('.html')}-{label}.png"
            page.screenshot(path=str(shot), full_page=False)
            sticking_out = page.evaluate(STICKING_OUT, ":is(main, [role=main])")
            if sticking_out:
                too_wide[f"{name} ({label})"] = {"outside the column": sticking_out}
            if label == "phone":
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                figures = page.eval_on_selector_all(
                    IMAGES,
                    "imgs => imgs.filter(i => i.getBoundingClientRect().right > "
                    "document.documentElement.clientWidth + 1).length",
                )
                if overflow > 0 or figures:
                    too_wide[name] = {"overflow": overflow, "figures too wide": figures}
            context.close()
    assert too_wide == {}


def test_a_first_visit_to_any_page_stays_within_the_budgets(browser, server, built_book):
    over = {}
    for name in site.pages(built_book):
        weight = site.weigh(browser, server, built_book, name)
        if weight["first_visit"] > FIRST_VISIT_BUDGET or weight["own_uncompressed"] > OWN_BUDGET:
            over[name] = weight
    assert over == {}


# The smallest text of each SVG figure as the phone shows it: the SVG's own font sizes (in its
# viewBox units) scaled by the width the image is drawn at.
SMALLEST_FIGURE_TEXT = """async (selector) => {
  const found = [];
  for (const img of document.querySelectorAll(selector)) {
    if (!img.src.endsWith('.svg')) continue;
    const source = await (await fetch(img.src)).text();
    const root = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
    const box = root.viewBox.baseVal;
    const scale = img.getBoundingClientRect().width / box.width;
    let smallest = Infinity, which = '';
    for (const text of root.querySelectorAll('text')) {
      const style = text.getAttribute('style') || '';
      const match = style.match(/font-size:\\s*([\\d.]+)px/);
      const size = match ? parseFloat(match[1]) : NaN;
      if (!isNaN(size) && size < smallest && text.textContent.trim()) {
        smallest = size; which = text.textContent.trim();
      }
    }
    if (smallest < Infinity) found.push({src: img.src, px: smallest * scale, text: which});
  }
  return found;
}"""


def test_figure_text_stays_readable_on_a_phone(browser, server, built_book):
    """At 390 px no text in a figure renders under 9 CSS px (SVG figures, measured; a PNG figure
    is held to the same rule when it is drawn, by `plots.publish`)."""
    measured, small = 0, {}
    for name in site.pages(built_book):
        context, page, _, _ = visit(browser, f"{server}/{name}", PHONE)
        for figure in page.evaluate(SMALLEST_FIGURE_TEXT, IMAGES):
            measured += 1
            if figure["px"] < 9:
                small.setdefault(name, []).append(figure)
        context.close()
    assert measured >= 10, "expected the chapters' SVG figures to be measured"
    assert small == {}


@pytest.fixture(scope="module")
def data():
    return sahel.load()


def _record_page(browser, server, enabled: bool = True):
    context = browser.new_context(viewport=PHONE, java_script_enabled=enabled)
    page = context.new_page()
    page.goto(f"{server}/chapters/record-2023.html", wait_until="networkidle")
    return context, page


def test_the_record_filter_narrows_the_list_to_what_the_data_says(browser, server, data):
    year = 2023
    events = data.events[data.events["date_start"].dt.year == year]
    context, page = _record_page(browser, server)
    visible = "ol.record > li:not([hidden])"
    assert page.locator(visible).count() == len(events)
    page.select_option("select[name=country]", "NER")
    assert page.locator(visible).count() == (events["country"] == "NER").sum()
    page.select_option("select[name=theme]", "withdrawals")
    both = (events["country"] == "NER") & events["themes"].map(lambda t: "withdrawals" in t)
    assert page.locator(visible).count() == both.sum()
    assert page.locator("form.record-filter output").inner_text().startswith(f"{both.sum()} of")
    page.select_option("select[name=country]", "")
    page.select_option("select[name=theme]", "")
    assert page.locator(visible).count() == len(events)
    # A page of one year offers no choice of year; a page of several does.
    assert page.locator("select[name=year]").count() == 0
    page.goto(f"{server}/chapters/record-2009.html", wait_until="networkidle")
    assert page.locator("select[name=year] option").count() > 2
    context.close()


def test_without_script_the_record_shows_every_event_and_no_filter(browser, server, data):
    events = data.events[data.events["date_start"].dt.year == 2023]
    context, page = _record_page(browser, server, enabled=False)
    assert page.locator("form.record-filter").is_hidden()
    assert page.locator("ol.record > li").count() == len(events)
    context.close()
