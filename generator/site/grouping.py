"""Tenders in groups of at most :data:`GROUP_SIZE`, so that no page carries all tenders of a national catalog.

A catalog of every Dutch region holds hundreds of tenders. Listed side by side, every page of a
tender would carry the navigation of all of them (with 500 tenders, 8,000 pages of 500 links each)
and a comparison table would get a column per tender. Up to :data:`GROUP_SIZE` tenders nothing
changes; above it, the tenders are sorted by their name (region and code) and cut into consecutive
groups of at most :data:`GROUP_SIZE`, each named after its first and last tender. The navigation
then holds a section per group and the comparisons a page per group. The catalog has no province or
other grouping of its own, so the grouping is by name: a reader finds a region alphabetically.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.catalog.model import Tender

GROUP_SIZE = 10  # tenders per navigation section and per comparison page


@dataclass(frozen=True)
class TenderGroup:
    """Consecutive tenders (by name) shown together: a navigation section and a comparison page."""

    slug: str  # groep-01, groep-02, ... (in order)
    label: str  # "Regio A (AAA) – Regio K (KKK)", plain text
    tenders: tuple[Tender, ...]


def _name(tender: Tender) -> str:
    return f"{tender.region} ({tender.code})"


def is_grouped(tenders: tuple[Tender, ...] | list[Tender]) -> bool:
    """Whether the catalog has more tenders than fit in one group."""
    return len(tenders) > GROUP_SIZE


def tender_groups(tenders: tuple[Tender, ...] | list[Tender]) -> list[TenderGroup]:
    """The groups of *tenders* (one group holding all of them when they fit in one)."""
    if not is_grouped(tenders):
        return [TenderGroup("groep-01", "Alle aanbestedingen", tuple(tenders))]
    ordered = sorted(tenders, key=lambda t: (_name(t).casefold(), t.id))
    count = -(-len(ordered) // GROUP_SIZE)  # as many groups as needed, filled as evenly as possible
    size = -(-len(ordered) // count)
    groups = []
    for number, start in enumerate(range(0, len(ordered), size), start=1):
        block = tuple(ordered[start : start + size])
        label = f"{_name(block[0])} – {_name(block[-1])}" if len(block) > 1 else _name(block[0])
        groups.append(TenderGroup(f"groep-{number:02d}", label, block))
    return groups
