"""Benchmark: the same KPI definitions on DuckDB (opvang), Polars and the former pure-Python engine.

    .venv/bin/python -m benchmarks.kpi_engines [--sizes 100000,1000000] [--big 10000000] [--quick]

For each size, every engine reads the same synthetic ``clienten.csv`` and computes all KPI norms of
the tender from it (overall, per doelgroep, per gemeente), each in a fresh process; the time is
measured inside the process (reading + computing, without starting Python and loading the catalog)
and the peak memory of the whole process; engines and baseline take turns for three rounds and
each keeps its fastest (the machine is shared). Beside them: a plain DuckDB ``GROUP BY doelgroep,
gemeente_herkomst`` with ``count(DISTINCT client_id)`` of the same file, the floor any engine
starts from. The results of the engines are compared cell by cell (successes, failures, pending,
with ``--min-cel 1``): "identiek" means every norm gives the same numbers in every cell.

- ``duckdb``: opvang itself (:mod:`generator.kpi.store`, the SQL of :mod:`generator.kpi.metrics`);
- ``python``: the engine of commit :data:`PYTHON_ENGINE` (the last with the hand-written reader and
  per-row loops; same definitions), extracted with ``git archive`` into ``benchmarks/out``;
- ``polars``: :mod:`benchmarks.polars_kpis`.

Memory: ``opvang kpi`` on 10^6 trajectories with a 10^6-row ``zrm.csv`` (tender Housing First, which
has a ZRM norm), and the whole command on :data:`BIG` trajectories (made from the 10^6 file by
DuckDB, client ids made unique per copy). Parquet: the 10^6 file as Parquet through opvang.
Results go to ``benchmarks/out/kpi-engines.json``; ``benchmarks.run`` (``make bench``) includes them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The former engine runs from its own extracted tree (OPVANG_ENGINE_ROOT), ahead of this checkout.
sys.path[:0] = [p for p in (os.environ.get("OPVANG_ENGINE_ROOT"), str(ROOT)) if p]
OUT = ROOT / "benchmarks" / "out"
TENDER = "noord-midden-limburg-mo"
ZRM_TENDER = "valleiregio-housing-first"
PEILDATUM = "2027-12-31"
PYTHON_ENGINE = "6ea4b15"  # KPIs per target group etc., still on the pure-Python engine
BIG = 10_000_000
ENGINES = ("duckdb", "polars", "python")


# --- inside a child process -------------------------------------------------------------------------


def _peak_mib() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _opvang_tallies(report) -> dict:
    def cell(c) -> list[int]:
        if c.suppressed:
            return ["onderdrukt"]
        return [int(c.numerator), c.denominator - int(c.numerator), c.pending]

    out = {}
    for r in report.results:
        if r.source != "clients" or r.kind != "share":
            continue
        out[f"{r.requirement.id}:{r.norm.metric}"] = {
            "overall": cell(r.overall),
            "per_doelgroep": {k: cell(c) for k, c in r.by_group.items()},
            "per_gemeente": {k: cell(c) for k, c in r.by_municipality.items()},
        }
    return out


def child(engine: str, data: str, tender: str, zrm: str | None) -> dict:
    """Read *data* and compute every KPI norm of *tender* with *engine*; time, memory and tallies."""
    import datetime as dt

    import generator
    from generator.catalog.load import load_catalog

    catalog = load_catalog(Path(generator.__file__).resolve().parents[1] / "requirements")
    peil = dt.date.fromisoformat(PEILDATUM)
    started = time.perf_counter()
    if engine == "baseline":
        import duckdb

        con = duckdb.connect()
        groups = con.execute(
            f"SELECT doelgroep, gemeente_herkomst, count(*), count(DISTINCT client_id) "
            f"FROM read_csv('{data}', delim=';', header=true) GROUP BY ALL"
        ).fetchall()
        return {"seconds": round(time.perf_counter() - started, 3), "peak_mib": _peak_mib(), "groups": len(groups)}
    if engine == "polars":
        from benchmarks import polars_kpis

        frame = polars_kpis.read(data)
        tallies = {}
        for req in catalog.tender(tender).requirements:
            for norm in req.binding_norms:
                found = polars_kpis.tallies(frame, norm, peil, catalog.tender(tender).subregion_of)
                if found is not None and norm.metric != "clienttevredenheid":
                    tallies[f"{req.id}:{norm.metric}"] = found
        seconds = time.perf_counter() - started
        return {"seconds": round(seconds, 3), "peak_mib": _peak_mib(), "tallies": tallies}
    from generator.kpi.clients import read_clients, read_zrm
    from generator.kpi.engine import evaluate

    regs = read_clients(Path(data))
    scores = read_zrm(Path(zrm), regs) if zrm else None
    report = evaluate(catalog, tender, regs, scores, None, peil, min_cell=1)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "peak_mib": _peak_mib(), "tallies": _opvang_tallies(report)}


# --- the benchmark -----------------------------------------------------------------------------------


def python_engine() -> Path:
    """The generator package of :data:`PYTHON_ENGINE`, extracted once under benchmarks/out."""
    folder = OUT / f"engine-python-{PYTHON_ENGINE}"
    if not (folder / "generator").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", PYTHON_ENGINE, "generator", "requirements"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def run_child(engine: str, data: Path, tender: str = TENDER, zrm: Path | None = None, timeout: float = 1800) -> dict:
    """*engine* in a fresh process (measured by :func:`benchmarks.measure.measure`): its JSON and peak memory."""
    from benchmarks.measure import OK, measure

    env = dict(os.environ)
    cwd = ROOT
    if engine == "python":
        env["OPVANG_ENGINE_ROOT"] = str(python_engine())
        cwd = python_engine()
    command = [sys.executable, str(Path(__file__)), "--child", engine, str(data), tender, str(zrm or "-")]
    result = measure(command, timeout, cwd=cwd, env=env)
    if result.status != OK:
        return {"engine": engine, "status": result.status, "note": result.note}
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "engine": engine,
        "status": OK,
        "process_seconds": result.seconds,
        "process_peak_mib": result.peak_mib,
        **found,
    }


def identical(rows: list[dict]) -> dict[str, bool]:
    """Per engine: whether its tallies equal those of opvang (duckdb) in every cell it computes."""
    reference = next((r.get("tallies") for r in rows if r["engine"] == "duckdb"), None)
    verdicts = {}
    for row in rows:
        tallies = row.get("tallies")
        if tallies is None or reference is None:
            continue
        verdicts[row["engine"]] = all(
            json.loads(json.dumps(reference.get(key))) == json.loads(json.dumps(value))
            for key, value in tallies.items()
        ) and bool(tallies)
    return verdicts


def compare(size: int, engines: tuple[str, ...] = ENGINES, repeat: int = 3) -> dict:
    """All engines and the baseline on the synthetic file of *size* trajectories.

    The engines and the baseline take turns, *repeat* rounds (the former engine once: it takes
    minutes); each keeps its fastest round, so that other work on a shared machine weighs least.
    """
    from benchmarks import bench_kpi

    data = bench_kpi.clients_csv(size, OUT)
    order = ["baseline", *(e for e in engines if not (e == "python" and size > 1_000_000))]
    best: dict[str, dict] = {}
    for round_ in range(repeat):
        for engine in order:
            if engine == "python" and round_:
                continue
            row = run_child(engine, data)
            row["rounds"] = [*best.get(engine, {}).get("rounds", []), row.get("seconds")]
            if engine not in best or (row.get("seconds") or 1e9) < (best[engine].get("seconds") or 1e9):
                row.setdefault("tallies", best.get(engine, {}).get("tallies"))
                best[engine] = row
            else:
                best[engine]["rounds"] = row["rounds"]
    rows = [best[engine] for engine in order]
    same = identical(rows)
    base = rows[0].get("seconds")
    for row in rows:
        row["identical"] = same.get(row["engine"])
        row["ratio"] = round(row["seconds"] / base, 2) if row.get("seconds") and base else None
        row.pop("tallies", None)
    return {"trajectories": size, "file_mib": round(data.stat().st_size / 2**20, 1), "engines": rows}


def zrm_csv(rows: int, clients: Path) -> Path:
    """A synthetic ``zrm.csv`` of *rows* measurements for clients of *clients* (written once)."""
    import duckdb

    path = OUT / f"zrm-{rows}.csv"
    if not path.exists():
        con = duckdb.connect()
        con.execute(
            f"""COPY (
                WITH ids AS (SELECT DISTINCT client_id FROM read_csv('{clients}', delim=';', header=true)
                             ORDER BY client_id LIMIT {rows // 6 + 1})
                SELECT client_id, DATE '2025-01-01' + CAST((n // 3) * 365 AS INTEGER) AS datum,
                    ['financien', 'huisvesting', 'werk'][n % 3 + 1] AS domein, 1 + (hash(client_id, n) % 5) AS score
                FROM ids, range(6) AS r(n) LIMIT {rows}
            ) TO '{path}' (HEADER, DELIMITER ',')"""
        )
    return path


def big_csv(size: int = BIG) -> Path:
    """*size* trajectories: copies of the 10^6 file with the client ids made unique per copy (written once)."""
    import duckdb

    from benchmarks import bench_kpi

    path = OUT / f"clienten-{size}.csv"
    if not path.exists():
        source = bench_kpi.clients_csv(1_000_000, OUT)
        copies = size // 1_000_000
        con = duckdb.connect()
        columns = con.execute(
            f"DESCRIBE SELECT * FROM read_csv('{source}', delim=';', header=true, all_varchar=true)"
        ).fetchall()
        names = [c[0] for c in columns]
        select = ", ".join(f"'C' || CAST(copy AS VARCHAR) || {n} AS {n}" if n == "client_id" else n for n in names)
        con.execute(
            f"""COPY (SELECT {select} FROM read_csv('{source}', delim=';', header=true, all_varchar=true),
                range({copies}) AS r(copy)) TO '{path}' (HEADER, DELIMITER ';')"""
        )
    return path


def parquet_of(csv_path: Path) -> Path:
    import duckdb

    path = csv_path.with_suffix(".parquet")
    if not path.exists():
        duckdb.connect().execute(
            f"COPY (SELECT * FROM read_csv('{csv_path}', delim=';', header=true, all_varchar=true)) "
            f"TO '{path}' (FORMAT parquet)"
        )
    return path


def opvang_command(args: list[str], timeout: float = 3600) -> dict:
    """The real ``opvang`` command line, as a user runs it: wall time and peak memory."""
    from benchmarks.measure import measure
    from benchmarks.run import opvang_command as base

    result = measure([*base(), *args], timeout, cwd=ROOT)
    return {
        "command": " ".join(["opvang", *args]).replace(str(ROOT) + "/", ""),
        "status": result.status,
        "seconds": result.seconds,
        "peak_mib": result.peak_mib,
        "note": result.note,
    }


def memory(big: int | None) -> list[dict]:
    """Peak memory: 10^6 trajectories with a 10^6-row zrm.csv, Parquet, and *big* trajectories."""
    from benchmarks import bench_kpi

    million = bench_kpi.clients_csv(1_000_000, OUT)
    zrm = zrm_csv(1_000_000, million)
    rows = [
        {
            "what": "10^6 trajecten (CSV)",
            **opvang_command(
                ["kpi", str(million), "--tender", TENDER, "--format", "json", "-o", str(OUT / "kpi-m.json")]
            ),
        },
        {
            "what": "10^6 trajecten + 10^6 ZRM-metingen",
            **opvang_command(
                [
                    "kpi",
                    str(million),
                    "--tender",
                    ZRM_TENDER,
                    "--zrm",
                    str(zrm),
                    "--format",
                    "json",
                    "-o",
                    str(OUT / "kpi-zrm.json"),
                ]
            ),
        },
        {
            "what": "10^6 trajecten (Parquet)",
            **opvang_command(
                [
                    "kpi",
                    str(parquet_of(million)),
                    "--tender",
                    TENDER,
                    "--format",
                    "json",
                    "-o",
                    str(OUT / "kpi-pq.json"),
                ]
            ),
        },
    ]
    if big:
        data = big_csv(big)
        rows.append(
            {
                "what": f"{big:,} trajecten (CSV)".replace(",", "."),
                "file_mib": round(data.stat().st_size / 2**20),
                **opvang_command(
                    ["kpi", str(data), "--tender", TENDER, "--format", "json", "-o", str(OUT / "kpi-big.json")]
                ),
            }
        )
    return rows


def run_all(sizes: tuple[int, ...], big: int | None) -> dict:
    import datetime as dt

    started = {"date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "load": round(os.getloadavg()[0], 1)}
    found = {"sizes": [compare(size) for size in sizes], "memory": memory(big)}
    return {**started, "load_after": round(os.getloadavg()[0], 1), **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--big", type=int, default=BIG, help="trajecten voor de geheugenmeting (0: niet)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, data, tender, zrm = args.child
        print(json.dumps(child(engine, data, tender, None if zrm == "-" else zrm)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    found = run_all(tuple(int(s) for s in args.sizes.split(",")), args.big or None)
    (OUT / "kpi-engines.json").write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from benchmarks.report import kpi_engines_section

    print("\n".join(kpi_engines_section(found)))


if __name__ == "__main__":
    main()
