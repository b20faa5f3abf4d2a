"""Every internal link and #anchor of the built book resolves (LinkChecker, external links off:
they are checked weekly by .github/workflows/links.yml)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from harness import site

pytestmark = pytest.mark.slow


def test_every_internal_link_and_anchor_resolves(built_book):
    # Over loopback HTTP, as readers get it (as root, LinkChecker drops its privileges and then
    # cannot read the test's private temporary folder through file:// URLs).
    with site.serve(built_book) as base:
        result = subprocess.run(
            [
                Path(sys.executable).parent / "linkchecker",
                "-f",
                REPO / "tests" / "linkcheckerrc",
                "--no-status",
                f"{base}/index.html",
            ],
            capture_output=True,
            text=True,
        )
    summary = re.search(
        r"(\d+) links in \d+ URLs checked\. (\d+) warnings? found\. "
        r"(\d+) errors? found",
        result.stdout,
    )
    assert summary, result.stdout[-2000:]
    links, warnings, errors = map(int, summary.groups())
    assert links > 500
    assert (warnings, errors) == (0, 0), result.stdout[-4000:]
    assert result.returncode == 0
