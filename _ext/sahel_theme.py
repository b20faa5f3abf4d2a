"""A Sphinx extension that adapts the Furo theme to the book's readers.

- An accessible navigation tree (_ext/theme/templates/sidebar/navigation.html): the captions of
  the table of contents' parts get the aria-level their heading role requires, and Furo's expand
  checkboxes (drawn only for nested pages) lose a role="switch" whose aria-checked Furo never sets.
- The book's own rules: generated tables that scroll in their box, the record page and its filter,
  and full-width figures on a phone (_ext/theme/static/sahel.css).
- Code colours of sufficient contrast in Furo's dark mode as in its light one (pygments_style,
  in _config.yml, is the light one).
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


# The dark counterpart of _config.yml's pygments_style, which Furo shows in its dark mode.
DARK_CODE_STYLE = "a11y-high-contrast-dark"


def _dark_code_style(app) -> None:
    """Furo registers pygments_dark_style only when the builder loads the theme, after Sphinx has
    read (and warned about) the configuration Jupyter Book passes it; Furo reads the value in its
    own builder-inited handler, which this one precedes."""
    if "pygments_dark_style" in app.config:
        app.config.pygments_dark_style = DARK_CODE_STYLE


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
    app.connect("builder-inited", _dark_code_style, priority=400)
    app.connect("html-page-context", _copy_button_only_where_code_is_shown)
    app.add_css_file("sahel.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
