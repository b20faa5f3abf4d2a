"""A Sphinx extension that checks the book's `data/` folder once, before any page is read or any
notebook executes: every check of `python -m sahel validate` (the schema and grading rules, key
events on two reputable origins, the claims' computed verdicts). A problem stops the build with
one line per problem, naming the file, the line and the column; the chapters then only load."""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import ExtensionError

from sahel import checks


def _check_data(app) -> None:
    data_dir = Path(app.srcdir) / "data"
    problems = checks.run(data_dir)
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise ExtensionError(f"{len(problems)} problem(s) in {data_dir}:\n{lines}")


def setup(app):
    app.connect("builder-inited", _check_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
