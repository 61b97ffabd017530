"""Every standalone HTML report of opvang, and its Markdown twin for the site, from the example provider's data.

Made the way ``make examples`` makes them:
the gap report of one provider and the readiness matrix of all three (``opvang gap``), the KPI report
(``opvang kpi``), the quarterly report of 2025-Q4 (``opvang kwartaalrapportage``), the contract dossier
of the four quarters of 2025 (``opvang dossier`` over ``opvang kpi --format json``) and the catalog diff
between the real catalog and a copy with a changed, a removed and an added requirement (``opvang diff``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main as opvang
from tests.hardening.example_outputs import DATA, EXAMPLES, FILLED, KPI, NML, REPO

FILLED_ALL = sorted(str(path) for path in EXAMPLES.glob("invulling-*.yaml"))
QUARTERS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4")
PROVIDER = "Stichting Voorbeeldopvang"
REPORTS = ("gap", "gereedheid", "kpi", "kwartaalrapportage", "dossier", "diff")
REMOVED = "NML-KPI-01"
ADDED = {
    "id": "NML-KPI-99",
    "obligation": "eis",
    "title": "Jaarlijkse cliënttevredenheidsmeting met een zeer lange titel om de opmaak op een telefoon te toetsen",
    "text": "De opdrachtnemer meet 1 keer per jaar de tevredenheid van cliënten en deelt de uitkomst <b>binnen</b> "
    "zes weken met de gemeente.",
    "source": {"section": "7.5 KPI's"},
}


def _run(args: list[str]) -> None:
    result = CliRunner().invoke(opvang, args)
    if result.exit_code != 0:
        raise AssertionError(f"opvang {' '.join(args[:2])}: exitcode {result.exit_code}\n{result.output}")


def _changed_catalog(folder: Path) -> Path:
    """A copy of the real catalog with one text and norm changed, one requirement removed and one added."""
    new = folder / "requirements-nieuw"
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(REPO / "requirements", new)
    path = new / NML / "kpi.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for req in data["requirements"]:
        if req["id"] == "NML-KPI-03":
            req["text"] = req["text"].replace("In 60% van de casussen", "In 70% van de casussen")
            req["norms"][0]["value"] = 70
    for req in data["requirements"]:  # nothing may point to the removed requirement
        if "related" in req:
            req["related"] = [other for other in req["related"] if other != REMOVED]
    data["requirements"] = [r for r in data["requirements"] if r["id"] != REMOVED] + [ADDED]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return new


def make_reports(folder: Path, fmt: str = "html", with_diff: bool = True) -> dict[str, Path]:
    """Write every report in *fmt* (``html`` or ``md``) into *folder*; returns the file per report name.

    Without *with_diff* the catalog diff is left out (the site has its own change page): the others
    are the example reports ``make site`` publishes.
    """
    out = {name: folder / f"{name}.{fmt}" for name in REPORTS}
    as_fmt = ["--format", fmt]
    _run(["gap", FILLED, *DATA, *as_fmt, "-o", str(out["gap"])])
    _run(["gap", *FILLED_ALL, *DATA, *as_fmt, "-o", str(out["gereedheid"])])
    _run(["kpi", *KPI, *as_fmt, "-o", str(out["kpi"])])
    _run(["kwartaalrapportage", *KPI, "--period", "2025-Q4", *as_fmt, "-o", str(out["kwartaalrapportage"])])
    quarters = []
    for quarter in QUARTERS:
        quarters.append(str(folder / f"kpi-{quarter}.json"))
        _run(["kpi", *KPI, "--provider", PROVIDER, "--period", quarter, "--format", "json", "-o", quarters[-1]])
    _run(["dossier", *quarters, *as_fmt, "-o", str(out["dossier"])])
    if not with_diff:
        return {name: path for name, path in out.items() if name != "diff"}
    new = _changed_catalog(folder)
    _run(["diff", str(REPO / "requirements"), str(new), *as_fmt, "-o", str(out["diff"])])
    return out
