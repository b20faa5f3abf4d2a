"""The theme adjustments (_ext/) survive an upgrade of Furo: every template override still
matches, but for its deliberate changes, the template or block of the installed theme that it
replaces; the override does what it is for in the built pages; and every icon-font class a page
uses (Furo draws its icons as inline SVG, so none should) has a CSS rule it loads."""

from __future__ import annotations

import re
from pathlib import Path

import furo
import pytest
from conftest import REPO

from harness import site

TEMPLATES = REPO / "_ext" / "theme" / "templates"
THEMES = {"furo": Path(furo.__file__).parent / "theme"}
# Each override: the installed template it replaces, and for each block it redefines (None: the
# whole template) its deliberate changes, as (the installed text, what the override has instead).
OVERRIDES = {
    "sidebar/navigation.html": (
        "furo/sidebar/navigation.html",
        {
            # The parts' captions get the aria-level a heading role requires (Sphinx writes
            # <p class="caption" role="heading">; axe: aria-required-attr), and the expand
            # checkboxes lose a role="switch" that needs an aria-checked Furo never sets.
            None: [
                (
                    "{{ furo_navigation_tree }}",
                    """{{ furo_navigation_tree
                    | replace('<p class="caption" role="heading">',
                              '<p class="caption" role="heading" aria-level="2">')
                    | replace(' role="switch"', '') }}""",
                ),
            ],
        },
    ),
}
ICON = re.compile(r"^fa[srb]?$|^fa-")


def normalised(template: str) -> str:
    """A template without its comments and with one space for any run of whitespace."""
    template = re.sub(r"\{#.*?#\}|<!--.*?-->", "", template, flags=re.S)
    return re.sub(r"\s+", " ", template.replace("{%-", "{%").replace("-%}", "%}")).strip()


def installed(name: str) -> str:
    theme, _, rest = name.partition("/")
    return (THEMES[theme] / theme / rest).read_text(encoding="utf-8")


def block(template: str, name: str) -> str | None:
    found = re.search(
        r"\{%-? block " + name + r" -?%\}(.*?)\{%-? endblock(?: " + name + r")? -?%\}",
        template,
        flags=re.S,
    )
    return found.group(1) if found else None


def block_in_chain(name: str, block_name: str) -> str:
    """The block as the installed template or the nearest template it extends defines it."""
    template = installed(name)
    while (found := block(template, block_name)) is None:
        parent = re.search(r'\{%-? extends "([^"]+)" -?%\}', template)
        assert parent, f"no template in the chain of {name} defines block {block_name}"
        template = installed(parent.group(1))
    return found


def test_every_template_override_is_listed():
    found = [p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file()]
    assert sorted(found) == sorted(OVERRIDES)


CHANGES = [(o, b) for o, (_, blocks) in sorted(OVERRIDES.items()) for b in blocks]


@pytest.mark.parametrize(("override", "block_name"), CHANGES)
def test_a_template_override_still_matches_what_it_replaces(override, block_name):
    replaced, blocks = OVERRIDES[override]
    changes = blocks[block_name]
    ours = (TEMPLATES / override).read_text(encoding="utf-8")
    if block_name is None:
        theirs = installed(replaced)
    else:
        assert f'{{% extends "{replaced}" %}}' in ours
        theirs, ours = block_in_chain(replaced, block_name), block(ours, block_name)
        assert ours is not None, f"{override} no longer defines block {block_name}"
    theirs = normalised(theirs)
    for original, changed in changes:
        assert normalised(original) in theirs, f"the theme no longer has {original!r}"
        theirs = theirs.replace(normalised(original), normalised(changed))
    assert normalised(ours) == normalised(theirs)


def test_every_block_an_override_redefines_is_listed():
    for override, (_, blocks) in OVERRIDES.items():
        ours = (TEMPLATES / override).read_text(encoding="utf-8")
        defined = set(re.findall(r"\{%-? block (\w+)", ours))
        assert defined == {b for b in blocks if b is not None}, override


@pytest.mark.slow
def test_every_icon_class_in_the_built_pages_has_a_css_rule(built_book):
    missing = {}
    for page in site.pages(built_book):
        html = (built_book / page).read_text(encoding="utf-8")
        classes = {c for attr in re.findall(r'class="([^"]*)"', html) for c in attr.split()}
        icons = {c for c in classes if ICON.match(c)}
        sheets = re.findall(r'<link rel="stylesheet"[^>]*href="([^"?]+)', html)
        css = "".join(
            (built_book / page).parent.joinpath(s).read_text(encoding="utf-8") for s in sheets
        )
        unstyled = sorted(i for i in icons if not re.search(rf"\.{i}(?![\w-])", css))
        if unstyled:
            missing[page] = unstyled
    assert missing == {}


HEADING_ROLE = re.compile(r"<[^>]*\brole=\"heading\"[^>]*>")


@pytest.mark.slow
def test_the_navigation_has_no_role_without_its_required_state(built_book):
    """What the navigation override is for: every role="heading" in a built page has its
    aria-level, and no expand checkbox claims role="switch" (Furo's navigation.py adds it)."""
    report = {}
    for page in site.pages(built_book):
        html = (built_book / page).read_text(encoding="utf-8")
        levelless = [t for t in HEADING_ROLE.findall(html) if "aria-level=" not in t]
        if levelless or 'role="switch"' in html:
            report[page] = levelless + (['role="switch"'] if 'role="switch"' in html else [])
    assert report == {}
