# The two commands a fresh machine needs: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
DB ?= party.db

.PHONY: run test venv install install-dev system-deps clean bench

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 not found; install Python 3.11"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[all]"
	touch $@

$(STAMP_DEV): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[dev]"
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
install-dev: $(STAMP_DEV)

# The main job, offline, on the bundled corpus.
run: $(STAMP_RUN)
	bash scripts/run_demo.sh $(DB)

# System packages the tests use (PostgreSQL server, Chromium); installed only when missing.
system-deps:
	bash scripts/setup_test_env.sh

test: $(STAMP_DEV) system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP_DEV)
	$(BIN)/python scripts/bench_extract.py

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB) $(DB)-wal $(DB)-shm
