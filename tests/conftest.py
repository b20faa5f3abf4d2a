"""Shared fixtures: temporary copies of the book, and one strict build of it per test session."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
BIN = Path(sys.executable).parent
IGNORED = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    "node_modules",
    ".ipynb_checkpoints",
    "*.egg-info",
)


def copy_book(target: Path) -> Path:
    """A copy of the repository's sources (no venv, no build, no git) at `target`."""
    shutil.copytree(REPO, target, ignore=IGNORED)
    return target


def build_book(root: Path) -> subprocess.CompletedProcess:
    """The strict build that `make book` runs, on the book at `root`."""
    return subprocess.run(
        [BIN / "jupyter-book", "build", str(root), "--all", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        cwd=root,
    )


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
