# diplograph developer tasks. `make demo` and `make test` are the two to know.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES := src tests benchmarks
# The stamp is named after pyproject.toml's checksum: editing the dependencies re-runs pip, and a
# fresh clone (whose file times mean nothing) installs once.
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: help setup demo lint test bench clean

help:
	@echo "make setup   create $(VENV) if missing and install diplograph with its test tools"
	@echo "make demo    extract the bundled sample readouts and print a summary"
	@echo "make test    lint, then run the test suite"
	@echo "make lint    ruff, ruff format --check, mypy --strict, import-linter"
	@echo "make bench   measure extraction speed and memory (writes benchmarks/results/extract.json)"
	@echo "make clean   remove caches and build output (keeps $(VENV))"

setup: $(STAMP)

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-input -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The demo ends by serving the web app in the foreground (Ctrl-C stops it); with CI set it stops
# after showing the data, so that it can run unattended.
demo: setup
	rm -f demo.db
	$(BIN)/diplograph add demo.db src/diplograph/samples/
	$(BIN)/diplograph engagements demo.db --table --limit 20
	$(BIN)/diplograph mechanisms demo.db
	@if [ -z "$${CI:-}" ]; then $(BIN)/diplograph serve demo.db; fi

lint: setup
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports

# One throwaway PostgreSQL server for the whole run (scripts/postgres.sh installs it if missing);
# the store tests read its URL from DIPLOGRAPH_TEST_PG. Outside CI a failed start only skips them.
test: setup lint
	@if [ -n "$${CI:-}" ] || { [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; }; then scripts/chromium.sh; fi
	@pg=$$(scripts/postgres.sh start) || { [ -z "$${CI:-}" ] || exit 1; pg=; }; \
	trap '[ -z "$$pg" ] || scripts/postgres.sh stop "$$pg" >/dev/null' EXIT; \
	DIPLOGRAPH_TEST_PG=$$pg $(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_extract.py
	@pg=$${DIPLOGRAPH_BENCH_PG:-$$(scripts/postgres.sh start || true)}; \
	trap '[ -n "$${DIPLOGRAPH_BENCH_PG:-}" ] || [ -z "$$pg" ] || scripts/postgres.sh stop "$$pg" >/dev/null' EXIT; \
	DIPLOGRAPH_BENCH_PG=$$pg $(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_web.py

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache .hypothesis .import_linter_cache src/*.egg-info
	rm -f benchmarks/results/*.tmp
	rm -rf test-artifacts
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
