"""How fast ``opvang site serve`` shows an edit of a catalog file: the watcher and MkDocs' dirty rebuild.

    .venv/bin/python -m benchmarks.bench_serve CATALOG [--config mkdocs.yml] [--timeout 900]

Starts ``opvang site serve`` on a free port of 127.0.0.1 over a copy of *CATALOG* (a synthetic
catalog of ``benchmarks.synthetic_catalog``: its first tender has a ``kpi.yaml``), waits until the
site answers (the first, full build), then changes the title of one requirement and measures how
long it takes until the served page shows the new title; a second edit measures it again. Prints
JSON: the start-up time, the time per edit and whether each edit was shown. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

POLL = 0.25


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - a loopback address we started
            return answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, text: str | None, deadline: float) -> float | None:
    """Seconds until *url* answers (and contains *text*), or None at the deadline."""
    start = time.perf_counter()
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and (text is None or text in body):
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: '{old}' niet gevonden")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def measure(catalog: Path, config: Path | None, timeout: float) -> dict:
    """Serve a copy of *catalog*, edit it twice, report the seconds until each edit is shown."""
    opvang = Path(sys.executable).with_name("opvang")
    command = [str(opvang)] if opvang.exists() else [sys.executable, "-m", "generator.cli"]
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        copy = Path(scratch) / "catalogus"
        shutil.copytree(catalog, copy)
        first = sorted(p for p in copy.iterdir() if (p / "tender.yaml").is_file())[0]
        kpi = first / "kpi.yaml"
        title = next(line.split("title:", 1)[1].strip() for line in kpi.read_text().splitlines() if "title:" in line)
        args = [*command, "site", "serve", "--catalog", str(copy), "-a", f"127.0.0.1:{port}"]
        args += ["--config", str(config)] if config else []
        log = Path(scratch) / "serve.log"
        with log.open("wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.perf_counter() + timeout
            page = f"http://127.0.0.1:{port}/{first.name}/kpi/"
            started = _wait_for(page, None, deadline)
            result: dict = {"tenders": sum(1 for p in copy.iterdir() if (p / "tender.yaml").is_file())}
            result["startup_seconds"] = round(started, 2) if started is not None else None
            edits = []
            for number in (1, 2):
                if started is None:
                    break
                marker = f"Gewijzigd{number}"
                time.sleep(1.5)  # the watcher polls once a second: never edit within the same second
                _edit(kpi, f"title: {title}", f"title: {title} {marker}")
                title = f"{title} {marker}"
                shown = _wait_for(page, marker, time.perf_counter() + min(timeout, 600))
                edits.append({"seconds": round(shown, 2) if shown is not None else None, "shown": shown is not None})
            result["edits"] = edits
            result["ok"] = started is not None and all(e["shown"] for e in edits)
            result["log_tail"] = log.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
            return result
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--config", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.catalog, args.config, args.timeout), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
