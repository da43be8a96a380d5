# Two commands from a fresh clone: `make serve` (or `make build`) and `make test`.
# Both create the virtual environment in .venv on first use.
VENV ?= .venv
BIN = $(VENV)/bin
PYTHON ?= python3

.PHONY: serve build test check lint clean

$(BIN)/kb: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The Nu Html Checker, for the HTML validity tests (run with Java).
$(VENV)/vnu.jar: tests/tools/fetch_vnu.py | $(BIN)/kb
	$(BIN)/python tests/tools/fetch_vnu.py $@

serve: $(BIN)/kb
	$(BIN)/kb serve

build: $(BIN)/kb
	$(BIN)/kb build

lint: $(BIN)/kb
	$(BIN)/ruff check generator benchmarks tests
	$(BIN)/ruff format --check generator benchmarks tests
	$(BIN)/mypy

# Tests run in one process per processor (pytest-xdist), a test file's tests in the same one.
PYTEST = $(BIN)/pytest -n auto --dist loadfile

test: lint $(VENV)/vnu.jar
	bash tests/tools/system_deps.sh
	$(PYTEST)

# The fast lane: lint, types and every test outside tests/e2e (no Chromium, no Java needed).
check: lint
	$(PYTEST) --ignore=tests/e2e

clean:
	rm -rf build site $(VENV)
