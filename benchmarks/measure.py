"""Run one command as a user would and measure its wall time and peak memory.

The command runs in a child process (in its own process group, so that a time-out also ends the
workers it started). Its peak memory is ``ru_maxrss`` from ``os.wait4``: on Linux the largest
resident set reached by the child or any of its descendants that it waited for (worker processes of
a pool included). It is the peak of the largest single process, not the sum over processes.

Linux also counts the memory a process had *before* it called ``exec``: a child forked straight from
this (large) benchmark process would report at least this process's own size. So every command is
started by a tiny launcher (``python -I -S``, standard library only, about 10 MiB) that spawns the
command, waits for it with ``os.wait4`` and reports the time and peak memory in a small JSON file.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

LAUNCHER = """
import json, os, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
try:
    pid = os.posix_spawnp(command[0], command, os.environ)
except OSError as exc:
    sys.stderr.write(f"kan {command[0]} niet starten: {exc}\\n")
    sys.exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
code = os.waitstatus_to_exitcode(status)
with open(report, "w") as out:
    json.dump({"seconds": seconds, "maxrss_kib": usage.ru_maxrss, "returncode": code}, out)
sys.exit(code if 0 <= code < 256 else 1)
"""
OK = "ok"
TIMEOUT = "time-out"
FAILED = "fout"


@dataclass
class Run:
    """One run of a command."""

    seconds: float
    peak_mib: float
    status: str
    returncode: int
    stdout: str = ""
    stderr: str = ""
    load_before: float = 0.0  # 1-minute load average when the run started (other work on the machine)


@dataclass
class Measurement:
    """The median of one or more runs of the same command."""

    command: list[str]
    seconds: float | None
    peak_mib: float | None
    status: str
    runs: list[dict] = field(default_factory=list)
    note: str = ""
    stdout: str = ""

    def as_dict(self) -> dict:
        """JSON-ready form (without the captured output)."""
        data = asdict(self)
        data.pop("stdout")
        return data


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def run_once(command: list[str], timeout: float, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run *command* once; kill it (and its process group) after *timeout* seconds."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        report = Path(scratch) / "usage.json"
        run = _run_launched([sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *command], timeout, cwd, env)
        if run.status != TIMEOUT and report.exists():
            usage = json.loads(report.read_text(encoding="utf-8"))
            run.seconds = round(usage["seconds"], 3)
            run.peak_mib = round(usage["maxrss_kib"] / 1024, 1)
            run.returncode = usage["returncode"]
        elif run.status != TIMEOUT:
            run.status = FAILED
    run.load_before = round(load, 2)
    return run


def _run_launched(command: list[str], timeout: float, cwd: Path | None, env: dict | None) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    timed_out = threading.Event()

    def expire() -> None:
        timed_out.set()
        _kill_group(process)

    timer = threading.Timer(timeout, expire)
    timer.start()
    out_reader = _Reader(process.stdout)
    err_reader = _Reader(process.stderr)
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    _kill_group(process)  # leftovers of a killed or careless child
    stdout, stderr = out_reader.text(), err_reader.text()
    if timed_out.is_set():
        state = TIMEOUT
    elif process.returncode != 0:
        state = FAILED
    else:
        state = OK
    return Run(round(seconds, 3), round(usage.ru_maxrss / 1024, 1), state, process.returncode, stdout, stderr)


class _Reader:
    """Drain a pipe in a thread so that a chatty child never blocks on a full pipe."""

    def __init__(self, pipe) -> None:
        self._chunks: list[bytes] = []
        self._pipe = pipe
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        for chunk in iter(lambda: self._pipe.read(65536), b""):
            self._chunks.append(chunk)
        self._pipe.close()

    def text(self) -> str:
        self._thread.join(timeout=10)
        return b"".join(self._chunks).decode("utf-8", errors="replace")


def measure(
    command: list[str],
    timeout: float,
    repeat: int = 1,
    cwd: Path | None = None,
    env: dict | None = None,
    before=None,
) -> Measurement:
    """Run *command* *repeat* times (calling *before* ahead of each run) and keep the median.

    A failed or timed-out run stops the repetition: its status is the result.
    """
    runs: list[Run] = []
    for _ in range(repeat):
        if before is not None:
            before()
        run = run_once(command, timeout, cwd, env)
        runs.append(run)
        if run.status != OK:
            break
    last = runs[-1]
    summary = [{"seconds": r.seconds, "peak_mib": r.peak_mib, "status": r.status, "load": r.load_before} for r in runs]
    if last.status != OK:
        note = _last_line(last.stderr) or _last_line(last.stdout)
        return Measurement(command, None, None, last.status, summary, note, last.stdout)
    return Measurement(
        command,
        round(statistics.median(r.seconds for r in runs), 3),
        round(statistics.median(r.peak_mib for r in runs), 1),
        OK,
        summary,
        stdout=last.stdout,
    )


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
