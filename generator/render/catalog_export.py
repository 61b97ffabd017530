"""The whole catalog flattened for other tools: JSON (data contract §1), CSV and XLSX.

The JSON is the contract: keys sorted, UTF-8, stable order (tenders by id, requirements in
catalog order), so that the same catalog always gives the same bytes. The CSV is its flat twin for
tools (the same keys and codes). The XLSX is for people: tenders by title, categories, obligations,
target groups and metrics by their Dutch labels, sources by title and section.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from generator.catalog.model import (
    CATEGORY_LABELS,
    NORM_KIND_LABELS,
    OBLIGATION_LABELS,
    OPERATOR_LABELS,
    UNIT_LABELS,
    Catalog,
    Deadline,
    Norm,
    Requirement,
    Tender,
)
from generator.render import labels
from generator.render.xlsx import DATE, INTEGER, Number, new_workbook, save_workbook, write_table

FORMAT_VERSION = 2


def tender_dict(tender: Tender) -> dict:
    period = {"start": tender.period.start.isoformat()}
    if tender.period.end:
        period["end"] = tender.period.end.isoformat()
    source = {"document": tender.source_document}
    if tender.source_title:
        source["title"] = tender.source_title
    return {
        "id": tender.id,
        "code": tender.code,
        "title": tender.title,
        "region": tender.region,
        "authority": tender.authority,
        "municipalities": list(tender.municipalities),
        "period": period,
        "target_groups": list(tender.target_groups),
        "budget": [_amount(a) for a in tender.budget],
        "volumes": [_amount(a) for a in tender.volumes],
        "source": source,
    } | (
        {"subregions": [{"name": s.name, "municipalities": list(s.municipalities)} for s in tender.subregions]}
        if tender.subregions
        else {}
    )


def _amount(amount) -> dict:
    out = {"label": amount.label, "value": amount.value, "unit": amount.unit, "section": amount.section}
    if amount.year is not None:
        out["year"] = amount.year
    if amount.applies_to:
        out["applies_to"] = list(amount.applies_to)
    return out


def _source(req: Requirement) -> dict:
    out = {"document": req.source.document, "section": req.source.section}
    if req.source.title:
        out["title"] = req.source.title
    if req.source.page is not None:
        out["page"] = req.source.page
    return out


def _deadline(deadline: Deadline, contract_start: dt.date | None) -> dict:
    out: dict = {"label": deadline.label}
    if deadline.after_contract_start is not None:
        value, unit = deadline.after_contract_start
        out["after_contract_start"] = {"value": value, "unit": unit}
    if deadline.date is not None or contract_start is not None:
        out["date"] = deadline.resolve(contract_start).isoformat()  # type: ignore[arg-type]
    return out


def requirement_dict(req: Requirement, contract_start: dt.date | None = None) -> dict:
    """One requirement as the export has it; *contract_start* dates the deadlines relative to it."""
    out = {
        "id": req.id,
        "tender": req.tender,
        "category": req.category,
        "obligation": req.obligation,
        "title": req.title,
        "text": req.text,
        "source": _source(req),
        "target_groups": list(req.target_groups),
        "norms": [norm.as_dict() for norm in req.norms],
    }
    if req.deadlines:
        out["deadlines"] = [_deadline(d, contract_start) for d in req.deadlines]
    if req.submit_with_bid:
        out["submit_with_bid"] = True
        out["bid_document"] = req.bid_document
    if req.related:
        out["related"] = list(req.related)
    if req.measurement:
        out["measurement"] = req.measurement
    if req.note:
        out["note"] = req.note
    return out


def to_json(catalog: Catalog) -> bytes:
    document = {
        "format_version": FORMAT_VERSION,
        "tenders": [tender_dict(t) for t in catalog.tenders],
        "requirements": [requirement_dict(r, t.period.start) for t in catalog.tenders for r in t.requirements],
    }
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


CSV_HEADERS = [
    "id",
    "tender",
    "category",
    "obligation",
    "title",
    "text",
    "source_document",
    "source_section",
    "target_groups",
    "norms",
    "measurement",
    "note",
    "related",
]


def norm_text(norm: Norm) -> str:
    """A norm in plain Dutch: ``opvangduur_binnen_norm maximaal 3 maanden in 80% van de gevallen (acuut)``."""
    value = f"{norm.value:g}".replace(".", ",")
    text = f"{norm.metric} {OPERATOR_LABELS[norm.operator]} {value} {UNIT_LABELS[norm.unit]}"
    if norm.share is not None:
        text += f" in {norm.share:g}% van de gevallen"
    if norm.applies_to:
        text += f" ({', '.join(norm.applies_to)})"
    if not norm.binding:
        text = f"{NORM_KIND_LABELS[norm.kind]}: {text}"
    return text


def _row(req: Requirement) -> list[str]:
    return [
        req.id,
        req.tender,
        req.category,
        req.obligation,
        req.title,
        req.text,
        req.source.document,
        req.source.section,
        ";".join(req.target_groups),
        " | ".join(norm_text(n) for n in req.norms),
        req.measurement or "",
        req.note or "",
        ";".join(req.related),
    ]


# A cell that starts with one of these is a formula to Excel, LibreOffice and Google Sheets (the tab
# and carriage return because spreadsheets skip them before looking); OWASP "CSV Injection".
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """*value* safe in a CSV cell that a spreadsheet opens: a leading formula character gets a ``'`` before it."""
    return "'" + value if value.startswith(_CSV_FORMULA_START) else value


def to_csv(catalog: Catalog) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for req in catalog.requirements:
        writer.writerow([csv_text(value) for value in _row(req)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


XLSX_WIDTHS = {
    "Id": 13,
    "Titel": 28,
    "Aanbesteding": 20,
    "Categorie": 13,
    "Verplichting": 10,
    "Tekst": 60,
    "Normen": 32,
    "Doelgroepen": 15,
    "Brondocument": 22,
    "Bronsectie": 22,
    "Wijze van meten": 24,
    "Toelichting": 24,
    "Verwant": 12,
}


def to_xlsx(catalog: Catalog) -> bytes:
    """The catalog for people: labels instead of keys, sources by title and section, tenders by title."""
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Eisen"
    titles = {t.id: t.title for t in catalog.tenders}
    rows = [
        [
            req.id,
            req.title,
            titles.get(req.tender, req.tender),
            CATEGORY_LABELS[req.category],
            OBLIGATION_LABELS[req.obligation],
            req.text,
            "\n".join(labels.norm(n, catalog.metrics) for n in req.norms),
            labels.groups(req.target_groups),
            req.source.title or catalog.tender(req.tender).source_title or req.source.document,
            req.source.section,
            req.measurement or "",
            req.note or "",
            ", ".join(req.related),
        ]
        for req in catalog.requirements
    ]
    # The table starts at A1, so that other tools read it as a table; the catalog's name heads each printed page.
    write_table(sheet, list(XLSX_WIDTHS), rows, XLSX_WIDTHS, freeze_through="Titel")
    tenders = workbook.create_sheet("Aanbestedingen")
    headers = ["Titel", "Regio", "Opdrachtgever", "Gemeenten", "Start", "Einde", "Doelgroepen", "Brondocument", "Eisen"]
    write_table(
        tenders,
        headers,
        [
            [
                t.title,
                t.region,
                t.authority,
                ", ".join(t.municipalities),
                Number(t.period.start, DATE),
                Number(t.period.end, DATE),
                labels.groups(t.target_groups),
                t.source_title or t.source_document,
                Number(len(t.requirements), INTEGER),
            ]
            for t in catalog.tenders
        ],
        {"Titel": 40, "Regio": 18, "Opdrachtgever": 26, "Gemeenten": 40, "Start": 11, "Einde": 11}
        | {"Doelgroepen": 22, "Brondocument": 30, "Eisen": 7},
        freeze_through="Titel",
        numeric=("Start", "Einde", "Eisen"),
    )
    return save_workbook(workbook, f"Eisencatalogus {catalog.name}")


FORMATS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx}
