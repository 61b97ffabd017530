"""Read the provider's CSV files (staff roster, client registrations, ZRM) as the contract describes.

Contract §2-3: header names match case-insensitively; the delimiter is ``,`` or ``;`` (Dutch Excel
writes ``;``); the encoding is UTF-8 (with or without BOM) or Windows-1252; dates are ``YYYY-MM-DD``
or ``DD-MM-YYYY``; date-times ``YYYY-MM-DD HH:MM`` or a date alone (read as 00:00).

A :class:`CsvSpec` names the columns and how to parse each. :func:`iter_csv` streams rows as tuples
in the spec's column order (cheap enough for a million rows); :func:`read_csv` collects them. Every
problem is located as ``FILE:LINE:COL`` in Dutch; unusable input raises
:class:`~generator.diagnostics.InputError` (exit 2) listing up to :data:`MAX_PROBLEMS` problems.
Columns that would hold direct identifiers (name, BSN, full birth date...) are refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import InputError, Problem
from generator.inputs import MB, read_input
from generator.privacy import find_personal_data, identifying_column

MAX_PROBLEMS = 50
MAX_FIELD = 10_000
# A million trajectories take about 150 MB; a file beyond this is a mistake (or /dev/zero) and is
# refused on its size before it is read, instead of filling the memory.
MAX_BYTES = 1024 * MB
# Dates outside these years are typing errors (0001, 9999) and would overflow date arithmetic.
MIN_YEAR = 1900
MAX_YEAR = 2200
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")
_DMY = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_DMY_TIME = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


class CellError(ValueError):
    """A value that cannot be parsed; its message is the Dutch explanation."""


def _in_range(text: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CellError(f"'{text}' ligt buiten de jaren {MIN_YEAR} tot en met {MAX_YEAR}; controleer het jaartal")


def parse_date(text: str) -> dt.date:
    """``YYYY-MM-DD`` or ``DD-MM-YYYY``; anything else, or a date that does not exist, is a :class:`CellError`."""
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        _in_range(text, year)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise CellError(f"'{text}' is geen bestaande datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ") from None
    match = _DMY.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        _in_range(text, year)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise CellError(f"'{text}' is geen bestaande datum (dag {day} bestaat niet in maand {month})") from None
    raise CellError(f"'{text}' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ")


def parse_datetime(text: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` (or ``DD-MM-YYYY HH:MM``, or a date alone read as 00:00); no time zones."""
    iso = _ISO_TIME.fullmatch(text)
    dmy = None if iso else _DMY_TIME.fullmatch(text)
    if iso or dmy:
        if iso:
            year, month, day, hour, minute = (int(g) for g in iso.groups()[:5])
        else:
            day, month, year, hour, minute = (int(g) for g in dmy.groups()[:5])
        _in_range(text, year)
        try:
            return dt.datetime(year, month, day, hour, minute, int((iso or dmy).group(6) or 0))
        except ValueError:
            raise CellError(f"'{text}' is geen bestaand tijdstip; gebruik JJJJ-MM-DD UU:MM") from None
    try:
        date = parse_date(text)
    except CellError:
        if any(mark in text for mark in " T:"):
            raise CellError(f"'{text}' is geen tijdstip; gebruik JJJJ-MM-DD UU:MM") from None
        raise
    return dt.datetime(date.year, date.month, date.day)


def parse_yes_no(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("ja", "j", "yes", "y", "true", "1"):
        return True
    if lowered in ("nee", "n", "no", "false", "0"):
        return False
    raise CellError(f"'{text}' is geen ja of nee")


def parse_number(text: str) -> float:
    """A number, with a decimal comma or point (``7,5``)."""
    try:
        value = float(text.replace(",", ".")) if text.count(",") <= 1 else float("nan")
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"'{text}' is geen getal")
    return value


def choice(*options: str) -> Callable[[str], str]:
    """A parser accepting one of *options* (case-insensitive), returned in lower case."""
    allowed = {option.lower(): option for option in options}

    def parse(text: str) -> str:
        value = allowed.get(text.lower())
        if value is None:
            raise CellError(f"'{text}' is geen geldige waarde; kies uit: {', '.join(options)}")
        return value

    return parse


def text_value(text: str) -> str:
    return text


@dataclass(frozen=True)
class Column:
    """One column of a CSV file: name, whether it is required, and how to parse a non-empty cell."""

    name: str
    required: bool = False
    parse: Callable[[str], object] = text_value
    intern: bool = False  # share equal strings (group names, municipalities) to save memory
    free_text: bool = False  # scan for personal data (names of people, phone numbers, e-mail)


@dataclass(frozen=True)
class CsvSpec:
    """What a CSV file must look like: its columns and, optionally, a column whose values are unique."""

    title: str  # Dutch name of the file kind, for messages ("personeelsbestand")
    columns: tuple[Column, ...]
    unique: str | None = None

    def index(self, name: str) -> int:
        return [c.name for c in self.columns].index(name)


@dataclass
class Table:
    """Parsed rows (tuples in spec column order) and the line each came from."""

    file: str
    spec: CsvSpec
    rows: list[tuple] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    present: frozenset[str] = frozenset()  # the spec columns the file actually has


def dutch_csv_error(exc: csv.Error) -> str:
    """What Python's csv module means, in Dutch, with what to do about it."""
    text = str(exc)
    if "unexpected end of data" in text:
        return 'het bestand houdt op binnen aanhalingstekens; controleer de aanhalingstekens (")'
    if "field larger than field limit" in text:
        return f'een veld is langer dan {MAX_FIELD} tekens; controleer de aanhalingstekens (")'
    if "expected after" in text:
        return 'na een afsluitend aanhalingsteken (") hoort een scheidingsteken; controleer de aanhalingstekens'
    if "NUL" in text:
        return "het bestand bevat een NUL-teken; is dit wel een CSV-bestand?"
    return f"controleer de aanhalingstekens ({text})"


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1252 (contract §2-3), and never a silent mix of the two.

    A BOM promises UTF-8. Without one, a file that is valid UTF-8 is UTF-8; a file that is not, but
    holds UTF-8 characters elsewhere (é written as two bytes), is a damaged UTF-8 file: the first bad
    byte is located instead of reading the whole file as Windows-1252 and garbling every é. A file
    without any UTF-8 character is Windows-1252; a byte that Windows-1252 does not define is located too.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise InputError(
                Problem(
                    name,
                    _line_of(raw, 3 + exc.start),
                    None,
                    "het bestand begint als UTF-8 (met BOM) maar deze regel bevat een teken dat geen UTF-8 is; "
                    "sla het bestand opnieuw op als CSV UTF-8",
                )
            ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _has_utf8_character(raw):
        raise InputError(
            Problem(
                name,
                _line_of(raw, first_bad),
                None,
                "het bestand is UTF-8 maar deze regel bevat een teken dat geen UTF-8 is (beschadigd of uit een "
                "ander bestand geplakt); verbeter het teken of sla het bestand opnieuw op als CSV UTF-8",
            )
        )
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(
                name,
                _line_of(raw, exc.start),
                None,
                f"teken 0x{raw[exc.start]:02X} op deze regel bestaat niet in UTF-8 of Windows-1252; "
                "sla het bestand opnieuw op als CSV UTF-8",
            )
        ) from None


_UTF8_CHARACTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_character(raw: bytes) -> bool:
    """Whether *raw* holds a multi-byte UTF-8 character (a Windows-1252 text practically never does)."""
    return _UTF8_CHARACTER.search(raw) is not None


def _line_of(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _sniff_delimiter(header_line: str) -> str:
    outside = re.sub(r'"[^"]*"', "", header_line)
    return ";" if outside.count(";") > outside.count(",") else ","


@dataclass
class CsvFile:
    """An opened CSV file whose header has been checked; :meth:`rows` parses the data rows."""

    file: str
    spec: CsvSpec
    present: frozenset[str]  # the spec columns the file actually has
    _reader: object
    _positions: list[int | None]
    _width: int

    def column_numbers(self) -> dict[str, int]:
        """The (1-based) column number of each spec column the file has, for locating a value."""
        return {c.name: p + 1 for c, p in zip(self.spec.columns, self._positions, strict=True) if p is not None}

    def rows(self) -> Iterator[tuple[int, tuple]]:
        """Yield ``(line, row)`` per data row; raise :class:`InputError` once the problems are collected.

        Problems are raised together after the file has been read (or once :data:`MAX_PROBLEMS`
        are found), so a caller must not publish anything before the iteration has finished.
        """
        name, spec, reader, positions, width = self.file, self.spec, self._reader, self._positions, self._width
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        unique_index = spec.index(spec.unique) if spec.unique else None
        columns = spec.columns
        line = 1
        try:
            for record in reader:
                line = reader.line_num
                if not record or all(not cell.strip() for cell in record):
                    continue
                if len(record) != width:
                    problems.append(
                        Problem(
                            name,
                            line,
                            None,
                            f"regel heeft {len(record)} velden maar de kopregel {width}; "
                            "controleer het scheidingsteken (, of ;) en de aanhalingstekens",
                        )
                    )
                    continue
                row = []
                bad = False
                for index, position in enumerate(positions):
                    column = columns[index]
                    cell = record[position].strip() if position is not None else ""
                    if not cell:
                        if column.required:
                            problems.append(Problem(name, line, position + 1, f"'{column.name}' is leeg; vul het in"))
                            bad = True
                        row.append(None)
                        continue
                    if len(cell) > MAX_FIELD:
                        problems.append(
                            Problem(name, line, position + 1, f"'{column.name}' is langer dan {MAX_FIELD} tekens")
                        )
                        bad = True
                        row.append(None)
                        continue
                    try:
                        value = column.parse(cell)
                    except CellError as exc:
                        problems.append(Problem(name, line, position + 1, f"{column.name}: {exc}"))
                        bad = True
                        row.append(None)
                        continue
                    found = find_personal_data(cell) if column.free_text else None
                    if found:
                        problems.append(
                            Problem(
                                name,
                                line,
                                position + 1,
                                f"{column.name} bevat persoonsgegevens: {found[0].label}; verwijder die",
                            )
                        )
                        bad = True
                    if column.intern and isinstance(value, str):
                        value = sys.intern(value)
                    row.append(value)
                if unique_index is not None and row[unique_index] is not None:
                    key = row[unique_index]
                    if key in seen:
                        problems.append(
                            Problem(
                                name,
                                line,
                                positions[unique_index] + 1,
                                f"{spec.unique} '{key}' staat al op regel {seen[key]}; elk id mag één keer voorkomen",
                            )
                        )
                        bad = True
                    else:
                        seen[key] = line
                if not bad and not problems:
                    yield line, tuple(row)
                if len(problems) >= MAX_PROBLEMS:
                    problems.append(Problem(name, line, None, f"meer dan {MAX_PROBLEMS} fouten; verwerking gestopt"))
                    break
        except csv.Error as exc:
            problems.append(Problem(name, line + 1, None, f"geen geldige CSV: {dutch_csv_error(exc)}"))
        if problems:
            raise InputError(problems)


def open_csv(path: Path, spec: CsvSpec, display: str | None = None) -> CsvFile:
    """Open *path*, decode it, detect the delimiter and check the header against *spec*."""
    name = display or str(path)
    raw = read_input(path, name, limit=MAX_BYTES, what=spec.title, expected=f"het {spec.title} (CSV)")
    if raw[:4] == b"PK\x03\x04":
        raise InputError(Problem(name, 1, 1, "dit is een Excel-bestand; sla het in Excel op als CSV (puntkomma)"))
    text = _decode(raw, name)
    if not text.strip():
        raise InputError(Problem(name, 1, 1, f"bestand is leeg; verwacht een kopregel met {_required_list(spec)}"))
    first_line = text.split("\n", 1)[0]
    csv.field_size_limit(MAX_FIELD * 100)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first_line), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(Problem(name, 1, 1, f"kopregel is geen geldige CSV: {dutch_csv_error(exc)}")) from None
    positions = _map_header(header, spec, name)
    present = frozenset(spec.columns[i].name for i, pos in enumerate(positions) if pos is not None)
    return CsvFile(name, spec, present, reader, positions, len(header))


def iter_csv(path: Path, spec: CsvSpec, display: str | None = None) -> Iterator[tuple[int, tuple]]:
    """Stream ``(line, row)`` tuples of *path* (see :meth:`CsvFile.rows`)."""
    return open_csv(path, spec, display).rows()


def read_csv(path: Path, spec: CsvSpec, display: str | None = None) -> Table:
    """All rows of *path* as a :class:`Table`."""
    opened = open_csv(path, spec, display)
    table = Table(opened.file, spec, present=opened.present)
    for line, row in opened.rows():
        table.rows.append(row)
        table.lines.append(line)
    return table


def _required_list(spec: CsvSpec) -> str:
    return ", ".join(c.name for c in spec.columns if c.required)


def _map_header(header: Sequence[str], spec: CsvSpec, name: str) -> list[int | None]:
    problems = []
    found: dict[str, int] = {}
    for position, title in enumerate(header):
        key = title.strip().lstrip("\ufeff").lower()
        if not key:
            continue
        if key in found:
            problems.append(Problem(name, 1, position + 1, f"kolom '{key}' staat twee keer in de kopregel"))
            continue
        found[key] = position
        kind = identifying_column(key)
        if kind is not None and key not in {c.name for c in spec.columns}:
            problems.append(
                Problem(
                    name,
                    1,
                    position + 1,
                    f"kolom '{title.strip()}' bevat een {kind}: dat is een direct "
                    "identificerend gegeven en hoort niet in dit bestand; verwijder de kolom (gebruik alleen "
                    "pseudonieme ids)",
                )
            )
    for column in spec.columns:
        if column.required and column.name not in found:
            problems.append(
                Problem(
                    name,
                    1,
                    None,
                    f"verplichte kolom '{column.name}' ontbreekt in de kopregel; verwacht ten "
                    f"minste: {_required_list(spec)}",
                )
            )
    if problems:
        raise InputError(problems)
    return [found.get(column.name) for column in spec.columns]
