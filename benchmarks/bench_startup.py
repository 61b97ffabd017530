"""Start-up time of the command line: ``opvang --help`` and ``opvang COMMAND --help`` against bare Python.

    .venv/bin/python -m benchmarks.bench_startup [--repeat 15]

Each command runs in a fresh process, *repeat* times; the median wall time is compared with that of
``python -c pass`` from the same interpreter. The goal (issue 10): at most 0.2 s above bare Python.
A benchmark, not a test: the timing depends on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL_SECONDS = 0.2
COMMANDS = (["--help"], ["gap", "--help"], ["kpi", "--help"], ["site", "build", "--help"])


def _median(args: list[str], repeat: int) -> float:
    # As on a user's machine: Python may cache compiled modules (a first run writes them).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(repeat: int = 15) -> dict:
    """Median seconds of bare Python and of each help command, and whether the goal is met."""
    opvang = (
        [sys.executable, "-m", "generator.cli"]
        if not Path(sys.executable).with_name("opvang").exists()
        else [str(Path(sys.executable).with_name("opvang"))]
    )
    bare = _median([sys.executable, "-c", "pass"], repeat)
    rows = []
    for command in COMMANDS:
        seconds = _median([*opvang, *command], repeat)
        rows.append(
            {
                "command": "opvang " + " ".join(command),
                "seconds": round(seconds, 3),
                "above_bare": round(seconds - bare, 3),
                "met": seconds - bare <= GOAL_SECONDS,
            }
        )
    return {
        "bare_python": round(bare, 3),
        "goal_above_bare": GOAL_SECONDS,
        "rows": rows,
        "met": all(r["met"] for r in rows),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    result = measure(parser.parse_args(argv).repeat)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
