"""Read ``clienten.csv`` (or ``.parquet``) and ``zrm.csv`` (contract §3) into the DuckDB store.

:func:`read_clients` and :func:`read_zrm` load the files into the tables of
:mod:`generator.kpi.store` (the fast way, DuckDB); when the fast way is not certain, the careful
reader here (:func:`_read_careful`, built on :mod:`generator.tabular`) reads the file again and
reports every problem as ``BESTAND:REGEL:KOLOM`` in Dutch, or loads what it parsed.

Client ids are hashed on reading: the id itself is never stored. Columns that look like a BSN, a
name or a full birth date are refused by :mod:`generator.tabular`. :data:`MISSING` marks an empty
time in the old integer encodings (minutes since 0001-01-01, day ordinals) that the column
attributes of :class:`Registrations` still give.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import tempfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from generator.catalog.model import TARGET_GROUPS
from generator.diagnostics import InputError, Problem
from generator.kpi import store
from generator.privacy import is_bsn
from generator.tabular import (
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
class Columns:
    """Trajectories parsed by the careful reader, as parallel Python columns (before loading into DuckDB)."""

    file: str = ""
    client: list = field(default_factory=list)  # pseudonymous ids (only until loaded)
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
    flags: bytearray = field(default_factory=bytearray)
    present: frozenset = frozenset()
    findings: list = field(default_factory=list)
    impossible: dict = field(default_factory=dict)

    def note_impossible(self, flags: int, line: int, columns: dict[str, int | None]) -> None:
        """Record the impossible orderings *flags* of the row on *line* (columns: name -> 1-based column)."""
        for flag, (column, message) in IMPOSSIBLE.items():
            if flags & flag:
                self.impossible[flag] = self.impossible.get(flag, 0) + 1
                if len(self.findings) < MAX_FINDINGS:
                    self.findings.append(impossible_problem(self.file, line, columns.get(column), message))


def impossible_problem(file: str, line: int, column: int | None, message: str) -> Problem:
    return Problem(
        file,
        line,
        column,
        f"{message}: onmogelijk; dit traject telt niet mee voor de KPI's die deze termijn gebruiken. "
        "Controleer de datums in de registratie",
        severity="warning",
    )


# Old column names (Python encodings of before the DuckDB store) -> SQL giving them, for tests and
# the per-quarter volumes; times as minutes since 0001-01-01, days as ordinals, MISSING when empty.
_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()


def _minutes_sql(column: str) -> str:
    return f"coalesce(CAST(epoch({column}) AS BIGINT) // 60 + {_EPOCH_DAY * MINUTES_PER_DAY}, {MISSING})"


def _yes_no_sql(column: str) -> str:
    return f"CASE WHEN {column} THEN 1 WHEN NOT {column} THEN 0 ELSE -1 END"


COMPAT = {
    "client": "client",
    "doelgroep": "doelgroep",
    "herkomst": "herkomst",
    "gemeente_opvang": "opvang",
    "gemeente_uitstroom": "uitstroom_gemeente",
    "melding": _minutes_sql("melding"),
    "opvang_nodig": "CASE WHEN nodig THEN 1 ELSE 0 END",
    "plan": _minutes_sql("plan"),
    "start": _minutes_sql("start"),
    "uitstroom": f"coalesce(datediff('day', DATE '1970-01-01', uitstroom) + {_EPOCH_DAY}, {MISSING})",
    "vervolgplek": "vervolgplek",
    "doelen": _yes_no_sql("doelen"),
    "tevredenheid": "coalesce(tevredenheid, 'NaN'::DOUBLE)",
    "woning": _yes_no_sql("woning"),
    "reden_uitstroom": "reden",
    "flags": "flags",
}


class Registrations:
    """All trajectories of ``clienten.csv``: the DuckDB table ``trajecten`` (see :mod:`generator.kpi.store`).

    The KPI engine queries ``con`` directly. The old column attributes (``regs.melding``,
    ``regs.doelgroep``...) still give one Python list per column in row order, for the per-quarter
    volumes and the tests; each is fetched once on first use.
    """

    def __init__(self, con, file: str, present: frozenset, rows: int, findings: list, impossible: dict):
        self.con = con
        self.bytes = 0  # size of the file read (for DuckDB's memory limit when zrm.csv joins)
        self.file = file
        self.present = present
        self.rows = rows
        self.findings = findings
        self.impossible = impossible
        self._columns: dict[str, list] = {}

    def __len__(self) -> int:
        return self.rows

    def __getattr__(self, name: str) -> list:
        if name.startswith("_") or name not in COMPAT:
            raise AttributeError(name)
        found = self._columns.get(name)
        if found is None:
            rows = self.con.execute(f"SELECT {COMPAT[name]} FROM trajecten ORDER BY rowid").fetchall()
            found = self._columns[name] = [value for (value,) in rows]
        return found

    def forget_ids(self) -> None:
        """Nothing to forget: the ids are hashed on reading and never stored."""


@dataclass
class ZrmScores:
    """The ZRM measurements: the DuckDB table ``zrm`` in ``con`` (the connection of the registrations)."""

    con: object
    file: str = ""
    rows: int = 0


def _header(path: Path, name: str) -> tuple[str, list[str]]:
    """Delimiter and header of a CSV file, or :class:`NotFast` when the careful way must judge the file."""
    with open(path, "rb") as handle:
        first = handle.readline(store.MAX_FIELD * 100)
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    if first.startswith(b"PK\x03\x04") or not first.strip():
        raise store.NotFast
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError:
        raise store.NotFast from None
    delimiter = _sniff_delimiter(line)
    try:
        header = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        raise store.NotFast from None
    return delimiter, header


def _parquet_header(con, path: Path) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet({store.quote(str(path))})").fetchall()]


def is_parquet(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PAR1"


def _relation(
    path: Path, spec: CsvSpec, con, name: str, dates: dict | None = None
) -> tuple[str, list, str | None, int]:
    """The relation of *path* (CSV or Parquet), its column positions, delimiter and width.

    Parquet columns arrive as text; CSV columns too, except the columns of *dates* (name -> DuckDB
    type) which DuckDB parses itself (much faster than text and a cast).
    """
    if is_parquet(path):
        try:
            header = _parquet_header(con, path)
        except Exception:
            raise InputError(
                Problem(name, None, None, "geen geldig Parquet-bestand; lever CSV of Parquet aan")
            ) from None
        positions = _map_header(header, spec, name)
        columns = ", ".join(f'CAST("{h}" AS VARCHAR) AS c{i}' for i, h in enumerate(header))
        return f"(SELECT {columns} FROM {store.source_relation(path, None, len(header))})", positions, None, len(header)
    delimiter, header = _header(path, name)
    positions = _map_header(header, spec, name)
    names = [c.name for c in spec.columns]
    types = {positions[names.index(k)]: t for k, t in (dates or {}).items() if positions[names.index(k)] is not None}
    return store.source_relation(path, delimiter, len(header), types), positions, delimiter, len(header)


def _columns(positions: list) -> dict[str, int | None]:
    """1-based column of each column of the client spec (None when the file lacks it)."""
    names = [c.name for c in CLIENT_SPEC.columns]
    return {name: (pos + 1 if pos is not None else None) for name, pos in zip(names, positions, strict=True)}


def _sources(spec: CsvSpec, positions: list) -> dict[str, str | None]:
    return {c.name: (f"c{p}" if p is not None else None) for c, p in zip(spec.columns, positions, strict=True)}


def read_clients(path: Path, display: str | None = None) -> Registrations:
    """Read ``clienten.csv`` or ``clienten.parquet``; raise :class:`InputError` (exit 2) with located problems.

    The fast way (DuckDB) reads the common, well-formed file; whenever it is not certain the careful
    reader reads the file again and locates every problem (see :mod:`generator.kpi.store`).
    """
    name = display or str(path)
    size = store.check_file(path, CLIENT_SPEC.title, display)
    con = store.connect(size)
    try:
        regs = _read_fast(con, path, name)
    except store.NotFast:
        con.execute("DROP TABLE IF EXISTS trajecten")
        regs = _load_columns(con, _read_careful(path, display))
    store.canonical_places(con)
    regs.bytes = size
    return regs


def _read_fast(con, path: Path, name: str) -> Registrations:
    import duckdb

    dates = {"datum_melding": "TIMESTAMP", "datum_plan": "TIMESTAMP", "datum_start_opvang": "TIMESTAMP"}
    relation, positions, delimiter, _width = _relation(
        path, CLIENT_SPEC, con, name, dates | {"datum_uitstroom": "DATE"}
    )
    present = frozenset(c.name for c, p in zip(CLIENT_SPEC.columns, positions, strict=True) if p is not None)
    nine = ", CASE WHEN length(client_id) = 9 AND regexp_full_match(client_id, '[0-9]+') THEN client_id END AS nine"
    query = store.client_query(relation, _sources(CLIENT_SPEC, positions), nine, typed=delimiter is not None)
    try:
        con.execute(f"CREATE TABLE trajecten AS {query}")
    except duckdb.Error:
        raise store.NotFast from None
    bad, rows = con.execute("SELECT count(*) FILTER (WHERE err OR err IS NULL), count(*) FROM trajecten").fetchone()
    if bad:
        raise store.NotFast
    store.check_loaded(con, "trajecten", ("melding", "plan", "start", "uitstroom"))
    nines = [v for (v,) in con.execute("SELECT DISTINCT nine FROM trajecten WHERE nine IS NOT NULL").fetchall()]
    if any(is_bsn(v) for v in nines):
        raise store.NotFast
    if nines:
        con.execute("UPDATE trajecten SET nine = NULL WHERE nine IS NOT NULL")
    store.check_free_text(con, "trajecten", ("herkomst", "opvang", "uitstroom_gemeente", "vervolgplek", "reden"))
    store.lower_groups(con)
    findings, impossible = _impossible(con, path, name, positions, delimiter)
    return Registrations(con, name, present, rows, findings, impossible)


def _impossible(con, path: Path, name: str, positions: list, delimiter: str | None) -> tuple[list, dict]:
    """Counts of the impossible orderings and the first :data:`MAX_FINDINGS` of them, located."""
    counts = con.execute(
        "SELECT count(*) FILTER (WHERE flags & 1 > 0), count(*) FILTER (WHERE flags & 2 > 0), "
        "count(*) FILTER (WHERE flags & 4 > 0) FROM trajecten"
    ).fetchone()
    impossible = {flag: n for flag, n in zip(IMPOSSIBLE, counts, strict=True) if n}
    if not impossible:
        return [], {}
    flagged = con.execute(
        f"SELECT rowid, flags FROM trajecten WHERE flags > 0 ORDER BY rowid LIMIT {MAX_FINDINGS}"
    ).fetchall()
    if delimiter is None:  # Parquet: row N is "line" N + 1, as if it had a header line
        lines = {index: index + 2 for index, _ in flagged}
    else:
        lines = store.record_lines(path, delimiter, {index for index, _ in flagged})
    columns = _columns(positions)
    findings = []
    for index, flags in flagged:
        for flag, (column, message) in IMPOSSIBLE.items():
            if flags & flag and len(findings) < MAX_FINDINGS:
                findings.append(impossible_problem(name, lines.get(index), columns.get(column), message))
    return findings, impossible


def _load_columns(con, columns: Columns) -> Registrations:
    """Load what the careful reader parsed into ``trajecten``, through a canonical CSV in a private temp folder."""
    with tempfile.TemporaryDirectory(prefix="opvang-") as folder:
        canonical = Path(folder) / "clienten.csv"
        with open(canonical, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([c.name for c in CLIENT_SPEC.columns])
            rows = zip(
                columns.client,
                columns.doelgroep,
                columns.herkomst,
                columns.gemeente_opvang,
                columns.gemeente_uitstroom,
                columns.melding,
                columns.opvang_nodig,
                columns.plan,
                columns.start,
                columns.uitstroom,
                columns.vervolgplek,
                columns.doelen,
                columns.tevredenheid,
                columns.woning,
                columns.reden_uitstroom,
                strict=True,
            )
            for cid, grp, hk, go, gu, mel, nod, pl, st, ui, vp, db, tv, wb, ru in rows:
                writer.writerow(
                    [
                        cid,
                        grp,
                        hk,
                        go or "",
                        gu or "",
                        _moment_text(mel),
                        "ja" if nod else "nee",
                        _moment_text(pl),
                        _moment_text(st),
                        "" if ui == MISSING else dt.date.fromordinal(ui).isoformat(),
                        vp or "",
                        "" if db < 0 else ("ja" if db else "nee"),
                        "" if tv != tv else repr(tv),
                        "" if wb < 0 else ("ja" if wb else "nee"),
                        ru or "",
                    ]
                )
        positions = list(range(len(CLIENT_SPEC.columns)))
        relation = store.source_relation(canonical, ";", len(positions))
        con.execute(f"CREATE TABLE trajecten AS {store.client_query(relation, _sources(CLIENT_SPEC, positions))}")
    return Registrations(con, columns.file, columns.present, len(columns.melding), columns.findings, columns.impossible)


def _moment_text(minutes: int) -> str:
    if minutes == MISSING:
        return ""
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    return f"{dt.date.fromordinal(day).isoformat()} {rest // 60:02d}:{rest % 60:02d}"


def read_zrm(path: Path, regs: Registrations | None = None, display: str | None = None) -> ZrmScores:
    """Read ``zrm.csv`` into the table ``zrm`` beside the registrations (linked by the hashed client id)."""
    import duckdb

    name = display or str(path)
    size = store.check_file(path, ZRM_SPEC.title, display)
    con = regs.con if regs is not None else store.connect(size)
    if regs is not None:
        con.execute(f"SET memory_limit = '{store.memory_limit(size + regs.bytes)}'")
    con.execute("DROP TABLE IF EXISTS zrm")
    try:
        relation, positions, _delimiter, _width = _relation(path, ZRM_SPEC, con, name)
        nine = ", CASE WHEN length(client_id) = 9 AND regexp_full_match(client_id, '[0-9]+') THEN client_id END AS nine"
        try:
            con.execute(f"CREATE TABLE zrm AS {store.zrm_query(relation, _sources(ZRM_SPEC, positions), nine)}")
        except duckdb.Error:
            raise store.NotFast from None
        if con.execute("SELECT count(*) FILTER (WHERE err OR err IS NULL) FROM zrm").fetchone()[0]:
            raise store.NotFast
        store.check_loaded(con, "zrm", ("datum",))
        nines = [v for (v,) in con.execute("SELECT DISTINCT nine FROM zrm WHERE nine IS NOT NULL").fetchall()]
        if any(is_bsn(v) for v in nines):
            raise store.NotFast
        store.check_free_text(con, "zrm", ("domein",))
    except store.NotFast:
        con.execute("DROP TABLE IF EXISTS zrm")
        _load_zrm_careful(con, path, display)
    rows = con.execute("SELECT count(*) FROM zrm").fetchone()[0]
    return ZrmScores(con, name, rows)


def _load_zrm_careful(con, path: Path, display: str | None) -> None:
    """The careful reader locates every problem; a file it accepts is loaded through a canonical CSV."""
    with tempfile.TemporaryDirectory(prefix="opvang-") as folder:
        canonical = Path(folder) / "zrm.csv"
        with open(canonical, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow([c.name for c in ZRM_SPEC.columns])
            for _line, (cid, day, domain, score) in iter_csv(path, ZRM_SPEC, display):
                writer.writerow([cid, dt.date.fromordinal(day).isoformat(), domain, score])
        relation = store.source_relation(canonical, ";", 4)
        con.execute(f"CREATE TABLE zrm AS {store.zrm_query(relation, _sources(ZRM_SPEC, [0, 1, 2, 3]))}")


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


def _read_careful(path: Path, display: str | None) -> Columns:
    """Read *path* with :func:`generator.tabular.open_csv`: every problem located, or the parsed columns.

    A Parquet file is written out as CSV first (in a private temporary folder), so that its problems
    are located the same way: line N is row N - 1 of the Parquet file.
    """
    if is_parquet(path):
        with tempfile.TemporaryDirectory(prefix="opvang-") as folder:
            text = Path(folder) / "clienten.csv"
            con = store.connect()
            con.execute(
                f"COPY (SELECT * FROM read_parquet({store.quote(str(path))})) TO {store.quote(str(text))} "
                "(HEADER, DELIMITER ';')"
            )
            return _read_careful(text, display or str(path))
    opened = open_csv(path, CLIENT_SPEC, display)
    rows = opened.rows()
    regs = Columns(file=display or str(path), present=opened.present)
    client, doelgroep, herkomst = regs.client, regs.doelgroep, regs.herkomst
    g_opvang, g_uit, melding, nodig = regs.gemeente_opvang, regs.gemeente_uitstroom, regs.melding, regs.opvang_nodig
    plan, start, uit, vervolg = regs.plan, regs.start, regs.uitstroom, regs.vervolgplek
    doelen, tevreden, woning, reden = regs.doelen, regs.tevredenheid, regs.woning, regs.reden_uitstroom
    flags, columns = regs.flags, _columns(opened._positions)
    nan = math.nan
    problems: list[Problem] = []
    for line, (cid, grp, hk, go, gu, mel, nod, pl, st, ui, vp, db, tv, wb, ru) in rows:
        code = cid
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
