# opvang: the two commands of the README.
#   make site  - set up, validate the catalog, export it, build checklists, example reports and the site
#   make test  - set up and run the whole test suite (lint included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OPVANG := $(BIN)/opvang
BUILD := build

.PHONY: site test setup validate export lint clean bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

validate: setup
	$(OPVANG) validate

export: validate
	mkdir -p $(BUILD)
	$(OPVANG) export --format json -o $(BUILD)/catalogus.json
	$(OPVANG) export --format csv -o $(BUILD)/catalogus.csv
	$(OPVANG) export --format xlsx -o $(BUILD)/catalogus.xlsx

site: export
	@echo "Klaar: export in $(BUILD)/"

lint: setup
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

test: setup
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(BUILD) site docs/generated .pytest_cache
