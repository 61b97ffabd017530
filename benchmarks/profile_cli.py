"""Profile one ``opvang`` command with cProfile and write its top entries as JSON.

    python -m benchmarks.profile_cli --json OUT.json [--serial] [--top 15] -- validate CATALOG

Runs the real command line in this process. ``--serial`` loads the catalog in this process instead
of in worker processes (cProfile only sees the process it runs in), so that the profile shows where
the loading work itself goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def short_name(filename: str, line: int, function: str) -> str:
    """``file:function`` relative to the project or to site-packages, for a readable table."""
    path = filename
    if "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    elif path.startswith(str(ROOT)):
        path = path[len(str(ROOT)) + 1 :]
    if path.startswith("~") or path.startswith("<"):
        return function
    return f"{path}:{line}({function})"


def top_entries(profile: cProfile.Profile, top: int) -> list[dict]:
    """The *top* entries by own time (tottime), with their cumulative time and call count."""
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, function), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": short_name(filename, line, function),
                "calls": calls,
                "tottime": round(tottime, 3),
                "cumtime": round(cumtime, 3),
            }
        )
    rows.sort(key=lambda row: row["tottime"], reverse=True)
    return rows[:top]


def run(args: list[str], serial: bool, top: int) -> dict:
    """Run ``opvang ARGS`` under cProfile; return the wall time and the top entries."""
    if serial:
        import generator.catalog.load as load

        load.PARALLEL_FROM = 10**9
    from generator.cli import main

    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    try:
        main.main(args=args)
    except SystemExit:
        pass
    finally:
        profile.disable()
    return {
        "args": args,
        "serial": serial,
        "seconds_profiled": round(time.perf_counter() - started, 2),
        "top": top_entries(profile, top),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--serial", action="store_true")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    result = run(args, options.serial, options.top)
    options.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
