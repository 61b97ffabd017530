"""Tenders in groups of at most :data:`GROUP_SIZE`, so that no page carries all tenders of a national catalog.

A catalog of every Dutch region holds hundreds of tenders. Listed side by side, every page of a
tender would carry the navigation of all of them (with 500 tenders, 8,000 pages of 500 links each)
and a comparison table would get a column per tender. Up to :data:`GROUP_SIZE` tenders nothing
changes; above it, the tenders are sorted by their name (region and code) and cut into consecutive
groups of at most :data:`GROUP_SIZE`, each named after its first and last tender. The navigation
then holds a section per group and the comparisons a page per group. The catalog has no province or
other grouping of its own, so the grouping is by name: a reader finds a region alphabetically.

Above :data:`GROUP_SIZE` groups (more than 100 tenders) the navigation nests them the same way
(:func:`nest`): ranges of at most :data:`GROUP_SIZE` groups, named after their first and last
tender, as many levels as needed. A page then carries at most :data:`GROUP_SIZE` entries per level
on its path (with 500 tenders: 5 ranges, 10 groups, 10 tenders) instead of one entry per group.
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


@dataclass(frozen=True)
class GroupRange:
    """Consecutive groups (or ranges) shown together in the navigation of a very large catalog."""

    label: str  # "Regio A (AAA) – Regio Z (ZZZ)", plain text
    parts: tuple[TenderGroup | GroupRange, ...]

    @property
    def tenders(self) -> tuple[Tender, ...]:
        return tuple(tender for part in self.parts for tender in part.tenders)


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
    groups = []
    for number, block in enumerate(_blocks(ordered), start=1):
        groups.append(TenderGroup(f"groep-{number:02d}", _label(block[0], block[-1]), tuple(block)))
    return groups


def nest(groups: list[TenderGroup]) -> list[TenderGroup | GroupRange]:
    """*groups* as the navigation shows them: as they are up to :data:`GROUP_SIZE`, else nested in ranges."""
    level: list[TenderGroup | GroupRange] = list(groups)
    while len(level) > GROUP_SIZE:
        level = [
            GroupRange(_label(block[0].tenders[0], block[-1].tenders[-1]), tuple(block)) for block in _blocks(level)
        ]
    return level


def _blocks(items: list) -> list[list]:
    """*items* cut into as few consecutive blocks of at most GROUP_SIZE as possible, filled as evenly as possible."""
    count = -(-len(items) // GROUP_SIZE)
    size = -(-len(items) // count)
    return [items[start : start + size] for start in range(0, len(items), size)]


def _label(first: Tender, last: Tender) -> str:
    return f"{_name(first)} – {_name(last)}" if first is not last else _name(first)
