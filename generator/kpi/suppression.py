"""Which counts of a published breakdown to hide, so that no small group can be seen or derived.

Primary suppression: a count of 1 up to ``min_cell - 1`` is hidden (0 is shown: it is nobody).
Secondary suppression: when exactly one count of a breakdown is hidden and the breakdown's total is
published elsewhere, the hidden count could be derived from the total, so the next-smallest shown
count is hidden too (as official statistics do). The KPI engine does the same for its cells
(:func:`generator.kpi.engine._secondary`).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping


def hidden_counts(counts: Mapping[Hashable, int], min_cell: int) -> set[Hashable]:
    """The keys of *counts* to show as ``<min_cell`` (primary and secondary suppression)."""
    hidden = {key for key, n in counts.items() if 0 < n < min_cell}
    if len(hidden) == 1:
        shown = sorted((n, str(key), key) for key, n in counts.items() if n >= min_cell)
        if shown:
            hidden.add(shown[0][2])
    return hidden
