"""Format 2 of the catalog (contract §1): norm kinds, target-group lists, anchors, deadlines, bid documents."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from generator.catalog.load import check_catalog, load_catalog
from generator.catalog.model import Deadline, Norm, add_term
from generator.lint.rules import check_conflicts
from generator.render.catalog_export import to_json
from tests.catalog_edits import add_requirement, edit_requirement


def _errors(path: Path) -> list[str]:
    _, problems = check_catalog(path)
    return [p.format() for p in problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("start", "value", "unit", "expected"),
    [
        (dt.date(2022, 1, 1), 2, "years", dt.date(2023, 12, 31)),  # eind van het tweede contractjaar
        (dt.date(2022, 1, 1), 1, "years", dt.date(2022, 12, 31)),
        (dt.date(2027, 1, 1), 6, "weeks", dt.date(2027, 2, 11)),  # the start day counts as the first day
        (dt.date(2027, 1, 31), 1, "months", dt.date(2027, 2, 27)),  # a month end stays in its month
        (dt.date(2027, 3, 1), 10, "days", dt.date(2027, 3, 10)),
    ],
)
def test_a_term_after_the_contract_start_ends_on_its_last_day(start, value, unit, expected):
    assert Deadline("x", after_contract_start=(value, unit)).resolve(start) == expected


def test_an_absolute_deadline_ignores_the_contract_start():
    assert Deadline("x", date=dt.date(2022, 12, 31)).resolve(dt.date(2030, 1, 1)) == dt.date(2022, 12, 31)


def test_add_term_of_a_leap_day():
    assert add_term(dt.date(2024, 2, 29), 1, "years") == dt.date(2025, 2, 28)


def test_applies_to_takes_a_list_and_one_group_on_its_own(catalog_copy: Path):
    norm = {"metric": "opvangduur_binnen_norm", "operator": "<=", "value": 3, "unit": "months", "share": 80}
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-03",
        target_groups=["acuut", "huiselijk-geweld"],
        norms=[{**norm, "applies_to": ["acuut", "huiselijk-geweld"]}],
    )
    assert load_catalog(catalog_copy).requirement("VBO-KPI-03").norms[0].applies_to == ("acuut", "huiselijk-geweld")
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-03", norms=[{**norm, "applies_to": "acuut"}])  # format 1
    assert load_catalog(catalog_copy).requirement("VBO-KPI-03").norms[0].applies_to == ("acuut",)


def test_a_group_outside_the_requirements_target_groups_is_an_error(catalog_copy: Path):
    norm = {"metric": "opvangduur_binnen_norm", "operator": "<=", "value": 3, "unit": "months", "share": 80}
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-03", norms=[{**norm, "applies_to": ["acuut", "huiselijk-geweld"]}])
    errors = _errors(catalog_copy)
    assert any("'huiselijk-geweld'" in e and "target_groups" in e and "kpi.yaml:" in e for e in errors), errors


def test_kind_from_deadlines_and_bid_document_reach_the_export(catalog_copy: Path):
    add_requirement(
        catalog_copy,
        "kpi",
        {
            "id": "VBO-KPI-05",
            "obligation": "eis",
            "title": "Plan van aanpak",
            "text": "Binnen 6 weken na start wordt een plan gemaakt; nu lukt dat in 60% van de gevallen. Het "
            "implementatieplan wordt bij de inschrijving ingediend en uiterlijk eind tweede contractjaar uitgevoerd.",
            "source": {"section": "3 KPI's"},
            "norms": [
                {"metric": "plan_binnen_termijn", "operator": "<=", "value": 6, "unit": "weeks", "from": "start"},
                {"metric": "plan_binnen_termijn", "operator": ">=", "value": 60, "unit": "%", "kind": "realisatie"},
            ],
            "deadlines": [
                {"label": "Implementatieplan uitgevoerd", "after_contract_start": {"value": 2, "unit": "years"}}
            ],
            "submit_with_bid": True,
            "bid_document": "Implementatieplan",
        },
    )
    metrics = catalog_copy / "metrics.yaml"
    data = yaml.safe_load(metrics.read_text(encoding="utf-8"))
    data["metrics"]["plan_binnen_termijn"]["units"].append("%")
    metrics.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    catalog = load_catalog(catalog_copy)
    req = catalog.requirement("VBO-KPI-05")
    assert [n.binding for n in req.norms] == [True, False]
    assert req.norms[0].anchor == "start" and req.norms[1].anchor == "melding"
    assert req.binding_norms == (req.norms[0],)
    doc = json.loads(to_json(catalog))
    exported = next(r for r in doc["requirements"] if r["id"] == "VBO-KPI-05")
    assert exported["norms"][0]["from"] == "start" and exported["norms"][0]["kind"] == "norm"
    assert exported["norms"][1]["kind"] == "realisatie" and "from" not in exported["norms"][1]
    assert exported["deadlines"] == [
        {
            "label": "Implementatieplan uitgevoerd",
            "after_contract_start": {"value": 2, "unit": "years"},
            "date": "2028-12-31",
        }
    ]
    assert exported["submit_with_bid"] is True and exported["bid_document"] == "Implementatieplan"
    assert exported["source"]["title"] == "Testdocument"


def test_a_bid_document_needs_submit_with_bid_and_the_other_way_round(catalog_copy: Path):
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-01", submit_with_bid=True)
    assert any("bid_document" in e for e in _errors(catalog_copy))
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-01", submit_with_bid=None, bid_document="Plan")
    assert any("submit_with_bid" in e for e in _errors(catalog_copy))


def test_from_on_a_norm_that_is_no_term_is_an_error(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-01",
        norms=[{"metric": "duurzame_uitstroom", "operator": ">=", "value": 80, "unit": "%", "from": "start"}],
    )
    assert any("geen termijn" in e for e in _errors(catalog_copy))


def test_an_aim_beside_an_observed_figure_is_no_conflict():
    from generator.catalog.model import Period, Requirement, Source, Tender

    def tender(*norms: Norm) -> Tender:
        req = Requirement("X-KPI-01", "t", "kpi", "eis", "t", "t", Source("d.txt", "s"), norms=norms)
        return Tender("t", "X", "t", "r", "a", ("A",), Period(dt.date(2027, 1, 1)), (), "d.txt", requirements=(req,))

    aim = Norm("opvangduur", "<=", 6, "months", kind="streefwaarde")
    seen = Norm("opvangduur", "==", 9, "months", kind="realisatie")
    binding = Norm("opvangduur", "<=", 6, "months")
    assert check_conflicts(tender(aim, seen)) == []
    assert check_conflicts(tender(binding, Norm("opvangduur", "==", 9, "months"))) != []
    # binding norms for different groups do not conflict; overlapping groups do
    acuut = Norm("opvangduur", "<=", 3, "months", applies_to=("acuut",))
    gezin = Norm("opvangduur", "<=", 6, "months", applies_to=("gezin", "jongeren"))
    assert check_conflicts(tender(acuut, gezin)) == []
    both = Norm("opvangduur", "<=", 6, "months", applies_to=("acuut", "gezin"))
    assert check_conflicts(tender(acuut, both)) != []
