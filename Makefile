# bonelearn: one entry point for building, testing and measuring the course.
# Everything installs into .venv from the exact pins in requirements/.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
LIVE_VENV  := .venv-live
LIVE_STAMP := $(LIVE_VENV)/.installed
BUILD_FLAGS := -W -n --keep-going
# nbval on every core (pytest-xdist); --dist loadfile keeps each notebook's cells together;
# tests/nbval_kernels.py starts kernels on Unix sockets so parallel starts cannot collide.
NBVAL := -n auto --dist loadfile --nbval --nbval-current-env -p tests.nbval_kernels

.PHONY: help install live-env book book-all pdf test check lint unit notebooks browser live bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): requirements/runtime.txt requirements/build.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/build.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip check
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (bonelearn)" >/dev/null
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(STAMP)  ## Create .venv with the pinned build environment and the package

# Binder's environment, as far as this machine can recreate it: a fresh Python 3.11 venv
# with .binder/requirements.txt installed from the repository root, as repo2docker does.
$(LIVE_STAMP): .binder/requirements.txt requirements/runtime.txt pyproject.toml $(shell find src -name '*.py' -o -name '*.json' -o -name '*.yaml') $(wildcard chapters/*/*.yaml)
	@test -x $(LIVE_VENV)/bin/python || $(PYTHON) -m venv $(LIVE_VENV)
	$(LIVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r .binder/requirements.txt
	$(LIVE_VENV)/bin/python -m pip check
	@touch $@

live-env: $(LIVE_STAMP)  ## Recreate the Binder environment in .venv-live (for `make live`)

book: $(STAMP) $(NODE_STAMP)  ## Build the HTML book (executes notebooks in parallel, warnings are errors)
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)
	@echo "Open the book: file://$(CURDIR)/_build/html/index.html"

pdf: book  ## Print the whole book to one PDF (_build/pdf/bonelearn.pdf) in Debian's Chromium
	tools/ensure-chromium.sh
	$(BIN)/python tools/build_pdf.py

book-all: $(STAMP) $(NODE_STAMP)  ## Rebuild every page from scratch
	$(BIN)/jupyter-book build . --all $(BUILD_FLAGS)

lint: $(STAMP)  ## ruff over the package, tests and notebooks
	$(BIN)/ruff check .

check: $(STAMP)  ## Validate all course content (banks, pathways, citations, chapter anatomy)
	$(BIN)/bonelearn check

test: $(STAMP) $(NODE_STAMP) $(LIVE_STAMP)  ## Install, then lint, check, build the book offline and run every test
	tools/ensure-chromium.sh
	$(BIN)/ruff check .
	$(BIN)/bonelearn check
	tools/without-network.sh $(BIN)/jupyter-book build . $(BUILD_FLAGS)
	$(BIN)/python -m pytest $(NBVAL) chapters notebooks
	$(BIN)/python -m pytest tests

unit: $(STAMP)  ## Unit tests only
	$(BIN)/python -m pytest tests -m "not browser"

notebooks: $(STAMP)  ## nbval over every chapter notebook and every reader notebook
	$(BIN)/python -m pytest $(NBVAL) chapters notebooks

browser: $(STAMP) $(NODE_STAMP)  ## Browser tests against the built book
	tools/ensure-chromium.sh
	$(BIN)/python -m pytest tests -m "browser and not live"

live: $(STAMP) $(LIVE_STAMP)  ## Open every notebook in the Binder environment's JupyterLab, run it and check it
	tools/ensure-chromium.sh
	$(BIN)/python -m pytest tests/live

bench: $(STAMP) $(NODE_STAMP)  ## Measure build, nbval, model, propagation and widget speed on this machine
	tools/ensure-chromium.sh
	$(BIN)/python tools/bench.py

clean:  ## Remove the built book and caches (keeps .venv and .venv-live)
	rm -rf _build .pytest_cache .ruff_cache
