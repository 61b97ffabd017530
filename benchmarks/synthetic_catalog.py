"""Generate a synthetic catalog of N tenders x M requirements, for benchmarks.

The requirements look like the real ones (Dutch text stating every norm, all categories, staff
rules, references), so validation and rendering do the same work per requirement as on the real
catalog. Deterministic for a given size.

    python -m benchmarks.synthetic_catalog OUT_DIR --tenders 50 --requirements 100
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

from generator.catalog.model import CATEGORIES, CATEGORY_CODES

REPO = Path(__file__).resolve().parents[1]
SOURCE = "001_5f4123955536838b.txt"
TEMPLATES = [
    (
        "Opvangduur {n}",
        "Voor acuut daklozen wordt de opvangduur van {a} maanden in {b}% van de gevallen gehaald.",
        {
            "metric": "opvangduur_binnen_norm",
            "operator": "<=",
            "value": "a",
            "unit": "months",
            "share": "b",
            "applies_to": "acuut",
        },
    ),
    (
        "Duurzame uitstroom {n}",
        "Minimaal {b}% van de cliënten stroomt duurzaam uit.",
        {"metric": "duurzame_uitstroom", "operator": ">=", "value": "b", "unit": "%"},
    ),
    (
        "Plan {n}",
        "Na melding wordt in 100% van de gevallen binnen {c} uur een plan opgesteld.",
        {"metric": "plan_binnen_termijn", "operator": "<=", "value": "c", "unit": "hours", "share": 100},
    ),
    (
        "Rapportage {n}",
        "De opdrachtnemer levert {a} keer per jaar een rapportage aan de gemeente.",
        {"metric": "rapportagefrequentie", "operator": "==", "value": "a", "unit": "times/year"},
    ),
    ("Informatie {n}", "De aanbieder informeert de cliënt op toegankelijke wijze over de ondersteuning.", None),
]


def _requirement(code: str, category: str, index: int, serial: int) -> dict:
    title, text, norm = TEMPLATES[serial % len(TEMPLATES)]
    values = {"a": 2 + serial % 7, "b": 50 + serial % 50, "c": 24 + serial % 48, "n": serial}
    req = {
        "id": f"{code}-{CATEGORY_CODES[category]}-{index:03d}",
        "obligation": ("eis", "wens", "info")[serial % 3],
        "title": title.format(**values),
        "text": text.format(**values),
        "source": {"section": f"{1 + serial % 12}.{1 + serial % 5} Onderdeel"},
    }
    if norm:
        req["norms"] = [{k: values[v] if isinstance(v, str) and v in values else v for k, v in norm.items()}]
        if "applies_to" in norm:
            req["target_groups"] = ["acuut"]
    if index > 1:
        req["related"] = [f"{code}-{CATEGORY_CODES[category]}-{index - 1:03d}"]
    return req


def _code(number: int) -> str:
    letters = ""
    number += 26 * 26  # at least three letters
    while number:
        number, rest = divmod(number, 26)
        letters = chr(65 + rest) + letters
    return letters[-5:]


def generate(out: Path, tenders: int, requirements: int) -> Path:
    """Write the catalog to *out* (replaced) and return it.

    The source document the tenders name is not included: the synthetic texts quote nothing, and
    without the document the site has no source pages (each tender gets a warning instead).
    """
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for t in range(tenders):
        code = _code(t)
        tender_id = f"synthetische-regio-{t:04d}"
        folder = out / tender_id
        folder.mkdir()
        tender = {
            "id": tender_id,
            "code": code,
            "title": f"Synthetische opdracht {t}",
            "region": f"Regio {t}",
            "authority": f"Gemeente {t}",
            "municipalities": [f"Gemeente {t}", f"Dorp {t}"],
            "period": {"start": "2027-01-01", "end": "2030-12-31"},
            "target_groups": ["acuut", "jongeren"],
            "source": {"document": SOURCE},
        }
        (folder / "tender.yaml").write_text(yaml.dump(tender, Dumper=dumper, allow_unicode=True), encoding="utf-8")
        per_category: dict[str, list] = {}
        for serial in range(requirements):
            category = CATEGORIES[serial % len(CATEGORIES)]
            items = per_category.setdefault(category, [])
            items.append(_requirement(code, category, len(items) + 1, serial + t))
        for category, items in per_category.items():
            doc = {"category": category, "requirements": items}
            (folder / f"{category}.yaml").write_text(
                yaml.dump(doc, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--tenders", type=int, default=5)
    parser.add_argument("--requirements", type=int, default=100)
    args = parser.parse_args()
    generate(args.out, args.tenders, args.requirements)


if __name__ == "__main__":
    main()
