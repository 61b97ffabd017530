"""The peers measured beside opvang: StrictDoc and Doorstop, in a venv of their own.

Both get the same requirements as the synthetic opvang catalog (read back from its YAML files), in
their own native format:

- StrictDoc: one ``.sdoc`` document per tender, a ``[[SECTION]]`` per category, a ``[REQUIREMENT]``
  per requirement (UID, STATUS = obligation, TITLE, STATEMENT, COMMENT = the norms, and a Parent
  relation for each related requirement);
- Doorstop: one document folder (``.doorstop.yml``) with one YAML file per item (header = title,
  text, level = tender.category.number, links = related requirements, and the obligation, source
  section and norms as extra attributes).

The peers are installed from the package registry with pip into ``benchmarks/out/peers`` (never
into the project's venv); when that fails, the runner reports why and carries on without them.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.catalog.model import CATEGORIES, CATEGORY_LABELS

PINNED = ("strictdoc==0.30.4", "doorstop==3.2")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class PeerEnv:
    """The peers' venv: where their commands are, their versions, or why they are missing."""

    folder: Path
    versions: dict[str, str]
    problem: str = ""

    def bin(self, name: str) -> str:
        """Path of a console script in the venv."""
        return str(self.folder / "bin" / name)

    @property
    def ready(self) -> bool:
        return not self.problem


def install(folder: Path) -> PeerEnv:
    """Create the venv and install the pinned peers (skipped when they are already there)."""
    folder = folder.resolve()
    versions = installed_versions(folder)
    if all(spec.split("==")[0] in versions for spec in PINNED):
        return PeerEnv(folder, versions)
    try:
        if not (folder / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True, text=True)
        subprocess.run(
            [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", *PINNED],
            check=True,
            capture_output=True,
            text=True,
            timeout=1800,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        lines = [line for line in str(detail).splitlines() if line.strip() and "WARNING" not in line]
        return PeerEnv(folder, {}, "installatie mislukt: " + (lines[-1] if lines else str(exc))[:200])
    return PeerEnv(folder, installed_versions(folder))


def installed_versions(folder: Path) -> dict[str, str]:
    """Versions of the peers installed in the venv at *folder* (empty when there is none)."""
    python = folder / "bin" / "python"
    if not python.exists():
        return {}
    code = (
        "import importlib.metadata as m\n"
        "for name in ('strictdoc', 'doorstop'):\n"
        "    try: print(name, m.version(name))\n"
        "    except m.PackageNotFoundError: pass\n"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


# --- the same requirements in the peers' formats ------------------------------------------------


def read_synthetic(catalog: Path) -> list[tuple[dict, dict[str, list[dict]]]]:
    """(tender, requirements per category) for every tender folder of a synthetic catalog."""
    tenders = []
    for folder in sorted(p for p in catalog.iterdir() if (p / "tender.yaml").is_file()):
        tender = yaml.load((folder / "tender.yaml").read_text(encoding="utf-8"), Loader=_Loader)
        per_category = {}
        for category in CATEGORIES:
            path = folder / f"{category}.yaml"
            if path.is_file():
                per_category[category] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)["requirements"]
        tenders.append((tender, per_category))
    return tenders


def _norms_text(req: dict) -> str:
    parts = []
    for norm in req.get("norms", []):
        share = f" in {norm['share']}%" if "share" in norm else ""
        parts.append(f"{norm['metric']} {norm['operator']} {norm['value']} {norm['unit']}{share}")
    return "; ".join(parts)


def write_strictdoc(tenders: list, out: Path) -> Path:
    """One ``.sdoc`` file per tender under *out*/docs; returns that folder."""
    docs = out / "docs"
    docs.mkdir(parents=True)
    for tender, per_category in tenders:
        lines = ["[DOCUMENT]", f"TITLE: {tender['title']}", ""]
        for category, requirements in per_category.items():
            lines += ["[[SECTION]]", f"TITLE: {CATEGORY_LABELS[category]}", ""]
            for req in requirements:
                lines += _sdoc_requirement(req)
            lines += ["[[/SECTION]]", ""]
        (docs / f"{tender['id']}.sdoc").write_text("\n".join(lines), encoding="utf-8")
    return docs


def _sdoc_requirement(req: dict) -> list[str]:
    lines = [
        "[REQUIREMENT]",
        f"UID: {req['id']}",
        f"STATUS: {req['obligation']}",
        f"TITLE: {req['title']}",
        "STATEMENT: >>>",
        req["text"],
        "<<<",
    ]
    norms = _norms_text(req)
    if norms:
        lines += ["COMMENT: >>>", f"Norm: {norms}", "<<<"]
    if req.get("related"):
        lines.append("RELATIONS:")
        for other in req["related"]:
            lines += ["- TYPE: Parent", f"  VALUE: {other}"]
    return [*lines, ""]


def write_doorstop(tenders: list, out: Path) -> Path:
    """A Doorstop project under *out*: one document ``REQ`` with one YAML file per item."""
    document = out / "reqs"
    document.mkdir(parents=True)
    (out / ".mockvcs").mkdir()  # Doorstop needs a working-copy root; its mock VCS runs no git
    total = sum(len(reqs) for _, per_category in tenders for reqs in per_category.values())
    digits = max(5, len(str(total)))
    settings = {"settings": {"digits": digits, "itemformat": "yaml", "prefix": "REQ", "sep": ""}}
    (document / ".doorstop.yml").write_text(yaml.dump(settings, Dumper=_Dumper), encoding="utf-8")
    uid_of: dict[str, str] = {}
    serial = 0
    for _, per_category in tenders:
        for requirements in per_category.values():
            for req in requirements:
                serial += 1
                uid_of[req["id"]] = f"REQ{serial:0{digits}d}"
    for t_index, (_, per_category) in enumerate(tenders, start=1):
        for c_index, requirements in enumerate(per_category.values(), start=1):
            for r_index, req in enumerate(requirements, start=1):
                item = _doorstop_item(req, f"{t_index}.{c_index}.{r_index}", uid_of)
                text = yaml.dump(item, Dumper=_Dumper, allow_unicode=True, sort_keys=True)
                (document / f"{uid_of[req['id']]}.yml").write_text(text, encoding="utf-8")
    return out


def _doorstop_item(req: dict, level: str, uid_of: dict[str, str]) -> dict:
    return {
        "active": True,
        "derived": False,
        "header": req["title"],
        "level": level,
        "links": [uid_of[other] for other in req.get("related", [])],
        "normative": True,
        "ref": "",
        "reviewed": None,
        "text": req["text"] + "\n",
        "obligation": req["obligation"],
        "source_section": req["source"]["section"],
        "norms": _norms_text(req),
        "opvang_id": req["id"],
    }


# --- the peers' commands ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeerCommand:
    """One peer operation and the opvang command it is compared with."""

    tool: str
    operation: str
    compare_with: str  # key of the opvang command
    argv: list[str]
    output: Path  # removed before every run (StrictDoc keeps its parse cache there)


def commands(env: PeerEnv, strictdoc_docs: Path, doorstop_root: Path, out: Path) -> list[PeerCommand]:
    """The peer operations at one size."""
    return [
        PeerCommand(
            "StrictDoc",
            "strictdoc export --formats json",
            "export",
            [
                env.bin("strictdoc"),
                "export",
                "--formats",
                "json",
                "--output-dir",
                str(out / "sd-json"),
                str(strictdoc_docs),
            ],
            out / "sd-json",
        ),
        PeerCommand(
            "StrictDoc",
            "strictdoc export --formats html",
            "site",
            [
                env.bin("strictdoc"),
                "export",
                "--formats",
                "html",
                "--output-dir",
                str(out / "sd-html"),
                str(strictdoc_docs),
            ],
            out / "sd-html",
        ),
        PeerCommand(
            "Doorstop", "doorstop (valideren)", "validate", doorstop_review(env, doorstop_root), out / "ds-none"
        ),
        PeerCommand(
            "Doorstop",
            "doorstop publish all (html)",
            "site",
            [
                env.bin("doorstop"),
                "publish",
                "all",
                str(out / "ds-html"),
                "--html",
                "-j",
                str(doorstop_root),
                "--quiet",
            ],
            out / "ds-html",
        ),
    ]


def doorstop_review(env: PeerEnv, doorstop_root: Path) -> list[str]:
    """Doorstop's validation of the whole tree (the first run also stamps new items as reviewed)."""
    return [env.bin("doorstop"), "-j", str(doorstop_root), "--quiet"]
