"""The data library stands on its own: validating needs pandas only (no plotting or book stack),
every third-party import of the package is declared in pyproject.toml, `pip install .` in a fresh
environment validates the data, and `load()` reads each file once."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tomllib
import venv
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from conftest import REPO, copy_book

import sahel
from sahel import tables

# The book's layers, which validating the data must not load.
BOOK_STACK = {"matplotlib", "seaborn", "IPython", "PIL", "myst_nb", "yaml", "sphinx", "docutils"}


def test_validating_imports_no_plotting_or_book_stack():
    code = (
        "import json, sys\n"
        "from sahel.__main__ import main\n"
        "status = main(['validate', 'data'])\n"
        "print(json.dumps([status, sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    status, modules = json.loads(result.stdout.splitlines()[-1])
    assert status == 0
    assert "pandas" in modules
    assert BOOK_STACK & set(modules) == set()


def _third_party_imports() -> set[str]:
    names = set()
    for path in (REPO / "sahel").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "sahel"}


def _normalised(requirement: str) -> str:
    name = requirement.split(";")[0].split("[")[0]
    for mark in "<>=!~ ":
        name = name.split(mark)[0]
    return name.lower().replace("_", "-")


def test_every_third_party_import_of_the_package_is_declared():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = {_normalised(r) for r in project["dependencies"]}
    extras = {_normalised(r) for group in project["optional-dependencies"].values() for r in group}
    distributions = packages_distributions()
    undeclared = {}
    for module in sorted(_third_party_imports()):
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        # numpy comes with pandas, which the package requires.
        if not names & (required | extras | ({"numpy"} if "pandas" in required else set())):
            undeclared[module] = sorted(names)
    assert undeclared == {}
    assert required == {"pandas"}


def test_load_types_the_tables_the_validator_read(monkeypatch):
    reads = []
    original = tables.read_table

    def counting(resource, data_dir, problems):
        reads.append(resource.name)
        return original(resource, data_dir, problems)

    # (`sahel.validate` is also the name of the function the package exports.)
    monkeypatch.setattr(sys.modules["sahel.validate"], "read_table", counting)
    data = sahel.load(REPO / "data")
    assert sorted(reads) == sorted(r.name for r in data.package.resources)
    assert data.folder == REPO / "data"
    assert data.tables["events"].frame["event_id"].tolist() == data.events["event_id"].tolist()


@pytest.mark.slow
def test_pip_install_without_extras_validates_the_data(tmp_path):
    """`pip install .` (pandas from PyPI, no extras) in a fresh venv, then the command line."""
    source = copy_book(tmp_path / "book")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True,
        text=True,
        env=clean,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    # Run outside the source tree, on the book's data folder, so only the installed package loads.
    result = subprocess.run(
        [python, "-m", "sahel", "validate", str(source / "data")],
        capture_output=True,
        text=True,
        env=clean,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == f"{source / 'data'}: valid"
    missing = subprocess.run(
        [python, "-c", "import matplotlib"], capture_output=True, env=clean, cwd=tmp_path
    )
    assert missing.returncode != 0
    installed = Path(
        subprocess.run(
            [python, "-c", "import sahel; print(sahel.__file__)"],
            capture_output=True,
            text=True,
            env=clean,
            cwd=tmp_path,
            check=True,
        ).stdout.strip()
    )
    assert env_dir in installed.parents
