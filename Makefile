# Two entry points (see README): `make demo` runs the pipeline on the demo org,
# `make test` runs the test suite. Both create the virtualenv from the lock file first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast install lock bench bench-quick screenshots clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/readiness demo

test: $(STAMP)
	$(BIN)/python -m pytest

# The fast tier while you work: no Prefect server or harness, no browser, nothing marked slow.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not prefect and not server and not browser"

# `readiness run` at 10k, 100k and 1M engineers beside DuckDB's and pandas' read of the same
# files (docs/performance.md); bench-quick (10k) also compares the readiness table with a
# reference computation and fails on a difference (CI runs it).
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes 10000,100000,1000000

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.run --sizes 10000 --check

# The README's screenshots, from the demo org's latest run (needs Debian's chromium).
# E0001003: a manager whose org has people with quarantined roster rows (the page lists them).
SHOT_MANAGER ?= E0001003
# The committee pack's cycle date (the first date of [calendar]).
SHOT_CYCLE ?= 2027-03-15
screenshots:
	test -e reports/latest/index.html || $(MAKE) demo
	for page in index managers/$(SHOT_MANAGER); do \
	  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --hide-scrollbars --proxy-server=127.0.0.1:9 --user-data-dir="$$(mktemp -d)" \
	    --window-size=1280,2200 --screenshot="docs/report-$$(echo $$page | tr / -).png" "file://$(CURDIR)/reports/latest/$$page.html"; \
	done
	$(BIN)/readiness pack --cycle $(SHOT_CYCLE)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	  --disable-sync --no-first-run --hide-scrollbars --proxy-server=127.0.0.1:9 --user-data-dir="$$(mktemp -d)" \
	  --window-size=1280,1100 --screenshot=docs/calibration-pack.png "file://$(CURDIR)/reports/packs/$(SHOT_CYCLE)/calibration-pack.html"

# Re-pin every dependency after editing pyproject.toml (needs network access to PyPI).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) data/warehouse.duckdb* data/archive data/rejected data/inbox/* reports/runs reports/latest
