"""The client registrations and ZRM measurements in an in-process DuckDB database, read in bounded memory.

``clienten.csv`` (or ``clienten.parquet``, the same columns) becomes the table ``trajecten`` with
typed columns: ``client`` (a 64-bit hash of the pseudonymous id: the id itself is never stored; two
ids with the same hash would count as one client, a chance of about 1 in 400,000 for 10^7 clients),
``doelgroep``, ``herkomst``, ``opvang``, ``uitstroom_gemeente``, ``melding``/``plan``/``start``
(``TIMESTAMP``, minute precision), ``nodig``, ``uitstroom`` (``DATE``), ``vervolgplek``, ``doelen``,
``tevredenheid``, ``woning``, ``reden`` and ``flags`` (the impossible orderings of
:mod:`generator.kpi.clients`). ``zrm.csv`` becomes ``zrm`` (``client``, ``datum``, ``domein``,
``score``). The KPI definitions (:mod:`generator.kpi.metrics`) are SQL over these tables.

Reading takes one of two ways:

- the fast way: DuckDB reads the file (every cell as text) and parses it in SQL, accepting the
  common, well-formed file (ISO dates, known groups, yes/no, marks); one byte per row (``err``)
  records whether any cell was not accepted;
- the careful way, when the fast way is not certain (another encoding, ``DD-MM-JJJJ`` dates, an
  unknown value, a cell that may hold personal data, an exit before the report): the reader of
  :mod:`generator.kpi.clients` reads the file again and reports every problem as
  ``BESTAND:REGEL:KOLOM`` in Dutch; a file it accepts is loaded from its parsed rows.

Bounds: a file must be a regular file of at most :data:`MAX_BYTES`; DuckDB works within twice the
size of the input (at least 256 MiB, at most 1 GiB, :func:`memory_limit`) and spills the rest to a
temporary folder that is removed when the program ends.
"""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import tempfile
from pathlib import Path

from generator.catalog.model import TARGET_GROUPS
from generator.inputs import check_input
from generator.privacy import find_personal_data, is_bsn

MAX_BYTES = 8 * 2**30  # 8 GiB: about 60 million trajectories; larger files are split per year
# DuckDB's own memory: twice the input, between these bounds; above it, it spills to the temporary folder.
MEMORY_MIN, MEMORY_MAX = 256 * 2**20, 2**30
MAX_FIELD = 10_000
MIN_YEAR, MAX_YEAR = 1900, 2200
YES = ("ja", "j", "yes", "y", "true", "1")
NO = ("nee", "n", "no", "false", "0")
TEXT_COLUMNS = ("gemeente_herkomst", "gemeente_opvang", "gemeente_uitstroom", "type_vervolgplek", "reden_uitstroom")
PLACE_COLUMNS = ("herkomst", "opvang", "uitstroom_gemeente")
_SPILL: list[str] = []


class NotFast(Exception):
    """The fast way is not certain about this file: read it the careful way."""


def check_file(path: Path, title: str, display: str | None = None) -> int:
    """The size of *path* after checking it is a readable regular file within :data:`MAX_BYTES`.

    The shared check of every input (:func:`generator.inputs.check_input`): a folder, pipe or device is
    refused before anything is read, and the file is registered so that no output may replace it.
    """
    status = check_input(
        path,
        display,
        limit=MAX_BYTES,
        what=title,
        expected=f"het {title} (CSV)",
        hint="Splits het bestand, bijvoorbeeld per jaar, en maak per deel een rapport",
    )
    return status.st_size


def memory_limit(input_bytes: int) -> str:
    """DuckDB's memory limit for *input_bytes* of input: twice that, between 256 MiB and 1 GiB."""
    return f"{min(max(2 * input_bytes, MEMORY_MIN), MEMORY_MAX) // 2**20}MiB"


def connect(input_bytes: int = 0):
    """A fresh in-memory DuckDB database that spills to a private temporary folder (removed at exit)."""
    import duckdb

    if not _SPILL:
        folder = tempfile.mkdtemp(prefix="opvang-duckdb-")
        _SPILL.append(folder)
        atexit.register(shutil.rmtree, folder, True)
    config = {
        "memory_limit": memory_limit(input_bytes),
        "temp_directory": _SPILL[0],
        "threads": max(os.cpu_count() or 1, 1),
    }
    con = duckdb.connect(config=config)
    con.execute("SET enable_progress_bar = false")  # never draw on the user's terminal
    return con


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def text_list(values) -> str:
    """``('a', 'b')`` for ``IN``; ``(NULL)`` when empty, which matches nothing."""
    items = ", ".join(quote(v) for v in values)
    return f"({items or 'NULL'})"


# --- SQL that parses one text cell ----------------------------------------------------------------


def _cell(name: str | None) -> str:
    """The trimmed text of column *name* (NULL when empty or when the file lacks the column)."""
    return f"nullif(trim(\"{name}\"), '')" if name else "CAST(NULL AS VARCHAR)"


def _moment(cell: str) -> str:
    # 'JJJJ-MM-DD UU:MM' (or 'T' between), a date alone (00:00), or with seconds (Parquet timestamps).
    ok = f"(length({cell}) IN (10, 16) OR (length({cell}) = 19 AND {cell}[17] = ':'))"
    return f"CASE WHEN {ok} THEN date_trunc('minute', try_cast({cell} AS TIMESTAMP)) END"


def _day(cell: str) -> str:
    return f"CASE WHEN length({cell}) = 10 THEN try_cast({cell} AS DATE) END"


def _yes_no(cell: str) -> str:
    return f"CASE WHEN {cell} IN {text_list(YES)} THEN true WHEN {cell} IN {text_list(NO)} THEN false END"


def _in_years(value: str) -> str:
    return f"year({value}) BETWEEN {MIN_YEAR} AND {MAX_YEAR}"


MOMENTS = ("datum_melding", "datum_plan", "datum_start_opvang")
YES_NO = ("opvang_nodig", "doelen_behaald", "woning_behouden")


def _cases(words: tuple[str, ...]) -> tuple[str, ...]:
    """*words* as written, Capitalised and in CAPITALS: compared exactly, no ``lower()`` per row."""
    return tuple(dict.fromkeys(v for w in words for v in (w, w.capitalize(), w.upper())))


def client_query(relation: str, columns: dict[str, str | None], extra: str = "", typed: bool = False) -> str:
    """SELECT turning the cells of *relation* (contract name -> source column) into ``trajecten``.

    Every cell is parsed once (inner query); ``err`` is true when a cell given is not accepted by the
    fast way (the careful way then decides), ``flags`` holds the impossible orderings. *extra* adds
    columns of the inner query to the result. With *typed* the date columns arrive parsed (DuckDB's
    CSV reader with the formats of :func:`source_relation`) and text cells untrimmed (a cell with
    spaces around a group or yes/no is not accepted and goes the careful way). Checks that need only
    the distinct values or the extremes of a column (years, lengths, personal data) are made after
    loading (:func:`check_loaded`, :func:`check_free_text`).
    """
    dates = (*MOMENTS, "datum_uitstroom")
    if typed:
        c = {
            name: (f"nullif(\"{source}\", '')" if source else "CAST(NULL AS VARCHAR)")
            for name, source in columns.items()
        }
        c["client_id"] = _cell(columns["client_id"])
        c |= {k: (f'"{columns[k]}"' if columns[k] else "CAST(NULL AS TIMESTAMP)") for k in MOMENTS}
        c["datum_uitstroom"] = f'"{columns["datum_uitstroom"]}"' if columns["datum_uitstroom"] else "CAST(NULL AS DATE)"
    else:
        c = {name: _cell(source) for name, source in columns.items()}
    inner = [f'{c[name]} AS "{name}"' for name in columns]
    if typed:
        inner += [f'{c[k]} AS "p_{k}"' for k in dates]
    else:
        inner += [f'{_moment(c[k])} AS "p_{k}"' for k in MOMENTS]
        inner += [f"{_day(c['datum_uitstroom'])} AS p_datum_uitstroom"]
    yes, no = text_list(_cases(YES)), text_list(_cases(NO))
    inner += [f'CASE WHEN {c[k]} IN {yes} THEN true WHEN {c[k]} IN {no} THEN false END AS "p_{k}"' for k in YES_NO]
    inner += [f"try_cast(replace({c['tevredenheid']}, ',', '.') AS DOUBLE) AS p_tevredenheid"]
    melding, plan, start = (f"p_{k}" for k in MOMENTS)
    uitstroom = "p_datum_uitstroom"
    groups = text_list(_cases(TARGET_GROUPS))
    terms = (
        "client_id IS NULL",
        f"doelgroep IS NULL OR doelgroep NOT IN {groups}",
        "gemeente_herkomst IS NULL",
        f"{melding} IS NULL",
        *[f"({k} IS NOT NULL AND p_{k} IS NULL)" for k in dates[1:]],
        f"({uitstroom} < CAST({melding} AS DATE))",
        *[f"({k} IS NOT NULL AND p_{k} IS NULL)" for k in YES_NO],
        "(tevredenheid IS NOT NULL AND (p_tevredenheid IS NULL OR p_tevredenheid NOT BETWEEN 1 AND 10))",
    )
    err = " OR ".join(f"coalesce(({term}), false)" for term in terms)
    flags = (
        f"(CASE WHEN {plan} < {melding} THEN 1 ELSE 0 END) + (CASE WHEN {start} < {melding} THEN 2 ELSE 0 END)"
        f" + (CASE WHEN {uitstroom} < CAST({start} AS DATE) THEN 4 ELSE 0 END)"
    )
    return f"""SELECT
        hash(client_id) AS client,
        doelgroep,
        gemeente_herkomst AS herkomst,
        gemeente_opvang AS opvang,
        gemeente_uitstroom AS uitstroom_gemeente,
        {melding} AS melding,
        coalesce(p_opvang_nodig, true) AS nodig,
        {plan} AS plan,
        {start} AS start,
        {uitstroom} AS uitstroom,
        type_vervolgplek AS vervolgplek,
        p_doelen_behaald AS doelen,
        p_tevredenheid AS tevredenheid,
        p_woning_behouden AS woning,
        reden_uitstroom AS reden,
        CAST({flags} AS UTINYINT) AS flags,
        ({err}) AS err
        {extra}
    FROM (SELECT {", ".join(inner)} FROM {relation})"""


def check_loaded(con, table: str, dates: tuple[str, ...]) -> None:
    """Raise :class:`NotFast` when a date of *dates* lies outside the accepted years (a typing error)."""
    extremes = ", ".join(f'year(min("{d}")), year(max("{d}"))' for d in dates)
    years = [y for y in con.execute(f"SELECT {extremes} FROM {table}").fetchone() if y is not None]
    if any(not MIN_YEAR <= y <= MAX_YEAR for y in years):
        raise NotFast


def zrm_query(relation: str, columns: dict[str, str | None], extra: str = "") -> str:
    """SELECT turning the text cells of ``zrm.csv`` into the table ``zrm`` (``err`` as above)."""
    c = {name: _cell(source) for name, source in columns.items()}
    inner = [f'{c[name]} AS "{name}"' for name in columns]
    inner += [f"{_day(c['datum'])} AS p_datum", f"try_cast({c['score']} AS INTEGER) AS p_score"]
    err = (
        f"client_id IS NULL OR p_datum IS NULL OR NOT coalesce({_in_years('p_datum')}, false) "
        f"OR domein IS NULL OR length(domein) > {MAX_FIELD} OR p_score IS NULL OR p_score NOT BETWEEN 1 AND 5"
    )
    return f"""SELECT hash(client_id) AS client, p_datum AS datum, domein, CAST(p_score AS TINYINT) AS score,
        ({err}) AS err {extra}
    FROM (SELECT {", ".join(inner)} FROM {relation})"""


def source_relation(path: Path, delimiter: str | None, width: int, types: dict[int, str] | None = None) -> str:
    """``read_csv``/``read_parquet`` of *path*, columns named ``c0``, ``c1``, ...: text, or the type in *types*.

    Typed date columns take exactly ``JJJJ-MM-DD UU:MM`` (``TIMESTAMP``) and ``JJJJ-MM-DD`` (``DATE``):
    any other cell makes DuckDB refuse the file, and the careful reader judges it.
    """
    names = [f"c{i}" for i in range(width)]
    if delimiter is None:  # Parquet: every column as text; names are given by the caller's SELECT
        return f"read_parquet({quote(str(path))})"
    types = types or {}
    spec = "{" + ", ".join(f"{quote(n)}: {quote(types.get(i, 'VARCHAR'))}" for i, n in enumerate(names)) + "}"
    return (
        f"read_csv({quote(str(path))}, delim={quote(delimiter)}, quote='\"', escape='\"', header=true, "
        f"columns={spec}, strict_mode=true, null_padding=false, encoding='utf-8', max_line_size={MAX_FIELD * 100}, "
        "timestampformat='%Y-%m-%d %H:%M', dateformat='%Y-%m-%d', parallel=true)"
    )


def check_free_text(con, table: str, columns: tuple[str, ...]) -> None:
    """Check the distinct values of the free-text *columns* and tidy them.

    Raise :class:`NotFast` when a value may hold personal data or is too long (the careful way
    locates it); trim the values that have spaces around them (only the rows holding them change).
    """
    distinct = " UNION ".join(f'SELECT DISTINCT "{column}" AS v FROM {table}' for column in columns)
    untrimmed = False
    for (value,) in con.execute(distinct).fetchall():
        if value is None:
            continue
        if len(value) > MAX_FIELD or not value.strip() or find_personal_data(value):
            raise NotFast
        untrimmed = untrimmed or value != value.strip()
    if untrimmed:
        for column in columns:
            con.execute(f'UPDATE {table} SET "{column}" = trim("{column}") WHERE "{column}" <> trim("{column}")')


def lower_groups(con, table: str = "trajecten") -> None:
    """Write target groups in lower case where the file capitalised them (only those rows change)."""
    found = [g for (g,) in con.execute(f"SELECT DISTINCT doelgroep FROM {table}").fetchall()]
    if any(g != g.lower() for g in found):
        con.execute(f"UPDATE {table} SET doelgroep = lower(doelgroep) WHERE doelgroep <> lower(doelgroep)")


def check_bsn(con, relation: str, column: str) -> None:
    """Raise :class:`NotFast` when a client id of nine digits passes the BSN check."""
    found = con.execute(
        f"SELECT DISTINCT trim({column}) FROM {relation} WHERE regexp_full_match(trim({column}), '[0-9]{{9}}')"
    ).fetchall()
    if any(is_bsn(value) for (value,) in found):
        raise NotFast


def canonical_places(con, table: str = "trajecten") -> None:
    """Spell each municipality one way in every column: "Venlo", "VENLO" and " venlo" are one municipality.

    Names are compared case-insensitively (spaces were collapsed on reading); each gets the spelling
    used most often (on a tie the first in sorting order), so the same file always gives the same names.
    """
    union = " UNION ALL ".join(
        f'SELECT "{c}" AS name, count(*) AS n FROM {table} WHERE "{c}" IS NOT NULL GROUP BY 1' for c in PLACE_COLUMNS
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE spelling AS
        WITH names AS (SELECT name, sum(n) AS n, regexp_replace(name, '\\s+', ' ', 'g') AS tidy
                       FROM ({union}) GROUP BY name),
        chosen AS (SELECT lower(tidy) AS key, arg_min(tidy, (-n, tidy)) AS spelling
                   FROM (SELECT tidy, sum(n) AS n FROM names GROUP BY tidy) GROUP BY 1)
        SELECT names.name, chosen.spelling FROM names JOIN chosen ON lower(names.tidy) = chosen.key
        WHERE names.name <> chosen.spelling"""
    )
    if con.execute("SELECT count(*) FROM spelling").fetchone()[0]:
        for column in PLACE_COLUMNS:
            con.execute(f'UPDATE {table} SET "{column}" = s.spelling FROM spelling s WHERE {table}."{column}" = s.name')


def record_lines(path: Path, delimiter: str, wanted: set[int]) -> dict[int, int]:
    """The line number of the data records with 0-based index in *wanted* (a second pass, for messages only)."""
    lines: dict[int, int] = {}
    if not wanted:
        return lines
    last = max(wanted)
    csv.field_size_limit(MAX_FIELD * 100)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        next(reader, None)
        index = -1
        for record in reader:
            if not record:
                continue  # a blank line is no record (DuckDB skips it too)
            index += 1
            if index in wanted:
                lines[index] = reader.line_num
            if index >= last:
                break
    return lines
