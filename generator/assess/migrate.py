"""Carry the answers of a filled checklist to the current version of the catalog (``opvang checklist --update``).

For every requirement of the chosen tenders:

- an answer to a requirement that did not change is kept as it is;
- an answer to a requirement that changed (:mod:`generator.assess.stale`) is kept, and the row gets a
  note in *Te controleren* (``review``) saying what changed; the assessment calls the answer
  ``verouderd`` until the provider has checked it and emptied that note;
- a requirement that is new has an empty row.

Answers to requirements that are no longer in the catalog cannot be carried: they are listed (in
the new file and on the screen), so that nothing is lost without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.assess.checklist import Entry, FilledChecklist
from generator.assess.fingerprint import fingerprint
from generator.assess.stale import change_of, describe, is_stale
from generator.catalog.model import Catalog, Tender


@dataclass(frozen=True)
class Migration:
    """The answers for the new checklist and what happened to each (requirement ids)."""

    filled: FilledChecklist
    kept: tuple[str, ...]
    review: tuple[str, ...]
    removed: tuple[str, ...]
    new: tuple[str, ...]

    def notes(self) -> tuple[str, ...]:
        """What the update did, in Dutch, for the top of the new file and the screen."""
        lines = [
            f"Bijgewerkt naar de huidige catalogus: {len(self.kept)} antwoorden overgenomen, "
            f"{len(self.review)} overgenomen maar te controleren (eis gewijzigd), {len(self.removed)} vervallen "
            f"(eis niet meer in de catalogus), {len(self.new)} nieuwe eisen (nog leeg)."
        ]
        if self.review:
            lines.append("Te controleren: " + ", ".join(self.review) + ".")
        if self.removed:
            lines.append("Vervallen, antwoord niet overgenomen: " + ", ".join(self.removed) + ".")
        return tuple(lines)


def migrate(catalog: Catalog, old: FilledChecklist, tenders: list[Tender]) -> Migration:
    """The answers of *old* carried to the current requirements of *tenders* (see the module docstring)."""
    entries: dict[str, Entry] = {}
    kept: list[str] = []
    review: list[str] = []
    new: list[str] = []
    for tender in tenders:
        for req in tender.requirements:
            entry = old.entries.get(req.id)
            if entry is None:
                new.append(req.id)
                continue
            if not entry.answered:
                continue
            if is_stale(req, entry):
                unchanged_since = entry.fingerprint == fingerprint(req)  # updated before, not yet checked
                note = entry.review.strip() if unchanged_since else ""
                if not note:
                    change = describe(change_of(req, entry, catalog.metrics))
                    note = (
                        f"Eis gewijzigd sinds uw antwoord. {change}\n"
                        "Controleer uw antwoord en maak deze cel daarna leeg."
                    )
                entries[req.id] = replace(entry, review=note, fingerprint="", shown=None)
                review.append(req.id)
            else:
                entries[req.id] = replace(entry, fingerprint="", shown=None)
                kept.append(req.id)
    removed = tuple(sorted(rid for rid, entry in old.unknown.items() if entry.answered))
    ids = tuple(t.id for t in tenders)
    filled = FilledChecklist(old.file, ids, entries, old.provider)
    return Migration(filled, tuple(kept), tuple(review), removed, tuple(new))
