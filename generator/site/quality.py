"""The quality pages ("Kwaliteit van de eisen"): the lint findings of one tender, linked both ways.

Each tender gets one page with the lint's numbers (binding and measurable requirements, their share,
open and accepted findings per rule) and, per requirement with findings, a section with the rule,
the words found, the lint's message and its suggestion for a measurable wording. Every section links
to the requirement on its category page; requirements with an open ``VAGUE`` finding link back with a
badge (see :func:`vague_targets`). The numbers and the definition of "measurable" are those of
:mod:`generator.lint` (:class:`~generator.lint.TenderQuality`); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.catalog.model import CATEGORY_LABELS, Catalog, Requirement, Tender
from generator.lint import RULES, LintReport, vague_requirement_ids
from generator.lint.report import SEVERITY_LABELS
from generator.lint.rules import Finding
from generator.site.markdown import Raw, inline, link, number
from generator.site.pages import (
    QUALITY_TITLE,
    Page,
    badge,
    category_path,
    finding_anchor,
    finding_target,
    quality_path,
    rel,
    render,
    requirement_target,
    tender_name,
    tender_path,
)


def vague_targets(report: LintReport, catalog: Catalog) -> dict[str, str]:
    """Requirement id → its findings on the quality page, for every requirement with an open VAGUE finding."""
    vague = vague_requirement_ids(report)
    return {req.id: finding_target(req) for req in catalog.requirements if req.id in vague}


def _words(finding: Finding) -> Raw:
    if not finding.words:
        return Raw("—")
    return Raw(", ".join(f"“{inline(word)}”" for word in finding.words))


def _finding_row(finding: Finding, page: str, catalog_ids: Mapping[str, Requirement]) -> dict:
    if finding.accepted:
        status = Raw(f"geaccepteerd: {inline(finding.reason or '')}")
    else:
        status = Raw(inline(SEVERITY_LABELS[finding.severity]))
    related = [
        link(other, rel(page, requirement_target(catalog_ids[other]))) if other in catalog_ids else inline(other)
        for other in finding.related
    ]
    message = inline(finding.message)
    if related:
        message = Raw(f"{message} (zie {', '.join(related)})")
    return {
        "rule": Raw(f"{inline(RULES.get(finding.rule, finding.rule))} ({finding.rule})"),
        "status": status,
        "words": _words(finding),
        "message": message,
        "suggestion": inline(finding.suggestion) if finding.suggestion and not finding.accepted else Raw("—"),
    }


def quality_page(
    catalog: Catalog, tender: Tender, report: LintReport, by_id: Mapping[str, Requirement] | None = None
) -> Page:
    """The quality page of *tender*: the lint's summary numbers and every finding, per requirement.

    *by_id* (every requirement of the catalog by id) is built here when not given; a site build
    passes one, built once, instead of one per tender.
    """
    page = quality_path(tender.id)
    quality = report.tender(tender.id)
    by_id = {req.id: req for req in catalog.requirements} if by_id is None else by_id
    sections = []
    for req in tender.requirements:
        own = report.for_requirement(req.id)
        if not own:
            continue
        sections.append(
            {
                "anchor": finding_anchor(req.id),
                "heading": Raw(f"{link(req.id, rel(page, requirement_target(req)))} · {inline(req.title)}"),
                "badge": badge(req.obligation),
                "category": link(CATEGORY_LABELS[req.category], rel(page, category_path(tender.id, req.category))),
                "findings": [_finding_row(f, page, by_id) for f in own],
            }
        )
    rules = [
        {"rule": rule, "label": RULES.get(rule, rule), "count": count}
        for rule, count in sorted(quality.counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Page(
        page,
        f"{QUALITY_TITLE} · {tender_name(tender)}",
        render(
            "quality.md.j2",
            title=QUALITY_TITLE,
            label=tender_name(tender),
            overview=link(tender.title, rel(page, tender_path(tender))),
            quality=quality,
            share=f"{number(quality.share)}%" if quality.share is not None else None,
            open=sum(quality.counts.values()),
            rules=rules,
            sections=sections,
        ),
    )
