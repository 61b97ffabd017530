"""The page "Wat is er gewijzigd": per published version the changes to the catalog, newest first.

The steps come from :func:`generator.site.versions.change_log` (the diffs of :mod:`generator.diff`);
this module lays them out: added, removed and changed requirements, norms as old → new and text as a
word diff (``<del>``/``<ins>`` around escaped words). Requirements that still exist link to their
anchor on the site; removed ones cannot.
"""

from __future__ import annotations

from generator.catalog.model import (
    CATEGORY_LABELS,
    OBLIGATION_LABELS,
    OPERATOR_LABELS,
    Catalog,
    Requirement,
)
from generator.diff import CatalogDiff, NormChange, RequirementChange
from generator.diff.compare import FIELD_LABELS
from generator.site.markdown import Raw, block, inline, link, number
from generator.site.pages import (
    CHANGES_PATH,
    CHANGES_TITLE,
    Page,
    badge,
    dutch_date,
    group_label,
    quantity,
    rel,
    render,
    requirement_target,
    tender_name,
)
from generator.site.versions import ChangeLog, Step, Version

STATUSES: tuple[tuple[str, str], ...] = (("added", "Toegevoegd"), ("removed", "Verwijderd"), ("changed", "Gewijzigd"))
_OTHER_FIELDS = ("obligation", "category", "target_groups", "source_section")


def _version_name(version: Version) -> str:
    return f"versie {version.label} ({dutch_date(version.date)})"


def _norm_text(norm: dict | None) -> str:
    """``maximaal 48 uur in 100% van de gevallen``, or a dash for a missing norm."""
    if not norm:
        return "—"
    operator = OPERATOR_LABELS.get(norm.get("operator"), str(norm.get("operator")))
    text = f"{operator} {quantity(norm.get('value', 0), str(norm.get('unit', '')))}"
    if norm.get("share") is not None:
        text += f" in {number(norm['share'])}% van de gevallen"
    if norm.get("label"):
        text += f" ({norm['label']})"
    return text


def _norm_name(change: NormChange, catalog: Catalog) -> str:
    metric = catalog.metrics.get(change.metric)
    name = metric.label if metric else change.metric
    return f"Norm {name}" + (f" ({group_label(change.applies_to)})" if change.applies_to else "")


def _field_value(req: dict, name: str) -> str:
    if name == "obligation":
        return OBLIGATION_LABELS.get(req.get("obligation"), str(req.get("obligation")))
    if name == "category":
        return CATEGORY_LABELS.get(req.get("category"), str(req.get("category")))
    if name == "target_groups":
        return ", ".join(group_label(g) for g in sorted(req.get("target_groups") or [])) or "alle doelgroepen"
    return str((req.get("source") or {}).get("section") or "—")


def _words(ops) -> Raw:
    parts = []
    for op, words in ops:
        text = inline(words)
        parts.append(text if op == "equal" else f"<del>{text}</del>" if op == "delete" else f"<ins>{text}</ins>")
    return Raw(" ".join(parts))


def _tender_name(tender_id: str, catalog: Catalog, titles: dict[str, str]) -> str:
    for tender in catalog.tenders:
        if tender.id == tender_id:
            return tender_name(tender)
    return titles.get(tender_id, tender_id)


def _change(change: RequirementChange, catalog: Catalog, current: dict[str, Requirement], titles) -> dict:
    req = change.new or change.old
    here = current.get(change.id) if change.status != "removed" else None
    ref = link(change.id, rel(CHANGES_PATH, requirement_target(here))) if here else inline(change.id)
    rows = [
        {"what": FIELD_LABELS[name], "old": _field_value(change.old, name), "new": _field_value(change.new, name)}
        for name in change.fields
        if name in _OTHER_FIELDS
    ]
    rows += [
        {"what": _norm_name(norm, catalog), "old": _norm_text(norm.old), "new": _norm_text(norm.new)}
        for norm in change.norms
    ]
    return {
        "heading": Raw(f"{ref} · {inline(req.get('title', ''))}"),
        "tender": _tender_name(change.tender, catalog, titles),
        "badge": badge(req["obligation"]) if req.get("obligation") in OBLIGATION_LABELS else Raw(""),
        "fields": ", ".join(FIELD_LABELS[f] for f in change.fields),
        "rows": rows,
        "title_diff": _words(change.title_diff) if change.title_diff else None,
        "text_diff": _words(change.text_diff) if change.text_diff else None,
        "text": block(req.get("text", "")) if change.status != "changed" else None,
    }


def _summary(diff: CatalogDiff) -> str:
    added, removed, changed = (len(diff.of(status)) for status, _ in STATUSES)
    return f"{added} toegevoegd, {removed} verwijderd, {changed} gewijzigd"


def _step(step: Step, catalog: Catalog, current: dict[str, Requirement]) -> dict:
    if step.new is None:
        heading, anchor = f"Sinds versie {step.old.label}", f"sinds-{step.old.label}"
        intro = f"Wat er in de catalogus veranderd is sinds {_version_name(step.old)}, nog niet als versie gepubliceerd"
        empty = f"Geen wijzigingen sinds versie {step.old.label}."
    else:
        heading, anchor = f"Versie {step.new.label} ({dutch_date(step.new.date)})", f"versie-{step.new.label}"
        intro = f"Wat er in {_version_name(step.new)} veranderd is ten opzichte van {_version_name(step.old)}"
        empty = f"Geen wijzigingen ten opzichte van versie {step.old.label}."
    out: dict = {"heading": heading, "anchor": anchor, "intro": intro, "empty": None, "unreadable": None}
    out["note"] = step.new.note if step.new is not None else None
    if step.diff is None:
        out["unreadable"] = f"De wijzigingen kunnen niet worden getoond: {step.unreadable}."
        return out
    diff = step.diff
    if diff.empty:
        out["empty"] = empty
        return out
    out["summary"] = _summary(diff)
    out["tenders"] = [
        f"Aanbesteding {_tender_name(t, catalog, step.tender_titles)} toegevoegd." for t in diff.tenders_added
    ] + [f"Aanbesteding {_tender_name(t, catalog, step.tender_titles)} verwijderd." for t in diff.tenders_removed]
    out["groups"] = [
        {
            "label": label,
            "count": len(diff.of(status)),
            "changes": [_change(c, catalog, current, step.tender_titles) for c in diff.of(status)],
        }
        for status, label in STATUSES
        if diff.of(status)
    ]
    return out


def changes_page(catalog: Catalog, log: ChangeLog) -> Page:
    """The page with every step of *log*, newest first."""
    current = {req.id: req for req in catalog.requirements}
    versions = [
        {
            "label": v.label,
            "date": dutch_date(v.date),
            "note": v.note or "—",
        }
        for v in reversed(log.versions)
    ]
    return Page(
        CHANGES_PATH,
        CHANGES_TITLE,
        render(
            "changes.md.j2",
            title=CHANGES_TITLE,
            source=log.source,
            versions=versions,
            steps=[_step(step, catalog, current) for step in log.steps],
        ),
    )
