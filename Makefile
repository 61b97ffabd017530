# opvang: the two commands of the README.
#   make site  - set up, validate the catalog, export it, build checklists, example reports and the site
#   make test  - set up and run the whole test suite (lint included)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OPVANG := $(BIN)/opvang
BUILD := build

.PHONY: site test setup validate export checklists examples lint clean bench bench-quick

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

# The example provider (checklists/examples/): a fictional shelter organisation in Noord- en
# Midden-Limburg that also bids in Amersfoort and for Housing First in the Valleiregio. Its registrations
# cover the Limburg contract years 2022-2025 (made with: opvang demo-data -o checklists/examples --rows 400
# --seed 2027 --start 2022-01-01 --end 2025-12-31), and its reports are built on the last day of that
# contract, a fixed reference date, so that the site is the same on every run. Every report is made from
# the same data, the readiness matrix too.
EXAMPLES := checklists/examples
PEILDATUM := 2025-12-31
KWARTAAL := 2025-Q4
VOORBEELD := $(BUILD)/voorbeeld
TENDERS := $(notdir $(patsubst %/tender.yaml,%,$(wildcard requirements/*/tender.yaml)))
NML := noord-midden-limburg-mo
DATA := --roster $(EXAMPLES)/personeel.csv --clients $(EXAMPLES)/clienten.csv \
	--zrm $(EXAMPLES)/zrm.csv --enquete $(EXAMPLES)/scores.yaml --peildatum $(PEILDATUM)
KPIDATA := --tender $(NML) --zrm $(EXAMPLES)/zrm.csv --enquete $(EXAMPLES)/scores.yaml --peildatum $(PEILDATUM)
# The contract dossier of the example provider: one KPI report per quarter, combined by opvang dossier.
PROVIDER := Stichting Voorbeeldopvang
QUARTERS := 2025-Q1 2025-Q2 2025-Q3 2025-Q4
KPIQUARTERS := $(BUILD)/kpi-kwartalen

checklists: validate
	$(foreach t,$(TENDERS),$(OPVANG) checklist $(t) --format xlsx -o checklists/$(t).xlsx && \
		$(OPVANG) checklist $(t) --format yaml -o checklists/$(t).yaml &&) true

examples: checklists
	mkdir -p $(VOORBEELD)
	$(foreach f,md html json xlsx,$(OPVANG) gap $(EXAMPLES)/invulling-$(NML).yaml $(DATA) --format $(f) \
		-o $(VOORBEELD)/gap-rapport.$(f) &&) true
	$(OPVANG) gap $(EXAMPLES)/invulling-*.yaml $(DATA) --format md -o $(VOORBEELD)/gereedheid.md
	$(foreach f,md html xlsx,$(OPVANG) kpi $(EXAMPLES)/clienten.csv $(KPIDATA) --format $(f) \
		-o $(VOORBEELD)/kpi-rapport.$(f) &&) true
	$(foreach f,md html xlsx,$(OPVANG) kwartaalrapportage $(EXAMPLES)/clienten.csv $(KPIDATA) --period $(KWARTAAL) \
		--format $(f) -o $(VOORBEELD)/kwartaalrapportage.$(f) &&) true
	$(OPVANG) monitor $(EXAMPLES)/clienten.csv $(KPIDATA) -o $(VOORBEELD)/monitor.xlsx
	$(OPVANG) calendar --tender $(NML) --year 2025 --roster $(EXAMPLES)/personeel.csv \
		-o $(VOORBEELD)/rapportageplichten-2025.ics
	mkdir -p $(KPIQUARTERS)
	$(foreach q,$(QUARTERS),$(OPVANG) kpi $(EXAMPLES)/clienten.csv $(KPIDATA) --provider "$(PROVIDER)" --period $(q) \
		--format json -o $(KPIQUARTERS)/kpi-$(q).json &&) true
	$(OPVANG) dossier $(foreach q,$(QUARTERS),$(KPIQUARTERS)/kpi-$(q).json) --format md -o $(VOORBEELD)/contractdossier.md
	$(OPVANG) dossier $(foreach q,$(QUARTERS),$(KPIQUARTERS)/kpi-$(q).json) --format xlsx \
		-o $(VOORBEELD)/contractdossier.xlsx

# The site judges each tender's status (open, running, ended) on this date: fixed, so that the same
# catalog always gives the same site. Move it forward when publishing: make site SITE_PEILDATUM=2027-03-01
SITE_PEILDATUM ?= 2026-11-30

site: export examples
	$(OPVANG) site build -o site --reports $(VOORBEELD) --peildatum $(SITE_PEILDATUM)
	@echo "Klaar: de site staat in site/ (bekijk met: $(OPVANG) site serve), de voorbeeldrapporten in $(VOORBEELD)/"

# The benchmarks (docs/benchmarks.md): run them on a quiet machine, about an hour and a half on 2 cores.
bench: setup
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run

# The smallest sizes only, without StrictDoc and Doorstop (a few minutes; CI runs it after the tests):
# writes benchmarks/out/benchmarks-quick.md and never touches docs/benchmarks.md.
bench-quick: setup
	$(BIN)/python -m benchmarks.run --quick --skip-peers

lint: setup
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks

test: setup
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(BUILD) site .pytest_cache
