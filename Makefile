# The two entry points: `make run` lints articles/, `make test` runs ruff and pytest.
# Both create .venv and install everything they need on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps lint format bench clean

# The report is the point of `make run`: findings in the articles are not a failed set-up, so
# the target ends with a line saying what the exit code meant and succeeds. (`checker check`
# itself still exits 1 on findings, 2 on a usage or tool error: CI uses that.)
run: setup
	@$(BIN)/checker check articles/; status=$$?; \
	if [ $$status -eq 0 ]; then echo "checker: articles/ is clean (exit 0)"; \
	elif [ $$status -eq 1 ]; then echo "checker: findings above (checker check exit 1); set-up is fine"; \
	else echo "checker: error (exit $$status), see the message above"; exit $$status; fi

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
