"""The benchmark results as data (machine, targets) and as the Dutch report ``docs/benchmarks.md``.

The report is generated in full from ``results.json`` by :func:`markdown`; the hand-written
interpretation of a measurement lives in ``benchmarks/toelichting.md`` and is included as is.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTES = Path(__file__).with_name("toelichting.md")
LIBRARIES = ("pyyaml", "jsonschema", "fastjsonschema", "jinja2", "click", "openpyxl", "mkdocs", "mkdocs-material")
VALIDATE_REQUIREMENTS = 50_000
VALIDATE_RATIO = 1.5  # cold validate within 1.5x a bare libyaml parse of the same files (issue 14)
TIMEOUT_STATUS = "time-out"
KPI_TRAJECTORIES = 1_000_000
KPI_SECONDS = 10.0
KPI_MIB = 1024.0
KPI_ENGINE_RATIO = 3.0  # all KPIs of a tender on 10^6 trajectories within 3x a bare DuckDB group-by (issue 14)
KPI_BIG_MIB = 2048.0  # 10^7 trajectories complete below 2 GiB (issue 14)
SITE_SMALL, SITE_LARGE = 50, 200  # the cost per tender at SITE_LARGE within SITE_SLACK of that at SITE_SMALL
SITE_SLACK = 1.15
SITE_TOP, SITE_TOP_SECONDS = 500, 240.0  # 500 tenders x 100 requirements in under 240 s
SECTION_BYTES = 16 * 1024  # no search section above 16 KiB of text
STARTUP_ABOVE_BARE = 0.2  # opvang --help at most 0.2 s above python -c pass


# --- machine --------------------------------------------------------------------------------------


def machine(peer_env=None, quick: bool = False) -> dict:
    """CPU, cores, memory, OS, Python and library versions, git revision and the date."""
    import yaml

    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "-"
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "libraries": versions,
        "peers": dict(peer_env.versions) if peer_env is not None and peer_env.ready else {},
        "revision": _revision(),
        "quick": quick,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _revision() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "-"
    if head.returncode != 0:
        return "-"
    return head.stdout.strip() + (" (met lokale wijzigingen)" if dirty.stdout.strip() else "")


# --- targets --------------------------------------------------------------------------------------


def targets(
    catalog: list[dict],
    kpi: list[dict],
    quick: bool,
    startup: dict | None = None,
    serve: dict | None = None,
    engines: dict | None = None,
) -> list[dict]:
    """The goals of issue 14: met (True/False) or not measured (None), and how they were judged."""
    return [
        _validate_target(catalog),
        _site_linear_target(catalog),
        _site_top_target(catalog),
        _section_target(catalog),
        _kpi_target(kpi),
        _kpi_engine_target(engines or {}),
        _kpi_big_target(engines or {}),
        _startup_target(startup or {}),
        _serve_target(serve or {}, catalog),
    ]


def targets_of(data: dict, quick: bool) -> list[dict]:
    """The goals judged on stored results (``results.json``), as :func:`targets` judges a fresh run."""
    return targets(
        data["catalog"],
        data["kpi"],
        quick,
        data.get("startup", {}),
        data.get("serve", {}),
        data.get("kpi_engines", {}),
    )


def _find(rows: list[dict], **match) -> dict | None:
    return next((r for r in rows if all(r.get(k) == v for k, v in match.items())), None)


def _validate_target(catalog: list[dict]) -> dict:
    target = {
        "key": "validate",
        "goal": f"`opvang validate` van {nl(VALIDATE_REQUIREMENTS)} eisen (koud, in een vers proces) binnen "
        f"{nl(VALIDATE_RATIO, 1)}× de tijd die libyaml alleen nodig heeft om dezelfde bestanden te lezen",
    }
    row = _find(catalog, key="validate", requirements=VALIDATE_REQUIREMENTS)
    parse = _find(catalog, key="parse", requirements=VALIDATE_REQUIREMENTS)
    if row is None or row["seconds"] is None or "ratio_to_parse" not in row or parse is None:
        return target | {"met": None, "measured": "niet gemeten" if row is None else row.get("status", "-")}
    ratio = row["ratio_to_parse"]
    measured = (
        f"{seconds_text(row)} s tegen {seconds_text(parse)} s voor het inlezen alleen: ×{nl(ratio, 2)} "
        f"(mediaan van {len(row.get('ratios', []))} beurten om en om; per beurt "
        f"{', '.join('×' + nl(r, 2) for r in row.get('ratios', []))})"
    )
    return target | {"met": ratio <= VALIDATE_RATIO, "measured": measured, "profile": (row["args"], True)}


def _site_points(catalog: list[dict]) -> list[tuple[int, float, bool]]:
    """(tenders, seconds, lower bound?) per site build; a time-out gives its time as a lower bound."""
    points = []
    for row in sorted((r for r in catalog if r["key"] == "site"), key=lambda r: r["tenders"]):
        if row["seconds"] is not None:
            points.append((row["tenders"], row["seconds"], False))
        elif row["status"] == TIMEOUT_STATUS and row.get("runs"):
            points.append((row["tenders"], row["runs"][-1]["seconds"], True))
    return points


def _site_slopes(catalog: list[dict]) -> list[tuple[int, int, float, bool]]:
    """Seconds per extra tender between consecutive sizes (the last one possibly a lower bound)."""
    points = _site_points(catalog)
    return [
        (a, b, (b_seconds - a_seconds) / (b - a), bound)
        for (a, a_seconds, a_bound), (b, b_seconds, bound) in zip(points, points[1:], strict=False)
        if not a_bound
    ]


def _site_linear_target(catalog: list[dict]) -> dict:
    target = {
        "key": "site",
        "goal": f"`opvang site build` lineair: kosten per aanbesteding bij {SITE_LARGE} aanbestedingen binnen "
        f"{nl(SITE_SLACK, 2)}× die bij {SITE_SMALL}",
    }
    small = _find(catalog, key="site", tenders=SITE_SMALL)
    large = _find(catalog, key="site", tenders=SITE_LARGE)
    if small is None or large is None or small["seconds"] is None or large["seconds"] is None:
        missing = next((r for r in (small, large) if r is not None and r["seconds"] is None), None)
        return target | {"met": None, "measured": missing["status"] if missing else "niet gemeten"}
    low, high = small["seconds"] / SITE_SMALL, large["seconds"] / SITE_LARGE
    measured = (
        f"{nl(low, 2)} s per aanbesteding bij {SITE_SMALL}, {nl(high, 2)} s bij {SITE_LARGE}: ×{nl(high / low, 2)}"
    )
    return target | {
        "met": high <= SITE_SLACK * low,
        "measured": measured,
        "profile": (small["args"], False),
    }


def _site_top_target(catalog: list[dict]) -> dict:
    target = {
        "key": "site-500",
        "goal": f"`opvang site build` van {SITE_TOP} aanbestedingen × 100 eisen in minder dan "
        f"{nl(SITE_TOP_SECONDS, 0)} s",
    }
    row = _find(catalog, key="site", tenders=SITE_TOP)
    if row is None or row["seconds"] is None:
        return target | {
            "met": None if row is None else False,
            "measured": "niet gemeten" if row is None else row["status"],
        }
    split = f"genereren {nl(row.get('generate_seconds'), 1)} s, MkDocs {nl(row.get('mkdocs_seconds'), 1)} s"
    measured = f"{seconds_text(row)} s ({split}), piek {mib_text(row)} MiB"
    return target | {"met": row["seconds"] < SITE_TOP_SECONDS, "measured": measured}


def _section_target(catalog: list[dict]) -> dict:
    target = {"key": "sections", "goal": "geen zoeksectie van de site boven 16 KiB tekst"}
    found = [(r["largest_section"], r["tenders"]) for r in catalog if r["key"] == "site" and r.get("largest_section")]
    if not found:
        return target | {"met": None, "measured": "niet gemeten"}
    largest, tenders = max(found, key=lambda item: item[0]["bytes"])
    measured = (
        f"grootste: {nl(largest['bytes'])} bytes (`{largest['location']}`, bij {tenders} aanbestedingen); "
        f"gemeten bij {', '.join(str(t) for _, t in sorted(found, key=lambda i: i[1]))} aanbestedingen"
    )
    return target | {"met": largest["bytes"] <= SECTION_BYTES, "measured": measured}


def _startup_target(startup: dict) -> dict:
    target = {
        "key": "startup",
        "goal": f"`opvang --help` ten hoogste {nl(STARTUP_ABOVE_BARE, 1)} s boven `python -c pass`",
    }
    if not startup.get("rows"):
        return target | {"met": None, "measured": "niet gemeten"}
    worst = max(startup["rows"], key=lambda r: r["above_bare"])
    measured = (
        f"`python -c pass` {nl(startup['bare_python'], 3)} s; `opvang --help` en drie subcommando's: hoogstens "
        f"{nl(worst['above_bare'], 3)} s erboven (`{worst['command']}`)"
    )
    return target | {"met": startup["met"], "measured": measured}


def _serve_target(serve: dict, catalog: list[dict]) -> dict:
    target = {
        "key": "serve",
        "goal": "`opvang site serve`: een gewijzigd catalogusbestand staat op de site, sneller dan een volledige bouw",
    }
    if not serve:
        return target | {"met": None, "measured": "niet gemeten"}
    edits = serve.get("edits", [])
    shown = [e["seconds"] for e in edits if e.get("shown")]
    full = _find(catalog, key="site", tenders=serve.get("tenders"))
    full_seconds = full["seconds"] if full and full["seconds"] is not None else None
    if not serve.get("ok") or not shown:
        return target | {"met": False, "measured": f"wijziging niet getoond (start {serve.get('startup_seconds')} s)"}
    measured = (
        f"{serve['tenders']} aanbestedingen: server klaar na {nl(serve['startup_seconds'], 1)} s, een wijziging "
        f"zichtbaar na {' en '.join(nl(x, 1) + ' s' for x in shown)}"
        + (f" (volledige bouw: {nl(full_seconds, 1)} s)" if full_seconds else "")
    )
    met = full_seconds is None or max(shown) < full_seconds
    return target | {"met": met if full_seconds is not None else None, "measured": measured}


def _kpi_target(kpi: list[dict]) -> dict:
    target = {"key": "kpi", "goal": f"`opvang kpi` over 10^6 trajecten onder {nl(KPI_SECONDS, 0)} s en onder 1 GiB"}
    row = _find(kpi, trajectories=KPI_TRAJECTORIES)
    if row is None or row["seconds"] is None:
        return target | {"met": None, "measured": "niet gemeten" if row is None else row["status"]}
    met = row["seconds"] < KPI_SECONDS and row["peak_mib"] < KPI_MIB
    args = row["command"][row["command"].index("kpi") :]
    return target | {"met": met, "measured": f"{seconds_text(row)} s, {mib_text(row)} MiB", "profile": (args, False)}


def _kpi_engine_target(engines: dict) -> dict:
    target = {
        "key": "kpi_engine",
        "goal": f"alle KPI's van een aanbesteding over 10^6 trajecten binnen {nl(KPI_ENGINE_RATIO, 0)}× een kale "
        "DuckDB-`GROUP BY` van dezelfde CSV",
    }
    size = _find(engines.get("sizes", []), trajectories=KPI_TRAJECTORIES)
    row = _find(size["engines"], engine="duckdb") if size else None
    if row is None or row.get("ratio") is None:
        return target | {"met": None, "measured": "niet gemeten"}
    # Polars computes the same definitions: its cells must agree. The former engine predates the
    # target-group scopes and provisional values of issue 11, so its cells differ by design.
    polars = _find(size["engines"], engine="polars")
    agree = ""
    if polars is not None and polars.get("identical") is not None:
        agree = "; Polars rekent dezelfde cellen" if polars["identical"] else "; **Polars rekent andere cellen**"
    met = row["ratio"] <= KPI_ENGINE_RATIO and (polars is None or polars.get("identical") is not False)
    return target | {
        "met": met,
        "measured": f"{nl(row['ratio'], 2)}× ({nl(row['seconds'], 2)} s tegen {nl(size['engines'][0]['seconds'], 2)} s)"
        + agree,
    }


def _kpi_big_target(engines: dict) -> dict:
    target = {"key": "kpi_big", "goal": "`opvang kpi` over 10^7 trajecten loopt af en blijft onder 2 GiB"}
    row = next((r for r in engines.get("memory", []) if r.get("what", "").startswith("10.000.000")), None)
    if row is None:
        return target | {"met": None, "measured": "niet gemeten"}
    if row.get("seconds") is None:
        return target | {"met": False, "measured": row.get("status", "fout")}
    met = row["peak_mib"] < KPI_BIG_MIB
    return target | {"met": met, "measured": f"{seconds_text(row)} s, {mib_text(row)} MiB"}


# --- numbers the Dutch way ------------------------------------------------------------------------


def nl(value: float | int | None, digits: int = 0) -> str:
    """1234.5 → '1.234,5' (thousands with a point, decimals with a comma)."""
    if value is None:
        return "-"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def seconds_text(row: dict) -> str:
    """Seconds with sensible precision, or the status (time-out, fout) when there is no time."""
    value = row.get("seconds")
    if value is None:
        return row.get("status", "-")
    return nl(value, 2 if value < 10 else 1 if value < 100 else 0)


def mib_text(row: dict) -> str:
    value = row.get("peak_mib")
    return "-" if value is None else nl(value, 0)


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "-"
    return nl(a / b, 2)


def _time_ratio(mine: dict, peer: dict) -> str:
    """opvang's time over the peer's; '> x' when opvang timed out (its time-out is a lower bound)."""
    if mine.get("status") == TIMEOUT_STATUS and mine.get("runs") and peer.get("seconds"):
        return "> " + nl(mine["runs"][-1]["seconds"] / peer["seconds"], 2)
    return _ratio(mine.get("seconds"), peer.get("seconds"))


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|")


def _table(header: list[str], align: str, rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


# --- the report -----------------------------------------------------------------------------------


INTRO = """# Benchmarks

Hoe snel zijn de commando's van `opvang` bij grote catalogi en registraties, hoeveel geheugen gebruiken
ze, en hoe verhoudt `opvang` zich tot twee bekende open-source hulpmiddelen voor eisenbeheer,
[StrictDoc](https://strictdoc.readthedocs.io/) en [Doorstop](https://doorstop.readthedocs.io/)? Deze pagina
wordt in zijn geheel gemaakt door `make bench` (`.venv/bin/python -m benchmarks.run`); de ruwe cijfers
staan in `benchmarks/out/results.json`. De benchmarks horen niet bij de tests.

Opnieuw meten: `make bench` (alles, ongeveer anderhalf uur op 2 cores), `.venv/bin/python -m benchmarks.run
--quick` (alleen kleine maten, als rooktest; schrijft naar `benchmarks/out/benchmarks-quick.md`; draait
ook in CI via `.ci/run`), `--skip-peers` (zonder StrictDoc en Doorstop), `--only site,kpi` (alleen die
delen opnieuw meten en in de resultaten invoegen) en `--render` (niets meten, alleen deze pagina
opnieuw maken). Meet op een stille machine (`uptime`): de belasting staat hieronder bij elke meting.
"""

METHOD = """## Werkwijze

- **Echte commando's.** Elk commando draait zoals een gebruiker het typt (`.venv/bin/opvang …`), in een
  vers proces, vanuit de projectmap. De tijd is de wandkloktijd van start tot einde van het proces,
  inclusief het opstarten van Python en het laden van de catalogus.
- **Piekgeheugen** is `ru_maxrss` uit `os.wait4`: het grootste residente geheugen van het proces of
  van een van zijn subprocessen (zoals de werkprocessen waarmee `opvang validate` grote catalogi
  parallel inleest). Het is de piek van het grootste proces, niet de som.
- **Herhaling.** Bij de kleinere maten is het getal de mediaan van {repeat} runs, bij de grootste maat
  één run. Elke meting heeft een tijdslimiet (standaard {timeout} s); een commando dat die overschrijdt,
  wordt afgebroken en staat als "time-out" in de tabel. Een peer die bij een kleinere maat een time-out
  of fout gaf, wordt bij de grotere maten niet meer geprobeerd.
- **Synthetische catalogi** (`benchmarks/synthetic_catalog.py`): 5, 50 en 500 aanbestedingen van elk 100
  eisen (dus 500, 5.000 en 50.000 eisen), in alle categorieën, met normen, doelgroepen, bronvermelding en
  een verwijzing naar de vorige eis, zodat elke eis net zoveel werk geeft als in de echte catalogus. De
  site ook bij 200 aanbestedingen (één run), voor de kosten per aanbesteding.
- **Valideren tegen inlezen:** `benchmarks/bare_parse.py` leest elk YAML-bestand van de catalogus met
  libyaml (PyYAML's `CSafeLoader`) in één vers proces, zonder controles: de ondergrens voor elk programma
  dat de catalogus leest. Het wordt om en om met `opvang validate` gemeten (minstens drie beurten, ook
  bij de grootste maat); het doel beoordeelt de mediaan van de verhoudingen per beurt.
- **Zoeksecties:** na elke bouw van de site leest de meting `search/search_index.json` en noteert de
  grootste sectie (de tekst onder één kop, zoals de zoekfunctie hem indexeert).
- **Gap-rapport:** eerst maakt `opvang checklist --format yaml` de checklist van alle aanbestedingen
  (niet getimed), daarna vult het script per eis een status, toelichting, bewijs, eigenaar en
  streefdatum in; gemeten wordt `opvang gap INGEVULD.yaml --format md` met peildatum 31-12-2027.
- **Site:** `opvang site build --catalog … --config …` bouwt in strikte modus met een kopie van
  `mkdocs.yml` en `docs/` onder `benchmarks/out/`, zodat de echte `docs/generated/` van het project
  niet wordt aangeraakt. Zonder checklists en voorbeeldrapporten; wel met de downloads (JSON, CSV, XLSX
  van de hele catalogus).
- **KPI's:** `opvang kpi CLIENTEN.csv --tender noord-midden-limburg-mo --format json` over synthetische
  registraties (`generator.kpi.demo`, seed 42, niet getimed). Daarnaast meet `benchmarks/bench_kpi.py`
  in een vers proces hoe de tijd verdeeld is over inlezen en rekenen.
- **Peers.** StrictDoc en Doorstop worden met pip geïnstalleerd in een eigen omgeving
  (`benchmarks/out/peers`, niet in git) en krijgen precies dezelfde eisen in hun eigen formaat:
  StrictDoc één `.sdoc`-document per aanbesteding met een sectie per categorie, per eis UID, titel,
  tekst, verplichting, normen (als commentaar) en een relatie naar de vorige eis; Doorstop één
  document (`.doorstop.yml`) met één YAML-bestand per eis (kop, tekst, niveau, link naar de vorige eis
  en de overige velden als extra attributen). Vergeleken worden: `opvang validate` met `doorstop`
  (valideren van de hele boom), `opvang export --format json` met `strictdoc export --formats json`,
  en `opvang site build` met `strictdoc export --formats html` en `doorstop publish all --html`.
  StrictDoc begint elke meting zonder cache (zijn uitvoermap wordt vooraf gewist). Doorstop stempelt
  bij de eerste validatie alle nieuwe items als beoordeeld en schrijft ze daarbij terug; die eerste run
  is voorbereiding en wordt niet gemeten. De verhouding is opvang gedeeld door de peer: onder 1 is
  `opvang` sneller of zuiniger.
"""

KPI_HOW = """Hoe de KPI-engine dit haalt:

- DuckDB leest het bestand (de datumkolommen met zijn eigen CSV-lezer, de rest in één SQL-pas
  gecontroleerd, plus controles op de verschillende waarden en de uitersten van een kolom) en bewaart
  het als tabel met gehashte cliënt-ids; binnen twee keer de bestandsgrootte (256 MiB tot 1 GiB)
  geheugen, de rest gaat tijdelijk naar schijf;
- bij elke twijfel (andere codering, `DD-MM-JJJJ`, een onbekende waarde, mogelijke persoonsgegevens)
  leest `generator.tabular` het bestand opnieuw en meldt elke fout met BESTAND:REGEL:KOLOM, zodat
  snelheid nooit ten koste gaat van de meldingen;
- elke KPI is één SQL-query die per geval een uitkomstcode geeft; per norm één kleine
  `GROUP BY doelgroep, gemeente` waarvan de tellingen optellen tot doelgroepen, gemeenten en totaal, en
  verschillende cliënten worden alleen exact geteld waar de onderdrukking ervan afhangt.
"""


def markdown(data: dict) -> str:
    """The whole report as Markdown."""
    meta = data["meta"]
    parts = [INTRO, *_machine_section(meta, data["peer_env"], data)]
    parts += _targets_section(data["targets"])
    parts += _catalog_section(data["catalog"])
    parts += _validate_section(data["catalog"])
    parts += _site_section(data["catalog"])
    parts += _serve_section(data.get("serve") or {})
    parts += _startup_section(data.get("startup") or {})
    parts += _peers_section(data["catalog"], data["peers"], data["peer_env"])
    parts += _kpi_section(data["kpi"])
    parts += kpi_engines_section(data.get("kpi_engines"))
    parts += _profiles_section(data["profiles"])
    if NOTES.is_file() and not meta.get("quick"):
        parts += ["## Toelichting", "", NOTES.read_text(encoding="utf-8").strip(), ""]
    parts.append(METHOD.format(repeat=meta.get("repeat", 3), timeout=nl(meta.get("timeout", 600), 0)))
    return "\n".join(parts).rstrip() + "\n"


def _load_line(data: dict) -> list[str]:
    loads = [
        run["load"]
        for part in ("catalog", "peers", "kpi")
        for row in data.get(part, [])
        for run in row.get("runs", [])
        if "load" in run
    ]
    if not loads:
        return []
    loads.sort()
    median, highest = loads[len(loads) // 2], loads[-1]
    busy = (
        " De machine werd gedeeld: een belasting boven 1 betekent dat er naast de meting ander werk liep "
        "(zoals tests), wat de tijden hoger maakt."
        if highest > 1.5
        else ""
    )
    return [
        f"- Belasting van de machine (load average over 1 minuut) bij de start van elke run: mediaan "
        f"{nl(median, 1)}, hoogste {nl(highest, 1)}, op 2 cores.{busy}"
    ]


def _machine_section(meta: dict, peer_env: dict, data: dict | None = None) -> list[str]:
    libs = ", ".join(f"{name} {version}" for name, version in meta["libraries"].items())
    peers = ", ".join(f"{name} {version}" for name, version in meta["peers"].items()) or _peer_absence(peer_env)
    total = meta.get("total_seconds")
    lines = [
        "## Machine en datum",
        "",
        f"- Gemeten op {meta['date']}{' (snelle rooktest, --quick)' if meta.get('quick') else ''}, "
        f"revisie {meta['revision']}; de hele meting duurde {nl(total / 60 if total else None, 0)} minuten.",
        *_remeasured(meta),
        f"- Processor: {meta['cpu']}, {meta['cores']} cores; geheugen {nl(meta['ram_gib'], 0)} GiB; {meta['os']}.",
        f"- Python {meta['python']} (PyYAML {'met' if meta['libyaml'] else 'zonder'} libyaml); {libs}.",
        f"- Peers: {peers}.",
        *_load_line(data or {}),
        "",
    ]
    return lines


def _remeasured(meta: dict) -> list[str]:
    return [
        f"- Opnieuw gemeten op {note['date']} (`--only {','.join(note['parts'])}`, tijdslimiet "
        f"{nl(note.get('timeout', 600), 0)} s); de andere cijfers zijn van de eerste meting."
        for note in meta.get("remeasured", [])
    ]


def _peer_absence(peer_env: dict) -> str:
    if peer_env.get("skipped"):
        return "niet gemeten (--skip-peers)"
    return f"niet beschikbaar ({peer_env.get('problem') or 'onbekende reden'})"


def _targets_section(found: list[dict]) -> list[str]:
    verdict = {True: "gehaald", False: "**niet gehaald**", None: "niet gemeten"}
    rows = [[t["goal"], t["measured"], verdict[t["met"]]] for t in found]
    return ["## Doelen", "", *_table(["doel", "gemeten", "oordeel"], "lll", rows)]


def _catalog_section(catalog: list[dict]) -> list[str]:
    order = list(dict.fromkeys(r["key"] for r in catalog))
    rows = []
    for key in order:
        for row in sorted((r for r in catalog if r["key"] == key), key=lambda r: r["tenders"]):
            per_k = _per_thousand(row)
            rows.append(
                [
                    f"`{row['label']}`",
                    f"{nl(row['tenders'])} × 100",
                    nl(row["requirements"]),
                    seconds_text(row),
                    per_k,
                    mib_text(row),
                ]
            )
    header = ["commando", "aanbestedingen × eisen", "eisen", "seconden", "s per 1.000 eisen", "piek (MiB)"]
    intro = (
        "Elke rij is één commando op de hele synthetische catalogus. De kolom 's per 1.000 eisen' laat zien "
        "of de tijd lineair groeit (een vaste opstarttijd van ongeveer een halve seconde drukt vooral op de "
        "kleinste maat)."
    )
    return ["## Catalogus: de commando's van opvang", "", intro, "", *_table(header, "lrrrrr", rows)]


def _per_thousand(row: dict) -> str:
    if row["seconds"] is None:
        return "-"
    value = row["seconds"] / row["requirements"] * 1000
    return nl(value, 3 if value < 1 else 2)


def _validate_section(catalog: list[dict]) -> list[str]:
    rows = []
    for row in sorted(
        (r for r in catalog if r["key"] == "validate" and r.get("ratio_to_parse")), key=lambda r: r["tenders"]
    ):
        parse = _find(catalog, key="parse", tenders=row["tenders"]) or {}
        rows.append(
            [
                nl(row["requirements"]),
                seconds_text(parse),
                seconds_text(row),
                "×" + nl(row["ratio_to_parse"], 2),
                ", ".join("×" + nl(r, 2) for r in row.get("ratios", [])),
            ]
        )
    if not rows:
        return []
    intro = (
        "Het inlezen alleen (`benchmarks/bare_parse.py`: elk YAML-bestand door libyaml, in één proces, zonder "
        "enige controle) en `opvang validate` van dezelfde catalogus, om en om gemeten zodat beide dezelfde "
        "belasting van de machine zien. `opvang validate` leest vanaf 40 aanbestedingen met twee werkprocessen "
        "(de twee cores); de verhouding is de mediaan van de verhoudingen per beurt."
    )
    header = ["eisen", "inlezen (s)", "opvang validate (s)", "verhouding", "per beurt"]
    return ["### Valideren tegen alleen inlezen", "", intro, "", *_table(header, "rrrrl", rows)]


def _serve_section(serve: dict) -> list[str]:
    if not serve:
        return []
    edits = serve.get("edits", [])
    lines = [
        "### `opvang site serve`: een wijziging bekijken",
        "",
        f"Gemeten met `benchmarks/bench_serve.py` op een kopie van de synthetische catalogus van "
        f"{serve.get('tenders')} "
        "aanbestedingen: de server start (een volledige bouw), daarna verandert de titel van één eis, twee keer "
        "na elkaar, en gemeten wordt hoe lang het duurt tot de pagina van die eis de nieuwe titel toont. De "
        "bewaker in opvang ziet de wijziging binnen een seconde, maakt alle pagina's opnieuw en schrijft alleen "
        "de gewijzigde; MkDocs bouwt daarna alleen die pagina's opnieuw (dirty mode). Belasting bij het meten: "
        f"{nl(serve.get('load'), 1)}.",
        "",
    ]
    rows = [["server klaar (eerste, volledige bouw)", nl(serve.get("startup_seconds"), 1)]]
    rows += [
        [f"wijziging {i} zichtbaar", nl(e["seconds"], 1) if e.get("shown") else "niet getoond"]
        for i, e in enumerate(edits, start=1)
    ]
    return [*lines, *_table(["stap", "s"], "lr", rows)]


def _startup_section(startup: dict) -> list[str]:
    if not startup.get("rows"):
        return []
    rows = [["`python -c pass`", nl(startup["bare_python"], 3), "-"]]
    rows += [[f"`{r['command']}`", nl(r["seconds"], 3), nl(r["above_bare"], 3)] for r in startup["rows"]]
    return [
        "### Opstarttijd van de opdrachtregel",
        "",
        "Mediaan van 15 starts in een vers proces (`benchmarks/bench_startup.py`).",
        "",
        *_table(["commando", "s", "s boven python"], "lrr", rows),
    ]


def _site_section(catalog: list[dict]) -> list[str]:
    rows = []
    for row in sorted((r for r in catalog if r["key"] == "site"), key=lambda r: r["tenders"]):
        if row["seconds"] is None:
            rows.append([nl(row["tenders"]), "-", "-", "-", seconds_text(row), "-", "-"])
            continue
        rows.append(
            [
                nl(row["tenders"]),
                nl(row.get("pages")),
                nl(row.get("generate_seconds"), 1),
                nl(row.get("mkdocs_seconds"), 1),
                seconds_text(row),
                nl(row["seconds"] / row["tenders"], 2),
                nl(row["largest_section"]["bytes"]) if row.get("largest_section") else "-",
            ]
        )
    if not rows:
        return []
    header = [
        "aanbestedingen",
        "gegenereerde pagina's",
        "genereren (s)",
        "MkDocs (s)",
        "totaal (s)",
        "s per aanbesteding",
        "grootste zoeksectie (bytes)",
    ]
    slopes = _site_slopes(catalog)
    text = "; ".join(
        f"van {a} naar {b} aanbestedingen {'ten minste ' if bound else ''}{nl(slope, 2)} s per extra aanbesteding"
        for a, b, slope, bound in slopes
    )
    return [
        "### Site: waar de bouwtijd heen gaat",
        "",
        "Het commando meldt zelf hoe lang het genereren van de pagina's (Markdown en downloads) en het bouwen "
        f"met MkDocs duurden. Marginale kosten: {text}.",
        "",
        *_table(header, "rrrrrrr", rows),
    ]


def _peers_section(catalog: list[dict], peer_rows: list[dict], peer_env: dict) -> list[str]:
    title = ["## Vergelijking met StrictDoc en Doorstop", ""]
    if peer_env.get("skipped"):
        return [*title, "Niet gemeten in deze run (`--skip-peers`).", ""]
    if peer_env.get("problem"):
        return [*title, f"StrictDoc en Doorstop konden niet worden geïnstalleerd: {peer_env['problem']}.", ""]
    rows = []
    for peer in sorted(peer_rows, key=lambda r: (r["requirements"], r["compare_with"], r["tool"])):
        mine = _find(catalog, key=peer["compare_with"], tenders=peer["tenders"]) or {}
        rows.append(
            [
                nl(peer["requirements"]),
                f"`{mine.get('label', peer['compare_with'])}`",
                seconds_text(mine),
                mib_text(mine),
                f"{peer['tool']}: `{peer['operation']}`",
                seconds_text(peer) if peer.get("seconds") is not None else peer.get("status", "-"),
                mib_text(peer),
                _time_ratio(mine, peer),
                _ratio(mine.get("peak_mib"), peer.get("peak_mib")),
            ]
        )
    header = ["eisen", "opvang", "s", "MiB", "peer", "s", "MiB", "tijd opvang/peer", "geheugen opvang/peer"]
    return [*title, *_table(header, "rlrrlrrrr", rows)]


def _kpi_section(kpi: list[dict]) -> list[str]:
    rows = []
    for row in kpi:
        split = row.get("split", {})
        rows.append(
            [
                nl(row["trajectories"]),
                f"{nl(row['file_mib'], 1)} MiB",
                seconds_text(row),
                mib_text(row),
                nl(split.get("read_s"), 2),
                nl(split.get("evaluate_s"), 2),
                nl(split.get("norms")),
            ]
        )
    header = ["trajecten", "bestand", "`opvang kpi` (s)", "piek (MiB)", "waarvan inlezen (s)", "KPI's (s)", "normen"]
    intro = (
        "Alle berekenbare KPI-normen van `noord-midden-limburg-mo`, totaal, per doelgroep en per gemeente van "
        "herkomst. De eerste twee getallen gelden voor het hele commando (opstarten, catalogus laden, inlezen, "
        "rekenen, JSON schrijven); de kolommen 'inlezen' en 'KPI's' komen uit `benchmarks/bench_kpi.py`, dat "
        "dezelfde stappen los meet."
    )
    return ["## KPI-engine: 10^4 tot 10^6 trajecten", "", intro, "", *_table(header, "rrrrrrr", rows), KPI_HOW]


def _profiles_section(profiles: list[dict]) -> list[str]:
    if not profiles:
        return []
    lines = [
        "## Profielen van de doelen die niet gehaald zijn",
        "",
        "Gemaakt met cProfile (`benchmarks/profile_cli.py`) op de maat van het doel; de tabel toont de "
        "functies met de meeste eigen tijd. Onder cProfile loopt alles trager dan zonder; het gaat om de "
        "verhoudingen.",
        "",
    ]
    for entry in profiles:
        how = (
            " (catalogus in één proces ingelezen, zodat het profiel het laden zelf toont)"
            if entry.get("serial")
            else ""
        )
        lines += [f"### `opvang {' '.join(_short_args(entry.get('args', [])))}`{how}", ""]
        if entry.get("status") != "ok":
            lines += [f"Profiel mislukt: {entry.get('status')} {entry.get('note', '')}", ""]
            continue
        lines.append(f"Totaal onder cProfile: {nl(entry['seconds_profiled'], 1)} s.")
        lines.append("")
        rows = [[f"`{t['function']}`", nl(t["calls"]), nl(t["tottime"], 2), nl(t["cumtime"], 2)] for t in entry["top"]]
        lines += _table(["functie", "aanroepen", "eigen tijd (s)", "cumulatief (s)"], "lrrr", rows)
    return lines


def _short_args(args: list[str]) -> list[str]:
    """Arguments with paths under the project shortened, for a readable heading."""
    root = str(ROOT) + os.sep
    return [a.removeprefix(root) for a in args]


ENGINE_LABELS = {
    "baseline": "DuckDB: alleen `GROUP BY doelgroep, gemeente` (de ondergrens)",
    "duckdb": "opvang (DuckDB, de SQL van `generator.kpi.metrics`)",
    "polars": "Polars (`benchmarks/polars_kpis.py`)",
    "python": "opvang tot nu toe (eigen CSV-lezer en lussen in Python)",
}
ENGINE_CHOICE = """Gekozen is DuckDB. Polars rekent dezelfde definities ongeveer even snel, maar de tijd van Polars
hierboven is alleen inlezen en tellen: opvang doet daarbij ook de controles op elke cel (waarden,
jaartallen, persoonsgegevens in vrije tekst, BSN-achtige ids), telt verschillende cliënten voor de
onderdrukking en spelt gemeenten gelijk. Polars gebruikt bovendien ruim twee keer zoveel geheugen
(boven de grens van 500 MiB bij 10^6 trajecten), en met DuckDB zijn de KPI's gewone SQL die ook
elders draait (zie hieronder). DuckDB en Polars worden pas geladen als er gerekend wordt, zodat
`opvang --help` snel blijft. De oude engine rekent andere cellen ('identiek: nee'), en dat hoort zo: hij
stamt van vóór de doelgroepen per norm, de voorlopige waarden en de onderdrukking per cliënt; de tests met
met de hand berekende waarden gelden voor de engine van nu. Hij staat er alleen voor de snelheid."""

BIGGER_ENGINE = """### Als één machine niet genoeg is

De KPI's zijn gewone SQL over twee tabellen (`trajecten` en `zrm`, zie `generator/kpi/store.py`):
elke metric in `generator/kpi/metrics.py` is één `SELECT` die per geval een code geeft (voldoet,
voldoet niet, voorlopig), en de engine telt die per doelgroep en gemeente. Dezelfde SQL draait
ongewijzigd op een grotere DuckDB-machine of op MotherDuck (DuckDB in de cloud), en leest dan
Parquet-bestanden rechtstreeks uit objectopslag (`read_parquet('s3://.../clienten-*.parquet')`). Op een
ander SQL-platform (PostgreSQL, Spark SQL, Trino) zijn alleen de datumfuncties te vertalen
(`DATE + INTERVAL n MONTH` met afkappen op de laatste dag van de maand, `epoch()`); de tests in
`tests/kpi/` met hun met de hand uitgerekende waarden zijn dan de maatstaf. Grote bestanden: lever ze
als Parquet (kleiner, sneller, en per jaar te splitsen) en maak per deel een rapport; opvang leest
bestanden tot 8 GiB en geeft DuckDB twee keer de bestandsgrootte aan geheugen (256 MiB tot 1 GiB);
de rest schrijft DuckDB tijdelijk naar schijf."""


def kpi_engines_section(found: dict | None) -> list[str]:
    """The engine comparison and the memory measurements of ``benchmarks.kpi_engines``."""
    if not found:
        return []
    lines = [
        "## KPI-engine: DuckDB, Polars en de oude engine",
        "",
        "Alle KPI-normen van `noord-midden-limburg-mo` op hetzelfde synthetische `clienten.csv`, elk in een "
        "eigen proces; de tijd is gemeten binnen het proces (inlezen en rekenen, zonder het opstarten van "
        "Python en het laden van de catalogus), de snelste van drie beurten om en om. 'Identiek' vergelijkt "
        "elke cel (voldoet, voldoet niet, "
        "voorlopig; totaal, per doelgroep en per gemeente) met opvang.",
        "",
    ]
    if found.get("date"):
        lines += [
            f"Gemeten op {found['date']}; belasting van de machine (load average over 1 minuut) "
            f"{nl(found.get('load'), 1)} bij de start en {nl(found.get('load_after'), 1)} aan het eind, op 2 cores: "
            "tijden zijn dan hoger en wisselen, de verhoudingen uit één run zijn het vergelijkbaarst.",
            "",
        ]
    rows = []
    for size in found.get("sizes", []):
        for row in size["engines"]:
            same = row.get("identical")
            rows.append(
                [
                    nl(size["trajectories"]),
                    ENGINE_LABELS.get(row["engine"], row["engine"]),
                    nl(row.get("seconds"), 2) if row.get("status") == "ok" else row.get("status", "-"),
                    nl(row.get("ratio"), 1) + "×" if row.get("ratio") else "-",
                    nl(row.get("process_peak_mib"), 0),
                    "-" if same is None else ("ja" if same else "**nee**"),
                ]
            )
    header = ["trajecten", "engine", "s (inlezen + KPI's)", "× DuckDB group-by", "piek (MiB)", "identiek"]
    lines += _table(header, "rlrrrl", rows)
    memory = found.get("memory", [])
    if memory:
        lines += [
            "",
            "Het hele commando zoals een gebruiker het start (opstarten, catalogus, inlezen, rekenen, JSON):",
            "",
        ]
        lines += _table(
            ["invoer", "commando", "s", "piek (MiB)"],
            "llrr",
            [
                [
                    m["what"],
                    f"`{m['command']}`",
                    nl(m.get("seconds"), 1) if m.get("seconds") else m["status"],
                    nl(m.get("peak_mib"), 0),
                ]
                for m in memory
            ],
        )
    return [*lines, "", ENGINE_CHOICE, "", BIGGER_ENGINE, ""]
