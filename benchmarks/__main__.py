"""`make bench`: the clean-build time against its floor, the validator on the real data and on
100,000 synthetic events, and each page's first-visit weight against the default theme's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from sahel import site, validate

REPO = Path(__file__).resolve().parent.parent
FLOOR_CODE = (
    "from jupyter_client.manager import start_new_kernel\n"
    "km, kc = start_new_kernel(kernel_name='python3')\n"
    "kc.execute_interactive('import pandas, matplotlib, seaborn')\n"
    "kc.stop_channels(); km.shutdown_kernel(now=True)\n"
)


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def bench_build(workdir: Path) -> Path:
    notebooks = [REPO / "intro.ipynb", *sorted((REPO / "chapters").glob("*.ipynb"))]
    root = site.copy_sources(REPO, workdir / "book")
    seconds, result = timed(site.build, root)
    if result.returncode != 0:
        sys.exit(result.stderr[-2000:])
    kernel, _ = timed(subprocess.run, [sys.executable, "-c", FLOOR_CODE])
    floor = kernel * len(notebooks)
    print(
        f"clean build      {seconds:6.1f} s   floor {floor:5.1f} s "
        f"(one kernel with pandas, matplotlib and seaborn, {kernel:.2f} s, "
        f"x {len(notebooks)} notebooks)   ratio {seconds / floor:4.1f}"
    )
    return root / "_build" / "html"


def synthetic(data_dir: Path, target: Path, size: int = 100_000) -> Path:
    """A copy of the data whose events table holds `size` rows made from the real ones."""
    shutil.copytree(data_dir, target)
    events = pd.read_csv(data_dir / "events.csv", dtype=str, keep_default_na=False)
    copies = -(-size // len(events))
    big = pd.concat([events] * copies, ignore_index=True).iloc[:size]
    big["event_id"] = [f"{eid}-{i}" for i, eid in enumerate(big["event_id"])]
    big.to_csv(target / "events.csv", index=False, lineterminator="\n")
    # Deployments point at events by id: keep them pointing at rows that exist.
    deployments = pd.read_csv(data_dir / "deployments.csv", dtype=str, keep_default_na=False)
    first = {eid: f"{eid}-{i}" for i, eid in enumerate(events["event_id"])}
    for column in ("opened_by", "closed_by"):
        deployments[column] = deployments[column].map(lambda e: first.get(e, e))
    deployments.to_csv(target / "deployments.csv", index=False, lineterminator="\n")
    figures = pd.read_csv(data_dir / "figures.csv", dtype=str, keep_default_na=False)
    figures["event_id"] = figures["event_id"].map(lambda e: first.get(e, e))
    figures.to_csv(target / "figures.csv", index=False, lineterminator="\n")
    return target


def bench_validate(workdir: Path) -> None:
    data_dir = REPO / "data"
    real, problems = timed(validate, data_dir)
    rows = len(pd.read_csv(data_dir / "events.csv"))
    big_dir = synthetic(data_dir, workdir / "big")
    big, big_problems = timed(validate, big_dir)
    print(f"validate real    {real:6.2f} s   ({rows:,} events, {len(problems)} problems)")
    print(f"validate 100,000 {big:6.2f} s   ({len(big_problems)} problems)")


def default_theme_build(workdir: Path) -> Path:
    """The same book without the sahel.sphinx_theme adjustments: the theme as it comes."""
    root = site.copy_sources(REPO, workdir / "default")
    config = root / "_config.yml"
    config.write_text(config.read_text().replace("      - sahel.sphinx_theme\n", ""))
    result = site.build(root)
    if result.returncode != 0:
        sys.exit(result.stderr[-2000:])
    return root / "_build" / "html"


def bench_weights(html: Path, default_html: Path) -> None:
    print(f"{'page':32} {'first visit':>12} {'default theme':>14}")
    with site.chromium() as browser, site.serve(html) as ours, site.serve(default_html) as theirs:
        for page in site.pages(html):
            mine = site.weigh(browser, ours, html, page)["first_visit"]
            default = site.weigh(browser, theirs, default_html, page)["first_visit"]
            print(f"{page:32} {mine / 1000:9.0f} KB {default / 1000:11.0f} KB")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        html = bench_build(workdir)
        bench_validate(workdir)
        bench_weights(html, default_theme_build(workdir))


if __name__ == "__main__":
    main()
