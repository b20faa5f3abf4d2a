"""A Sphinx extension that executes the book's notebooks before Sphinx reads them, as many at a
time as the machine has cores, and hands each page its freshly executed outputs.

myst-nb's own execution (`force`) runs the notebooks one after another while Sphinx reads them,
and on this book that is most of a build. Here every notebook that Sphinx is about to read runs
in a kernel of its own, from its own folder, in parallel; a failing cell stops the build and names
the notebook. The pages are then rendered as myst-nb renders any executed notebook (with
`execute_notebooks: "off"`), so glue, stderr warnings and strictness are unchanged.
`sahel_execute: false` builds from the committed outputs instead (a test compares the two).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)


def execute(path: str, timeout: int, allow_errors: bool) -> str:
    """The notebook at `path`, executed from its folder, as notebook JSON text."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(Path(path).parent)}},
    )
    client.execute()
    return nbformat.writes(notebook)


def _execute_notebooks(app, env, docnames) -> None:
    if not app.config.sahel_execute:
        return
    paths = {d: env.doc2path(d) for d in docnames if str(env.doc2path(d)).endswith(".ipynb")}
    if not paths:
        return
    workers = min(os.cpu_count() or 1, len(paths))
    logger.info(f"executing {len(paths)} notebooks, {workers} at a time")
    config = app.config
    with ProcessPoolExecutor(max_workers=workers) as pool:
        running = {
            docname: pool.submit(
                execute, str(path), config.nb_execution_timeout, config.nb_execution_allow_errors
            )
            for docname, path in paths.items()
        }
        for docname, future in running.items():
            try:
                app.sahel_executed[docname] = future.result()
            except Exception as error:  # a failing cell, a timeout, a dead kernel
                raise ExtensionError(f"{paths[docname]} could not be executed:\n{error}") from None


def _read_executed(app, docname, source) -> None:
    if docname in app.sahel_executed:
        source[0] = app.sahel_executed.pop(docname)


def setup(app):
    app.sahel_executed = {}
    app.add_config_value("sahel_execute", True, "env")
    app.connect("env-before-read-docs", _execute_notebooks)
    app.connect("source-read", _read_executed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
