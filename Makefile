# The two entry points: `make run` lints articles/, `make test` runs ruff and pytest.
# Both create .venv and install everything they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps lint format bench clean

run: setup
	$(BIN)/checker check articles/

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

setup: system-deps $(STAMP)
	@if [ -f tools/languagetool/fetch.sh ]; then bash tools/languagetool/fetch.sh; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages the checker reads at run time (dictionaries, Java for LanguageTool).
system-deps:
	@bash tools/system-deps.sh

lint:
	$(BIN)/ruff check .

format:
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python bench/bench_core.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
