"""Shared fixtures: temporary copies of the book, and one strict build of it per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.site import build as build_book
from harness.site import copy_sources

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"


def copy_book(target: Path) -> Path:
    """A copy of the repository's sources, for a test to build or break."""
    return copy_sources(REPO, target)


def run_nbval(root: Path, *notebooks: str) -> subprocess.CompletedProcess:
    """Strict nbval, as `make test` runs it, on notebooks of the book at `root`."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *notebooks],
        capture_output=True,
        text=True,
        cwd=root,
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may break."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book, built once per session from a copy of the sources; returns `_build/html`."""
    root = copy_book(tmp_path_factory.mktemp("book") / "book")
    result = build_book(root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return root / "_build" / "html"


def pytest_terminal_summary(terminalreporter) -> None:
    """Under `make test`, the time of the whole run: validation, lint and every test."""
    start = os.environ.get("SAHEL_TEST_START")
    if start:
        minutes, seconds = divmod(round(time.time() - int(start)), 60)
        terminalreporter.write_line(f"make test took {minutes} min {seconds:02d} s")
