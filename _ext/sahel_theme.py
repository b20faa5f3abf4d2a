"""A Sphinx extension that adapts the book theme to the book's readers.

- Light pages for slow connections: a layout without the theme's FontAwesome script and icon font
  and without the search index on every page (_ext/theme/templates/layout.html), and a small
  stylesheet that draws the theme's few icons instead (_ext/theme/static/sahel-icons.css).
- Accessible names: the search button keeps its visible text as its accessible name
  (_ext/theme/templates/search-button-field.html).
- The copy button's files only on pages that show a code block (the citation page does).
- The book's icon at /favicon.ico, which browsers ask for on every page, the redirecting index
  included: without it each visit logs a 404.
"""

from __future__ import annotations

from pathlib import Path

THEME = Path(__file__).resolve().parent / "theme"


def _add_paths(app, config) -> None:
    config.templates_path.insert(0, str(THEME / "templates"))
    config.html_static_path.append(str(THEME / "static"))
    config.html_extra_path.append(str(THEME / "extra"))
    config.html_favicon = config.html_favicon or str(THEME / "extra" / "favicon.ico")


COPY_BUTTON_FILES = {"clipboard.min.js", "copybutton.js", "copybutton.css"}


def _copy_button_only_where_code_is_shown(app, pagename, templatename, context, doctree) -> None:
    if '<div class="highlight' in context.get("body", ""):
        return
    for assets in ("script_files", "css_files"):
        if assets in context:
            context[assets] = [
                a
                for a in context[assets]
                if Path(getattr(a, "filename", a) or "").name not in COPY_BUTTON_FILES
            ]


def setup(app):
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _copy_button_only_where_code_is_shown)
    app.add_css_file("sahel-icons.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
