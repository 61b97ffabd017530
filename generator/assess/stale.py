"""Answers given to an earlier version of a requirement: detect them and say what changed.

An answer is *verouderd* (stale) when something was filled in for the requirement and either

- the row's fingerprint differs from the fingerprint of the requirement in the catalog now (the
  requirement text, norms or obligation changed since the row was made), or
- the row still carries the note *Te controleren* (``review``) that ``opvang checklist --update``
  wrote when it carried the answer to a changed requirement; the provider empties it once the
  answer is checked.

A row without a fingerprint (a checklist made before opvang wrote them) is judged on what it shows:
its answer is stale when the text or obligation in the row differs from the catalog now.

What changed is computed with :mod:`generator.diff` from what the row showed (text, obligation,
norms as text) to the requirement now: a word diff of the text, the obligation old → new and every
norm line that went or came.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.assess.checklist import Entry
from generator.assess.fingerprint import fingerprint, norm_lines, normalise_text
from generator.catalog.model import OBLIGATION_LABELS, Metric, Requirement
from generator.diff.compare import word_diff

CONTEXT_WORDS = 6  # unchanged words kept on each side of a change in a short diff


@dataclass(frozen=True)
class Change:
    """What changed in a requirement since the answer: text diff, obligation and norms (old, new)."""

    text_diff: tuple[tuple[str, str], ...] = ()  # (equal|delete|insert, words), empty when the text is the same
    obligation: tuple[str, str] | None = None
    norms: tuple[tuple[str | None, str | None], ...] = ()  # (old line or None, new line or None)
    review: str = ""  # the note of --update still in the row

    def summary(self) -> str:
        """The change in one Dutch sentence without the text diff ('tekst gewijzigd; norm: … → …')."""
        parts = []
        if self.text_diff:
            parts.append("tekst gewijzigd")
        if self.obligation:
            old, new = (OBLIGATION_LABELS.get(o, o).lower() for o in self.obligation)
            parts.append(f"verplichting {old} → {new}")
        for old, new in self.norms:
            if old and new:
                parts.append(f"{old} → {new}")
            elif new:
                parts.append(f"nieuw: {new}")
            elif old:
                parts.append(f"vervallen: {old}")
        if not parts:
            return self.review or "de eis is gewijzigd sinds het antwoord"
        return "; ".join(parts)


def is_stale(req: Requirement, entry: Entry | None) -> bool:
    """Whether the answer in *entry* was given to another version of *req* (see the module docstring)."""
    if entry is None or not entry.answered:
        return False
    if entry.review.strip():
        return True
    if entry.fingerprint:
        return entry.fingerprint != fingerprint(req)
    shown = entry.shown
    if shown is None:
        return False
    text_changed = bool(shown.text) and normalise_text(shown.text) != normalise_text(req.text)
    return text_changed or (bool(shown.obligation) and shown.obligation != req.obligation)


def change_of(req: Requirement, entry: Entry, metrics: dict[str, Metric] | None = None) -> Change:
    """What changed from the version the row showed to *req* now (see :class:`Change`)."""
    shown = entry.shown
    if shown is None:
        return Change(review=entry.review.strip())
    text_diff: tuple[tuple[str, str], ...] = ()
    if shown.text and normalise_text(shown.text) != normalise_text(req.text):
        text_diff = word_diff(shown.text, req.text)
    obligation = (shown.obligation, req.obligation) if shown.obligation and shown.obligation != req.obligation else None
    if shown.norms is None:  # the row did not show norms: nothing to compare them with
        return Change(text_diff, obligation, (), entry.review.strip())
    new_lines = norm_lines(req, metrics)
    gone = [line for line in shown.norms if line not in new_lines]
    came = [line for line in new_lines if line not in shown.norms]
    pairs: list[tuple[str | None, str | None]] = list(zip(gone, came, strict=False))
    pairs += [(line, None) for line in gone[len(came) :]]
    pairs += [(None, line) for line in came[len(gone) :]]
    return Change(text_diff, obligation, tuple(pairs), entry.review.strip())


def short_diff(ops: tuple[tuple[str, str], ...], context: int = CONTEXT_WORDS) -> tuple[tuple[str, str], ...]:
    """The word diff with long unchanged stretches cut to *context* words on each side ('…')."""
    out: list[tuple[str, str]] = []
    for index, (op, words) in enumerate(ops):
        if op != "equal":
            out.append((op, words))
            continue
        parts = words.split()
        first, last = index == 0, index == len(ops) - 1
        keep_start = [] if first else parts[:context]
        keep_end = [] if last else parts[-context:]
        if len(parts) <= len(keep_start) + len(keep_end) + 1:
            out.append((op, words))
            continue
        text = " ".join(keep_start + ["…"] + keep_end) if keep_start or keep_end else "…"
        out.append((op, text.strip()))
    return tuple(out)


def diff_text(ops: tuple[tuple[str, str], ...]) -> str:
    """A word diff as plain text: ``[-oud-]`` and ``{+nieuw+}`` (as ``opvang diff`` writes it)."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in short_diff(ops))


def describe(change: Change) -> str:
    """The change for a person, in plain text (the note ``--update`` writes, the Excel gap report)."""
    lines = []
    if change.text_diff:
        lines.append(f"Tekst: {diff_text(change.text_diff)}")
    summary = [p for p in change.summary().split("; ") if p != "tekst gewijzigd"]
    if summary and (change.obligation or change.norms):
        lines.append("; ".join(summary))
    if not lines:
        lines.append(change.summary())
    return "\n".join(lines)
