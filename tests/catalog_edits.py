"""Test helpers: edit requirements of a writable copy of the fixture catalog (lint, diff)."""

from __future__ import annotations

from pathlib import Path

import yaml


def edit_requirement(catalog: Path, category: str, req_id: str, **changes) -> None:
    """Set (or, with value None, remove) fields of requirement *req_id* in ``<category>.yaml``."""
    path, data = _load(catalog, category)
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
    _save(path, data)


def add_requirement(catalog: Path, category: str, requirement: dict) -> None:
    path, data = _load(catalog, category)
    data["requirements"].append(requirement)
    _save(path, data)


def remove_requirement(catalog: Path, category: str, req_id: str) -> None:
    path, data = _load(catalog, category)
    data["requirements"] = [r for r in data["requirements"] if r["id"] != req_id]
    _save(path, data)


def _load(catalog: Path, category: str) -> tuple[Path, dict]:
    path = catalog / "voorbeeld-opvang" / f"{category}.yaml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
