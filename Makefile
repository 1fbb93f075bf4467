# Two commands on a fresh machine: `make up` serves both apps, `make test` runs the whole suite.
# Each target creates or reuses the virtual environment it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: up test lint types pytest db clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,postgres]"
	touch $@

## Both apps on one SQLite database: Flask on gunicorn at :5000, FastAPI on uvicorn at :8000.
up: db
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start

## Apply the migrations to DATABASE_URL (default var/twins.db) and seed demo employees.
db: $(INSTALLED)
	$(BIN)/python -m shared.manage init

## The whole suite: lint, format check, types, then every test.
test: lint types pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(INSTALLED)
	$(BIN)/mypy .

pytest: $(INSTALLED)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var .mypy_cache .pytest_cache .ruff_cache
