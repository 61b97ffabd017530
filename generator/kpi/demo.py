"""Synthetic, realistic client registrations (contract §3) for examples, tests and benchmarks.

Deterministic: the same seed and size give the same bytes. Nobody in these files exists: client ids
are sequence numbers (``K0000001``), dates are drawn around the tender's start, municipalities are
those of Noord- en Midden-Limburg. The shape follows the Limburg tender's figures loosely: most
reports are acute homelessness, about 15% of people report again, roughly four in five get a plan
within 48 hours, acute stays mostly end within three months.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator
from pathlib import Path

from generator.output import write_text

MUNICIPALITIES = (
    ("Venlo", 24),
    ("Roermond", 14),
    ("Weert", 12),
    ("Venray", 10),
    ("Peel en Maas", 6),
    ("Horst aan de Maas", 6),
    ("Leudal", 5),
    ("Maasgouw", 4),
    ("Echt-Susteren", 4),
    ("Roerdalen", 3),
    ("Nederweert", 3),
    ("Beesel", 2),
    ("Bergen (L.)", 2),
    ("Gennep", 2),
    ("Mook en Middelaar", 1),
    ("Buiten de regio", 2),
)
SHELTERS = ("Venlo", "Roermond", "Weert", "Venray")
GROUPS = (
    ("acuut", 38),
    ("huiselijk-geweld", 18),
    ("complex", 14),
    ("jongeren", 14),
    ("gezin", 6),
    ("housing-first", 6),
    ("overig", 4),
)
# Mean stay in days per group (exponential-ish, capped).
STAY_DAYS = {
    "acuut": 70,
    "huiselijk-geweld": 110,
    "complex": 200,
    "jongeren": 150,
    "gezin": 90,
    "housing-first": 500,
    "overig": 120,
}
NEXT_PLACES = (
    ("zelfstandige woning", 30),
    ("kamer of studio", 15),
    ("beschermd wonen", 12),
    ("familie of vrienden", 14),
    ("Housing First", 5),
    ("zorginstelling", 6),
    ("onbekend", 18),
)
EXIT_REASONS = (
    ("doelen behaald", 45),
    ("regulier beëindigd", 20),
    ("overgeplaatst", 10),
    ("vertrokken met onbekende bestemming", 15),
    ("beëindigd wegens huisregels", 5),
    ("overleden", 1),
    ("anders", 4),
)
ZRM_DOMAINS = ("financien", "huisvesting", "dagbesteding", "sociaal netwerk", "geestelijke gezondheid", "verslaving")
HEADER = (
    "client_id",
    "doelgroep",
    "gemeente_herkomst",
    "gemeente_opvang",
    "gemeente_uitstroom",
    "datum_melding",
    "opvang_nodig",
    "datum_plan",
    "datum_start_opvang",
    "datum_uitstroom",
    "type_vervolgplek",
    "doelen_behaald",
    "tevredenheid",
    "woning_behouden",
    "reden_uitstroom",
)


def _picker(rng: random.Random, table: tuple[tuple[str, int], ...]):
    names = [name for name, _ in table]
    cumulative = []
    total = 0
    for _, weight in table:
        total += weight
        cumulative.append(total)
    choices = rng.choices

    def pick() -> str:
        return choices(names, cum_weights=cumulative)[0]

    return pick


def _fmt(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def trajectories(
    n: int, seed: int = 1, start: dt.date = dt.date(2026, 1, 1), end: dt.date = dt.date(2027, 12, 31)
) -> Iterator[tuple[str, ...]]:
    """*n* rows of ``clienten.csv`` (as text cells), reported between *start* and *end*.

    Exits after *end* are left open (the data are as of *end*). Deterministic for a given seed.
    """
    rng = random.Random(seed)
    group_of, place_of, next_of, reason_of = (
        _picker(rng, GROUPS),
        _picker(rng, MUNICIPALITIES),
        _picker(rng, NEXT_PLACES),
        _picker(rng, EXIT_REASONS),
    )
    span_minutes = ((end - start).days + 1) * 1440
    origin = dt.datetime(start.year, start.month, start.day)
    last = dt.datetime(end.year, end.month, end.day, 23, 59)
    random_ = rng.random
    client = 0
    made = 0
    while made < n:
        client += 1
        cid = f"K{client:07d}"
        group = group_of()
        home = place_of()
        report = origin + dt.timedelta(minutes=int(random_() * span_minutes))
        visits = 1 + (random_() < 0.15) + (random_() < 0.04)
        for _ in range(visits):
            if made >= n or report > last:
                break
            made += 1
            cells, exit_row = _row(rng, cid, group, home, report, last, next_of, reason_of)
            yield cells
            if exit_row is None:
                break
            # A new report somewhere between 1 and 30 months after the exit: before 4 months it is a
            # continuation, after 4 months (and within 2 years) a relapse.
            report = dt.datetime.combine(exit_row, dt.time()) + dt.timedelta(
                days=int(30 + random_() * 870), minutes=int(random_() * 1440)
            )


def _row(rng, cid, group, home, report, last, next_of, reason_of) -> tuple[tuple[str, ...], dt.date | None]:
    random_ = rng.random
    shelter_needed = group != "housing-first" and random_() < 0.88
    # Support plan: most within two days, a tail up to two weeks.
    plan_hours = random_() * 40 if random_() < 0.82 else 40 + random_() * 300
    plan = report + dt.timedelta(hours=plan_hours)
    start_opvang = None
    if shelter_needed:
        delay = random_() * 20 if random_() < 0.8 else 20 + random_() * 200
        start_opvang = report + dt.timedelta(hours=delay)
    begin = start_opvang or plan
    stay = min(int(rng.expovariate(1 / STAY_DAYS[group])) + 1, 900)
    exit_day = (begin + dt.timedelta(days=stay)).date()
    ended = exit_day <= last.date()
    shelter_place = (home if home in SHELTERS and random_() < 0.9 else rng.choice(SHELTERS)) if shelter_needed else ""
    cells = (
        cid,
        group,
        home,
        shelter_place,
        (home if random_() < 0.7 else rng.choice(SHELTERS)) if ended else "",
        _fmt(report),
        "ja" if shelter_needed else "nee",
        _fmt(plan) if plan <= last else "",
        _fmt(start_opvang) if start_opvang and start_opvang <= last else "",
        exit_day.isoformat() if ended else "",
        next_of() if ended else "",
        ("ja" if random_() < 0.68 else "nee") if ended else "",
        str(rng.choice((5, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10))) if ended and random_() < 0.6 else "",
        ("ja" if random_() < 0.85 else "nee") if group == "housing-first" else "",
        reason_of() if ended else "",
    )
    return cells, (exit_day if ended else None)


def zrm_rows(clients: list[tuple[str, ...]], seed: int = 1, end: dt.date = dt.date(2027, 12, 31)):
    """ZRM measurements for the longer trajectories: at the start and about 12 months later."""
    rng = random.Random(seed + 7919)
    for row in clients:
        if row[1] not in ("complex", "jongeren", "housing-first", "huiselijk-geweld"):
            continue
        start = dt.datetime.fromisoformat(row[8] or row[7] or row[5]).date()
        before = [rng.randint(1, 3) for _ in ZRM_DOMAINS]
        for domain, score in zip(ZRM_DOMAINS, before, strict=True):
            yield (row[0], start.isoformat(), domain, str(score))
        follow = start + dt.timedelta(days=365 + rng.randint(0, 40))
        if follow > end or rng.random() < 0.15:
            continue
        for domain, score in zip(ZRM_DOMAINS, before, strict=True):
            change = rng.choices((-1, 0, 1, 2), weights=(8, 40, 40, 12))[0]
            yield (row[0], follow.isoformat(), domain, str(min(5, max(1, score + change))))


def to_csv(header: tuple[str, ...], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def survey_yaml(
    seed: int = 1, provider: str = "Stichting Voorbeeldopvang", years: tuple[int, ...] = (2026, 2027)
) -> str:
    rng = random.Random(seed + 104729)
    lines = [
        "# Enquêtecijfers van de aanbieder (fictief voorbeeld). Schema: requirements/schema/survey.schema.json",
        f"aanbieder: {provider}",
        "metingen:",
    ]
    for year in years:
        for metric, mean, people, note in (
            (
                "ketenpartner_oordeel",
                7.0 + rng.random(),
                12 + rng.randint(0, 8),
                "Jaarlijkse enquête onder ketenpartners",
            ),
            ("omgeving_oordeel", 6.8 + rng.random(), 20 + rng.randint(0, 15), "Buurtpanel rond de opvanglocaties"),
            ("clienttevredenheid", 7.2 + rng.random(), 60 + rng.randint(0, 40), "Cliëntervaringsonderzoek"),
        ):
            lines += [
                f"  - metric: {metric}",
                f"    datum: {year}-11-30",
                f"    gemiddelde: {mean:.1f}",
                f"    respondenten: {people}",
                f"    toelichting: {note} {year}",
            ]
    return "\n".join(lines) + "\n"


def write_demo(
    folder: Path,
    n: int,
    seed: int = 1,
    start: dt.date = dt.date(2026, 1, 1),
    end: dt.date = dt.date(2027, 12, 31),
    zrm: bool = True,
    survey: bool = True,
) -> list[Path]:
    """Write ``clienten.csv`` (and ``zrm.csv``, ``scores.yaml``) into *folder*; return the paths."""
    rows = list(trajectories(n, seed, start, end))
    written = [folder / "clienten.csv"]
    write_text(written[0], to_csv(HEADER, rows))
    if zrm:
        written.append(folder / "zrm.csv")
        write_text(written[-1], to_csv(("client_id", "datum", "domein", "score"), zrm_rows(rows, seed, end)))
    if survey:
        written.append(folder / "scores.yaml")
        write_text(written[-1], survey_yaml(seed, years=tuple(range(start.year, end.year + 1))))
    return written
