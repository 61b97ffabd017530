"""The self-assessment checklist: template rows from the catalog, and the filled checklist read back.

A checklist has one row per requirement: the requirement columns (id, category, obligation, title,
text) come from the catalog and are locked in Excel; the provider fills in the input columns
(status, explanation, evidence, owner, target date). The same content exists as XLSX (for Excel
users, see :mod:`generator.render.checklist_xlsx`) and YAML (for people who keep it in git).

Reading back is robust to what people do in Excel: rows sorted or filtered differently, blank rows
added, a status typed with other capitals or spaces, a date typed as text (``1-3-2027``) or entered
as an Excel date, extra sheets, a formula in a cell (its calculated value counts). The column with
the requirement id (header ``Eis-id``) is what ties a row to the catalog; columns are found by their
header, so reordered columns also work. Everything that cannot be understood is reported with its
place (``invulling.xlsx:noord-midden-limburg-mo!F12`` or ``invulling.yaml:12:5``) and stops the
command (exit 2) before any output is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.catalog.load import display_path
from generator.catalog.model import CATEGORY_LABELS, OBLIGATION_LABELS, Catalog, Requirement, Tender
from generator.catalog.yamlsource import Located, parse_yaml_bytes
from generator.diagnostics import InputError, Problem
from generator.inputs import MB, read_input
from generator.tabular import CellError, parse_date

# The words a provider can choose from (Excel dropdown and YAML), in this order.
STATUSES: tuple[str, ...] = ("voldoet", "voldoet deels", "voldoet niet", "n.v.t.", "gepland")
STATUS_HELP = ", ".join(STATUSES)

# (key, header in Excel). The first five come from the catalog, the last five are filled in.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "Eis-id"),
    ("category", "Categorie"),
    ("obligation", "Verplichting"),
    ("title", "Titel"),
    ("text", "Eistekst"),
    ("status", "Status"),
    ("explanation", "Toelichting"),
    ("evidence", "Bewijs"),
    ("owner", "Eigenaar"),
    ("target_date", "Streefdatum"),
)
INPUT_KEYS: tuple[str, ...] = ("status", "explanation", "evidence", "owner", "target_date")
HEADERS = dict(COLUMNS)
SUMMARY_SHEET = "Overzicht"
PROVIDER_LABEL = "Aanbieder"
MAX_CELL = 10_000
MAX_UNPACKED = 50_000_000  # bytes an XLSX may unpack to; a checklist of the whole catalog is about 1 MB
MAX_ENTRIES = 1_000  # parts in the XLSX zip
MAX_BYTES = 50 * MB  # a filled checklist file; a YAML checklist is refused above 20 MB by the YAML reader


@dataclass(frozen=True)
class Entry:
    """What the provider filled in for one requirement."""

    requirement_id: str
    status: str | None = None  # one of STATUSES, or None when empty
    explanation: str = ""
    evidence: str = ""
    owner: str = ""
    target_date: dt.date | None = None
    where: str = ""  # where the row stands, for messages


@dataclass(frozen=True)
class FilledChecklist:
    """A filled checklist: the tenders it covers (catalog order) and an entry per requirement found."""

    file: str
    tenders: tuple[str, ...]
    entries: dict[str, Entry] = field(default_factory=dict)
    provider: str | None = None


# --- selecting tenders and building the template --------------------------------------------------


def select_tenders(catalog: Catalog, names: tuple[str, ...] | list[str]) -> list[Tender]:
    """The tenders named by id or code (case-insensitive), in catalog order; all when *names* is empty."""
    if not names:
        return list(catalog.tenders)
    chosen: list[str] = []
    problems: list[Problem] = []
    for name in names:
        key = name.strip().lower()
        tender = next((t for t in catalog.tenders if key in (t.id.lower(), t.code.lower())), None)
        if tender is None:
            known = ", ".join(t.id for t in catalog.tenders)
            problems.append(Problem(name, None, None, f"onbekende aanbesteding; kies uit: {known}"))
        elif tender.id not in chosen:
            chosen.append(tender.id)
    if problems:
        raise InputError(problems)
    return [t for t in catalog.tenders if t.id in chosen]


def template_values(req: Requirement, entry: Entry | None = None) -> dict[str, object]:
    """The cells of one checklist row (input columns from *entry*, empty without)."""
    entry = entry or Entry(req.id)
    return {
        "id": req.id,
        "category": CATEGORY_LABELS.get(req.category, req.category),
        "obligation": OBLIGATION_LABELS.get(req.obligation, req.obligation),
        "title": req.title,
        "text": req.text,
        "status": entry.status or "",
        "explanation": entry.explanation,
        "evidence": entry.evidence,
        "owner": entry.owner,
        "target_date": entry.target_date,
    }


def render_yaml(tenders: list[Tender], filled: FilledChecklist | None = None) -> bytes:
    """The checklist as YAML: a list of tenders, each with its requirements and empty input fields."""
    data: dict = {"provider": (filled.provider if filled else None) or "", "tenders": []}
    for tender in tenders:
        rows = []
        for req in tender.requirements:
            entry = filled.entries.get(req.id) if filled else None
            entry = entry or Entry(req.id)
            rows.append(
                {
                    "id": req.id,
                    "category": req.category,
                    "obligation": req.obligation,
                    "title": req.title,
                    "text": req.text,
                    "status": entry.status or "",
                    "explanation": entry.explanation,
                    "evidence": entry.evidence,
                    "owner": entry.owner,
                    "target_date": entry.target_date.isoformat() if entry.target_date else "",
                }
            )
        data["tenders"].append({"id": tender.id, "title": tender.title, "requirements": rows})
    header = (
        "# Zelfevaluatie (checklist) gemaakt door opvang uit de eisencatalogus.\n"
        "# Vul per eis in: status (" + STATUS_HELP + "), explanation (toelichting),\n"
        "# evidence (bewijs: document of registratie), owner (eigenaar) en target_date (streefdatum, JJJJ-MM-DD).\n"
        "# Wijzig id, category, obligation, title en text niet; lees terug met: opvang assess BESTAND.yaml\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return (header + body).encode("utf-8")


# --- reading back ---------------------------------------------------------------------------------


def normalize_status(text: str) -> str | None:
    """The status word for what a person typed ('Voldoet  Deels' → 'voldoet deels'); None if unknown."""
    word = re.sub(r"[\s_\-]+", " ", text.strip().lower())
    if word in ("nvt", "n.v.t", "n.v.t.", "n v t", "niet van toepassing"):
        return "n.v.t."
    return word if word in STATUSES else None


def read_filled(path: Path, catalog: Catalog) -> FilledChecklist:
    """Read a filled checklist (XLSX or YAML, by content) against *catalog*; InputError on any problem."""
    name = display_path(Path(path))
    raw = read_input(path, name, limit=MAX_BYTES, what="checklist", expected="een ingevulde checklist (XLSX of YAML)")
    if raw[:4] == b"PK\x03\x04":
        return _read_xlsx(raw, name, catalog)
    if not raw.strip():
        raise InputError(Problem(name, 1, 1, "bestand is leeg; verwacht een ingevulde checklist (XLSX of YAML)"))
    if Path(path).suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise InputError(_unreadable(name))
    return _read_yaml(raw, name, catalog)


class _Collector:
    """Collects located problems and the entries, checks ids against the catalog."""

    def __init__(self, name: str, catalog: Catalog):
        self.name = name
        self.by_id = {req.id: req for req in catalog.requirements}
        self.catalog = catalog
        self.entries: dict[str, Entry] = {}
        self.problems: list[Problem] = []

    def add(self, entry: Entry, where: Problem) -> None:
        if entry.requirement_id not in self.by_id:
            self.problems.append(
                _at(where, f"onbekende eis-id '{entry.requirement_id}'; deze eis staat niet in de catalogus")
            )
        elif entry.requirement_id in self.entries:
            first = self.entries[entry.requirement_id].where
            self.problems.append(
                _at(where, f"eis-id '{entry.requirement_id}' staat twee keer in de checklist (ook: {first})")
            )
        else:
            self.entries[entry.requirement_id] = entry

    def result(self, provider: str | None) -> FilledChecklist:
        if not self.entries and not self.problems:
            self.problems.append(
                Problem(self.name, None, None, "geen eisen gevonden; is dit een checklist van 'opvang checklist'?")
            )
        if self.problems:
            raise InputError(self.problems[:50])
        tenders = {self.by_id[rid].tender for rid in self.entries}
        order = tuple(t.id for t in self.catalog.tenders if t.id in tenders)
        return FilledChecklist(self.name, order, dict(self.entries), provider or None)


def _at(where: Problem, message: str) -> Problem:
    return Problem(where.file, where.line, where.column, message)


# --- XLSX -----------------------------------------------------------------------------------------


def _read_xlsx(raw: bytes, name: str, catalog: Catalog) -> FilledChecklist:
    """Read every sheet with an ``Eis-id`` header; rows are streamed, so a far-away cell costs nothing."""
    _check_archive(raw, name)
    with warnings.catch_warnings():  # openpyxl's English warnings (unsupported extensions, odd dates) say nothing
        warnings.simplefilter("ignore")  # a person can act on; what matters is reported per cell below
        values = _open_workbook(raw, name, data_only=True)
        formulas = _open_workbook(raw, name, data_only=False)
        try:
            return _read_sheets(values, formulas, name, catalog)
        except InputError:
            raise
        except Exception:  # openpyxl parses sheets lazily: damage inside a sheet shows up only here
            raise InputError(_unreadable(name)) from None
        finally:
            values.close()
            formulas.close()


def _unreadable(name: str) -> Problem:
    return Problem(name, 1, 1, "geen geldig Excel-bestand (.xlsx); sla het in Excel opnieuw op als .xlsx")


def _check_archive(raw: bytes, name: str) -> None:
    """Refuse a damaged zip, or one that would unpack to more than :data:`MAX_UNPACKED` bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(_unreadable(name)) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED:
        raise InputError(
            Problem(
                name,
                1,
                1,
                f"Excel-bestand is uitgepakt groter dan {MAX_UNPACKED // 1_000_000} MB of heeft meer dan "
                f"{MAX_ENTRIES} onderdelen; een checklist is veel kleiner (is het bestand beschadigd?)",
            )
        )


def _open_workbook(raw: bytes, name: str, data_only: bool):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), data_only=data_only, read_only=True)
    except Exception:  # openpyxl raises many kinds of error (zip, XML, KeyError...) on a damaged file
        raise InputError(_unreadable(name)) from None
    for sheet in workbook.worksheets:
        sheet.reset_dimensions()  # the stated size may be wrong; read the rows that are there
    return workbook


def _read_sheets(values, formulas, name: str, catalog: Catalog) -> FilledChecklist:
    collector = _Collector(name, catalog)
    provider = None
    found_sheet = False
    for sheet in values.worksheets:
        top = list(sheet.iter_rows(min_row=1, max_row=10, max_col=60, values_only=True))
        provider = provider or _provider(top)
        header_row, positions, duplicates = _find_header(top)
        if header_row is None:
            continue  # an extra sheet (summary, notes): ignored
        found_sheet = True
        for column in duplicates:
            header = str(top[header_row - 1][column - 1]).strip()
            collector.problems.append(
                Problem(
                    f"{name}:{sheet.title}!{_coordinate(column, header_row)}",
                    None,
                    None,
                    f"kolom '{header}' staat twee keer in de kopregel; verwijder er één",
                )
            )
        if "status" not in positions:
            collector.problems.append(
                Problem(f"{name}:{sheet.title}!{header_row}", None, None, "kolom 'Status' ontbreekt in de kopregel")
            )
            continue
        if duplicates:
            continue
        width = max(positions.values())
        rows = zip(
            sheet.iter_rows(min_row=header_row + 1, max_col=width, values_only=True),
            formulas[sheet.title].iter_rows(min_row=header_row + 1, max_col=width, values_only=True),
            strict=False,
        )
        for row, (cells_row, formula_row) in enumerate(rows, start=header_row + 1):
            if not any(value is not None for value in cells_row):
                continue
            cells: dict[str, object] = {}
            for key, column in positions.items():
                where = f"{name}:{sheet.title}!{_coordinate(column, row)}"
                try:
                    cells[key] = _cell_value(cells_row[column - 1], formula_row[column - 1])
                except CellError as exc:
                    collector.problems.append(Problem(where, None, None, str(exc)))
                    cells[key] = None
            _add_row(collector, cells, {k: f"{name}:{sheet.title}!{_coordinate(c, row)}" for k, c in positions.items()})
    if not found_sheet:
        collector.problems.append(
            Problem(name, None, None, "geen tabblad met een kolom 'Eis-id' gevonden; is dit een checklist van opvang?")
        )
    return collector.result(provider)


def _coordinate(column: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _find_header(top: list[tuple]) -> tuple[int | None, dict[str, int], list[int]]:
    """The header row (the first with ``Eis-id``), the column of each key, and columns that repeat a header."""
    lookup = {header.lower(): key for key, header in COLUMNS} | {key: key for key, _ in COLUMNS}
    for row, cells in enumerate(top, start=1):
        positions: dict[str, int] = {}
        duplicates: list[int] = []
        for column, value in enumerate(cells, start=1):
            if isinstance(value, str):
                key = lookup.get(value.strip().lower())
                if key and key in positions:
                    duplicates.append(column)
                elif key:
                    positions[key] = column
        if "id" in positions:
            return row, positions, duplicates
    return None, {}, []


def _provider(top: list[tuple]) -> str | None:
    for cells in top:
        label = cells[0] if cells else None
        if isinstance(label, str) and label.strip().rstrip(":").lower() == PROVIDER_LABEL.lower() and len(cells) > 1:
            value = cells[1]
            return str(value).strip() if value not in (None, "") else None
    return None


def _cell_value(value: object, formula: object) -> object:
    """The value a person sees: the calculated value of a formula, or a clear error without one."""
    is_formula = (isinstance(formula, str) and formula.startswith("=")) or type(formula).__name__ == "ArrayFormula"
    if is_formula and value is None:
        raise CellError(
            "cel bevat een formule zonder berekende waarde; open en bewaar het bestand in Excel, of typ de waarde in"
        )
    return value


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _add_row(collector: _Collector, cells: dict[str, object], places: dict[str, str]) -> None:
    """Turn one row of cells into an entry (or skip it when it is blank)."""
    rid = _text(cells.get("id"))
    inputs = {key: cells.get(key) for key in INPUT_KEYS}
    row_place = Problem(places.get("id", next(iter(places.values()))), None, None)
    if not rid:
        if any(_text(v) for v in inputs.values()):
            collector.problems.append(
                _at(row_place, "rij is ingevuld maar heeft geen eis-id; vul de eis-id in of verwijder de rij")
            )
        return
    entry_values: dict[str, object] = {}
    bad = False
    for key in INPUT_KEYS:
        value = inputs[key]
        place = Problem(places[key], None, None) if key in places else row_place
        try:
            entry_values[key] = _parse_input(key, value)
        except CellError as exc:
            collector.problems.append(_at(place, str(exc)))
            bad = True
    if not bad:
        collector.add(Entry(rid, where=row_place.file, **entry_values), row_place)
    elif rid not in collector.by_id:
        collector.problems.append(_at(row_place, f"onbekende eis-id '{rid}'; deze eis staat niet in de catalogus"))


def _parse_input(key: str, value: object) -> object:
    if key == "status":
        text = _text(value)
        if not text:
            return None
        status = normalize_status(text)
        if status is None:
            raise CellError(f"onbekende status '{text}'; kies uit: {STATUS_HELP}")
        return status
    if key == "target_date":
        return _parse_target_date(value)
    text = _text(value)
    if len(text) > MAX_CELL:
        raise CellError(f"tekst is langer dan {MAX_CELL} tekens; verwijs naar een document")
    return text


def _parse_target_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        try:
            converted = from_excel(value)
        except (ValueError, OverflowError, TypeError):
            raise CellError(f"'{value}' is geen datum; gebruik DD-MM-JJJJ") from None
        if isinstance(converted, dt.datetime) and 1990 <= converted.year <= 2200:
            return converted.date()
        raise CellError(f"'{value}' is geen datum; gebruik DD-MM-JJJJ")
    text = re.sub(r"[/.]", "-", str(value).strip())
    try:
        return parse_date(text)
    except CellError as exc:
        raise CellError(f"streefdatum: {exc}") from None


# --- YAML -----------------------------------------------------------------------------------------

_YAML_KEYS = {key for key, _ in COLUMNS}


def _read_yaml(raw: bytes, name: str, catalog: Catalog) -> FilledChecklist:
    doc = parse_yaml_bytes(raw, name)
    collector = _Collector(name, catalog)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("tenders"), list):
        raise InputError(
            doc.problem((), "verwacht een checklist met 'tenders:' (een lijst); maak er een met opvang checklist")
        )
    provider = data.get("provider")
    if provider is not None and not isinstance(provider, str):
        collector.problems.append(doc.problem(("provider",), "provider moet tekst zijn"))
        provider = None
    for t_index, tender in enumerate(data["tenders"]):
        base = ("tenders", t_index)
        if not isinstance(tender, dict) or not isinstance(tender.get("requirements"), list):
            collector.problems.append(doc.problem(base, "verwacht een aanbesteding met 'requirements:' (een lijst)"))
            continue
        for r_index, item in enumerate(tender["requirements"]):
            path = (*base, "requirements", r_index)
            _yaml_item(collector, doc, path, item)
    return collector.result(provider.strip() if isinstance(provider, str) else None)


def _yaml_item(collector: _Collector, doc: Located, path: tuple, item: object) -> None:
    if not isinstance(item, dict):
        collector.problems.append(doc.problem(path, "verwacht een eis met id, status, explanation, evidence, ..."))
        return
    unknown = sorted(set(item) - _YAML_KEYS)
    for key in unknown:
        collector.problems.append(
            doc.problem(
                (*path, key), f"onbekend veld '{key}'; toegestaan: {', '.join(k for k, _ in COLUMNS)}", prefer_key=True
            )
        )
    rid = item.get("id")
    if not isinstance(rid, str) or not rid.strip():
        collector.problems.append(doc.problem((*path, "id"), "eis zonder id; vul de eis-id in"))
        return
    line, column = doc.where((*path, "id"))
    values: dict[str, object] = {}
    bad = bool(unknown)
    for key in INPUT_KEYS:
        value = item.get(key)
        if value is not None and not isinstance(value, str | int | float) or isinstance(value, bool):
            collector.problems.append(doc.problem((*path, key), f"{key} moet tekst zijn"))
            bad = True
            continue
        try:
            values[key] = _parse_input(key, value)
        except CellError as exc:
            collector.problems.append(doc.problem((*path, key), str(exc)))
            bad = True
    if not bad:
        collector.add(Entry(rid.strip(), where=f"{doc.file}:{line}", **values), Problem(doc.file, line, column))
    elif rid.strip() not in collector.by_id:
        collector.problems.append(
            Problem(doc.file, line, column, f"onbekende eis-id '{rid}'; deze eis staat niet in de catalogus")
        )


# --- Markdown (for reading or printing; not read back) --------------------------------------------


def render_markdown(tenders: list[Tender]) -> bytes:
    """The checklist as Markdown tables, one section per tender (read back only XLSX or YAML)."""

    def cell(text: object) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")

    lines = ["# Zelfevaluatie aanbestedingseisen", "", f"Status: kies uit {STATUS_HELP}.", ""]
    for tender in tenders:
        lines += [f"## {cell(tender.title)} ({tender.id})", ""]
        lines.append("| " + " | ".join(header for _, header in COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        for req in tender.requirements:
            values = template_values(req)
            lines.append("| " + " | ".join(cell(values[key] or "") for key, _ in COLUMNS) + " |")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
