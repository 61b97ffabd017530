"""KPI reports in the form of ``opvang kpi --format json`` (format 2, docs/bestandsformaten.md "KPI-rapport").

Two fictional providers over three quarters of the Noord- en Midden-Limburg tender, with two KPI norms
and values chosen by hand so that every part of the dossier has something to show:

===========  ==============================  ============================  ===============================
KPI          2027-Q1                         2027-Q2                       2027-Q3
===========  ==============================  ============================  ===============================
uitstroom A  70% voldoet niet                75% voldoet niet              78% voldoet niet
uitstroom B  85% voldoet                     60% voldoet niet              82% voldoet
plan A       100% voldoet                    suppressed (<5)               90% voorlopig (85-100), 2 open
plan B       onvoldoende data                100% voldoet                  50% voldoet niet
===========  ==============================  ============================  ===============================
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

TENDER = "noord-midden-limburg-mo"
A = "Stichting Anker"
B = "Stichting Baken"
QUARTERS = ("2027-Q1", "2027-Q2", "2027-Q3")
PEILDATUM = {"2027-Q1": "2027-03-31", "2027-Q2": "2027-06-30", "2027-Q3": "2027-09-30"}
OUTFLOW = {
    "requirement": "NML-KPI-04",
    "title": "Duurzame uitstroom",
    "metric": "duurzame_uitstroom",
    "label": "Duurzame uitstroom",
    "source": "clients",
    "norm": {"metric": "duurzame_uitstroom", "operator": ">=", "value": 80, "unit": "%", "kind": "norm"},
    "norm_text": "minimaal 80%",
    "note": None,
}
PLAN = {
    "requirement": "NML-KPI-02",
    "title": "Plan van aanpak binnen 48 uur",
    "metric": "plan_binnen_termijn",
    "label": "Plan binnen termijn",
    "source": "clients",
    "norm": {
        "metric": "plan_binnen_termijn",
        "operator": "<=",
        "value": 48,
        "unit": "hours",
        "share": 100,
        "kind": "norm",
    },
    "norm_text": "maximaal 48 uur in 100% van de gevallen",
    "note": None,
}


def cell(value, verdict, numerator=None, denominator=None, pending=0, lower=None, upper=None) -> dict:
    return {
        "suppressed": False,
        "value": value,
        "numerator": numerator if numerator is not None else 0,
        "denominator": denominator if denominator is not None else 0,
        "pending": pending,
        "lower": value if lower is None else lower,
        "upper": value if upper is None else upper,
        "verdict": verdict,
    }


SUPPRESSED = {key: None for key in ("value", "numerator", "denominator", "pending", "lower", "upper", "verdict")} | {
    "suppressed": True
}
CELLS = {
    (A, "2027-Q1"): (cell(70, "voldoet_niet", 14, 20), cell(100, "voldoet", 12, 12)),
    (A, "2027-Q2"): (cell(75, "voldoet_niet", 15, 20), SUPPRESSED),
    (A, "2027-Q3"): (cell(78, "voldoet_niet", 18, 23), cell(90, "voorlopig", 18, 20, 2, 85, 100)),
    (B, "2027-Q1"): (cell(85, "voldoet", 17, 20), cell(None, "onvoldoende_data", 0, 0, 0, None, None)),
    (B, "2027-Q2"): (cell(60, "voldoet_niet", 12, 20), cell(100, "voldoet", 9, 9)),
    (B, "2027-Q3"): (cell(82, "voldoet", 41, 50), cell(50, "voldoet_niet", 5, 10)),
}


def report(provider: str | None, quarter: str, tender: str = TENDER) -> dict:
    outflow, plan = CELLS[(provider or A, quarter)]
    kpis = []
    for base, overall in ((OUTFLOW, outflow), (PLAN, plan)):
        kpis.append({**base, "overall": overall, "per_doelgroep": {}, "per_gemeente": {}})
    return copy.deepcopy(
        {
            "format_version": 2,
            "tender": tender,
            "provider": provider,
            "period": quarter,
            "periode": quarter,
            "peildatum": PEILDATUM[quarter],
            "min_cel": 5,
            "trajecten": 120,
            "kpis": kpis,
            "niet_berekend": [],
        }
    )


def write(folder: Path, provider: str | None, quarter: str, tender: str = TENDER, name: str | None = None) -> Path:
    path = folder / (name or f"kpi-{(provider or 'x').split()[-1].lower()}-{quarter}.json")
    path.write_text(json.dumps(report(provider, quarter, tender), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_all(folder: Path) -> list[Path]:
    return [write(folder, provider, quarter) for provider in (A, B) for quarter in QUARTERS]
