"""`make bench`, in one run: the clean-build time against its floor, the validator's cost against
importing pandas (and its time on 100,000 synthetic events), and each page's first-visit weight.

The floor is what no build can avoid: one kernel start with the pandas, matplotlib and seaborn
imports per notebook, plus one Sphinx start (a build of the book's configuration with one page).
Timings are the best of several runs, as the machine may be busy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from harness import site
from sahel import validate

REPO = Path(__file__).resolve().parent.parent
FLOOR_CODE = (
    "from jupyter_client.manager import start_new_kernel\n"
    "km, kc = start_new_kernel(kernel_name='python3')\n"
    "kc.execute_interactive('import pandas, matplotlib, seaborn')\n"
    "kc.stop_channels(); km.shutdown_kernel(now=True)\n"
)


RUNS = 5


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def best(command: list, runs: int = RUNS, **kwargs) -> float:
    """The shortest wall time of a command over `runs` runs (it must succeed)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times)


def built(root: Path) -> float:
    seconds, result = timed(site.build, root)
    if result.returncode != 0:
        sys.exit(result.stdout[-2000:] + result.stderr[-2000:])
    return seconds


def sphinx_start(workdir: Path) -> float:
    """A build of the book's configuration with one Markdown page: Sphinx, the extensions and the
    theme, and no notebook."""
    root = site.copy_sources(REPO, workdir / "empty")
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\n", encoding="utf-8")
    (root / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (root / "intro.ipynb").unlink()
    return min(built(root) for _ in range(2))


def bench_build(workdir: Path) -> Path:
    notebooks = [REPO / "intro.ipynb", *sorted((REPO / "chapters").glob("*.ipynb"))]
    root = site.copy_sources(REPO, workdir / "book")
    seconds = built(root)
    kernel = best([sys.executable, "-c", FLOOR_CODE], runs=3)
    sphinx = sphinx_start(workdir)
    floor = kernel * len(notebooks) + sphinx
    print(
        f"clean build      {seconds:6.1f} s   floor {floor:5.1f} s "
        f"(one kernel with pandas, matplotlib and seaborn, {kernel:.2f} s, "
        f"x {len(notebooks)} notebooks, + one Sphinx start, {sphinx:.1f} s)   "
        f"ratio {seconds / floor:4.2f}"
    )
    return root / "_build" / "html"


def bench_validator_cost(runs: int = 20) -> None:
    """`python -m sahel validate data`, whole, against `python -c "import pandas"`: the two run
    in turn, so that a busy spell of the machine weighs on both, and each keeps its best time."""
    validate_command = [sys.executable, "-m", "sahel", "validate", "data"]
    import_pandas = [sys.executable, "-c", "import pandas"]
    command = pandas = float("inf")
    for _ in range(runs):
        command = min(command, best(validate_command, runs=1, cwd=REPO))
        pandas = min(pandas, best(import_pandas, runs=1))
    print(
        f"validate command {command:6.2f} s   import pandas {pandas:4.2f} s   "
        f"ratio {command / pandas:4.2f}"
    )


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


def bench_weights(html: Path) -> None:
    print(f"{'page':32} {'first visit (gzipped)':>22}")
    with site.chromium() as browser, site.serve(html) as base:
        for page in site.pages(html):
            weight = site.weigh(browser, base, html, page)["first_visit"]
            print(f"{page:32} {weight / 1000:19.0f} KB")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        html = bench_build(workdir)
        bench_validator_cost()
        bench_validate(workdir)
        bench_weights(html)


if __name__ == "__main__":
    main()
