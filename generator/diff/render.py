"""Render a catalog diff for people and machines: text, Markdown, HTML and JSON (all in Dutch).

Word diffs show as ``[-oud-]{+nieuw+}`` in text, ``<del>``/``<ins>`` in HTML and Markdown (Markdown
allows inline HTML; every requirement text is escaped first, so HTML inside the data shows as text),
and as a list of ``{op, text}`` in JSON. JSON has sorted keys and a stable order.
"""

from __future__ import annotations

import html
import json

from generator.catalog.model import OPERATOR_LABELS, quantity_text
from generator.diagnostics import printable
from generator.diff.compare import FIELD_LABELS, CatalogDiff, NormChange, RequirementChange
from generator.lint.report import escape_markdown
from generator.render.html_page import CHANGE_LEGEND, page, table_region

DIFF_TITLE = "Wat is er gewijzigd"
WORDS_LEGEND = "Doorgehaald: verwijderde woorden; onderstreept: toegevoegde woorden."  # not by colour only
STATUS_LABELS = {"added": "Toegevoegd", "removed": "Verwijderd", "changed": "Gewijzigd"}


def _num(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float | int):
        return f"{value:g}".replace(".", ",")
    return str(value)


def norm_label(norm: dict | None) -> str:
    """A norm in Dutch: ``maximaal 3 maanden in 80% van de gevallen``."""
    if not norm:
        return "-"
    operator = OPERATOR_LABELS.get(norm.get("operator"), norm.get("operator"))
    text = f"{operator} {quantity_text(_num(norm.get('value')), str(norm.get('unit')))}"
    if norm.get("share") is not None:
        text += f" in {_num(norm['share'])}% van de gevallen"
    return text


def _norm_name(change: NormChange) -> str:
    return change.metric + (f" ({', '.join(change.applies_to)})" if change.applies_to else "")


def _summary(diff: CatalogDiff) -> str:
    added, removed, changed = (len(diff.of(s)) for s in ("added", "removed", "changed"))
    return f"{added} toegevoegd, {removed} verwijderd, {changed} gewijzigd"


def _catalogs(diff: CatalogDiff, escape=str) -> str:
    """``Catalogus: <naam>`` naming both catalogs (an export by its file), once when they have the same name."""
    old, new = (" ".join(n.split()) for n in (diff.old_name or diff.old_label, diff.new_name or diff.new_label))
    if old == new:
        return f"Catalogus: {escape(old)}"
    return f"Catalogus: {escape(old)} (oud), {escape(new)} (nieuw)"


def _field_value(change: RequirementChange, name: str, side: str) -> str:
    req = change.old if side == "old" else change.new
    if name == "source_section":
        return str((req.get("source") or {}).get("section") or "-")
    if name == "target_groups":
        return ", ".join(sorted(req.get("target_groups") or [])) or "alle doelgroepen"
    return str(req.get(name) or "-")


# --- text --------------------------------------------------------------------------------------


def _text_words(ops) -> str:
    parts = []
    for op, words in ops:
        parts.append(words if op == "equal" else f"[-{words}-]" if op == "delete" else f"{{+{words}+}}")
    return " ".join(parts)


def render_diff_text(diff: CatalogDiff) -> str:
    lines = [_catalogs(diff, printable), f"Wijzigingen van {diff.old_label} naar {diff.new_label}: {_summary(diff)}."]
    for tender in diff.tenders_added:
        lines.append(f"+ aanbesteding {tender} toegevoegd")
    for tender in diff.tenders_removed:
        lines.append(f"- aanbesteding {tender} verwijderd")
    for change in diff.changes:
        req = change.new or change.old
        lines.append("")
        if change.status != "changed":
            sign = "+" if change.status == "added" else "-"
            lines.append(f"{sign} {change.id} ({change.tender}) {STATUS_LABELS[change.status].lower()}: {req['title']}")
            continue
        lines.append(f"~ {change.id} ({change.tender}) gewijzigd: {', '.join(FIELD_LABELS[f] for f in change.fields)}")
        if change.title_diff:
            lines.append(f"    titel: {_text_words(change.title_diff)}")
        for name in change.fields:
            if name in ("obligation", "category", "target_groups", "source_section"):
                old, new = _field_value(change, name, "old"), _field_value(change, name, "new")
                lines.append(f"    {FIELD_LABELS[name]}: {old} → {new}")
        for norm in change.norms:
            lines.append(f"    norm {_norm_name(norm)}: {norm_label(norm.old)} → {norm_label(norm.new)}")
        if change.text_diff:
            lines.append(f"    tekst: {_text_words(change.text_diff)}")
    return "\n".join(lines) + "\n"


# --- Markdown ----------------------------------------------------------------------------------


def _md_words(ops) -> str:
    parts = []
    for op, words in ops:
        text = escape_markdown(words)
        parts.append(text if op == "equal" else f"<del>{text}</del>" if op == "delete" else f"<ins>{text}</ins>")
    return " ".join(parts)


def render_diff_markdown(diff: CatalogDiff, link: str | None = None) -> str:
    """A Dutch "wat is er gewijzigd" page. *link*: optional format string with ``{tender}``/``{requirement}``."""
    out = [
        f"# {DIFF_TITLE}",
        "",
        _catalogs(diff, escape_markdown),
        "",
        f"Van **{escape_markdown(diff.old_label)}** naar **{escape_markdown(diff.new_label)}**: {_summary(diff)}.",
        "",
    ]
    for tender in diff.tenders_added:
        out.append(f"- Aanbesteding {escape_markdown(tender)} toegevoegd")
    for tender in diff.tenders_removed:
        out.append(f"- Aanbesteding {escape_markdown(tender)} verwijderd")
    if diff.tenders_added or diff.tenders_removed:
        out.append("")
    if diff.empty:
        out += ["Geen wijzigingen.", ""]
        return "\n".join(out)
    if any(c.title_diff or c.text_diff for c in diff.changes):
        out += [WORDS_LEGEND, ""]

    def ref(change: RequirementChange) -> str:
        text = escape_markdown(change.id)
        if link and change.status != "removed":
            return f"[{text}]({link.format(tender=change.tender, requirement=change.id)})"
        return text

    for status in ("added", "removed", "changed"):
        changes = diff.of(status)
        if not changes:
            continue
        out += [f"## {STATUS_LABELS[status]} ({len(changes)})", ""]
        for change in changes:
            req = change.new or change.old
            title = escape_markdown(req.get("title", ""))
            out.append(f"### {ref(change)}: {title}")
            out.append("")
            if status != "changed":
                out += [f"*{escape_markdown(change.tender)}*", "", escape_markdown(req.get("text", "")), ""]
                continue
            out.append(f"Gewijzigd: {', '.join(FIELD_LABELS[f] for f in change.fields)}.")
            out.append("")
            if change.title_diff:
                out += [f"Titel: {_md_words(change.title_diff)}", ""]
            others = [f for f in change.fields if f in ("obligation", "category", "target_groups", "source_section")]
            if others or change.norms:
                out += ["| Wat | Oud | Nieuw |", "|---|---|---|"]
                for name in others:
                    out.append(
                        f"| {FIELD_LABELS[name]} | {escape_markdown(_field_value(change, name, 'old'))} | "
                        f"{escape_markdown(_field_value(change, name, 'new'))} |"
                    )
                for norm in change.norms:
                    out.append(
                        f"| norm {escape_markdown(_norm_name(norm))} | {escape_markdown(norm_label(norm.old))} | "
                        f"{escape_markdown(norm_label(norm.new))} |"
                    )
                out.append("")
            if change.text_diff:
                out += [f"Tekst: {_md_words(change.text_diff)}", ""]
    return "\n".join(out)


# --- HTML --------------------------------------------------------------------------------------


def _html_words(ops) -> str:
    parts = []
    for op, words in ops:
        text = html.escape(words)
        parts.append(text if op == "equal" else f"<del>{text}</del>" if op == "delete" else f"<ins>{text}</ins>")
    return " ".join(parts)


DIFF_CSS = "table{width:auto}section{margin-bottom:1.5rem}"


def render_diff_html(diff: CatalogDiff) -> str:
    """A standalone Dutch HTML page with the changes (the frame of :mod:`generator.render.html_page`)."""
    e = html.escape
    out = [
        f"<h1>{DIFF_TITLE}</h1>",
        f"<p>{_catalogs(diff, e)}</p>",
        f"<p>Van <strong>{e(diff.old_label)}</strong> naar <strong>{e(diff.new_label)}</strong>: {_summary(diff)}.</p>",
    ]
    for tender in diff.tenders_added:
        out.append(f"<p>Aanbesteding {e(tender)} toegevoegd.</p>")
    for tender in diff.tenders_removed:
        out.append(f"<p>Aanbesteding {e(tender)} verwijderd.</p>")
    if any(c.title_diff or c.text_diff for c in diff.changes):
        out.append(f"<p>{e(CHANGE_LEGEND)}</p>")
    for status in ("added", "removed", "changed"):
        changes = diff.of(status)
        if not changes:
            continue
        out.append(f"<h2>{STATUS_LABELS[status]} ({len(changes)})</h2>")
        for change in changes:
            req = change.new or change.old
            out.append(f'<section id="{e(change.id)}"><h3>{e(change.id)}: {e(req.get("title", ""))}</h3>')
            if status != "changed":
                out.append(f"<p><em>{e(change.tender)}</em></p><p>{e(req.get('text', ''))}</p></section>")
                continue
            out.append(f"<p>Gewijzigd: {e(', '.join(FIELD_LABELS[f] for f in change.fields))}.</p>")
            if change.title_diff:
                out.append(f"<p>Titel: {_html_words(change.title_diff)}</p>")
            rows = [
                (FIELD_LABELS[name], _field_value(change, name, "old"), _field_value(change, name, "new"))
                for name in change.fields
                if name in ("obligation", "category", "target_groups", "source_section")
            ]
            rows += [(f"norm {_norm_name(n)}", norm_label(n.old), norm_label(n.new)) for n in change.norms]
            if rows:
                body = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in rows)
                table = (
                    '<table><thead><tr><th scope="col">Wat</th><th scope="col">Oud</th><th scope="col">Nieuw</th>'
                    f"</tr></thead><tbody>{body}</tbody></table>"
                )
                out.append(table_region(f"{change.id}: oud en nieuw", table))
            if change.text_diff:
                out.append(f"<p>Tekst: {_html_words(change.text_diff)}</p>")
            out.append("</section>")
    return page(DIFF_TITLE, out, DIFF_CSS)


def render_diff_json(diff: CatalogDiff) -> str:
    return json.dumps(diff.as_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


FORMATS = {
    "text": render_diff_text,
    "md": render_diff_markdown,
    "html": render_diff_html,
    "json": render_diff_json,
}
