# Accord: one-command setup. `make ui` serves the browser UI; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
UI_STAMP := $(VENV)/.ui-ready

# Python 3.12: pyenv's shim honours .python-version; otherwise any python3.12 on PATH.
PYTHON312 := $(shell command -v python3.12 2>/dev/null)

.PHONY: help venv test lint typecheck ui ui-deps run validate bench docs clean

help:
	@echo "make ui        serve the browser UI on http://127.0.0.1:8765 (sets everything up)"
	@echo "make test      set up and run the whole test suite"
	@echo "make run       accord run ukraine-2025"
	@echo "make validate  regenerate experiments/results and docs/validation.md"
	@echo "make bench     run the benchmarks in benchmarks/"
	@echo "make docs      build the documentation site into site/ (warnings are errors)"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON312)" ]; then \
	  echo "error: Python 3.12 not found. Install it (pyenv install 3.12, or apt/your OS package python3.12) and re-run." >&2; \
	  exit 2; fi
	@[ -x $(PY) ] || $(PYTHON312) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# Debian's chromium for the browser tests and screenshots (Playwright cannot download browsers here).
ui-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium (needs root and the Debian mirror)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Solara's front-end assets, fetched once from the npm registry into the venv's cache (offline use).
$(UI_STAMP): $(STAMP) viz/assets.py
	$(PY) -m viz.assets
	@touch $(UI_STAMP)

ui: $(UI_STAMP)
	$(VENV)/bin/accord ui

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: $(STAMP) ui-deps $(UI_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -q

run: $(STAMP)
	$(VENV)/bin/accord run ukraine-2025

validate: $(STAMP)
	$(PY) experiments/validate.py

bench: $(STAMP)
	$(PY) benchmarks/ensemble.py
	$(PY) benchmarks/sweep.py
	$(PY) benchmarks/ui.py
	$(PY) benchmarks/memory.py

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

clean:
	rm -rf site $(VENV) .pytest_cache .mypy_cache .ruff_cache
