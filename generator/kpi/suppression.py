"""Which cells of a published breakdown to hide, and which labels to merge, so that no small group shows.

Everything counts distinct clients, never trajectories: one client with six trajectories is one person.

- Primary suppression: a cell built on 1 up to ``min_cell - 1`` distinct clients is hidden (0 is
  shown: it is nobody).
- Complementary suppression: the hidden cells of a breakdown together can be recomputed from the
  total, so while they together rest on fewer than ``min_cell`` distinct clients, the smallest shown
  cell is hidden too (as official statistics do). One hidden cell always takes a second one with it.
- Labels: a free-text label (a municipality, a type of next place, an exit reason) of a category
  with fewer than ``min_cell`` clients is merged into :data:`OTHER`, and while :data:`OTHER` itself
  rests on fewer than ``min_cell`` clients the next-smallest category joins it, so that a free-text
  label never stands beside a small or suppressed count.

The functions take the number of distinct clients per key (*sizes*) and, because a client can be in
two cells (two trajectories in two groups), a function giving the distinct clients of a set of keys
together (*union*); without it the sizes are added, which is exact when the cells share no client.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping

OTHER = "overig"

Union = Callable[[Collection[Hashable]], int]


def _together(keys: Collection[Hashable], sizes: Mapping[Hashable, int], union: Union | None) -> int:
    """Distinct clients of *keys* together; *union* is only asked about cells that are each small."""
    largest = max(sizes[k] for k in keys)
    if union is None or largest == sum(sizes[k] for k in keys):
        return sum(sizes[k] for k in keys) if union is None else largest
    return max(largest, union(keys))


def hidden_cells(sizes: Mapping[Hashable, int], min_cell: int, union: Union | None = None) -> set[Hashable]:
    """The keys of *sizes* (distinct clients per cell) to show as ``<min_cell`` (primary and complementary)."""
    hidden = {key for key, n in sizes.items() if 0 < n < min_cell}
    shown = sorted((n, str(key), key) for key, n in sizes.items() if n >= min_cell)
    while hidden and shown and max(sizes[k] for k in hidden) < min_cell and _together(hidden, sizes, union) < min_cell:
        hidden.add(shown.pop(0)[2])
    return hidden


def merged_labels(sizes: Mapping[Hashable, int], min_cell: int, union: Union | None = None) -> set[Hashable]:
    """The labels of *sizes* (distinct clients per category) to merge into :data:`OTHER`."""
    merged = {key for key, n in sizes.items() if n < min_cell and key != OTHER}
    if not merged:
        return merged
    base = {OTHER} if OTHER in sizes else set()  # a category already called "overig" joins in
    rest = sorted((n, str(key), key) for key, n in sizes.items() if n >= min_cell and key != OTHER)
    while (
        rest and max(sizes[k] for k in merged | base) < min_cell and _together(merged | base, sizes, union) < min_cell
    ):
        merged.add(rest.pop(0)[2])
    return merged
