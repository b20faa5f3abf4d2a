"""A Sphinx extension that adapts the book theme to the book's readers.

- Light pages for slow connections: a layout without the theme's FontAwesome script and icon font
  (_ext/theme/templates/layout.html), and a small stylesheet that draws the theme's few icons
  instead (_ext/theme/static/sahel-icons.css).
- Accessible names: the search button and the code toggles keep their visible text as their
  accessible name (the theme's and myst-nb's aria-labels replace it).
- The book's icon at /favicon.ico, which browsers ask for on every page, the redirecting index
  included: without it each visit logs a 404.
"""

from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent / "theme"
TOGGLE_LABEL = '<summary aria-label="Toggle hidden content">'


def _add_paths(app, config) -> None:
    config.templates_path.insert(0, str(THEME / "templates"))
    config.html_static_path.append(str(THEME / "static"))
    config.html_extra_path.append(str(THEME / "extra"))
    config.html_favicon = config.html_favicon or str(THEME / "extra" / "favicon.ico")


def _name_toggles_by_their_text(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace(TOGGLE_LABEL, "<summary>")


def setup(app):
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _name_toggles_by_their_text)
    app.add_css_file("sahel-icons.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
