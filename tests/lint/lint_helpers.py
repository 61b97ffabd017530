"""Helpers for the lint and diff tests: edit requirements of a fixture catalog copy."""

from __future__ import annotations

from pathlib import Path

import yaml


def edit_requirement(catalog: Path, category: str, req_id: str, **changes) -> None:
    """Set (or, with value None, remove) fields of requirement *req_id* in ``<category>.yaml``."""
    path = catalog / "voorbeeld-opvang" / f"{category}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for req in data["requirements"]:
        if req["id"] == req_id:
            for key, value in changes.items():
                if value is None:
                    req.pop(key, None)
                else:
                    req[key] = value
            break
    else:
        raise KeyError(req_id)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def add_requirement(catalog: Path, category: str, requirement: dict) -> None:
    path = catalog / "voorbeeld-opvang" / f"{category}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["requirements"].append(requirement)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def remove_requirement(catalog: Path, category: str, req_id: str) -> None:
    path = catalog / "voorbeeld-opvang" / f"{category}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["requirements"] = [r for r in data["requirements"] if r["id"] != req_id]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
