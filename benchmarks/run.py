"""The benchmark suite (``make bench``): opvang's commands at growing sizes, beside StrictDoc and Doorstop.

    .venv/bin/python -m benchmarks.run [--quick] [--skip-peers] [--timeout 900] [--repeat 3]
                [--only parse,validate,export,checklist,gap,site,peers,kpi,startup,serve,profile] [--render]

For 5, 50 and 500 synthetic tenders of 100 requirements each (``benchmarks.synthetic_catalog``) it
times the real command line as a user runs it, each in a fresh process: ``opvang validate`` (turn
and turn about with a bare libyaml parse of the same files, ``benchmarks.bare_parse``, for the
ratio of the goal), ``opvang export --format json``, ``opvang checklist`` (all tenders, xlsx),
``opvang gap`` (a filled checklist of all tenders) and ``opvang site build`` (also at 200 tenders,
for the cost per tender, and with the largest search section of each built site); ``opvang kpi``
over 10^4, 10^5 and 10^6 synthetic trajectories, with the engine comparison and memory measurements
of ``benchmarks.kpi_engines`` (DuckDB, Polars and the former engine; 10^6 ZRM rows; 10^7
trajectories); the start-up time of the command line (``benchmarks.bench_startup``) and how fast
``opvang site serve`` shows an edited catalog file (``benchmarks.bench_serve``, at 50 tenders).
StrictDoc and Doorstop get the same requirements in their own formats and are timed at the same
sizes (``benchmarks.peers``). Everything is written under ``benchmarks/out/`` (not in git); the
results go to ``benchmarks/out/results.json`` and, as a Dutch report, to ``docs/benchmarks.md``
(with ``--quick``: ``benchmarks/out/results-quick.json`` and ``benchmarks/out/benchmarks-quick.md``,
so a smoke run never overwrites the real report). ``--only site,kpi`` measures only those parts
again and merges them into the results; ``--render`` measures nothing and only writes the report
again. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks import bench_kpi, bench_serve, bench_startup, kpi_engines, peers, report, synthetic_catalog
from benchmarks.measure import OK, Measurement, measure

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
REQUIREMENTS_PER_TENDER = 100
FULL_TENDERS = (5, 50, 500)
FULL_SITE_TENDERS = (5, 50, 200, 500)  # the site also at 200: its cost per tender against that at 50
FULL_TRAJECTORIES = (10_000, 100_000, 1_000_000)
QUICK_TENDERS = (2, 5)
SERVE_TENDERS = 50  # the size at which ``opvang site serve`` is measured (the largest quick size with --quick)
QUICK_TRAJECTORIES = (10_000,)
KPI_TENDER = bench_kpi.TENDER
PEILDATUM = "2027-12-31"
STATUS_CYCLE = ("voldoet", "voldoet", "voldoet deels", "voldoet niet", "n.v.t.", "gepland")


@dataclass
class Settings:
    """What to run: sizes, time-out per measurement, repetitions, peers or not."""

    tenders: tuple[int, ...]
    trajectories: tuple[int, ...]
    site_tenders: tuple[int, ...]
    timeout: float
    repeat: int
    peers: bool
    quick: bool
    doc: Path
    render_only: bool = False
    only: frozenset[str] | None = None  # measure only these parts and merge them into results.json

    def wants(self, part: str) -> bool:
        """Whether *part* (a command key, 'peers' or 'kpi') is measured in this run."""
        return self.only is None or part in self.only

    def all_tenders(self) -> tuple[int, ...]:
        """Every catalog size measured: those of all commands and those of the site only."""
        return tuple(sorted(set(self.tenders) | set(self.site_tenders)))

    def runs_for(self, size: int, sizes: tuple[int, ...]) -> int:
        """The largest size runs once; smaller sizes give the median of *repeat* runs."""
        return 1 if size == max(sizes) and len(sizes) > 1 else self.repeat


@dataclass
class Results:
    """Everything measured in one run of the suite (written to results.json)."""

    meta: dict
    catalog: list[dict] = field(default_factory=list)
    peers: list[dict] = field(default_factory=list)
    kpi: list[dict] = field(default_factory=list)
    kpi_engines: dict = field(default_factory=dict)
    peer_env: dict = field(default_factory=dict)
    profiles: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    startup: dict = field(default_factory=dict)
    serve: dict = field(default_factory=dict)


def opvang_command() -> list[str]:
    """The ``opvang`` console script of the running interpreter's venv (as a user runs it)."""
    script = Path(sys.executable).parent / "opvang"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from generator.cli import main; main()"]


def log(message: str) -> None:
    """Progress on stderr, with the time of day."""
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- inputs ---------------------------------------------------------------------------------------


def make_catalog(tenders: int) -> Path:
    """The synthetic catalog of *tenders* x 100 requirements under benchmarks/out/ (regenerated)."""
    return synthetic_catalog.generate(OUT / f"catalogus-{tenders}", tenders, REQUIREMENTS_PER_TENDER)


def fill_checklist(template: Path, filled: Path) -> None:
    """A provider's answers for every requirement of the checklist at *template*, written to *filled*."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    data = yaml.load(template.read_text(encoding="utf-8"), Loader=loader)
    data["provider"] = "Stichting Benchmarkopvang"
    serial = 0
    for tender in data["tenders"]:
        for row in tender["requirements"]:
            status = STATUS_CYCLE[serial % len(STATUS_CYCLE)]
            row["status"] = status
            row["explanation"] = f"Toelichting {serial}"
            row["evidence"] = f"Kwaliteitshandboek §{serial % 40}" if status.startswith("voldoet") else ""
            row["owner"] = "Kwaliteitsmedewerker"
            row["target_date"] = "2028-03-31" if status in ("gepland", "voldoet deels") else ""
            serial += 1
    filled.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def site_project() -> Path:
    """A copy of mkdocs.yml and docs/ (without docs/generated) under benchmarks/out/.

    ``opvang site build --config`` writes the generated pages next to that copy, so the repository's
    own docs/generated is never touched.
    """
    project = OUT / "site-project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("generated", ".generated*"))
    return project


# --- opvang at one catalog size -------------------------------------------------------------------


def catalog_commands(catalog: Path, work: Path, project: Path, empty: Path) -> dict[str, list[str]]:
    """The opvang commands measured at one size, by key."""
    opvang = opvang_command()
    return {
        "parse": [sys.executable, "-m", "benchmarks.bare_parse", str(catalog)],
        "validate": [*opvang, "validate", str(catalog)],
        "export": [*opvang, "export", "--format", "json", "--catalog", str(catalog), "-o", str(work / "export.json")],
        "checklist": [*opvang, "checklist", "--format", "xlsx", "--catalog", str(catalog), "-o", str(work / "c.xlsx")],
        "gap": [
            *opvang,
            "gap",
            str(work / "ingevuld.yaml"),
            "--catalog",
            str(catalog),
            "--peildatum",
            PEILDATUM,
            "--format",
            "md",
            "-o",
            str(work / "gap.md"),
        ],
        "site": [
            *opvang,
            "site",
            "build",
            "--catalog",
            str(catalog),
            "--config",
            str(project / "mkdocs.yml"),
            "--checklists",
            str(empty),
            "--reports",
            str(empty),
            "-o",
            str(work / "site"),
        ],
    }


LABELS = {
    "parse": "libyaml: alle bestanden inlezen (ondergrens)",
    "validate": "opvang validate",
    "export": "opvang export --format json",
    "checklist": "opvang checklist (alle, xlsx)",
    "gap": "opvang gap (alle, md)",
    "site": "opvang site build",
}
_SITE_SPLIT = re.compile(r"genereren ([\d.]+) s, MkDocs ([\d.]+) s")


def run_catalog_size(
    tenders: int, settings: Settings, project: Path, peer_env: peers.PeerEnv | None, timed_out: set[str]
) -> tuple[list[dict], list[dict]]:
    """Measure opvang (and the peers) at one catalog size; returns (opvang rows, peer rows)."""
    log(f"catalogus {tenders} x {REQUIREMENTS_PER_TENDER}: genereren")
    catalog = make_catalog(tenders)
    work = OUT / f"werk-{tenders}"
    if work.exists():
        shutil.rmtree(work)
    empty = work / "leeg"
    empty.mkdir(parents=True)
    site_only = tenders not in settings.tenders
    commands = {
        k: c
        for k, c in catalog_commands(catalog, work, project, empty).items()
        if (settings.wants(k) or (k == "parse" and settings.wants("validate"))) and (not site_only or k == "site")
    }
    prepared = _prepare_gap(catalog, work, settings) if "gap" in commands else None
    runs = 1 if site_only else settings.runs_for(tenders, settings.tenders)  # 200 tenders: the site once
    rows = []
    if "parse" in commands and "validate" in commands:
        rows += _measure_pair(commands.pop("parse"), commands.pop("validate"), tenders, settings)
    for key, command in commands.items():
        if key == "gap" and prepared is not None and prepared.status != OK:
            result = Measurement(command, None, None, prepared.status, note="checklist (yaml) niet gemaakt")
        else:
            log(f"  {LABELS[key]} ({tenders} aanbestedingen, {runs}x)")
            result = measure(command, settings.timeout, runs, cwd=ROOT)
        row = _catalog_row(key, tenders, result)
        if key == "site" and result.status == OK:
            row["largest_section"] = largest_search_section(work / "site")
        rows.append(row)
    if site_only:
        return rows, []
    peer_rows = run_peers(tenders, catalog, work, settings, peer_env, timed_out) if peer_env is not None else []
    return rows, peer_rows


def _measure_pair(parse: list[str], validate: list[str], tenders: int, settings: Settings) -> list[dict]:
    """The bare parse and ``opvang validate`` of the same catalog, turn and turn about, three times at least.

    The load of a shared machine changes from minute to minute; measured in turns, both see the same
    load, and the ratio of each pair (its median in ``ratio_to_parse``) is what the goal judges.
    """
    turns = max(3, settings.repeat)
    log(f"  {LABELS['parse']} en {LABELS['validate']} om en om ({tenders} aanbestedingen, {turns}x)")
    found: dict[str, list[Measurement]] = {"parse": [], "validate": []}
    for _ in range(turns):
        for key, command in (("parse", parse), ("validate", validate)):
            found[key].append(measure(command, settings.timeout, 1, cwd=ROOT))
    rows = []
    for key in ("parse", "validate"):
        runs = found[key]
        failed = next((m for m in runs if m.status != OK), None)
        if failed is not None:
            rows.append(_catalog_row(key, tenders, failed))
            continue
        seconds = statistics.median(m.seconds for m in runs)
        merged = Measurement(
            runs[0].command,
            round(seconds, 3),
            round(statistics.median(m.peak_mib for m in runs), 1),
            OK,
            [r for m in runs for r in m.runs],
            stdout=runs[-1].stdout,
        )
        rows.append(_catalog_row(key, tenders, merged))
    if all(m.status == OK for m in found["parse"] + found["validate"]):
        ratios = [v.seconds / p.seconds for p, v in zip(found["parse"], found["validate"], strict=True)]
        rows[1]["ratio_to_parse"] = round(statistics.median(ratios), 3)
        rows[1]["ratios"] = [round(r, 3) for r in ratios]
        log(f"    validate / parse: {report.nl(rows[1]['ratio_to_parse'], 2)} (per beurt {rows[1]['ratios']})")
    return rows


def largest_search_section(site: Path) -> dict | None:
    """The largest section of the built site's search index (bytes of text) and where it is."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return None
    docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    if not docs:
        return None
    biggest = max(docs, key=lambda d: len(d.get("text", "").encode("utf-8")))
    return {
        "bytes": len(biggest["text"].encode("utf-8")),
        "location": biggest.get("location", ""),
        "sections": len(docs),
    }


def _prepare_gap(catalog: Path, work: Path, settings: Settings) -> Measurement:
    """The checklist of all tenders as YAML (not timed), filled in as ``ingevuld.yaml``."""
    template = work / "checklist.yaml"
    make_template = [*opvang_command(), "checklist", "--format", "yaml", "--catalog", str(catalog), "-o", str(template)]
    prepared = measure(make_template, settings.timeout, cwd=ROOT)
    if prepared.status == OK:
        fill_checklist(template, work / "ingevuld.yaml")
    return prepared


def _catalog_row(key: str, tenders: int, result: Measurement) -> dict:
    row = {
        "key": key,
        "label": LABELS[key],
        "tenders": tenders,
        "requirements": tenders * REQUIREMENTS_PER_TENDER,
        **result.as_dict(),
        "args": result.command[len(opvang_command()) :],
    }
    split = _SITE_SPLIT.search(result.stdout) if key == "site" else None
    if split:
        row["generate_seconds"], row["mkdocs_seconds"] = float(split.group(1)), float(split.group(2))
        pages = re.search(r"(\d+) gegenereerde pagina", result.stdout)
        row["pages"] = int(pages.group(1)) if pages else None
    log(f"    {report.seconds_text(row)} s, {report.mib_text(row)} MiB")
    return row


# --- peers ---------------------------------------------------------------------------------------


def run_peers(
    tenders: int, catalog: Path, work: Path, settings: Settings, env: peers.PeerEnv, timed_out: set[str]
) -> list[dict]:
    """The peer operations at one size; one that failed or timed out at a smaller size is skipped."""
    if not env.ready:
        return []
    data = peers.read_synthetic(catalog)
    sdoc = peers.write_strictdoc(data, work / "strictdoc")
    doorstop_root = peers.write_doorstop(data, work / "doorstop")
    runs = settings.runs_for(tenders, settings.tenders)
    rows = []
    reviewed = False
    for command in peers.commands(env, sdoc, doorstop_root, work):
        row = {"tool": command.tool, "operation": command.operation, "compare_with": command.compare_with}
        row |= {"tenders": tenders, "requirements": tenders * REQUIREMENTS_PER_TENDER}
        if command.operation in timed_out:
            row |= {
                "seconds": None,
                "peak_mib": None,
                "status": "overgeslagen",
                "note": "mislukt of time-out bij kleinere omvang",
            }
            rows.append(row)
            continue
        if command.tool == "Doorstop" and not reviewed:
            reviewed = True
            log("  doorstop: eerste validatie (niet getimed; stempelt de nieuwe items als beoordeeld)")
            measure(peers.doorstop_review(env, doorstop_root), settings.timeout, cwd=work)
        log(f"  {command.operation} ({tenders} aanbestedingen, {runs}x)")
        result = measure(command.argv, settings.timeout, runs, cwd=work, before=lambda c=command: _clear(c.output))
        row |= result.as_dict()
        log(f"    {report.seconds_text(row)} s, {report.mib_text(row)} MiB")
        if result.status != OK:
            timed_out.add(command.operation)
        rows.append(row)
    return rows


def _clear(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)


# --- KPI -----------------------------------------------------------------------------------------


def run_kpi(size: int, settings: Settings) -> dict:
    """``opvang kpi`` over *size* synthetic trajectories, plus the read/compute split in-process."""
    log(f"kpi {size} trajecten: gegevens maken (niet getimed)")
    data = bench_kpi.clients_csv(size, OUT)
    output = OUT / f"kpi-{size}.json"
    command = [*opvang_command(), "kpi", str(data), "--tender", KPI_TENDER, "--format", "json", "-o", str(output)]
    runs = settings.runs_for(size, settings.trajectories)
    log(f"  opvang kpi ({size} trajecten, {runs}x)")
    result = measure(command, settings.timeout, runs, cwd=ROOT)
    row = {"trajectories": size, "file_mib": round(data.stat().st_size / 2**20, 1), **result.as_dict()}
    if result.status == OK:
        row["split"] = bench_kpi.breakdown(data)
    log(f"    {report.seconds_text(row)} s, {report.mib_text(row)} MiB")
    return row


# --- profiles -------------------------------------------------------------------------------------


def profile(args: list[str], name: str, serial: bool, timeout: float) -> dict:
    """cProfile of ``opvang ARGS`` in a fresh process; the top entries by own time."""
    target = OUT / f"profiel-{name}.json"
    command = [sys.executable, "-m", "benchmarks.profile_cli", "--json", str(target)]
    command += ["--serial"] if serial else []
    result = measure([*command, "--", *args], timeout, cwd=ROOT)
    if result.status != OK or not target.exists():
        return {"name": name, "status": result.status, "note": result.note, "top": []}
    return {"name": name, "status": OK, **json.loads(target.read_text(encoding="utf-8"))}


def profiles_for(targets: list[dict], settings: Settings) -> list[dict]:
    """Profiles of the commands whose target was missed (at the size of the target)."""
    found = []
    for target in targets:
        if target["met"] is not False or not target.get("profile"):
            continue
        args, serial = target["profile"]
        log(f"profiel: {target['key']}")
        entry = profile(args, target["key"], serial, settings.timeout)
        entry["target"] = target["key"]
        found.append(entry)
    return found


# --- the suite ------------------------------------------------------------------------------------


def run(settings: Settings) -> Results:
    """Run everything; returns the results (also written to disk by :func:`main`)."""
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    peer_env = None
    if settings.peers and settings.wants("peers"):
        log("peers: installeren in benchmarks/out/peers (pip)")
        peer_env = peers.install(OUT / "peers")
        if not peer_env.ready:
            log(f"peers: {peer_env.problem}")
    results = Results(report.machine(peer_env, settings.quick))
    results.meta |= {"timeout": settings.timeout, "repeat": settings.repeat}
    results.peer_env = _peer_env_dict(peer_env)
    project = site_project()
    timed_out: set[str] = set()
    for tenders in settings.all_tenders() if any(map(settings.wants, (*LABELS, "peers"))) else ():
        if tenders not in settings.tenders and not settings.wants("site"):
            continue
        rows, peer_rows = run_catalog_size(tenders, settings, project, peer_env, timed_out)
        results.catalog += rows
        results.peers += peer_rows
    if settings.wants("startup"):
        log("opstarttijd: opvang --help en drie subcommando's tegen python -c pass")
        results.startup = bench_startup.measure(15)
    if settings.wants("serve"):
        size = SERVE_TENDERS if not settings.quick else max(settings.tenders)
        log(f"site serve: een wijziging in de catalogus tot op de pagina ({size} aanbestedingen)")
        served = bench_serve.measure(make_catalog(size), project / "mkdocs.yml", settings.timeout)
        results.serve = {**served, "load": round(os.getloadavg()[0], 2)}
    for size in settings.trajectories if settings.wants("kpi") else ():
        results.kpi.append(run_kpi(size, settings))
    if settings.wants("kpi") and not settings.quick:  # minutes even at 10^4 trajectories: the full run only
        log("kpi: DuckDB, Polars en de oude engine op dezelfde definities; geheugen tot 10^7 trajecten")
        big = None if settings.quick else kpi_engines.BIG
        results.kpi_engines = kpi_engines.run_all(settings.trajectories[-2:], big)
    if settings.only is None:
        results.targets = report.targets(
            results.catalog, results.kpi, settings.quick, results.startup, results.serve, results.kpi_engines
        )
        results.profiles = profiles_for(results.targets, settings)
    results.meta["total_seconds"] = round(time.perf_counter() - started, 1)
    return results


def merge(previous: dict, new: Results, settings: Settings) -> dict:
    """*previous* results with the rows measured again in *new* replaced; targets judged anew."""
    data = dict(previous)
    data["catalog"] = _replace(previous["catalog"], new.catalog, ("key", "tenders"))
    data["peers"] = _replace(previous["peers"], new.peers, ("operation", "tenders"))
    data["kpi"] = _replace(previous["kpi"], new.kpi, ("trajectories",))
    if new.kpi_engines:
        data["kpi_engines"] = new.kpi_engines
    data["meta"] = dict(previous["meta"])
    note = {
        "date": new.meta["date"],
        "parts": sorted(settings.only or ()),
        "seconds": new.meta["total_seconds"],
        "timeout": settings.timeout,
    }
    data["meta"]["remeasured"] = [*previous["meta"].get("remeasured", []), note]
    for part in ("startup", "serve"):
        if getattr(new, part):
            data[part] = getattr(new, part)
    data["targets"] = report.targets_of(data, settings.quick)
    only = settings.only or frozenset()
    again = {t["key"] for t in data["targets"] if t["key"] in only or "profile" in only}
    kept = [p for p in previous.get("profiles", []) if p.get("target") not in again]
    data["profiles"] = kept + profiles_for([t for t in data["targets"] if t["key"] in again], settings)
    return data


def _replace(old: list[dict], new: list[dict], keys: tuple[str, ...]) -> list[dict]:
    fresh = {tuple(row[k] for k in keys): row for row in new}
    kept = [row for row in old if tuple(row.get(k) for k in keys) not in fresh]
    return kept + list(fresh.values())


def _peer_env_dict(env: peers.PeerEnv | None) -> dict:
    if env is None:
        return {"skipped": True}
    return {"skipped": False, "versions": env.versions, "problem": env.problem}


def parse_args(argv: list[str] | None = None) -> Settings:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="alleen kleine maten (rooktest)")
    parser.add_argument("--skip-peers", action="store_true", help="StrictDoc en Doorstop niet meten")
    parser.add_argument("--timeout", type=float, default=900.0, help="maximum per meting in seconden (900)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per meting, behalve bij de grootste maat (3)")
    parser.add_argument("--doc", type=Path, default=None, help="het Markdown-rapport (standaard docs/benchmarks.md)")
    parser.add_argument(
        "--only",
        default=None,
        help="alleen deze delen opnieuw meten en in results.json invoegen, bijv. site,kpi "
        "(validate, export, checklist, gap, site, peers, kpi, startup, serve; 'profile': alleen de profielen "
        "van gemiste doelen)",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="niets meten: alleen het rapport opnieuw maken uit benchmarks/out/results.json",
    )
    args = parser.parse_args(argv)
    doc = args.doc or (OUT / "benchmarks-quick.md" if args.quick else ROOT / "docs" / "benchmarks.md")
    return Settings(
        tenders=QUICK_TENDERS if args.quick else FULL_TENDERS,
        trajectories=QUICK_TRAJECTORIES if args.quick else FULL_TRAJECTORIES,
        site_tenders=QUICK_TENDERS if args.quick else FULL_SITE_TENDERS,
        timeout=args.timeout,
        repeat=max(1, args.repeat),
        peers=not args.skip_peers,
        quick=args.quick,
        doc=doc,
        render_only=args.render,
        only=frozenset(p.strip() for p in args.only.split(",") if p.strip()) if args.only else None,
    )


def main(argv: list[str] | None = None) -> None:
    settings = parse_args(argv)
    results_file = OUT / ("results-quick.json" if settings.quick else "results.json")
    if settings.render_only:
        data = json.loads(results_file.read_text(encoding="utf-8"))
        data["targets"] = report.targets_of(data, settings.quick)
    elif settings.only is not None:
        data = merge(json.loads(results_file.read_text(encoding="utf-8")), run(settings), settings)
    else:
        data = as_data(run(settings))
    results_file.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    settings.doc.parent.mkdir(parents=True, exist_ok=True)
    settings.doc.write_text(report.markdown(data), encoding="utf-8")
    log(f"klaar in {data['meta']['total_seconds']} s: {settings.doc} en {results_file}")


def as_data(results: Results) -> dict:
    """The results as the JSON document written to results.json."""
    return {
        "meta": results.meta,
        "peer_env": results.peer_env,
        "catalog": results.catalog,
        "peers": results.peers,
        "kpi": results.kpi,
        "kpi_engines": results.kpi_engines,
        "targets": results.targets,
        "profiles": results.profiles,
        "startup": results.startup,
        "serve": results.serve,
    }


if __name__ == "__main__":
    main()
