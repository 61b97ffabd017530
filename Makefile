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
# Midden-Limburg that also bids in Amersfoort. Its reports are built on a fixed reference date so
# that the site is the same on every run.
EXAMPLES := checklists/examples
PEILDATUM := 2027-12-31
VOORBEELD := $(BUILD)/voorbeeld
TENDERS := $(notdir $(patsubst %/tender.yaml,%,$(wildcard requirements/*/tender.yaml)))
NML := noord-midden-limburg-mo
DATA := --roster $(EXAMPLES)/personeel.csv --clients $(EXAMPLES)/clienten.csv \
	--zrm $(EXAMPLES)/zrm.csv --enquete $(EXAMPLES)/scores.yaml --peildatum $(PEILDATUM)
KPIDATA := --tender $(NML) --zrm $(EXAMPLES)/zrm.csv --enquete $(EXAMPLES)/scores.yaml --peildatum $(PEILDATUM)

checklists: validate
	$(foreach t,$(TENDERS),$(OPVANG) checklist $(t) --format xlsx -o checklists/$(t).xlsx && \
		$(OPVANG) checklist $(t) --format yaml -o checklists/$(t).yaml &&) true

examples: checklists
	mkdir -p $(VOORBEELD)
	$(OPVANG) gap $(EXAMPLES)/invulling-$(NML).yaml $(DATA) --format md -o $(VOORBEELD)/gap-rapport.md
	$(OPVANG) gap $(EXAMPLES)/invulling-$(NML).yaml $(DATA) --format html -o $(VOORBEELD)/gap-rapport.html
	$(OPVANG) gap $(EXAMPLES)/invulling-$(NML).yaml $(DATA) --format json -o $(VOORBEELD)/gap-rapport.json
	$(OPVANG) gap $(EXAMPLES)/invulling-$(NML).yaml $(DATA) --format xlsx -o $(VOORBEELD)/gap-rapport.xlsx
	$(OPVANG) gap $(EXAMPLES)/invulling-*.yaml --roster $(EXAMPLES)/personeel.csv --peildatum $(PEILDATUM) \
		--format md -o $(VOORBEELD)/gereedheid.md
	$(OPVANG) kpi $(EXAMPLES)/clienten.csv $(KPIDATA) --format md -o $(VOORBEELD)/kpi-rapport.md
	$(OPVANG) kpi $(EXAMPLES)/clienten.csv $(KPIDATA) --format xlsx -o $(VOORBEELD)/kpi-rapport.xlsx
	$(OPVANG) kwartaalrapportage $(EXAMPLES)/clienten.csv $(KPIDATA) --format md -o $(VOORBEELD)/kwartaalrapportage.md
	$(OPVANG) kwartaalrapportage $(EXAMPLES)/clienten.csv $(KPIDATA) --format xlsx \
		-o $(VOORBEELD)/kwartaalrapportage.xlsx
	$(OPVANG) monitor $(EXAMPLES)/clienten.csv $(KPIDATA) -o $(VOORBEELD)/monitor.xlsx
	$(OPVANG) calendar --tender $(NML) --year 2025 --roster $(EXAMPLES)/personeel.csv \
		-o $(VOORBEELD)/rapportageplichten-2025.ics

# The site judges each tender's status (open, running, ended) on this date: fixed, so that the same
# catalog always gives the same site. Move it forward when publishing: make site SITE_PEILDATUM=2027-03-01
SITE_PEILDATUM ?= 2026-11-30

site: export examples
	$(OPVANG) site build -o site --reports $(VOORBEELD) --peildatum $(SITE_PEILDATUM)
	@echo "Klaar: de site staat in site/ (bekijk met: $(OPVANG) site serve), de voorbeeldrapporten in $(VOORBEELD)/"

# The benchmarks (docs/benchmarks.md): run them on a quiet machine, about an hour and a half on 2 cores.
bench: setup
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
