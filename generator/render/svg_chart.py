"""A KPI per quarter as an inline SVG line chart: readable axes, the norm line, provisional points open.

The value axis has round ticks (0, 25, 50, 75 and 100% for a share; 0 to 10 in steps of 2 for a mark).
Quarter labels never overlap: when they do not all fit, every second (third, ...) one is shown,
always including the newest, and none runs past the chart's edge (:func:`axis_labels`). A point
whose cases are partly still in their follow-up period is drawn as an open marker, with the range
the final value can still take as a dotted bar; a quarter whose cases are all still open has no
point. A point is green where it meets the norm, red where it does not; a legend under the axis says
what the marks mean.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

from generator.kpi.engine import VERDICT_LABELS, Cell, format_number

WIDTH, HEIGHT = 560, 236
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 56
LABEL_PIXELS_PER_CHAR = 6.2  # a quarter label at font size 10
LABEL_GAP = 10
COLOURS = {"voldoet": "#2e7d32", "voldoet_niet": "#b02a2a"}
PROVISIONAL_COLOUR = "#8a6d00"
LINE_COLOUR = "#1f4e79"
NORM_COLOUR = "#b02a2a"


def value_axis(share: bool) -> tuple[float, float, list[float]]:
    """The lowest and highest value of the axis and its ticks: round numbers only."""
    if share:
        return 0.0, 100.0, [0.0, 25.0, 50.0, 75.0, 100.0]
    return 0.0, 10.0, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]


def label_step(labels: Sequence[str], room: float) -> int:
    """Show every n-th label so that none overlaps: *room* pixels for all of them."""
    if not labels:
        return 1
    widest = max(len(label) for label in labels) * LABEL_PIXELS_PER_CHAR + LABEL_GAP
    return max(1, math.ceil(len(labels) * widest / room))


def axis_labels(labels: Sequence[str], centres: Sequence[float], width: float) -> list[tuple[int, float]]:
    """(index, x) of the labels to show under the axis: every n-th, always the newest (the last), none
    overlapping and none past the chart's edges (a label at an end is moved inward, then spaced again)."""
    if not labels:
        return []
    widest = max(len(label) for label in labels) * LABEL_PIXELS_PER_CHAR + LABEL_GAP
    count = len(labels)
    room = (centres[-1] - centres[0]) * count / (count - 1) if count > 1 else width  # count slots of equal width
    step = label_step(labels, max(room, 1))
    while True:
        shown = [i for i in range(len(labels)) if (len(labels) - 1 - i) % step == 0]
        places = []
        for i in shown:
            half = len(labels[i]) * LABEL_PIXELS_PER_CHAR / 2 + 2
            places.append(min(max(centres[i], half), width - half))
        if len(places) < 2 or all(b - a >= widest for a, b in zip(places, places[1:], strict=False)):
            return list(zip(shown, places, strict=True))
        step += 1


def chart_svg(title: str, quarters: Sequence[str], cells: Sequence[Cell | None], target: float, share: bool) -> str:
    """The chart: one point per quarter in *quarters* (oldest first), *cells* in the same order (None: no data)."""
    low, high, ticks = value_axis(share)
    unit = "%" if share else ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))

    def x(i: int) -> float:
        return LEFT + plot_w * (i + 0.5) / max(len(quarters), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'style="max-width:{WIDTH}px;height:auto" role="img" aria-label="{html.escape(title)}">'
        f"<title>{html.escape(title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#f7f9fb" stroke="#c8d1da"/>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#e1e6eb"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="11" text-anchor="end" fill="#444">'
            f"{format_number(tick)}{unit}</text>"
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(target):.1f}" y2="{y(target):.1f}" stroke="{NORM_COLOUR}" '
        f'stroke-width="2" stroke-dasharray="6 4"/><text x="{LEFT + plot_w - 4}" y="{y(target) - 5:.1f}" '
        f'font-size="11" text-anchor="end" fill="{NORM_COLOUR}">norm {format_number(target)}{unit}</text>'
    )
    for i, place in axis_labels(quarters, [x(i) for i in range(len(quarters))], WIDTH):
        parts.append(
            f'<text x="{place:.1f}" y="{TOP + plot_h + 16}" font-size="10" text-anchor="middle" '
            f'fill="#444">{html.escape(quarters[i])}</text>'
        )
    runs: list[list[tuple[float, float, Cell]]] = [[]]
    for i, cell in enumerate(cells):
        if cell is None or cell.suppressed:
            runs.append([])
            continue
        if cell.pending and cell.lower is not None and cell.upper is not None:
            parts.append(
                f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{y(cell.lower):.1f}" y2="{y(cell.upper):.1f}" '
                f'stroke="{PROVISIONAL_COLOUR}" stroke-width="1.5" stroke-dasharray="2 2"><title>voorlopig: uitkomst '
                f"{format_number(cell.lower)}{unit} tot {format_number(cell.upper)}{unit}</title></line>"
            )
        if cell.value is None:  # every case still open: no point, and the line is not drawn to 0
            continue
        runs[-1].append((x(i), y(cell.value), cell))
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in run)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2.5"/>')
        for px, py, cell in run:
            colour = COLOURS.get(cell.verdict, PROVISIONAL_COLOUR)
            fill = "#fff" if cell.pending else colour  # provisional: an open marker, the value may still change
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{fill}" stroke="{colour}" stroke-width="2">'
                f"<title>{format_number(cell.value)}{unit}: {VERDICT_LABELS[cell.verdict]}</title></circle>"
            )
    parts.append(_legend(TOP + plot_h + 36))
    parts.append("</svg>")
    return "".join(parts)


def _legend(top: float) -> str:
    """Green: meets the norm; red: does not; open: provisional; dashed red: the norm."""
    items = []
    x = LEFT + 6
    for label, fill, stroke, width in (
        ("voldoet", COLOURS["voldoet"], COLOURS["voldoet"], 62),
        ("voldoet niet", COLOURS["voldoet_niet"], COLOURS["voldoet_niet"], 84),
        ("voorlopig (kan nog veranderen)", "#fff", PROVISIONAL_COLOUR, 176),
    ):
        items.append(
            f'<circle cx="{x}" cy="{top}" r="4" fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
            f'<text x="{x + 8}" y="{top + 4}">{label}</text>'
        )
        x += width
    items.append(
        f'<line x1="{x - 6}" x2="{x + 18}" y1="{top}" y2="{top}" stroke="{NORM_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="6 4"/><text x="{x + 24}" y="{top + 4}">norm</text>'
    )
    return f'<g font-size="10" fill="#444">{"".join(items)}</g>'
