"""The whole catalog flattened for other tools: JSON (data contract §1), CSV and XLSX.

The JSON is the contract: keys sorted, UTF-8, stable order (tenders by id, requirements in
catalog order), so that the same catalog always gives the same bytes.
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
from generator.render.xlsx import new_workbook, save_workbook, write_table

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


def to_xlsx(catalog: Catalog) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "Eisen"
    headers = [
        "Id",
        "Aanbesteding",
        "Categorie",
        "Verplichting",
        "Titel",
        "Tekst",
        "Brondocument",
        "Bronsectie",
        "Doelgroepen",
        "Normen",
        "Wijze van meten",
        "Toelichting",
        "Verwant",
    ]
    rows = []
    for req in catalog.requirements:
        row = _row(req)
        row[2] = CATEGORY_LABELS[req.category]
        row[3] = OBLIGATION_LABELS[req.obligation]
        row[6] = req.source.title or req.source.document
        rows.append(row)
    write_table(
        sheet,
        headers,
        rows,
        {
            "Titel": 40,
            "Tekst": 80,
            "Normen": 50,
            "Bronsectie": 30,
            "Wijze van meten": 40,
            "Toelichting": 40,
            "Id": 14,
            "Aanbesteding": 26,
        },
    )
    tenders = workbook.create_sheet("Aanbestedingen")
    write_table(
        tenders,
        [
            "Id",
            "Titel",
            "Regio",
            "Opdrachtgever",
            "Gemeenten",
            "Start",
            "Einde",
            "Doelgroepen",
            "Brondocument",
            "Eisen",
        ],
        [
            [
                t.id,
                t.title,
                t.region,
                t.authority,
                ", ".join(t.municipalities),
                t.period.start.isoformat(),
                t.period.end.isoformat() if t.period.end else "",
                ", ".join(t.target_groups),
                t.source_document,
                len(t.requirements),
            ]
            for t in catalog.tenders
        ],
        {"Titel": 50, "Gemeenten": 50, "Id": 28},
    )
    return save_workbook(workbook)


FORMATS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx}
