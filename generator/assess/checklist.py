"""The self-assessment checklist: template rows from the catalog, and the filled checklist read back.

A checklist has one row per requirement: the requirement columns (id, category, obligation, title,
text, norms) come from the catalog and are locked in Excel; the provider fills in the input columns
(status, explanation, evidence, evidence valid until, owner, target date). The same content exists as
XLSX (for Excel users, see :mod:`generator.render.checklist_xlsx`), YAML (for people who keep it in
git) and Markdown (to read or print; not read back).

What an answer was given to. Every row carries the fingerprint of the requirement version it was made
for (:mod:`generator.assess.fingerprint`; hidden and protected in Excel). The assessment compares it
with the catalog: an answer to a requirement that changed since is ``verouderd``. The text, norms and
obligation shown in the row are read back too, to show what changed. ``opvang checklist --update``
(:mod:`generator.assess.migrate`) carries answers to a new version of the catalog and writes into the
column *Te controleren* (``review``) what changed in a requirement; the provider checks the answer and
empties that cell.

Order. Per tender, the requirements that must be handed in with the bid (``submit_with_bid``) come
first, in their own section "Bij de inschrijving in te leveren"; then the other requirements.

Reading back is robust to what people do in Excel and LibreOffice: rows sorted or filtered
differently, blank rows added, a note row without an id (skipped with a warning), a status typed with
other capitals or spaces, a date typed as text (``1-3-2027``) or entered as a date, extra sheets, a
formula in a cell (its calculated value counts), the file saved as ``.ods``. The column with the
requirement id (header ``Eis-id``) ties a row to the catalog; columns are found by their header, so
reordered columns also work. Everything that cannot be understood is reported with its place
(``invulling.xlsx:noord-midden-limburg-mo!G12`` or ``invulling.yaml:12:5``), up to
:data:`MAX_PROBLEMS` at once, and stops the command (exit 2) before any output is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.assess.fingerprint import fingerprint, is_fingerprint, norm_lines
from generator.assess.workbook import NO_VALUE, read_sheets, unreadable
from generator.catalog.load import display_path
from generator.catalog.model import CATEGORY_LABELS, OBLIGATION_LABELS, Catalog, Metric, Requirement, Tender
from generator.catalog.yamlsource import Located, parse_yaml_bytes
from generator.diagnostics import InputError, Problem, printable
from generator.inputs import MB, read_input
from generator.tabular import CellError, parse_date

# The words a provider can choose from (Excel dropdown and YAML), in this order.
STATUSES: tuple[str, ...] = ("voldoet", "voldoet deels", "voldoet niet", "gelijkwaardig", "gepland", "n.v.t.")
STATUS_HELP = ", ".join(STATUSES)

# (key, header in Excel). Catalog columns first, then the input columns, then what opvang writes.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "Eis-id"),
    ("category", "Categorie"),
    ("obligation", "Verplichting"),
    ("title", "Titel"),
    ("text", "Eistekst"),
    ("norms", "Normen"),
    ("status", "Status"),
    ("explanation", "Toelichting"),
    ("evidence", "Bewijs"),
    ("evidence_valid_until", "Bewijs geldig tot"),
    ("owner", "Eigenaar"),
    ("target_date", "Streefdatum"),
    ("review", "Te controleren"),
    ("fingerprint", "Vingerafdruk"),
)
INPUT_KEYS: tuple[str, ...] = (
    "status",
    "explanation",
    "evidence",
    "evidence_valid_until",
    "owner",
    "target_date",
    "review",
)
DATE_KEYS: tuple[str, ...] = ("evidence_valid_until", "target_date")
DATE_LABELS = {"evidence_valid_until": "bewijs geldig tot", "target_date": "streefdatum"}
SHOWN_KEYS: tuple[str, ...] = ("text", "obligation", "norms", "fingerprint")  # read back, never required
HEADERS = dict(COLUMNS)
BID_SECTION = "Bij de inschrijving in te leveren"
OTHER_SECTION = "Overige eisen"
SECTION_LABELS = (BID_SECTION, OTHER_SECTION)
SUMMARY_SHEET = "Overzicht"
PROVIDER_LABEL = "Aanbieder"
CATALOG_LABEL = "Catalogus"  # the catalog the checklist was made from: shown, never read back
MAX_CELL = 10_000
MAX_PROBLEMS = 50
MAX_UNPACKED = 50_000_000  # bytes a workbook may unpack to; a checklist of the whole catalog is about 1 MB
MAX_ENTRIES = 1_000  # parts in the zip
MAX_BYTES = 50 * MB  # a filled checklist file (XLSX, ODS or YAML; all 500 tenders of a national catalog: 23 MB)


@dataclass(frozen=True)
class Shown:
    """The requirement as the row showed it when the answer was given: text, obligation and norms."""

    text: str = ""
    obligation: str = ""
    norms: tuple[str, ...] | None = None  # None: the row had no norms (a checklist from before they were shown)


@dataclass(frozen=True)
class Entry:
    """What the provider filled in for one requirement (and what the row showed of the requirement)."""

    requirement_id: str
    status: str | None = None  # one of STATUSES, or None when empty
    explanation: str = ""
    evidence: str = ""
    evidence_valid_until: dt.date | None = None
    owner: str = ""
    target_date: dt.date | None = None
    review: str = ""  # written by --update: what changed in the requirement; emptied once checked
    fingerprint: str = ""  # of the requirement version the row was made for; '' in old checklists
    shown: Shown | None = None
    where: str = ""  # where the row stands, for messages

    @property
    def answered(self) -> bool:
        """Whether anything was filled in (a status, a text or a date)."""
        return bool(
            self.status
            or self.explanation
            or self.evidence
            or self.owner
            or self.evidence_valid_until
            or self.target_date
        )


@dataclass(frozen=True)
class FilledChecklist:
    """A filled checklist: the tenders it covers (catalog order) and an entry per requirement found.

    ``unknown`` holds the rows whose id is not in the catalog (only when reading for ``--update``,
    otherwise they are errors); ``warnings`` the rows that were skipped (a note without an id).
    """

    file: str
    tenders: tuple[str, ...]
    entries: dict[str, Entry] = field(default_factory=dict)
    provider: str | None = None
    unknown: dict[str, Entry] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()


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


def sections(tender: Tender) -> list[tuple[str | None, list[Requirement]]]:
    """The requirements of *tender* in checklist order: bid documents first (with their section label).

    Without bid documents there is one section without a label.
    """
    bid = [r for r in tender.requirements if r.submit_with_bid]
    if not bid:
        return [(None, list(tender.requirements))]
    rest = [r for r in tender.requirements if not r.submit_with_bid]
    return [(BID_SECTION, bid), (OTHER_SECTION, rest)] if rest else [(BID_SECTION, bid)]


def template_values(
    req: Requirement, entry: Entry | None = None, metrics: dict[str, Metric] | None = None
) -> dict[str, object]:
    """The cells of one checklist row (input columns from *entry*, empty without)."""
    entry = entry or Entry(req.id)
    title = req.title
    if req.submit_with_bid and req.bid_document:
        title += f"\nIn te leveren: {req.bid_document}"
    return {
        "id": req.id,
        "category": CATEGORY_LABELS.get(req.category, req.category),
        "obligation": OBLIGATION_LABELS.get(req.obligation, req.obligation),
        "title": title,
        "text": req.text,
        "norms": "\n".join(norm_lines(req, metrics)),
        "status": entry.status or "",
        "explanation": entry.explanation,
        "evidence": entry.evidence,
        "evidence_valid_until": entry.evidence_valid_until,
        "owner": entry.owner,
        "target_date": entry.target_date,
        "review": entry.review,
        "fingerprint": entry.fingerprint or fingerprint(req),
    }


def _yaml_row(req: Requirement, entry: Entry | None, metrics: dict[str, Metric] | None) -> dict:
    entry = entry or Entry(req.id)
    row: dict = {"id": req.id, "category": req.category, "obligation": req.obligation, "title": req.title}
    if req.submit_with_bid and req.bid_document:
        row["bid_document"] = req.bid_document
    row["text"] = req.text
    row["norms"] = list(norm_lines(req, metrics))
    for key in ("status", "explanation", "evidence"):
        row[key] = getattr(entry, key) or ""
    row["evidence_valid_until"] = entry.evidence_valid_until.isoformat() if entry.evidence_valid_until else ""
    row["owner"] = entry.owner
    row["target_date"] = entry.target_date.isoformat() if entry.target_date else ""
    if entry.review:
        row["review"] = entry.review
    row["fingerprint"] = entry.fingerprint or fingerprint(req)
    return row


YAML_HEADER = (
    "# Zelfevaluatie (checklist) gemaakt door opvang uit de eisencatalogus.\n"
    "# Vul per eis in: status (" + STATUS_HELP + "), explanation (toelichting),\n"
    "# evidence (bewijs: document of registratie), evidence_valid_until (bewijs geldig tot, JJJJ-MM-DD),\n"
    "# owner (eigenaar) en target_date (streefdatum, JJJJ-MM-DD). 'gelijkwaardig' vraagt toelichting en bewijs.\n"
    "# Per aanbesteding staan de documenten die u bij de inschrijving inlevert voorop (bid_documents).\n"
    "# Staat bij een eis 'review', dan is de eis gewijzigd sinds uw antwoord: controleer het en wis 'review'.\n"
    "# Wijzig id, category, obligation, title, text, norms en fingerprint niet.\n"
    "# Lees terug met: opvang assess BESTAND.yaml\n"
)


def catalog_line(catalog: str) -> str:
    """``Catalogus: <naam>`` on one line: a line break in the title cannot end a YAML comment early, and a
    control character (which YAML refuses even in a comment) shows as an escape."""
    return f"{CATALOG_LABEL}: {printable(' '.join(catalog.split()))}"


def render_yaml(
    tenders: list[Tender],
    filled: FilledChecklist | None = None,
    metrics: dict[str, Metric] | None = None,
    notes: tuple[str, ...] = (),
    catalog: str = "",
) -> bytes:
    """The checklist as YAML: per tender the bid documents (if any), then the other requirements.

    *notes* are extra comment lines for the top (what ``--update`` did); *catalog* is the name of the
    catalog it was made from, a comment line under the first (comments are not read back).
    """
    data: dict = {"provider": (filled.provider if filled else None) or "", "tenders": []}
    for tender in tenders:
        item: dict = {"id": tender.id, "title": tender.title}
        for label, reqs in sections(tender):
            rows = [_yaml_row(r, filled.entries.get(r.id) if filled else None, metrics) for r in reqs]
            item["bid_documents" if label == BID_SECTION else "requirements"] = rows
        item.setdefault("requirements", [])
        data["tenders"].append(item)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    body = body.replace("\n  bid_documents:\n", f"\n  # {BID_SECTION}\n  bid_documents:\n")
    extra = "".join(f"# {line}\n" for note in notes for line in note.splitlines())
    first, rest = YAML_HEADER.split("\n", 1)
    named = f"{first}\n# {catalog_line(catalog)}\n{rest}" if catalog.strip() else YAML_HEADER
    return (named + extra + body).encode("utf-8")


# --- reading back ---------------------------------------------------------------------------------


def normalize_status(text: str) -> str | None:
    """The status word for what a person typed ('Voldoet  Deels' → 'voldoet deels'); None if unknown."""
    word = re.sub(r"[\s_\-]+", " ", text.strip().lower())
    if word in ("nvt", "n.v.t", "n.v.t.", "n v t", "niet van toepassing"):
        return "n.v.t."
    return word if word in STATUSES else None


def read_filled(path: Path, catalog: Catalog, allow_unknown: bool = False) -> FilledChecklist:
    """Read a filled checklist (XLSX, ODS or YAML, by content) against *catalog*; InputError on any problem.

    With *allow_unknown*, rows of requirements that are not in the catalog are kept in ``unknown``
    instead of being errors (``opvang checklist --update``: requirements removed since).
    """
    name = display_path(Path(path))
    raw = read_input(
        path, name, limit=MAX_BYTES, what="checklist", expected="een ingevulde checklist (XLSX, ODS of YAML)"
    )
    if raw[:4] == b"PK\x03\x04":
        return _read_workbook(raw, name, catalog, allow_unknown)
    if not raw.strip():
        raise InputError(Problem(name, 1, 1, "bestand is leeg; verwacht een ingevulde checklist (XLSX, ODS of YAML)"))
    if Path(path).suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise InputError(unreadable(name))
    return _read_yaml(raw, name, catalog, allow_unknown)


class _Collector:
    """Collects located problems, warnings and the entries; checks ids against the catalog."""

    def __init__(self, name: str, catalog: Catalog, allow_unknown: bool = False):
        self.name = name
        self.by_id = {req.id: req for req in catalog.requirements}
        self.catalog = catalog
        self.allow_unknown = allow_unknown
        self.entries: dict[str, Entry] = {}
        self.unknown: dict[str, Entry] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, entry: Entry, where: Problem) -> None:
        rid = entry.requirement_id
        if rid in self.entries or rid in self.unknown:
            first = (self.entries.get(rid) or self.unknown[rid]).where
            self.problems.append(_at(where, f"eis-id '{rid}' staat twee keer in de checklist (ook: {first})"))
        elif rid in self.by_id:
            self.entries[rid] = entry
        elif self.allow_unknown:
            self.unknown[rid] = entry
        else:
            self.problems.append(self.unknown_id(where, rid))

    @staticmethod
    def unknown_id(where: Problem, rid: str) -> Problem:
        return _at(where, f"onbekende eis-id '{rid}'; deze eis staat niet in de catalogus")

    def result(self, provider: str | None) -> FilledChecklist:
        if not self.entries and not self.unknown and not self.problems:
            self.problems.append(
                Problem(self.name, None, None, "geen eisen gevonden; is dit een checklist van 'opvang checklist'?")
            )
        if self.problems:
            shown = self.problems[:MAX_PROBLEMS]
            if len(self.problems) > MAX_PROBLEMS:
                shown.append(
                    Problem(
                        self.name,
                        None,
                        None,
                        f"en nog {len(self.problems) - MAX_PROBLEMS} problemen; "
                        f"verbeter eerst de eerste {MAX_PROBLEMS}",
                    )
                )
            raise InputError(shown)
        tenders = {self.by_id[rid].tender for rid in self.entries}
        order = tuple(t.id for t in self.catalog.tenders if t.id in tenders)
        return FilledChecklist(
            self.name, order, dict(self.entries), provider or None, dict(self.unknown), tuple(self.warnings)
        )


def _at(where: Problem, message: str) -> Problem:
    return Problem(where.file, where.line, where.column, message)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _parse_input(key: str, value: object) -> object:
    if key == "status":
        text = _text(value)
        if not text:
            return None
        status = normalize_status(text)
        if status is None:
            raise CellError(f"onbekende status '{text}'; kies uit: {STATUS_HELP}")
        return status
    if key in DATE_KEYS:
        return _parse_date(value, DATE_LABELS[key])
    text = _text(value)
    if len(text) > MAX_CELL:
        raise CellError(f"tekst is langer dan {MAX_CELL} tekens; verwijs naar een document")
    return text


def _parse_date(value: object, label: str) -> dt.date | None:
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
        raise CellError(f"{label}: {exc}") from None


_OBLIGATION_KEYS = {label.lower(): key for key, label in OBLIGATION_LABELS.items()} | {k: k for k in OBLIGATION_LABELS}


def _shown(text: object, obligation: object, norms: object, has_norms: bool) -> Shown:
    """The requirement as the row shows it (norms: one per line in Excel, a list in YAML)."""
    lines: tuple[str, ...] | None = None
    if isinstance(norms, list):
        lines = tuple(str(n).strip() for n in norms if str(n).strip())
    elif has_norms:
        lines = tuple(line.strip() for line in _text(norms).splitlines() if line.strip())
    label = _text(obligation).lower()
    return Shown(_text(text), _OBLIGATION_KEYS.get(label, label), lines)


def _fingerprint_value(value: object) -> str:
    """A fingerprint cell: '' when empty or not in the form opvang writes (then it is no fingerprint)."""
    text = _text(value).lower()
    return text if is_fingerprint(text) else ""


# --- XLSX and ODS ---------------------------------------------------------------------------------


def _read_workbook(raw: bytes, name: str, catalog: Catalog, allow_unknown: bool) -> FilledChecklist:
    """Read every sheet with an ``Eis-id`` header (see :mod:`generator.assess.workbook` for how)."""
    _check_archive(raw, name)
    collector = _Collector(name, catalog, allow_unknown)
    provider = None
    found_sheet = False
    for sheet in read_sheets(raw, name):
        top: list[tuple] = []
        rows = iter(sheet.rows)
        pending: list[tuple[int, tuple]] = []
        for number, cells in rows:
            pending.append((number, cells))
            if number >= 10:
                break
        for number in range(1, 11):
            cells = next((c for n, c in pending if n == number), ())
            top.append(tuple(None if value is NO_VALUE else value for value in cells))
        provider = provider or _provider(top)
        header_row, positions, duplicates = _find_header(top)
        if header_row is None:
            continue  # an extra sheet (summary, notes): ignored
        found_sheet = True
        for column in duplicates:
            header = str(top[header_row - 1][column - 1]).strip()
            collector.problems.append(
                Problem(
                    f"{name}:{sheet.name}!{_coordinate(column, header_row)}",
                    None,
                    None,
                    f"kolom '{header}' staat twee keer in de kopregel; verwijder er één",
                )
            )
        if "status" not in positions:
            collector.problems.append(
                Problem(f"{name}:{sheet.name}!{header_row}", None, None, "kolom 'Status' ontbreekt in de kopregel")
            )
            continue
        if duplicates:
            continue
        for number, cells in _chain(pending, rows):
            if number <= header_row or not any(value is not None for value in cells):
                continue
            _workbook_row(collector, name, sheet.name, number, cells, positions)
    if not found_sheet:
        collector.problems.append(
            Problem(name, None, None, "geen tabblad met een kolom 'Eis-id' gevonden; is dit een checklist van opvang?")
        )
    return collector.result(provider)


def _chain(first: list, rest):
    yield from first
    yield from rest


def _workbook_row(
    collector: _Collector, name: str, sheet: str, number: int, cells: tuple, positions: dict[str, int]
) -> None:
    values: dict[str, object] = {}
    places = {key: f"{name}:{sheet}!{_coordinate(column, number)}" for key, column in positions.items()}
    bad = False
    for key, column in positions.items():
        value = cells[column - 1] if column - 1 < len(cells) else None
        if value is NO_VALUE:
            if key in INPUT_KEYS or key == "id":
                collector.problems.append(
                    Problem(
                        places[key],
                        None,
                        None,
                        "cel bevat een formule zonder berekende waarde; open en bewaar het bestand in Excel "
                        "of LibreOffice, of typ de waarde in",
                    )
                )
                bad = True
            value = None
        values[key] = value
    rid = _text(values.get("id"))
    row_place = Problem(places["id"], None, None)
    if not rid or rid in SECTION_LABELS:
        others = [c for i, c in enumerate(cells, start=1) if c not in (None, NO_VALUE) and i != positions["id"]]
        if not rid and others:
            collector.warnings.append(
                _at(
                    row_place,
                    "rij zonder eis-id overgeslagen (een eigen notitie?); "
                    "vul de eis-id in als de rij bij een eis hoort",
                )
            )
        return
    _add_entry(collector, rid, values, places, row_place, bad)


def _add_entry(
    collector: _Collector, rid: str, values: dict, places: dict[str, str], row_place: Problem, bad: bool
) -> None:
    parsed: dict[str, object] = {}
    for key in INPUT_KEYS:
        place = Problem(places[key], None, None) if key in places else row_place
        try:
            parsed[key] = _parse_input(key, values.get(key))
        except CellError as exc:
            collector.problems.append(_at(place, str(exc)))
            bad = True
    if bad:
        if rid not in collector.by_id and not collector.allow_unknown:
            collector.problems.append(collector.unknown_id(row_place, rid))
        return
    shown = _shown(values.get("text"), values.get("obligation"), values.get("norms"), "norms" in places)
    entry = Entry(
        rid,
        fingerprint=_fingerprint_value(values.get("fingerprint")),
        shown=shown,
        where=row_place.file if row_place.line is None else f"{row_place.file}:{row_place.line}",
        **parsed,
    )
    collector.add(entry, row_place)


def _check_archive(raw: bytes, name: str) -> None:
    """Refuse a damaged zip, or one that would unpack to more than :data:`MAX_UNPACKED` bytes (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(unreadable(name)) from None
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED:
        raise InputError(
            Problem(
                name,
                1,
                1,
                f"werkboek is uitgepakt groter dan {MAX_UNPACKED // 1_000_000} MB of heeft meer dan "
                f"{MAX_ENTRIES} onderdelen; een checklist is veel kleiner (is het bestand beschadigd?)",
            )
        )


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


# --- YAML -----------------------------------------------------------------------------------------

_YAML_KEYS = {key for key, _ in COLUMNS} | {"bid_document"}
_YAML_LISTS = ("bid_documents", "requirements")


def _read_yaml(raw: bytes, name: str, catalog: Catalog, allow_unknown: bool) -> FilledChecklist:
    doc = parse_yaml_bytes(raw, name, MAX_BYTES)
    collector = _Collector(name, catalog, allow_unknown)
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
        lists = [key for key in _YAML_LISTS if isinstance(tender, dict) and isinstance(tender.get(key), list)]
        if not lists:
            collector.problems.append(doc.problem(base, "verwacht een aanbesteding met 'requirements:' (een lijst)"))
            continue
        for key in lists:
            for r_index, item in enumerate(tender[key]):
                _yaml_item(collector, doc, (*base, key, r_index), item)
    return collector.result(provider.strip() if isinstance(provider, str) else None)


def _yaml_item(collector: _Collector, doc: Located, path: tuple, item: object) -> None:
    if not isinstance(item, dict):
        collector.problems.append(doc.problem(path, "verwacht een eis met id, status, explanation, evidence, ..."))
        return
    unknown = sorted(set(item) - _YAML_KEYS)
    for key in unknown:
        allowed = ", ".join(k for k, _ in COLUMNS)
        collector.problems.append(
            doc.problem((*path, key), f"onbekend veld '{key}'; toegestaan: {allowed}", prefer_key=True)
        )
    rid = item.get("id")
    if not isinstance(rid, str) or not rid.strip():
        collector.problems.append(doc.problem((*path, "id"), "eis zonder id; vul de eis-id in"))
        return
    line, column = doc.where((*path, "id"))
    bad = bool(unknown)
    values: dict[str, object] = {}
    for key in (*INPUT_KEYS, "text", "obligation", "fingerprint"):
        value = item.get(key)
        if value is not None and not isinstance(value, str | int | float) or isinstance(value, bool):
            collector.problems.append(doc.problem((*path, key), f"{key} moet tekst zijn"))
            bad = True
            continue
        values[key] = value
    norms = item.get("norms")
    if norms is not None and not (isinstance(norms, list) and all(isinstance(n, str) for n in norms)):
        collector.problems.append(doc.problem((*path, "norms"), "norms moet een lijst met tekst zijn"))
        bad = True
    else:
        if "norms" in item:
            values["norms"] = norms or []
    _add_yaml_entry(collector, doc, path, rid.strip(), values, Problem(doc.file, line, column), bad)


def _add_yaml_entry(
    collector: _Collector, doc: Located, path: tuple, rid: str, values: dict, row_place: Problem, bad: bool
) -> None:
    parsed: dict[str, object] = {}
    for key in INPUT_KEYS:
        try:
            parsed[key] = _parse_input(key, values.get(key))
        except CellError as exc:
            collector.problems.append(doc.problem((*path, key), str(exc)))
            bad = True
    if bad:
        if rid not in collector.by_id and not collector.allow_unknown:
            collector.problems.append(collector.unknown_id(row_place, rid))
        return
    entry = Entry(
        rid,
        fingerprint=_fingerprint_value(values.get("fingerprint")),
        shown=_shown(values.get("text"), values.get("obligation"), values.get("norms"), "norms" in values),
        where=f"{doc.file}:{row_place.line}",
        **parsed,
    )
    collector.add(entry, row_place)


# --- Markdown (for reading or printing; not read back) --------------------------------------------

MD_COLUMNS = ("id", "obligation", "title", "text", "norms", "status", "explanation", "evidence", "owner")


def render_markdown(tenders: list[Tender], metrics: dict[str, Metric] | None = None, catalog: str = "") -> bytes:
    """The checklist as Markdown tables, one section per tender, bid documents first (not read back).

    *catalog* is the name of the catalog it was made from, on a line under the title.
    """
    from generator.site.markdown import inline

    def cell(text: object) -> str:
        return inline(str(text).replace("\n", "; "))

    lines = ["# Zelfevaluatie aanbestedingseisen", ""]
    if catalog.strip():
        lines += [f"{CATALOG_LABEL}: {cell(' '.join(catalog.split()))}", ""]
    lines += [f"Status: kies uit {STATUS_HELP}" + ("" if STATUS_HELP.endswith(".") else "."), ""]
    for tender in tenders:
        lines += [f"## {cell(tender.title)} ({cell(tender.id)})", ""]
        for label, reqs in sections(tender):
            if label:
                lines += [f"### {label}", ""]
            lines.append("| " + " | ".join(HEADERS[key] for key in MD_COLUMNS) + " |")
            lines.append("|" + "---|" * len(MD_COLUMNS))
            for req in reqs:
                values = template_values(req, None, metrics)
                lines.append("| " + " | ".join(cell(values[key] or "") for key in MD_COLUMNS) + " |")
            lines.append("")
    return "\n".join(lines).encode("utf-8")
