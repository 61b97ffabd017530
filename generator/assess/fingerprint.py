"""What an answer in a checklist was given to: the fingerprint of a requirement and its norms as text.

Every checklist row carries the fingerprint of the requirement version it was made for (a hidden,
protected column in Excel, the field ``fingerprint`` in YAML). It covers exactly what an answer rests
on: the requirement text (normalised: Unicode NFC, every run of whitespace one space, so that a new
line break is no change), its obligation (eis, wens, info) and all its norms (every kind, in a fixed
order). The title, category and source section are left out: they describe, they do not ask. The
fingerprint is the first 16 hexadecimal characters of the SHA-256 of that content as canonical JSON.

The norms are also written into the row as text (one line per norm, :func:`norm_lines`), so that a
person sees them beside the text and a later version can show "norm old → new" for a changed answer.
Only a binding norm (kind ``norm``) leads to a verdict; the others are shown in context
("streven: …", "huidige situatie: …").
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from generator.catalog.model import NORM_KIND_LABELS, Metric, Norm, Requirement, groups_label
from generator.diff.render import norm_label

LENGTH = 16  # hexadecimal characters kept of the SHA-256


def normalise_text(text: str) -> str:
    """The text as compared: NFC, whitespace runs as one space, no leading or trailing space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def fingerprint(req: Requirement) -> str:
    """The fingerprint of what an answer to *req* rests on (see the module docstring)."""
    norms = sorted(json.dumps(n.as_dict(), sort_keys=True, ensure_ascii=False) for n in req.norms)
    content = {"text": normalise_text(req.text), "obligation": req.obligation, "norms": norms}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:LENGTH]


def is_fingerprint(value: str) -> bool:
    """Whether *value* has the form of a fingerprint (16 lower-case hexadecimal characters)."""
    return bool(re.fullmatch(rf"[0-9a-f]{{{LENGTH}}}", value))


def norm_line(norm: Norm, metrics: dict[str, Metric] | None = None) -> str:
    """One norm for people, with its kind first: 'norm: opvangduur binnen norm maximaal 3 maanden …'."""
    metric = (metrics or {}).get(norm.metric)
    what = metric.label if metric else norm.metric.replace("_", " ")
    line = f"{NORM_KIND_LABELS.get(norm.kind, norm.kind)}: {what[:1].lower() + what[1:]} {norm_label(norm.as_dict())}"
    if norm.applies_to:
        line += f" ({groups_label(norm.applies_to)})"
    return line + (f" – {norm.label}" if norm.label else "")


def norm_lines(req: Requirement, metrics: dict[str, Metric] | None = None) -> tuple[str, ...]:
    """Every norm of *req* as a line: the binding ones first, then the others (aims, observed figures)."""
    ordered = [n for n in req.norms if n.binding] + [n for n in req.norms if not n.binding]
    return tuple(norm_line(n, metrics) for n in ordered)


def context_text(req: Requirement, metrics: dict[str, Metric] | None = None) -> str:
    """The norms of *req* that do not bind, in one line ('streven: …; huidige situatie: …'), or ''."""
    return "; ".join(norm_line(n, metrics) for n in req.norms if not n.binding)
