"""Compare two sides of a catalog: added, removed and changed requirements, norms and word diffs.

Requirements are identified by id (ids are never reused). A requirement is *changed* when its
title, text, obligation, category, norms, target groups or source section differ. Norms are paired
by ``(metric, applies_to)``; when several norms share that key (a lower and an upper bound),
identical norms pair first, then norms with the same operator, then the rest in order. Text changes
are word diffs (difflib over whitespace-separated words).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator.diff.load import Side

FIELDS: tuple[str, ...] = ("title", "text", "obligation", "category", "target_groups", "source_section", "norms")
FIELD_LABELS = {
    "title": "titel",
    "text": "tekst",
    "obligation": "verplichting",
    "category": "categorie",
    "target_groups": "doelgroepen",
    "source_section": "bronsectie",
    "norms": "normen",
}
NORM_KEYS: tuple[str, ...] = ("operator", "value", "unit", "share", "label")


@dataclass(frozen=True)
class NormChange:
    metric: str
    applies_to: tuple[str, ...]
    status: str  # added | removed | changed
    old: dict | None
    new: dict | None

    def changed_keys(self) -> list[str]:
        if self.old is None or self.new is None:
            return []
        return [k for k in NORM_KEYS if self.old.get(k) != self.new.get(k)]

    def as_dict(self) -> dict:
        return {
            "metric": self.metric,
            "applies_to": list(self.applies_to),
            "status": self.status,
            "old": self.old,
            "new": self.new,
            "changed": self.changed_keys(),
        }


@dataclass(frozen=True)
class RequirementChange:
    id: str
    tender: str
    status: str  # added | removed | changed
    old: dict | None
    new: dict | None
    fields: tuple[str, ...] = ()
    norms: tuple[NormChange, ...] = ()
    text_diff: tuple[tuple[str, str], ...] = ()  # (equal|delete|insert, words)
    title_diff: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict:
        out: dict = {"id": self.id, "tender": self.tender, "status": self.status}
        if self.status == "changed":
            out["fields"] = list(self.fields)
            out["norms"] = [n.as_dict() for n in self.norms]
            other = {}
            for name in self.fields:
                if name in ("text", "title", "norms"):
                    continue
                other[name] = {"old": _field(self.old, name), "new": _field(self.new, name)}
            out["changes"] = other
            if self.text_diff:
                out["text_diff"] = [{"op": op, "text": text} for op, text in self.text_diff]
            if self.title_diff:
                out["title_diff"] = [{"op": op, "text": text} for op, text in self.title_diff]
        else:
            out["requirement"] = self.new if self.status == "added" else self.old
        return out


@dataclass(frozen=True)
class CatalogDiff:
    old_label: str
    new_label: str
    changes: tuple[RequirementChange, ...]
    tenders_added: tuple[str, ...] = ()
    tenders_removed: tuple[str, ...] = ()
    old_name: str = ""  # the catalogs' names for people (for the reports; the JSON keeps the labels)
    new_name: str = ""

    def of(self, status: str) -> tuple[RequirementChange, ...]:
        return tuple(c for c in self.changes if c.status == status)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.tenders_added and not self.tenders_removed

    def as_dict(self) -> dict:
        return {
            "old": self.old_label,
            "new": self.new_label,
            "summary": {s: len(self.of(s)) for s in ("added", "removed", "changed")},
            "tenders_added": list(self.tenders_added),
            "tenders_removed": list(self.tenders_removed),
            "requirements": [c.as_dict() for c in self.changes],
        }


def _field(req: dict | None, name: str):
    if req is None:
        return None
    if name == "source_section":
        return (req.get("source") or {}).get("section")
    if name == "target_groups":
        return sorted(req.get("target_groups") or [])
    if name == "norms":
        return req.get("norms") or []
    return req.get(name)


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word diff of two texts as ``(op, words)`` with op ``equal``, ``delete`` or ``insert``."""
    a, b = (old or "").split(), (new or "").split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("insert", " ".join(b[j1:j2])))
    return tuple(out)


def _norm_key(norm: dict) -> tuple[str, str]:
    return (norm.get("metric", ""), ",".join(norm.get("applies_to") or []))


def compare_norms(old: list[dict], new: list[dict]) -> tuple[NormChange, ...]:
    """Added, removed and changed norms, paired by (metric, applies_to)."""
    changes: list[NormChange] = []
    keys = list(dict.fromkeys([_norm_key(n) for n in old] + [_norm_key(n) for n in new]))
    for key in keys:
        left = [n for n in old if _norm_key(n) == key]
        right = [n for n in new if _norm_key(n) == key]
        for norm in list(left):  # identical norms: no change
            if norm in right:
                left.remove(norm)
                right.remove(norm)
        pairs = []
        for norm in list(left):  # same operator: the value, unit or share changed
            match = next((r for r in right if r.get("operator") == norm.get("operator")), None)
            if match is not None:
                pairs.append((norm, match))
                left.remove(norm)
                right.remove(match)
        while left and right:
            pairs.append((left.pop(0), right.pop(0)))
        metric, applies_to = key[0], tuple(key[1].split(",")) if key[1] else ()
        changes += [NormChange(metric, applies_to, "changed", a, b) for a, b in pairs]
        changes += [NormChange(metric, applies_to, "removed", n, None) for n in left]
        changes += [NormChange(metric, applies_to, "added", None, n) for n in right]
    return tuple(changes)


def compare_requirement(old: dict, new: dict) -> RequirementChange | None:
    fields = []
    for name in FIELDS:
        if name == "norms":
            continue
        if _field(old, name) != _field(new, name):
            fields.append(name)
    norms = compare_norms(_field(old, "norms"), _field(new, "norms"))
    if norms:
        fields.append("norms")
    if not fields:
        return None
    return RequirementChange(
        id=new["id"],
        tender=new.get("tender") or old.get("tender") or "",
        status="changed",
        old=old,
        new=new,
        fields=tuple(fields),
        norms=norms,
        text_diff=word_diff(old.get("text", ""), new.get("text", "")) if "text" in fields else (),
        title_diff=word_diff(old.get("title", ""), new.get("title", "")) if "title" in fields else (),
    )


def compare(old: Side, new: Side, tender: str | None = None) -> CatalogDiff:
    """The differences from *old* to *new*, optionally limited to one tender; ordered by tender and id."""

    def keep(req: dict) -> bool:
        return tender is None or req.get("tender") == tender

    changes = []
    for req_id in sorted(set(old.requirements) | set(new.requirements)):
        a, b = old.requirements.get(req_id), new.requirements.get(req_id)
        if a is not None and not keep(a):
            a = None
        if b is not None and not keep(b):
            b = None
        if a is None and b is None:
            continue
        if a is None:
            changes.append(RequirementChange(req_id, b.get("tender", ""), "added", None, b))
        elif b is None:
            changes.append(RequirementChange(req_id, a.get("tender", ""), "removed", a, None))
        else:
            change = compare_requirement(a, b)
            if change is not None:
                changes.append(change)
    changes.sort(key=lambda c: (c.tender, c.id))
    old_t = {t for t in old.tenders if tender is None or t == tender}
    new_t = {t for t in new.tenders if tender is None or t == tender}
    return CatalogDiff(
        old.label,
        new.label,
        tuple(changes),
        tenders_added=tuple(sorted(new_t - old_t)),
        tenders_removed=tuple(sorted(old_t - new_t)),
        old_name=old.name,
        new_name=new.name,
    )
