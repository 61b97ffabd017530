"""Read ``clienten.csv`` and ``zrm.csv`` (contract §3) into compact column stores.

A million trajectories must fit comfortably in memory, so rows are not kept as objects: every
column is a parallel array (``array('q')`` for times, ``bytearray`` for yes/no) or a list of interned
strings. Times are stored as integers:

- date-times (``datum_melding``, ``datum_plan``, ``datum_start_opvang``) as *minutes* since
  0001-01-01 (``date.toordinal() * 1440 + hour * 60 + minute``), so lead times have minute precision;
- dates (``datum_uitstroom``) as day ordinals (``date.toordinal()``).

:data:`MISSING` marks an empty cell in an integer column; ``-1`` in a yes/no column. Client ids are
replaced by small integers on reading (the id itself is never needed again and never written).
Columns that look like a BSN, a name or a full birth date are refused by :mod:`generator.tabular`.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.model import TARGET_GROUPS
from generator.diagnostics import InputError, Problem
from generator.privacy import find_personal_data
from generator.tabular import (
    MAX_YEAR,
    MIN_YEAR,
    CellError,
    Column,
    CsvSpec,
    _map_header,
    _sniff_delimiter,
    choice,
    iter_csv,
    open_csv,
    parse_date,
    parse_datetime,
    parse_number,
    parse_yes_no,
)

MISSING = -(2**62)
MINUTES_PER_DAY = 1440
# Impossible orderings of a trajectory's dates (bits of ``Registrations.flags``): never counted as
# compliance by a metric that reads the interval, and reported with their location.
PLAN_BEFORE_REPORT = 1
START_BEFORE_REPORT = 2
EXIT_BEFORE_START = 4
IMPOSSIBLE = {
    PLAN_BEFORE_REPORT: ("datum_plan", "datum_plan ligt vóór datum_melding"),
    START_BEFORE_REPORT: ("datum_start_opvang", "datum_start_opvang ligt vóór datum_melding"),
    EXIT_BEFORE_START: ("datum_uitstroom", "datum_uitstroom ligt vóór datum_start_opvang"),
}
MAX_FINDINGS = 50


def to_minutes(moment: dt.datetime) -> int:
    return moment.toordinal() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute


def from_minutes(minutes: int) -> dt.datetime:
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    date = dt.date.fromordinal(day)
    return dt.datetime(date.year, date.month, date.day, rest // 60, rest % 60)


def _minutes(text: str) -> int:
    return to_minutes(parse_datetime(text))


def _day(text: str) -> int:
    return parse_date(text).toordinal()


def _yes_no(text: str) -> int:
    return 1 if parse_yes_no(text) else 0


def _mark(text: str) -> float:
    value = parse_number(text)
    if not 1 <= value <= 10:
        raise CellError(f"'{text}' is geen rapportcijfer van 1 tot en met 10")
    return value


def _zrm_score(text: str) -> int:
    value = parse_number(text)
    if value != int(value) or not 1 <= value <= 5:
        raise CellError(f"'{text}' is geen ZRM-score; gebruik een heel getal van 1 tot en met 5")
    return int(value)


def _pseudonym(text: str) -> str:
    # A client_id must be pseudonymous: a nine-digit number passing the BSN check is refused.
    from generator.privacy import is_bsn

    if len(text) == 9 and text.isdigit() and is_bsn(text):
        raise CellError(f"'{text}' lijkt een BSN; gebruik een pseudoniem id, nooit het burgerservicenummer")
    return text


CLIENT_SPEC = CsvSpec(
    "cliëntenbestand",
    (
        Column("client_id", required=True, parse=_pseudonym),
        Column("doelgroep", required=True, parse=choice(*TARGET_GROUPS), intern=True),
        Column("gemeente_herkomst", required=True, intern=True, free_text=True),
        Column("gemeente_opvang", intern=True, free_text=True),
        Column("gemeente_uitstroom", intern=True, free_text=True),
        Column("datum_melding", required=True, parse=_minutes),
        Column("opvang_nodig", parse=_yes_no),
        Column("datum_plan", parse=_minutes),
        Column("datum_start_opvang", parse=_minutes),
        Column("datum_uitstroom", parse=_day),
        Column("type_vervolgplek", intern=True, free_text=True),
        Column("doelen_behaald", parse=_yes_no),
        Column("tevredenheid", parse=_mark),
        Column("woning_behouden", parse=_yes_no),
        # Not (yet) in contract §3: the exit reason the Limburg monitor asks for (§11a). Optional.
        Column("reden_uitstroom", intern=True, free_text=True),
    ),
)

ZRM_SPEC = CsvSpec(
    "ZRM-bestand",
    (
        Column("client_id", required=True, parse=_pseudonym),
        Column("datum", required=True, parse=_day),
        Column("domein", required=True, intern=True, free_text=True),
        Column("score", required=True, parse=_zrm_score),
    ),
)


@dataclass
class Registrations:
    """All trajectories of ``clienten.csv`` as parallel columns (see the module docstring)."""

    file: str = ""
    client: array = field(default_factory=lambda: array("l"))
    doelgroep: list = field(default_factory=list)
    herkomst: list = field(default_factory=list)
    gemeente_opvang: list = field(default_factory=list)
    gemeente_uitstroom: list = field(default_factory=list)
    melding: array = field(default_factory=lambda: array("q"))
    opvang_nodig: bytearray = field(default_factory=bytearray)
    plan: array = field(default_factory=lambda: array("q"))
    start: array = field(default_factory=lambda: array("q"))
    uitstroom: array = field(default_factory=lambda: array("q"))
    vervolgplek: list = field(default_factory=list)
    doelen: array = field(default_factory=lambda: array("b"))
    tevredenheid: array = field(default_factory=lambda: array("d"))
    woning: array = field(default_factory=lambda: array("b"))
    reden_uitstroom: list = field(default_factory=list)
    flags: bytearray = field(default_factory=bytearray)  # impossible orderings per row (PLAN_BEFORE_REPORT...)
    client_codes: dict = field(default_factory=dict)  # pseudonymous id -> code; dropped after ZRM is read
    present: frozenset = frozenset()
    findings: list = field(default_factory=list)  # located Problems (warnings) for impossible orderings
    impossible: dict = field(default_factory=dict)  # flag -> number of rows with it

    def __len__(self) -> int:
        return len(self.melding)

    def note_impossible(self, flags: int, line: int, columns: dict[str, int | None]) -> None:
        """Record the impossible orderings *flags* of the row on *line* (columns: name -> 1-based column)."""
        for flag, (column, message) in IMPOSSIBLE.items():
            if flags & flag:
                self.impossible[flag] = self.impossible.get(flag, 0) + 1
                if len(self.findings) < MAX_FINDINGS:
                    self.findings.append(
                        Problem(
                            self.file,
                            line,
                            columns.get(column),
                            f"{message}: onmogelijk; dit traject telt niet mee voor de KPI's die deze termijn "
                            "gebruiken. Controleer de datums in de registratie",
                            severity="warning",
                        )
                    )

    def forget_ids(self) -> None:
        """Drop the id-to-code table; codes stay, the ids themselves are no longer kept."""
        self.client_codes = {}


@dataclass
class ZrmScores:
    """ZRM measurements per client code: ``{client: {domain: [(day, score), ...]}}`` (sorted by day)."""

    file: str = ""
    by_client: dict = field(default_factory=dict)
    unknown_clients: int = 0


def ordering_flags(melding: int, plan: int, start: int, exit_day: int) -> int:
    """The impossible orderings of one trajectory's dates (MISSING dates are never impossible)."""
    flags = 0
    if plan != MISSING and plan < melding:
        flags |= PLAN_BEFORE_REPORT
    if start != MISSING and start < melding:
        flags |= START_BEFORE_REPORT
    if start != MISSING and exit_day != MISSING and exit_day < start // MINUTES_PER_DAY:
        flags |= EXIT_BEFORE_START
    return flags


def canonical_places(*columns: list) -> None:
    """Spell each municipality one way in every column: "Venlo", "VENLO" and " venlo" are one municipality.

    Names are compared case-insensitively with spaces collapsed; each gets the spelling used most often
    (on a tie the first in sorting order), so the same file always gives the same names.
    """
    counts: dict[str, int] = {}
    for column in columns:
        for name in column:
            if name is not None:
                counts[name] = counts.get(name, 0) + 1
    best: dict[str, tuple[int, str]] = {}
    for name, count in counts.items():
        key = " ".join(name.split()).casefold()
        tidy = " ".join(name.split())
        current = best.get(key)
        if current is None or (-count, tidy) < (-current[0], current[1]):
            best[key] = (count, tidy)
    mapping = {name: best[" ".join(name.split()).casefold()][1] for name in counts}
    if all(mapping[name] == name for name in mapping):
        return
    for column in columns:
        column[:] = [None if name is None else mapping[name] for name in column]


def _as_int(value, default: int = MISSING) -> int:
    return default if value is None else value


class _Slow(Exception):
    """The fast reader met something unusual: read the file again the careful way."""


def read_clients(path: Path, display: str | None = None) -> Registrations:
    """Read ``clienten.csv``; raise :class:`InputError` (exit 2) with located problems if unusable.

    A fast reader handles the common, well-formed file (one pass, per-value caches for dates, group
    names, municipalities and yes/no). At the first cell it does not recognise it gives up and the
    file is read again with :func:`generator.tabular.iter_csv`, which locates every problem exactly.
    """
    name = display or str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
            if first.startswith("PK\x03\x04") or not first.strip():
                raise _Slow
            handle.seek(0)
            reader = csv.reader(handle, delimiter=_sniff_delimiter(first), strict=True)
            header = next(reader)
            # Header checks of the shared reader: required columns, identifying columns refused.
            positions = _map_header(header, CLIENT_SPEC, name)
            present = frozenset(c.name for c, p in zip(CLIENT_SPEC.columns, positions, strict=True) if p is not None)
            regs = _read_fast(reader, positions, len(header), present, name)
    except (_Slow, OSError, UnicodeDecodeError, csv.Error, StopIteration):
        regs = _read_careful(path, display)
    canonical_places(regs.herkomst, regs.gemeente_opvang, regs.gemeente_uitstroom)
    return regs


def _columns(positions: list) -> dict[str, int | None]:
    """1-based column of each date column of the client spec (None when the file lacks it)."""
    names = [c.name for c in CLIENT_SPEC.columns]
    return {name: (pos + 1 if pos is not None else None) for name, pos in zip(names, positions, strict=True)}


def _read_fast(reader, positions: list, width: int, present: frozenset, name: str) -> Registrations:
    csv.field_size_limit(1_000_000)
    regs = Registrations(file=name, present=present)
    codes = regs.client_codes
    client, doelgroep, herkomst = regs.client, regs.doelgroep, regs.herkomst
    g_opvang, g_uit, melding, nodig = regs.gemeente_opvang, regs.gemeente_uitstroom, regs.melding, regs.opvang_nodig
    plan, start, uit, vervolg = regs.plan, regs.start, regs.uitstroom, regs.vervolgplek
    doelen, tevreden, woning, reden = regs.doelen, regs.tevredenheid, regs.woning, regs.reden_uitstroom
    flags, columns = regs.flags, _columns(positions)
    nan = math.nan
    days: dict[str, int] = {}
    groups = {g: g for g in TARGET_GROUPS}
    texts: dict[str, str] = {}
    yes_no = {"ja": 1, "nee": 0, "": -1}
    free_seen: set[str] = set()

    clock = {f"{h:02d}:{mi:02d}": h * 60 + mi for h in range(24) for mi in range(60)}
    marks: dict[str, float] = {"": nan}
    for tenths in range(10, 101):
        marks[f"{tenths / 10:.1f}"] = marks[f"{tenths / 10:.1f}".replace(".", ",")] = tenths / 10
        if tenths % 10 == 0:
            marks[str(tenths // 10)] = tenths / 10

    def moment(text: str) -> int:
        # 'YYYY-MM-DD HH:MM' exactly; anything else goes to the careful reader.
        day = days.get(text[:10])
        if day is None:
            day = days[text[:10]] = _iso_day(text[:10])
        if text[10] != " " or len(text) != 16:
            raise _Slow
        return day * MINUTES_PER_DAY + clock[text[11:]]

    def free(text: str) -> str | None:
        value = texts.get(text)
        if value is None:
            stripped = text.strip()
            if not stripped:
                return None
            if stripped not in free_seen:
                if find_personal_data(stripped) or len(stripped) > 10_000:
                    raise _Slow
                free_seen.add(stripped)
            value = texts[text] = texts.get(stripped) or stripped
        return value

    texts[""] = None
    indexes = [p if p is not None else width for p in positions]  # width: an always-empty extra cell
    p_cid, p_grp, p_hk, p_go, p_gu, p_mel, p_nod, p_pl, p_st, p_ui, p_vp, p_db, p_tv, p_wb, p_ru = indexes
    try:
        for record in reader:
            if len(record) != width:
                if not record or all(not c.strip() for c in record):
                    continue
                raise _Slow
            record.append("")
            cid = record[p_cid]
            if len(cid) == 9 and cid.isdigit():
                raise _Slow  # might be a BSN: let the careful reader judge and locate it
            code = codes.get(cid)
            if code is None:
                if not cid or cid != cid.strip():
                    raise _Slow
                code = codes[cid] = len(codes)
            mel = moment(record[p_mel])
            text = record[p_ui]
            if text:
                ui = days.get(text)
                if ui is None:
                    ui = days[text] = _iso_day(text)
                if ui < mel // MINUTES_PER_DAY:
                    raise _Slow
            else:
                ui = MISSING
            text = record[p_pl]
            pl = moment(text) if text else MISSING
            text = record[p_st]
            st = moment(text) if text else MISSING
            hk = free(record[p_hk])
            if hk is None:
                raise _Slow
            nod = yes_no[record[p_nod]]
            bad = ordering_flags(mel, pl, st, ui)
            if bad:
                regs.note_impossible(bad, reader.line_num, columns)
            flags.append(bad)
            client.append(code)
            doelgroep.append(groups[record[p_grp]])
            herkomst.append(hk)
            g_opvang.append(free(record[p_go]))
            g_uit.append(free(record[p_gu]))
            melding.append(mel)
            nodig.append(1 if nod < 0 else nod)
            plan.append(pl)
            start.append(st)
            uit.append(ui)
            vervolg.append(free(record[p_vp]))
            doelen.append(yes_no[record[p_db]])
            tevreden.append(marks[record[p_tv]])
            woning.append(yes_no[record[p_wb]])
            reden.append(free(record[p_ru]))
    except (_Slow, KeyError, ValueError, IndexError, csv.Error):
        raise _Slow from None
    return regs


def _iso_day(text: str) -> int:
    """The day ordinal of an exact ``YYYY-MM-DD`` in the accepted years; anything else is for the careful reader."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        raise _Slow
    if not MIN_YEAR <= int(text[:4]) <= MAX_YEAR:
        raise _Slow
    return dt.date.fromisoformat(text).toordinal()


def _read_careful(path: Path, display: str | None) -> Registrations:
    opened = open_csv(path, CLIENT_SPEC, display)
    rows = opened.rows()
    regs = Registrations(file=display or str(path), present=opened.present)
    codes = regs.client_codes
    client, doelgroep, herkomst = regs.client, regs.doelgroep, regs.herkomst
    g_opvang, g_uit, melding, nodig = regs.gemeente_opvang, regs.gemeente_uitstroom, regs.melding, regs.opvang_nodig
    plan, start, uit, vervolg = regs.plan, regs.start, regs.uitstroom, regs.vervolgplek
    doelen, tevreden, woning, reden = regs.doelen, regs.tevredenheid, regs.woning, regs.reden_uitstroom
    flags, columns = regs.flags, _columns(opened._positions)
    nan = math.nan
    problems: list[Problem] = []
    for line, (cid, grp, hk, go, gu, mel, nod, pl, st, ui, vp, db, tv, wb, ru) in rows:
        code = codes.get(cid)
        if code is None:
            code = codes[cid] = len(codes)
        if ui is not None and ui < mel // MINUTES_PER_DAY:  # no trajectory at all: refused
            problems.append(Problem(regs.file, line, None, "datum_uitstroom ligt vóór datum_melding"))
            continue
        pl, st, ui = (MISSING if v is None else v for v in (pl, st, ui))
        bad = ordering_flags(mel, pl, st, ui)
        if bad:
            regs.note_impossible(bad, line, columns)
        flags.append(bad)
        client.append(code)
        doelgroep.append(grp)
        herkomst.append(hk)
        g_opvang.append(go)
        g_uit.append(gu)
        melding.append(mel)
        nodig.append(1 if nod is None else nod)
        plan.append(pl)
        start.append(st)
        uit.append(ui)
        vervolg.append(vp)
        doelen.append(-1 if db is None else db)
        tevreden.append(nan if tv is None else tv)
        woning.append(-1 if wb is None else wb)
        reden.append(ru)
        if len(problems) >= 50:
            break
    if problems:
        raise InputError(problems)
    return regs


def read_zrm(path: Path, regs: Registrations | None = None, display: str | None = None) -> ZrmScores:
    """Read ``zrm.csv``; clients are linked to *regs* by their pseudonymous id when given."""
    scores = ZrmScores(file=display or str(path))
    codes = regs.client_codes if regs is not None else {}
    own: dict[str, int] = {}
    by_client = scores.by_client
    unknown = set()
    for _line, (cid, day, domain, score) in iter_csv(path, ZRM_SPEC, display):
        code = codes.get(cid)
        if code is None:
            code = own.get(cid)
            if code is None:
                code = own[cid] = -1 - len(own)  # negative: not in clienten.csv
                unknown.add(code)
        by_client.setdefault(code, {}).setdefault(domain, []).append((day, score))
    for domains in by_client.values():
        for measurements in domains.values():
            measurements.sort()
    scores.unknown_clients = len(unknown)
    return scores
