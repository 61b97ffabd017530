"""The catalog as generated Markdown pages: a pure function of the catalog (and the files to link).

This module holds the pages of the catalog itself (tenders, categories, comparisons, glossary,
downloads) and the helpers every generated page shares: Dutch wording of values (also of a tender's
status) and the Jinja2 environment; where each page lives is :mod:`generator.site.paths`.
:mod:`generator.site.assemble` puts all pages (also the quality and change pages) together with the
navigation. Nothing here reads the clock, the environment or the file system except the Jinja2
templates in ``site_templates/``; the same input always gives the same bytes. Catalog text goes
through :mod:`generator.site.markdown` (the templates' ``finalize``
escapes every ``{{ }}`` that is not already :class:`~generator.site.markdown.Raw`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import jinja2

from generator import resources
from generator.catalog.model import (
    CATEGORIES,
    CATEGORY_LABELS,
    NORM_KIND_LABELS,
    OBLIGATION_LABELS,
    OBLIGATIONS,
    OPERATOR_LABELS,
    TARGET_GROUP_LABELS,
    Amount,
    Catalog,
    Norm,
    Requirement,
    Tender,
    groups_label,
    quantity_text,
)
from generator.lint import TenderQuality
from generator.site import paths
from generator.site.grouping import TenderGroup, is_grouped, tender_groups
from generator.site.markdown import Raw, attribute, block, html_text, inline, link, number, yaml_string
from generator.site.paths import CATEGORY_SLUGS as CATEGORY_SLUGS  # re-exported from their former home
from generator.site.paths import CHANGES_PATH as CHANGES_PATH
from generator.site.paths import (
    COMPARE_INDEX,
    DOWNLOADS_PATH,
    GLOSSARY_PATH,
    TAGS_PATH,
    TENDERS_PATH,
    category_path,
    comparison_group_path,
    comparison_path,
    quality_path,
    rel,
    requirement_target,
    tender_path,
)
from generator.site.paths import QUALITY_SLUG as QUALITY_SLUG
from generator.site.status import ENDED, NO_END, NOT_STARTED, OPEN, RUNNING, TenderStatus

QUALITY_TITLE = "Kwaliteit van de eisen"
CHANGES_TITLE = "Wat is er gewijzigd"
# Search ranks a section by its score times its page's boost (Material's ``search.boost`` front
# matter). A word in a heading counts 1000 times a word in the text, so a report whose headings name a
# requirement would outrank the requirement's own text: the example reports get a boost far below any
# requirement. Measured in Chromium (tests/site/test_site_browser.py): with these values "VOG",
# "opvangduur" and "uitstroom" list every requirement page before the first report.
REQUIREMENT_BOOST = "10"
REPORT_BOOST = "0.000001"  # written out: YAML reads 1e-06 as text
STATUS_ADMONITIONS: dict[str, str] = {
    OPEN: "success",
    NOT_STARTED: "info",
    RUNNING: "info",
    NO_END: "note",
    ENDED: "warning",
}
SourceLink = Callable[[Requirement], "str | None"]
"""Where the "Bron" of a requirement links to (a docs path with anchor), or None: no link."""
VAGUE_HINT = "Vaag geformuleerd: niet toetsbaar zoals het er staat. Klik voor de woorden en een meetbaar voorstel."
OBLIGATION_HINTS: dict[str, str] = {
    "eis": "Eis: moet; wie er niet aan voldoet, kan worden uitgesloten.",
    "wens": "Wens: zou moeten; telt mee bij de gunning.",
    "info": "Informatie: bindt niemand, maar een inschrijver moet het weten.",
}
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class Page:
    """One generated page: its path relative to ``docs/`` and its Markdown text."""

    path: str
    title: str
    text: str


@dataclass(frozen=True)
class Download:
    """A file copied into the site, linked from the downloads page."""

    path: str  # relative to docs/, e.g. bestanden/catalogus.json
    label: str
    group: str  # catalog | checklist | voorbeeld
    tender: str | None = None


@dataclass(frozen=True)
class Report:
    """A Markdown report of the example provider, included as a page as it is."""

    name: str  # file name, e.g. gap-noord-midden-limburg-mo.md
    text: str


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    explanation: str


@dataclass(frozen=True)
class Comparison:
    """A comparison page: the norms of the matching metrics and the requirements of the categories."""

    slug: str
    title: str
    intro: str
    categories: tuple[str, ...]
    metric: Callable[[str], bool] = field(compare=False)
    mention: str | None = None  # also list requirements of other categories whose text names this word
    budget: bool = False


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "vog",
        "VOG en screening",
        "Welke Verklaring Omtrent het Gedrag (VOG) vraagt elke aanbesteding, hoe oud mag die zijn en wie "
        "werkt onder toezicht.",
        ("vog",),
        lambda m: m.startswith("vog_"),
        mention="VOG",
    ),
    Comparison(
        "personeel",
        "Personeel en deskundigheid",
        "Opleidingsniveau, registratie, ervaring, bezetting en bereikbaarheid per aanbesteding.",
        ("staffing",),
        lambda m: m in {"ervaring_jaren", "bereikbaarheid", "aanwezigheid_begeleiding", "begeleidingsintensiteit"},
    ),
    Comparison(
        "kpi",
        "Prestatie-indicatoren (KPI's)",
        "Eén rij per KPI (en doelgroep): de norm van elke aanbesteding naast elkaar.",
        ("kpi",),
        lambda m: False,
    ),
    Comparison(
        "termijnen",
        "Termijnen en maximale duur",
        "Binnen welke termijn moet een plan er zijn, hoe lang mag opvang of een traject duren, wanneer start "
        "de opdracht.",
        ("timing",),
        lambda m: (
            m == "plan_binnen_termijn"
            or m.startswith("opvangduur")
            or m in {"trajectduur", "verlenging", "starttermijn"}
        ),
    ),
    Comparison(
        "rapportage",
        "Rapportage en verantwoording",
        "Hoe vaak en waarover de aanbieder rapporteert en verantwoordt.",
        ("reporting",),
        lambda m: m.endswith("frequentie"),
    ),
    Comparison(
        "financien",
        "Financiën",
        "Budget, tarieven en eigen bijdragen per aanbesteding.",
        ("finance",),
        lambda m: m in {"budget", "tarief", "eigen_bijdrage", "uitgaven", "inningspercentage"},
        budget=True,
    ),
)


# --- small formatting helpers -------------------------------------------------------------------


def dutch_date(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def quantity(value, unit: str) -> str:
    """``75%``, ``3 maanden``, ``een 7,5``, ``€ 5.600.000 per jaar``."""
    return quantity_text(number(value), unit)


def condition(norm: Norm) -> str:
    """``maximaal 3 maanden``."""
    return f"{OPERATOR_LABELS[norm.operator]} {quantity(norm.value, norm.unit)}"


def share(norm: Norm) -> str:
    return f"in {number(norm.share)}% van de gevallen" if norm.share is not None else ""


def group_label(group: str | tuple[str, ...] | None) -> str:
    return groups_label(group)


def tender_name(tender: Tender) -> str:
    """The short name of a tender, region and code, as plain text (escaped where it is used)."""
    return f"{tender.region} ({tender.code})"


def tender_label(tender: Tender) -> str:
    """The short name for the navigation, HTML-escaped: MkDocs and Material put navigation titles into
    every page as HTML, unescaped."""
    return html_text(tender_name(tender))


def finding_anchor(requirement_id: str) -> str:
    """The anchor of a requirement's findings on its quality page (never the requirement id itself,
    so that searching an id still lands on the requirement)."""
    return f"kwaliteit-{requirement_id}"


def finding_target(req: Requirement) -> str:
    return f"{quality_path(req.tender)}#{finding_anchor(req.id)}"


def badge(obligation: str) -> Raw:
    return Raw(
        f'<span class="badge badge-{obligation}" title="{attribute(OBLIGATION_HINTS[obligation])}">'
        f"{OBLIGATION_LABELS[obligation]}</span>"
    )


def vague_badge(page: str, target: str) -> Raw:
    """The "vaag geformuleerd" badge: a Markdown link (so that MkDocs checks and rewrites it) styled as a badge."""
    return Raw(f'[vaag geformuleerd]({rel(page, target)} "{attribute(VAGUE_HINT)}"){{ .badge .badge-vaag }}')


# --- templates ----------------------------------------------------------------------------------


def _finalize(value):
    if isinstance(value, Raw):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return number(value)
    return inline(value)


@lru_cache(maxsize=4)
def environment(folder: str | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder or str(resources.templates())),
        autoescape=False,  # the output is Markdown; _finalize escapes catalog text for Markdown and HTML
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda value: Raw(yaml_string(value))
    env.filters["html"] = lambda value: Raw(html_text(value))  # text inside a raw HTML block (e.g. <dl>)
    env.filters["block"] = block
    return env


def render(template: str, **context) -> str:
    text = environment().get_template(template).render(**context)
    # one trailing newline and no trailing spaces: stable bytes whatever the template's whitespace
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


# --- page contexts ------------------------------------------------------------------------------


def _norm_rows(req: Requirement, catalog: Catalog) -> list[dict]:
    rows = []
    for norm in req.norms:
        metric = catalog.metrics.get(norm.metric)
        label = metric.label if metric else norm.metric
        rows.append(
            {
                "metric": label + (f": {norm.label}" if norm.label else ""),
                "condition": condition(norm),
                "share": share(norm) or "—",
                "applies_to": group_label(norm.applies_to) or "alle doelgroepen",
                "kind": "" if norm.binding else NORM_KIND_LABELS[norm.kind],
            }
        )
    return rows


def _source(req: Requirement, catalog: Catalog, page: str, source_link: SourceLink | None) -> Raw:
    """``Titel, sectie (bestand)``; title and section link to the quoted passage when *source_link* gives one."""
    source = req.source
    where = source.section
    if source.page is not None:
        where += f", pagina {source.page}"
    title = catalog.tender(req.tender).source_title
    label = f"{title}, {where}" if title else where
    target = source_link(req) if source_link is not None else None
    shown = link(label, rel(page, target)) if target else inline(label)
    return Raw(f"{shown} ({inline(source.document)})")


def _requirement_context(
    req: Requirement,
    catalog: Catalog,
    page: str,
    known: set[str],
    vague_target: str | None = None,
    source_link: SourceLink | None = None,
) -> dict:
    related = [
        link(other, rel(page, requirement_target(catalog.requirement(other)))) if other in known else inline(other)
        for other in req.related
    ]
    return {
        "id": req.id,
        "title": req.title,
        "badge": badge(req.obligation),
        "vague": vague_badge(page, vague_target) if vague_target else None,
        "target_groups": [group_label(g) for g in req.target_groups],
        "text": block(req.text),
        "note": block(req.note) if req.note else None,
        "measurement": block(req.measurement) if req.measurement else None,
        "norms": _norm_rows(req, catalog),
        "source": _source(req, catalog, page, source_link),
        "related": related,
    }


def _tags(category: str | None, groups: Iterable[str]) -> list[str]:
    tags = [CATEGORY_LABELS[category]] if category else []
    seen = set()
    for group in TARGET_GROUPS_ORDER:
        if group in groups and group not in seen:
            seen.add(group)
            tags.append(group_label(group))
    return tags


TARGET_GROUPS_ORDER = tuple(TARGET_GROUP_LABELS)


def by_category(tender: Tender) -> dict[str, list[Requirement]]:
    grouped: dict[str, list[Requirement]] = {}
    for category in CATEGORIES:
        reqs = [r for r in tender.requirements if r.category == category]
        if reqs:
            grouped[category] = reqs
    return grouped


def _groups_of(reqs: Iterable[Requirement]) -> set[str]:
    """The target groups the requirements (or their norms) are about: the tags of their page."""
    return {g for r in reqs for g in r.target_groups} | {g for r in reqs for n in r.norms for g in n.applies_to}


def page_tags(tender: Tender) -> list[tuple[str, str, list[str]]]:
    """(path, title, tags) of every tagged page of *tender*: its overview and its category pages."""
    out = [(tender_path(tender), tender.title, _tags(None, tender.target_groups))]
    for category, reqs in by_category(tender).items():
        title = f"{CATEGORY_LABELS[category]} · {tender_name(tender)}"
        out.append((category_path(tender.id, category), title, _tags(category, _groups_of(reqs))))
    return out


def _amount_row(amount: Amount) -> dict:
    return {
        "label": amount.label,
        "value": quantity(amount.value, amount.unit),
        "year": str(amount.year) if amount.year is not None else "—",
        "applies_to": group_label(amount.applies_to) or "—",
        "section": amount.section,
    }


def _quality_summary(quality: TenderQuality, page: str) -> dict:
    return {
        "link": link(QUALITY_TITLE, rel(page, quality_path(quality.tender))),
        "binding": quality.binding,
        "measurable": quality.measurable,
        "share": f"{number(quality.share)}%" if quality.share is not None else None,
        "open": sum(quality.counts.values()),
        "vague": quality.counts.get("VAGUE", 0),
    }


def status_sentence(state: TenderStatus) -> str:
    """The status in words, with its dates: ``Het contract liep van 1 januari 2022 tot en met 31 december 2025.``"""
    start, end, deadline = dutch_date(state.start), state.end and dutch_date(state.end), state.bid_deadline
    if state.state == OPEN:
        runs = f"van {start} tot en met {end}." if end else f"vanaf {start}; het document noemt geen einddatum."
        return f"Inschrijven kan tot en met {dutch_date(deadline)}. Het contract loopt {runs}"
    if state.state == NOT_STARTED:
        runs = f" en loopt tot en met {end}." if end else "; het document noemt geen einddatum."
        closed = (
            f" De inschrijving sloot op {dutch_date(deadline)}."
            if deadline
            else " Het document noemt geen sluitingsdatum voor de inschrijving."
        )
        return f"Het contract begint op {start}{runs}{closed}"
    if state.state == NO_END:
        return (
            f"Het contract begon op {start}. Het document noemt geen einddatum; of het contract nog loopt, is er "
            "niet uit op te maken."
        )
    if state.state == RUNNING:
        return f"Het contract loopt van {start} tot en met {end}."
    return f"Het contract liep van {start} tot en met {end}."


def status_context(state: TenderStatus) -> dict:
    """What the pages show of a status: its label, kind of admonition, sentence and reference date."""
    return {
        "label": state.label,
        "admonition": STATUS_ADMONITIONS[state.state],
        "sentence": status_sentence(state),
        "reference": dutch_date(state.reference),
    }


def tender_pages(
    catalog: Catalog,
    tender: Tender,
    known: set[str],
    downloads: list[Download],
    quality: TenderQuality | None = None,
    vague: Mapping[str, str] | None = None,
    state: TenderStatus | None = None,
    source_link: SourceLink | None = None,
) -> list[Page]:
    """The overview and the category pages of *tender*.

    *quality* (the lint's numbers) adds a quality section to the overview; *vague* maps the id of
    each vaguely worded requirement to its finding (docs path with anchor), which gets a badge;
    *state* (the tender's status on the reference date) is shown on top of every page of the tender;
    *source_link* gives the link of a requirement's "Bron" to the passage it quotes.
    """
    vague = vague or {}
    grouped = by_category(tender)
    overview = tender_path(tender)
    period = dutch_date(tender.period.start)
    period += f" tot en met {dutch_date(tender.period.end)}" if tender.period.end else " (einde niet genoemd)"
    categories = [
        {
            "link": link(CATEGORY_LABELS[cat], rel(overview, category_path(tender.id, cat))),
            "count": len(reqs),
            **{ob: sum(r.obligation == ob for r in reqs) for ob in OBLIGATIONS},
        }
        for cat, reqs in grouped.items()
    ]
    own_downloads = [
        link(d.label, rel(overview, d.path)) for d in downloads if d.group == "checklist" and d.tender == tender.id
    ]
    pages = [
        Page(
            overview,
            tender.title,
            render(
                "tender.md.j2",
                tender=tender,
                label=tender_name(tender),
                tags=_tags(None, tender.target_groups),
                period=period,
                period_note=tender.period.note,
                bid_deadline=dutch_date(tender.bid_deadline) if tender.bid_deadline else None,
                summary=block(tender.summary) if tender.summary else None,
                municipalities=", ".join(tender.municipalities) or "—",
                target_groups=", ".join(group_label(g) for g in tender.target_groups) or "—",
                kind=", ".join(x for x in (tender.kind, tender.version and f"versie {tender.version}") if x),
                budget=[_amount_row(a) for a in tender.budget],
                volumes=[_amount_row(a) for a in tender.volumes],
                categories=categories,
                total=len(tender.requirements),
                downloads=own_downloads,
                compare_link=rel(overview, COMPARE_INDEX),
                status=status_context(state) if state else None,
                quality=_quality_summary(quality, overview) if quality else None,
            ),
        )
    ]
    for category, reqs in grouped.items():
        path = category_path(tender.id, category)
        groups = _groups_of(reqs)
        pages.append(
            Page(
                path,
                f"{CATEGORY_LABELS[category]} · {tender_name(tender)}",
                render(
                    "category.md.j2",
                    tender=tender,
                    label=tender_name(tender),
                    category=CATEGORY_LABELS[category],
                    tags=_tags(category, groups),
                    overview=link(tender.title, rel(path, overview)),
                    status=state.label.lower() if state else None,
                    boost=REQUIREMENT_BOOST,
                    requirements=[
                        _requirement_context(r, catalog, path, known, vague.get(r.id), source_link) for r in reqs
                    ],
                ),
            )
        )
    return pages


def _norm_item(req: Requirement, norm: Norm, page: str, with_group: bool) -> Raw:
    text = condition(norm) if norm.binding else f"{NORM_KIND_LABELS[norm.kind]}: {condition(norm)}"
    if norm.share is not None:
        text += " " + share(norm)
    if with_group and norm.applies_to:
        text += f" ({group_label(norm.applies_to)})"
    if norm.label:
        text += f" ({norm.label})"
    return Raw(f"{link(req.id, rel(page, requirement_target(req)))} {inline(text)}")


def _requirement_item(req: Requirement, page: str) -> Raw:
    return Raw(f"{link(req.id, rel(page, requirement_target(req)))} {badge(req.obligation)} {inline(req.title)}")


def comparison_page(catalog: Catalog, spec: Comparison, tender_group: TenderGroup | None = None) -> Page:
    """The comparison *spec* of all tenders, or (in a grouped catalog) of the tenders of *tender_group*.

    Every topic (a norm or a list of requirements) has its own heading and table, so that no search
    section grows with the number of tenders beyond one group's row.
    """
    part = tender_group
    page = comparison_path(spec.slug) if part is None else comparison_group_path(spec.slug, part.slug)
    tenders = list(catalog.tenders) if part is None else list(part.tenders)
    columns = [link(tender_name(t), rel(page, tender_path(t))) for t in tenders]
    split = spec.slug == "kpi"
    # rows of norms: key (metric label, metric, applies_to) -> tender id -> items
    norm_rows: dict[tuple, dict[str, list[Raw]]] = {}
    for tender in tenders:
        for req in tender.requirements:
            for norm in req.norms:
                if not (spec.metric(norm.metric) or req.category in spec.categories):
                    continue
                metric = catalog.metrics.get(norm.metric)
                label = metric.label if metric else norm.metric
                group = norm.applies_to if split else ()
                key = (label, norm.metric, group)
                cell = norm_rows.setdefault(key, {}).setdefault(tender.id, [])
                cell.append(_norm_item(req, norm, page, with_group=not split))
    rows = []
    for key in sorted(norm_rows):
        label, _, group = key
        title = label + (f" — {group_label(group)}" if group else "")
        rows.append({"topic": title, "cells": [_cell(norm_rows[key].get(t.id)) for t in tenders]})
    if spec.budget:
        budget_cells = []
        for tender in tenders:
            items = [
                Raw(f"{inline(a.label)}: {inline(quantity(a.value, a.unit))}")
                for a in (*tender.budget, *(v for v in tender.volumes if v.unit.startswith("EUR")))
            ]
            budget_cells.append(_cell(items))
        rows.insert(0, {"topic": "Budget volgens de aanbesteding", "cells": budget_cells})
    lists = []
    for category in spec.categories:
        cells = [_cell([_requirement_item(r, page) for r in t.requirements if r.category == category]) for t in tenders]
        lists.append({"topic": f"Alle eisen: {CATEGORY_LABELS[category]}", "cells": cells})
    if spec.mention:
        cells = []
        for tender in tenders:
            items = [
                _requirement_item(r, page)
                for r in tender.requirements
                if r.category not in spec.categories and _mentions(r, spec.mention)
            ]
            cells.append(_cell(items))
        lists.append({"topic": f"Andere eisen die {spec.mention} noemen", "cells": cells})
    return Page(
        page,
        spec.title if part is None else html_text(part.label),
        render(
            "compare.md.j2",
            title=spec.title,
            group=part.label if part is not None else None,
            overview=link(spec.title, rel(page, comparison_path(spec.slug))) if part is not None else None,
            intro=spec.intro,
            tags=[CATEGORY_LABELS[c] for c in spec.categories],
            columns=columns,
            norm_rows=rows,
            lists=lists,
        ),
    )


def comparison_groups_page(spec: Comparison, groups: list[TenderGroup]) -> Page:
    """In a grouped catalog: the comparison *spec* as a list of its pages, one per group of tenders."""
    page = comparison_path(spec.slug)
    return Page(
        page,
        spec.title,
        render(
            "compare_groups.md.j2",
            title=spec.title,
            intro=spec.intro,
            tags=[CATEGORY_LABELS[c] for c in spec.categories],
            groups=[
                {
                    "link": link(g.label, rel(page, comparison_group_path(spec.slug, g.slug))),
                    "count": len(g.tenders),
                }
                for g in groups
            ],
        ),
    )


def _mentions(req: Requirement, word: str) -> bool:
    import re

    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return any(pattern.search(text or "") for text in (req.title, req.text, req.note))


def _cell(items: list[Raw] | None) -> Raw:
    return Raw("<br>".join(items)) if items else Raw("—")


def comparison_index(catalog: Catalog) -> Page:
    """The comparisons; in a grouped catalog, per group of tenders its comparison pages."""
    page = COMPARE_INDEX
    groups = []
    if is_grouped(catalog.tenders):
        for group in tender_groups(catalog.tenders):
            groups.append(
                {
                    "label": group.label,
                    "links": [link(c.title, rel(page, comparison_group_path(c.slug, group.slug))) for c in COMPARISONS],
                    "tenders": [link(tender_name(t), rel(page, tender_path(t))) for t in group.tenders],
                }
            )
    return Page(
        page,
        "Aanbestedingen vergelijken",
        render(
            "compare_index.md.j2",
            comparisons=[{"link": link(c.title, f"{c.slug}.md"), "intro": c.intro} for c in COMPARISONS],
            tenders=[] if groups else [link(tender_name(t), rel(page, tender_path(t))) for t in catalog.tenders],
            groups=groups,
        ),
    )


def tenders_index(catalog: Catalog, states: Mapping[str, TenderStatus] | None = None) -> Page:
    """The list of tenders; with *states* (tender id → status) a column with each one's status."""
    page = TENDERS_PATH
    states = states or {}
    rows = []
    for t in catalog.tenders:
        end = dutch_date(t.period.end) if t.period.end else "niet genoemd"
        rows.append(
            {
                "link": link(t.title, rel(page, tender_path(t))),
                "region": t.region,
                "authority": t.authority,
                "period": f"{dutch_date(t.period.start)} – {end}",
                "status": states[t.id].label if t.id in states else None,
                "count": len(t.requirements),
            }
        )
    reference = next(iter(states.values())).reference if states else None
    sections = []
    if is_grouped(catalog.tenders):  # a table per group: a table of all tenders would be one huge search section
        row_of = {t.id: row for t, row in zip(catalog.tenders, rows, strict=True)}
        sections = [
            {"label": g.label, "rows": [row_of[t.id] for t in g.tenders]} for g in tender_groups(catalog.tenders)
        ]
    return Page(
        page,
        "Aanbestedingen",
        render(
            "tenders.md.j2",
            rows=rows,
            sections=sections or [{"label": None, "rows": rows}],
            total=sum(len(t.requirements) for t in catalog.tenders),
            reference=dutch_date(reference) if reference else None,
        ),
    )


def glossary_page(entries: list[GlossaryEntry]) -> Page:
    ordered = sorted(entries, key=lambda e: (e.term.casefold(), e.term))
    return Page(GLOSSARY_PATH, "Woordenlijst", render("glossary.md.j2", entries=ordered))


def downloads_page(catalog: Catalog, downloads: list[Download], reports: list[Report]) -> Page:
    page = DOWNLOADS_PATH
    catalog_files = [link(d.label, rel(page, d.path)) for d in downloads if d.group == "catalog"]
    checklists = []
    for tender in catalog.tenders:
        files = [
            link(d.label, rel(page, d.path)) for d in downloads if d.group == "checklist" and d.tender == tender.id
        ]
        if files:
            checklists.append({"tender": link(tender_name(tender), rel(page, tender_path(tender))), "files": files})
    examples = [link(d.label, rel(page, d.path)) for d in downloads if d.group == "voorbeeld"]
    report_links = [link(report_heading(r), rel(page, report_path(r))) for r in reports]
    return Page(
        page,
        "Downloads",
        render(
            "downloads.md.j2", catalog=catalog_files, checklists=checklists, examples=examples, reports=report_links
        ),
    )


def report_path(report: Report) -> str:
    return paths.report_path(report.name)


def report_page(report: Report) -> Page:
    """An example report as a page: its text as it is, ranked low in search (below every requirement)."""
    text = report.text
    if not text.startswith("---\n"):  # a report with its own front matter keeps it unchanged
        text = f"---\nsearch:\n  boost: {REPORT_BOOST}\n---\n\n{text}"
    return Page(report_path(report), report_title(report), text)


def report_heading(report: Report) -> str:
    """The first heading of a report as plain text (its Markdown escapes and entities undone)."""
    for line in report.text.splitlines():
        if line.startswith("# "):
            return html.unescape(re.sub(r"\\(.)", r"\1", line[2:].strip()))
    return report.name.removesuffix(".md")


def report_title(report: Report) -> str:
    """The title of a report page for the navigation and the browser tab.

    MkDocs and Material put it into the navigation as HTML and, its entities decoded once more, into
    ``<title>``: ``<`` and ``>`` become look-alikes (no tag can arise, whatever decodes it) and the
    rest is HTML-escaped.
    """
    return html_text(report_heading(report).replace("<", "\u2039").replace(">", "\u203a"))


def tags_page(catalog: Catalog | None = None) -> Page:
    """The tags: Material's listing of every tagged page; in a grouped catalog, opvang's own listing.

    Material lists all pages of a tag under one heading: with hundreds of tenders one tag would hold
    thousands of links in one search section. A grouped catalog gets, per tag, a heading per group.
    """
    if catalog is None or not is_grouped(catalog.tenders):
        return Page(TAGS_PATH, "Tags", render("tags.md.j2", tags=None))
    order = [CATEGORY_LABELS[c] for c in CATEGORIES] + [group_label(g) for g in TARGET_GROUPS_ORDER]
    listing: dict[str, list[dict]] = {}
    for group in tender_groups(catalog.tenders):
        for tender in group.tenders:
            for path, title, tags in page_tags(tender):
                for tag in tags:
                    sections = listing.setdefault(tag, [])
                    if not sections or sections[-1]["label"] != group.label:
                        sections.append({"label": group.label, "pages": []})
                    sections[-1]["pages"].append(link(title, rel(TAGS_PATH, path)))
    tags = [{"tag": tag, "groups": listing[tag]} for tag in sorted(listing, key=lambda t: (order.index(t), t))]
    return Page(TAGS_PATH, "Tags", render("tags.md.j2", tags=tags))
