"""Helpers for the KPI tests: write hand-built registrations and evaluate the fixture tender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog

FIXTURE_CATALOG = Path(__file__).resolve().parents[1] / "fixtures" / "catalog"
HEADER = (
    "client_id;doelgroep;gemeente_herkomst;gemeente_opvang;datum_melding;opvang_nodig;datum_plan;"
    "datum_start_opvang;datum_uitstroom;doelen_behaald;tevredenheid"
)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(FIXTURE_CATALOG)


def write_clients(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def row(
    cid: str,
    melding: str,
    *,
    groep: str = "acuut",
    herkomst: str = "Venlo",
    opvang: str = "",
    nodig: str = "",
    plan: str = "",
    start: str = "",
    uit: str = "",
    doelen: str = "",
    cijfer: str = "",
) -> str:
    return ";".join((cid, groep, herkomst, opvang, melding, nodig, plan, start, uit, doelen, cijfer))


PEIL = dt.date(2027, 12, 31)


EXTRA_KPIS = """
  - id: VBO-KPI-11
    obligation: eis
    title: Opvang nabij herkomst (Housing First)
    text: Minimaal 60% wordt opgevangen nabij de gemeente van herkomst.
    source: {section: "3 KPI's"}
    target_groups: [housing-first]
    norms:
      - {metric: opvang_nabij_herkomst, operator: ">=", value: 60, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-12
    obligation: eis
    title: Duurzame uitstroom (Housing First)
    text: Minimaal 80% stroomt duurzaam uit.
    source: {section: "3 KPI's"}
    norms:
      - {metric: duurzame_uitstroom, operator: ">=", value: 80, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-13
    obligation: eis
    title: Direct opvang (Housing First)
    text: In 100% van de gevallen binnen 24 uur opvang.
    source: {section: "3 KPI's"}
    norms:
      - {metric: direct_opvang, operator: ">=", value: 100, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-14
    obligation: eis
    title: Plan binnen zes weken na start (Housing First)
    text: Binnen zes weken na start van het traject wordt in 100% van de gevallen een plan opgesteld.
    source: {section: "3 KPI's"}
    norms:
      - metric: plan_binnen_termijn
        operator: "<="
        value: 6
        unit: weeks
        share: 100
        applies_to: [housing-first]
        from: start
  - id: VBO-KPI-15
    obligation: eis
    title: Doelen behaald (Housing First)
    text: In 100% van de trajecten zijn de doelen behaald.
    source: {section: "3 KPI's"}
    norms:
      - {metric: doelen_behaald, operator: ">=", value: 100, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-16
    obligation: eis
    title: Tevredenheid (Housing First)
    text: Gemiddeld minimaal een 7,5.
    source: {section: "3 KPI's"}
    norms:
      - {metric: clienttevredenheid, operator: ">=", value: 7.5, unit: score, applies_to: [housing-first]}
  - id: VBO-KPI-17
    obligation: eis
    title: Opvangduur (Housing First)
    text: Opvangduur van 3 maanden in 80% van de gevallen.
    source: {section: "3 KPI's"}
    norms:
      - {metric: opvangduur_binnen_norm, operator: "<=", value: 3, unit: months, share: 80, applies_to: [housing-first]}
  - id: VBO-KPI-18
    obligation: eis
    title: Woningbehoud (Housing First)
    text: Minimaal 75% behoudt de woning.
    source: {section: "3 KPI's"}
    norms:
      - {metric: woningbehoud, operator: ">=", value: 75, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-19
    obligation: eis
    title: ZRM (Housing First)
    text: Minimaal 70% verbetert op twee domeinen.
    source: {section: "3 KPI's"}
    norms:
      - {metric: zrm_verbetering, operator: ">=", value: 70, unit: "%", applies_to: [housing-first]}
  - id: VBO-KPI-20
    obligation: eis
    title: Plan binnen 48 uur na melding (Housing First)
    text: Na melding wordt in 100% van de gevallen binnen 48 uur een plan opgesteld.
    source: {section: "3 KPI's"}
    norms:
      - {metric: plan_binnen_termijn, operator: "<=", value: 48, unit: hours, share: 100, applies_to: [housing-first]}
"""
SUBREGIONS = """subregions:
  - {name: Noord, municipalities: [Venlo, Horst aan de Maas]}
  - {name: Midden, municipalities: [Roermond, Weert]}
"""


def extended_catalog(folder: Path, subregions: bool = False) -> Path:
    """A copy of the fixture catalog with a norm per metric for Housing First only (and subregions)."""
    import shutil

    root = folder / "catalogus"
    shutil.copytree(FIXTURE_CATALOG, root)
    kpi = root / "voorbeeld-opvang" / "kpi.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8") + EXTRA_KPIS, encoding="utf-8")
    tender = root / "voorbeeld-opvang" / "tender.yaml"
    text = tender.read_text(encoding="utf-8").replace(
        "target_groups: [acuut, huiselijk-geweld]", "target_groups: [acuut, huiselijk-geweld, housing-first]"
    )
    if subregions:
        text = text.replace(
            "municipalities: [Voorbeeldstad, Dorpen]",
            "municipalities: [Voorbeeldstad, Dorpen, Venlo, Horst aan de Maas, Roermond, Weert]",
        )
    tender.write_text(text + (SUBREGIONS if subregions else ""), encoding="utf-8")
    return root


def full_row(cid: str, melding: str, **fields: str) -> str:
    """A row of FULL_HEADER: every column of the contract, empty unless given."""
    values = {"client_id": cid, "doelgroep": "acuut", "gemeente_herkomst": "Venlo", "datum_melding": melding}
    values.update(fields)
    return ";".join(values.get(column, "") for column in FULL_HEADER.split(";"))


FULL_HEADER = (
    "client_id;doelgroep;gemeente_herkomst;gemeente_opvang;datum_melding;opvang_nodig;datum_plan;"
    "datum_start_opvang;datum_uitstroom;type_vervolgplek;doelen_behaald;tevredenheid;woning_behouden;reden_uitstroom"
)
