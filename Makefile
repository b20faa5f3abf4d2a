# The two commands a newcomer needs: `make book` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Byte-compile the package, as pip does for a regular install (an editable one does not): where
# PYTHONDONTWRITEBYTECODE is set, every command and kernel would otherwise compile it again.
COMPILE = $(BIN)/python -m compileall -q sahel

NOTEBOOKS := intro.ipynb $(wildcard chapters/*.ipynb)

.PHONY: book test notebooks validate lint bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(COMPILE)
	touch $(STAMP)

# axe-core, for the accessibility checks of the browser tests (package-lock.json pins it).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(AXE)

validate: $(STAMP)
	$(BIN)/python -m sahel validate data

# --all starts Sphinx from a fresh environment and _ext/sahel_execute.py runs every chapter (in
# parallel) before Sphinx reads it, so every chapter runs again on every build: a data change can
# never be served from a cache. The build checks the data itself, once, before any chapter
# executes (_ext/sahel_checks.py).
book: $(STAMP)
	$(BIN)/jupyter-book build . --all -W -n --keep-going
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# Re-execute the chapters in place, so that their committed outputs match the current data.
notebooks: validate
	for nb in $(NOTEBOOKS); do (cd $$(dirname $$nb) && $(CURDIR)/$(BIN)/jupyter execute --inplace $$(basename $$nb)) || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check sahel _ext harness tests benchmarks chapters intro.ipynb
	$(BIN)/ruff format --check sahel _ext harness tests benchmarks

# Each chapter executes twice: in the strict build the tests share, and in nbval. The tests print
# the time of the whole `make test` (validate, lint and tests) at their end.
test: export SAHEL_TEST_START := $(shell date +%s)
test: validate lint $(AXE)
	$(BIN)/python -m pytest

bench: validate
	$(COMPILE)
	$(BIN)/python -m benchmarks

clean:
	rm -rf _build .pytest_cache node_modules
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
