"""The lower bound of reading a catalog: every YAML file under a folder parsed by libyaml, nothing else.

    .venv/bin/python -m benchmarks.bare_parse CATALOG

Each ``*.yaml`` file is read and parsed with PyYAML's ``CSafeLoader`` (libyaml), as any program that
reads YAML in Python must at least do; no checks, no model. ``benchmarks.run`` times this beside
``opvang validate`` of the same catalog, turn and turn about, for the ratio of the validate goal.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(argv: list[str] | None = None) -> None:
    root = Path((argv or sys.argv[1:])[0])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in sorted(root.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=loader)  # noqa: S506 - the safe loader
        count += 1
    print(f"{count} bestanden gelezen")


if __name__ == "__main__":
    main()
