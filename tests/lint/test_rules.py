"""Each lint rule, with positive and negative cases, on copies of the fixture catalog."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.load import load_catalog
from generator.catalog.model import Norm
from generator.lint import lint_catalog, render_quality_markdown, vague_requirement_ids
from generator.lint.rules import duty_clauses, norms_conflict
from tests.catalog_edits import add_requirement, edit_requirement


def findings(catalog: Path, rule: str | None = None, req_id: str | None = None):
    report = lint_catalog(load_catalog(catalog))
    return [
        f for f in report.findings if (rule is None or f.rule == rule) and (req_id is None or f.requirement == req_id)
    ]


# --- VAGUE -------------------------------------------------------------------------------------


def test_vague_fixture_requirement_is_reported(catalog_copy: Path):
    [finding] = findings(catalog_copy, "VAGUE")
    assert finding.requirement == "VBO-KPI-04"
    assert finding.words == ("zo kort als mogelijk",)
    assert finding.severity == "warning"  # a wens
    assert "maximaal" in finding.suggestion
    assert finding.location.file.endswith("kpi.yaml")


def test_measurable_rewrite_is_not_reported(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "kpi",
        "VBO-KPI-04",
        text="Cliënten geven gemiddeld minimaal een 7,5. De wachttijd is maximaal 5 werkdagen.",
        measurement="Cliënttevredenheidsonderzoek onder alle cliënten, eenmaal per jaar.",
    )
    assert findings(catalog_copy, req_id="VBO-KPI-04") == []


def test_vague_severity_follows_obligation(catalog_copy: Path):
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-04", obligation="eis")
    assert findings(catalog_copy, "VAGUE")[0].severity == "error"
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-04", obligation="info")
    assert findings(catalog_copy, "VAGUE")[0].severity == "info"


def test_accepted_finding_is_reported_as_accepted(catalog_copy: Path):
    edit_requirement(
        catalog_copy, "kpi", "VBO-KPI-04", lint_accept=[{"rule": "VAGUE", "reason": "Letterlijk uit de bron."}]
    )
    report = lint_catalog(load_catalog(catalog_copy))
    [finding] = [f for f in report.findings if f.rule == "VAGUE"]
    assert finding.accepted and finding.reason == "Letterlijk uit de bron."
    assert not report.fails("info") or all(f.rule != "VAGUE" for f in report.open_findings)
    assert vague_requirement_ids(report) == set()


def test_vague_requirement_ids(catalog_copy: Path):
    assert vague_requirement_ids(lint_catalog(load_catalog(catalog_copy))) == {"VBO-KPI-04"}


# --- NONORM ------------------------------------------------------------------------------------


def test_eis_without_norm_in_measurable_category(catalog_copy: Path):
    edit_requirement(catalog_copy, "reporting", "VBO-REP-01", norms=None)
    [finding] = findings(catalog_copy, "NONORM")
    assert finding.requirement == "VBO-REP-01" and finding.severity == "error"


def test_no_nonorm_for_wens_info_staff_rules_or_other_categories(catalog_copy: Path):
    edit_requirement(catalog_copy, "reporting", "VBO-REP-01", norms=None, obligation="wens")
    edit_requirement(catalog_copy, "reporting", "VBO-REP-02", norms=None)  # info
    assert findings(catalog_copy, "NONORM") == []  # VBO-STA-01/02 have staff rules and no norms


# --- KPIMETHOD ---------------------------------------------------------------------------------


def test_kpi_without_measurement(catalog_copy: Path):
    [finding] = findings(catalog_copy, "KPIMETHOD")
    assert finding.requirement == "VBO-KPI-04" and finding.words == ("meetmethode",)


def test_kpi_without_population(catalog_copy: Path):
    edit_requirement(
        catalog_copy, "kpi", "VBO-KPI-02", text="In 100% binnen 48 uur een plan.", measurement="Registratie."
    )
    [finding] = findings(catalog_copy, "KPIMETHOD", "VBO-KPI-02")
    assert finding.words == ("populatie",)


def test_kpi_with_method_and_population_is_clean(catalog_copy: Path):
    # VBO-KPI-01..03: measurement given; population named (cliënten) or a target group
    assert all(f.requirement == "VBO-KPI-04" for f in findings(catalog_copy, "KPIMETHOD"))


# --- CONFLICT ----------------------------------------------------------------------------------


def test_conflicting_norms_same_metric_and_group(catalog_copy: Path):
    add_requirement(
        catalog_copy,
        "kpi",
        {
            "id": "VBO-KPI-05",
            "obligation": "eis",
            "title": "Opvangduur",
            "text": "Voor acuut daklozen is de opvangduur in 80% van de gevallen maximaal 6 maanden.",
            "measurement": "Registratie opvangduur per cliënt.",
            "source": {"section": "3 KPI's"},
            "target_groups": ["acuut"],
            "norms": [
                {
                    "metric": "opvangduur_binnen_norm",
                    "operator": "<=",
                    "value": 6,
                    "unit": "months",
                    "share": 80,
                    "applies_to": "acuut",
                }
            ],
        },
    )
    [finding] = findings(catalog_copy, "CONFLICT")
    assert finding.requirement == "VBO-KPI-05" and finding.related == ("VBO-KPI-03",)
    assert "maxima" in finding.message


def test_same_norm_in_other_units_or_other_group_is_no_conflict():
    two_years = Norm("trajectduur", "<=", 2, "years")
    assert norms_conflict(two_years, Norm("trajectduur", "<=", 104, "weeks")) is None  # 1% tolerance
    assert norms_conflict(Norm("groepsgrootte", ">=", 3, "persons"), Norm("groepsgrootte", "<=", 14, "persons")) is None
    assert norms_conflict(Norm("x", "<=", 3, "months", 80), Norm("x", "<=", 6, "months", 100)) is None  # staged
    assert norms_conflict(Norm("x", "==", 3, "days"), Norm("x", "<=", 6, "months")) is None
    assert norms_conflict(Norm("x", "<=", 48, "hours"), Norm("x", "<=", 2, "days")) is None


def test_conflict_kinds():
    assert norms_conflict(Norm("x", ">=", 1, "years"), Norm("x", "<=", 3, "months")) == "ondergrens boven de bovengrens"
    assert norms_conflict(Norm("x", "==", 2, "times/year"), Norm("x", ">=", 4, "times/year"))
    assert norms_conflict(Norm("x", "==", 2, "count"), Norm("x", "==", 3, "count"))
    assert norms_conflict(Norm("x", "<=", 3, "months", 80), Norm("x", "<=", 3, "months", 90))
    assert norms_conflict(Norm("x", "<=", 3, "count"), Norm("x", "<=", 3, "persons")) is None  # not convertible


def test_info_norms_are_not_compared(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "reporting",
        "VBO-REP-02",
        text="De monitor wordt 12 keer per jaar besproken.",
        norms=[{"metric": "rapportagefrequentie", "operator": "==", "value": 12, "unit": "times/year"}],
    )
    assert findings(catalog_copy, "CONFLICT") == []
    edit_requirement(catalog_copy, "reporting", "VBO-REP-02", obligation="wens")
    assert [f.requirement for f in findings(catalog_copy, "CONFLICT")] == ["VBO-REP-02"]


# --- MULTI -------------------------------------------------------------------------------------


def test_multi_positive():
    assert duty_clauses("De opdrachtnemer dient de cliënt te registreren en dient elk kwartaal te rapporteren.")
    assert duty_clauses("De aanbieder moet een plan maken en de gemeente moet het plan goedkeuren.")
    assert duty_clauses("De aanbieder dient een plan op te stellen en dit binnen 6 weken te delen.")
    assert duty_clauses("De aanbieder: moet een VOG hebben; moet geregistreerd zijn; en moet scholing volgen.")


def test_multi_negative():
    assert not duty_clauses("De aanbieder biedt opvang en begeleiding aan gezinnen en jongeren.")
    assert not duty_clauses("De opdrachtnemer moet in staat zijn om kennis te delen en te leren.")  # purpose clause
    assert not duty_clauses("Het beleid omvat: a. scholing; b. toezicht; en c. evaluatie.")  # one duty, a list
    assert not duty_clauses("Zij dient scholing en/of dagbesteding te bieden. Dit moet.")
    assert not duty_clauses("De aanbieder moet een plan maken. De gemeente moet het plan goedkeuren.")  # not en-joined


def test_multi_finding(catalog_copy: Path):
    edit_requirement(
        catalog_copy,
        "reporting",
        "VBO-REP-01",
        text="De opdrachtnemer dient per kwartaal te rapporteren en dient jaarlijks een verantwoording te sturen.",
    )
    [finding] = findings(catalog_copy, "MULTI")
    assert finding.requirement == "VBO-REP-01" and finding.severity == "warning"
    edit_requirement(catalog_copy, "reporting", "VBO-REP-01", obligation="info", norms=None)
    assert findings(catalog_copy, "MULTI") == []


# --- report ------------------------------------------------------------------------------------


def test_measurable_share(catalog_copy: Path):
    report = lint_catalog(load_catalog(catalog_copy))
    quality = report.tender("voorbeeld-opvang")
    # 9 requirements, 1 info; 8 binding, all with norms or staff rules, one (VBO-KPI-04) vague
    assert (quality.requirements, quality.binding, quality.measurable) == (9, 8, 7)
    assert quality.share == 87.5


def test_quality_markdown_escapes_and_links(catalog_copy: Path):
    edit_requirement(catalog_copy, "kpi", "VBO-KPI-04", text="<b>Wachttijd</b> | *zo kort als mogelijk*, cijfer 7,5")
    report = lint_catalog(load_catalog(catalog_copy))
    page = render_quality_markdown(report, "voorbeeld-opvang", link="eisen/{tender}.html#{requirement}")
    assert "[VBO-KPI-04](eisen/voorbeeld-opvang.html#VBO-KPI-04)" in page
    assert "87,5%" in page
    assert "<b>" not in page
    default = render_quality_markdown(report, "voorbeeld-opvang")
    assert "(../voorbeeld-opvang.md#VBO-KPI-04)" in default
    assert "[VBO-KPI-04]" not in render_quality_markdown(report, "voorbeeld-opvang", link=None)
