"""Every report a person reads names things as people do: labels, never the catalog's keys or slugs.

All outputs of the example provider (as ``make site`` makes them) plus the readiness matrix and the
Amersfoort monitor, in every format meant for people (Markdown, HTML, XLSX, the calendar; JSON and
CSV are for tools and keep their keys, see docs/bestandsformaten.md), are scanned for:

- a metric's key (``plan_binnen_termijn``, also Markdown-escaped ``plan\\_binnen\\_termijn``);
- a target group's key: ``huiselijk-geweld`` and ``housing-first`` anywhere; a one-word key
  (``acuut``, ``gezin``...) as a whole cell, in a list in parentheses or after "doelgroep";
- a tender's id (``noord-midden-limburg-mo``) outside a file name, in the reports of this package
  (gap, KPI, quarterly, monitor, export; the checklist names its sheets after tenders);
- a date written as ``2027-12-31`` in a sentence (a person reads ``31-12-2027``).

Text the catalog's authors wrote (a requirement's text, title, note, measurement; a source's title
and section) is quoted, not made by opvang: a note may discuss the registration's own codes ("staat
onder doelgroep gezin"), so quoted catalog text is left out of the scan.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.catalog.load import load_catalog
from generator.catalog.model import TARGET_GROUPS
from generator.cli import main
from tests.hardening.example_outputs import EXAMPLES, KPI, NML, PEILDATUM, REPO, file_name, make_outputs

CATALOG = load_catalog(REPO / "requirements")
METRIC_KEYS = sorted(key for key in CATALOG.metrics if "_" in key)
GROUP_SLUGS = [group for group in TARGET_GROUPS if "-" in group]
GROUP_WORDS = [group for group in TARGET_GROUPS if "-" not in group]
TENDER_IDS = [tender.id for tender in CATALOG.tenders]
HUMAN = (".md", ".html", ".xlsx", ".ics")
QUOTED = sorted(
    {
        text
        for req in CATALOG.requirements
        for text in (req.text, req.title, req.note, req.measurement, req.source.section, req.source.title)
        if text
    },
    key=len,
    reverse=True,
)
OWN_REPORTS = ("gap", "kpi", "kwartaalrapportage", "monitor", "export", "gereedheid")
AMF = "amersfoort-mo-vo"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("rapporten")
    make_outputs(folder)
    both = [str(p) for p in sorted(EXAMPLES.glob("invulling-*.yaml"))]
    data = ["--roster", str(EXAMPLES / "personeel.csv"), "--clients", str(EXAMPLES / "clienten.csv"), *PEILDATUM]
    extra = {
        **{f"gereedheid-{fmt}": ["gap", *both, *data, "--format", fmt] for fmt in ("md", "html", "xlsx")},
        "monitor-amf-xlsx": ["monitor", *KPI, "--tender", AMF],
    }
    for case, args in extra.items():
        result = CliRunner().invoke(main, [*args, "-o", str(folder / file_name(case))])
        assert result.exit_code == 0, result.output
    return sorted(p for p in folder.iterdir() if p.suffix in HUMAN)


def _unquoted(text: str) -> str:
    """*text* without the catalog's own texts in it (see the module docstring)."""
    for quoted in QUOTED:
        if quoted in text:
            text = text.replace(quoted, " ")
    return text


def _texts(path: Path):
    """(where, text) of everything a person reads in *path*: each cell of a workbook, each line otherwise."""
    if path.suffix == ".xlsx":
        for sheet in load_workbook(path):
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        yield f"{sheet.title}!{cell.coordinate}", _unquoted(cell.value), True
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        plain = html.unescape(re.sub(r"\\(.)", r"\1", line))  # Markdown escapes and HTML entities undone
        yield str(number), _unquoted(plain), False


def _cells(text: str, whole: bool) -> list[str]:
    """The table cells in *text*: the cell itself (a workbook), Markdown cells or HTML cells."""
    if whole:
        return [text.strip()]
    if text.startswith("|"):
        return [cell.strip() for cell in text.strip("|").split("|")]
    return [cell.strip() for cell in re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", text)]


def _keys_in(path: Path) -> list[str]:
    own = path.name.split("-")[0] in OWN_REPORTS
    words = "|".join(GROUP_WORDS)
    found = []
    for where, text, whole in _texts(path):
        hits = [key for key in METRIC_KEYS + GROUP_SLUGS if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text)]
        hits += [cell for cell in _cells(text, whole) if cell in GROUP_WORDS]
        hits += re.findall(rf"\((?:(?:{words}), )*(?:{words})\)|doelgroep (?:{words})\b", text)
        if own:
            hits += [t for t in TENDER_IDS if re.search(rf"(?<![\w/.-]){t}(?![\w.-])", text)]
            if path.suffix != ".ics":
                hits += re.findall(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])", text)
        found += [f"{path.name}:{where}: {hit}" for hit in hits]
    return found


def test_every_report_for_people_uses_labels_not_keys(outputs):
    names = {p.name for p in outputs}
    for report in ("gap-md.md", "gap-html.html", "gap-xlsx.xlsx", "kpi-xlsx.xlsx", "kwartaalrapportage-html.html"):
        assert report in names
    assert {"monitor-xlsx.xlsx", "export-xlsx.xlsx", "checklist-xlsx.xlsx", "calendar-ics.ics"} <= names
    found = [hit for path in outputs for hit in _keys_in(path)]
    assert not found, "\n".join(found[:30])


def test_the_scan_finds_what_it_looks_for(tmp_path):
    """The scan is not blind: a key in a sentence, a group key as a cell, a tender id and an ISO date are found."""
    report = tmp_path / "gap-md.md"
    report.write_text(
        "Verbeter de prestatie op plan\\_binnen\\_termijn.\n| acuut | 3 |\nzie noord-midden-limburg-mo\n"
        "(acuut, gezin)\nop 2027-12-31\nchecklists/invulling-noord-midden-limburg-mo.yaml\n",
        encoding="utf-8",
    )
    found = _keys_in(report)
    assert [hit.split(": ", 1)[1] for hit in found] == [
        "plan_binnen_termijn",
        "acuut",
        "noord-midden-limburg-mo",
        "(acuut, gezin)",
        "2027-12-31",
    ]


def test_the_amersfoort_monitor_names_its_own_source(outputs):
    book = load_workbook(next(p for p in outputs if p.name == "monitor-amf-xlsx.xlsx"))
    notes = {row[0]: row[1] for row in book["Toelichting"].iter_rows(min_row=2, values_only=True)}
    assert "Regionale visie en opgaven maatschappelijke opvang" in notes["Bron"]
    assert "AMF-REP-01" in notes["Bron"]
    assert not any("Bijlage L" in str(value) for value in notes.values())
    limburg = load_workbook(next(p for p in outputs if p.name == "monitor-xlsx.xlsx"))
    sources = [row[1] for row in limburg["Toelichting"].iter_rows(min_row=2, values_only=True) if row[0] == "Bron"]
    assert any(
        s.startswith("Bijlage L: Opdrachtomschrijving") and "Inrichting monitoring prestaties" in s for s in sources
    )
    assert NML  # the example provider's tender
