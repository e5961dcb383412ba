# One-command workflows. Every target builds .venv itself, so a fresh clone needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= build/metrics.duckdb
STAMP := $(VENV)/.installed

.PHONY: install test test-all check lint imports typecheck reports reports-reuters eval bench shell clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: no python3.11 or python3 on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	@touch $(STAMP)

test: install  # the fast suite, for a newcomer: under 3 minutes on a 2-core machine
	$(BIN)/pytest -q -m "not slow" -n auto --dist loadfile  # one worker per core, a file's tests together (its fixtures built once)

test-all: lint imports typecheck  # what .ci/run runs: adds the slow crash, fuzz and full-corpus tests
	$(BIN)/pytest -q  # one process: the crash and memory-limit tests measure their children on an idle machine

lint: install
	$(BIN)/ruff check metrics tests benchmarks evaluation
	$(BIN)/ruff format --check metrics tests benchmarks evaluation

imports: install  # the stage layers (pyproject.toml [tool.importlinter]): a wrong import fails the build
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy metrics benchmarks evaluation

check: lint imports typecheck test

reports: install
	$(BIN)/metrics ingest examples/*.jsonl --db $(DB)
	$(BIN)/metrics report --all --db $(DB) --out build/reports

SHARED ?= ../shared
REUTERS := $(SHARED)/corpus/reuters21578.jsonl
REUTERS_DB ?= build/reuters.duckdb

reports-reuters: install  # the Reuters-21578 charts in reports_reuters/, from a store of the research corpus
	@if [ ! -f "$(REUTERS)" ]; then \
	  echo "make reports-reuters: skipped: no $(REUTERS) (set SHARED=DIR to the folder holding corpus/)"; \
	else \
	  $(BIN)/metrics ingest "$(REUTERS)" --db $(REUTERS_DB) && \
	  $(BIN)/metrics report --all --db $(REUTERS_DB) --out build/reports_reuters --reports reports_reuters; \
	fi

eval: install
	$(BIN)/python -m evaluation.run

bench: install
	$(BIN)/python -m benchmarks.run

shell: install  # read-only: an open shell cannot damage the store, and other readers may open it too
	$(BIN)/duckdb -readonly $(DB)

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
