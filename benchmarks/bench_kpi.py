"""Benchmark: all KPIs of a tender over 10^4, 10^5 and 10^6 synthetic trajectories.

Run: ``.venv/bin/python benchmarks/bench_kpi.py [--sizes 10000,100000,1000000] [--tender ID]``.
For each size, writes the synthetic ``clienten.csv`` (not timed) and then, in a fresh process,
reads it and evaluates every computable KPI norm of the tender (overall, per doelgroep, per
gemeente): the wall time and the peak resident memory (``ru_maxrss``) of that process are recorded.
Results go to ``benchmarks/out/kpi.json`` and a table is printed. A benchmark, not a test.
``benchmarks/run.py`` (``make bench``) uses :func:`clients_csv` and :func:`breakdown` for the split
between reading and computing beside its timing of the ``opvang kpi`` command itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
TENDER = "noord-midden-limburg-mo"


def measure(csv_path: Path, catalog: Path, tender: str, zrm: Path | None) -> dict:
    """Runs inside the child process: read + evaluate, report time and peak RSS."""
    from generator.catalog.load import load_catalog
    from generator.kpi.clients import read_clients, read_zrm
    from generator.kpi.engine import evaluate

    cat = load_catalog(catalog)
    started = time.perf_counter()
    regs = read_clients(csv_path)
    read_done = time.perf_counter()
    scores = read_zrm(zrm, regs) if zrm else None
    report = evaluate(cat, tender, regs, scores, None)
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": len(regs),
        "read_s": round(read_done - started, 3),
        "evaluate_s": round(done - read_done, 3),
        "total_s": round(done - started, 3),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "norms": len(report.results),
    }


def clients_csv(size: int, out: Path = OUT) -> Path:
    """The synthetic ``clienten-SIZE.csv`` (seed 42) in *out*, written once and then reused."""
    from generator.kpi import demo

    out.mkdir(parents=True, exist_ok=True)
    data = out / f"clienten-{size}.csv"
    if not data.exists():
        demo.write_demo(out, size, seed=42, zrm=False, survey=False)
        os.replace(out / "clienten.csv", data)
    return data


def breakdown(data: Path, catalog: str = str(ROOT / "requirements"), tender: str = TENDER) -> dict:
    """Read and evaluate *data* in a fresh process; its read/evaluate times and peak memory."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(data), catalog, tender, "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    row = json.loads(child.stdout)
    row["file_mib"] = round(data.stat().st_size / 2**20, 1)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--tender", default=TENDER)
    parser.add_argument("--catalog", default=str(ROOT / "requirements"))
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        csv_path, catalog, tender, zrm = args.child
        print(json.dumps(measure(Path(csv_path), Path(catalog), tender, Path(zrm) if zrm != "-" else None)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        row = breakdown(clients_csv(size), args.catalog, args.tender)
        results.append(row)
        print(
            f"{row['rows']:>9} rijen  {row['file_mib']:>7} MiB  lezen {row['read_s']:>6.2f} s  "
            f"KPI's {row['evaluate_s']:>6.2f} s  totaal {row['total_s']:>6.2f} s  "
            f"piek {row['peak_rss_mib']:>7.1f} MiB  "
            f"({row['norms']} normen)",
            flush=True,
        )
    meta = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "tender": args.tender,
        "results": results,
    }
    (OUT / "kpi.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
