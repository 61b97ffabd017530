"""The fast loader: the same data as PyYAML, positions found only when asked and then exact.

Loading reads each file without keeping positions (``generator.catalog.yamlsource``); the model's
locations are looked up in the file's text when a message or the lint reads them. These tests pin
that the data are those of PyYAML's safe loader, that every refusal still holds, that the positions
are the lines and columns a person sees in the file (also after loading in worker processes), and
that a valid catalog is never composed a second time.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from generator.catalog import load
from generator.catalog.model import Location
from generator.catalog.yamlsource import LazyLocation, parse_yaml
from generator.diagnostics import InputError
from tests.conftest import FIXTURE_CATALOG

# Plain scalars whose type YAML 1.1 decides by their first character: each must read as PyYAML reads it.
SCALARS = [
    "yes",
    "Yes",
    "YES",
    "yEs",
    "no",
    "No",
    "NO",
    "nO",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "FALSE",
    "on",
    "On",
    "ON",
    "oN",
    "off",
    "Off",
    "OFF",
    "null",
    "Null",
    "NULL",
    "nULL",
    "y",
    "n",
    "Y",
    "N",
    "t",
    "f",
    "o",
    "O",
    "yesterday",
    "nope",
    "offset",
    "only",
    "Norm",
    "~",
    "1",
    "-1",
    "+1",
    "0x1f",
    "0o17",
    "1_000",
    "1:20",
    "1.5",
    ".5",
    "-.5",
    "1e3",
    "1.0e+3",
    ".inf",
    "-.Inf",
    ".NaN",
    "abc",
    "Tekst",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_plain_scalars_read_as_pyyaml_reads_them(scalar: str):
    text = f"waarde: {scalar}\nlijst: [{scalar}]\n"
    expected = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - the safe loader
    assert parse_yaml(text, "x.yaml").data == expected


@pytest.mark.parametrize("scalar", ["2027-01-01", "2027-02-31", "2027-01-01 12:00:00"])
def test_timestamps_stay_text(scalar: str):
    assert parse_yaml(f"datum: {scalar}\n", "x.yaml").data == {"datum": scalar}


def test_quoted_scalars_are_always_text():
    assert parse_yaml("a: 'yes'\nb: \"1\"\nc: !!str 12\n", "x.yaml").data == {"a": "yes", "b": "1", "c": "12"}


def test_a_star_in_text_is_no_alias_but_an_alias_is_still_refused():
    assert parse_yaml("a: '*vet*'\nb: c * d\n", "x.yaml").data == {"a": "*vet*", "b": "c * d"}
    with pytest.raises(InputError) as caught:
        parse_yaml("a: &x [1, 2]\nb: *x\n", "x.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 4)
    assert "ankers en aliassen" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "twee keer"),
        ("a: 1\n[1]: 2\n", 2, 1, "sleutel moet tekst zijn"),
        ("a: {b: 1}\nc:\n  <<: {d: 2}\n", 3, 3, "'<<'"),
        ('a: "\\e[31m"\n', 1, 4, "stuurteken"),
        ("a: " + "[" * 70 + "]" * 70 + "\n", 1, 68, "niveaus diep"),
    ],
)
def test_the_fast_path_keeps_every_refusal(text: str, line: int, column: int, words: str):
    with pytest.raises(InputError) as caught:
        parse_yaml(text, "x.yaml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message


def test_positions_are_found_when_asked_and_are_those_in_the_file():
    text = "category: kpi\nrequirements:\n  - id: A-KPI-01\n    norms:\n      - {metric: m}\n      - metric: n\n"
    doc = parse_yaml(text, "kpi.yaml")
    assert doc.positions._root is None  # reading kept no positions
    location = doc.location(("requirements", 0, "norms", 1))
    assert doc.positions._root is None  # making a location looks nothing up
    assert (location.file, location.line, location.column) == ("kpi.yaml", 6, 9)
    assert location.path == "$.requirements[0].norms[1]"
    assert str(location) == "kpi.yaml:6:9"
    assert location == Location("kpi.yaml", 6, 9)
    assert doc.where(("requirements", 0, "norms", 0, "metric"), prefer_key=True) == (5, 10)


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_model_locations_point_at_the_requirement_and_norm_in_the_file():
    catalog = load.load_catalog(FIXTURE_CATALOG)
    requirement = catalog.requirement("VBO-KPI-03")
    kpi = FIXTURE_CATALOG / "voorbeeld-opvang" / "kpi.yaml"
    assert isinstance(requirement.location, LazyLocation)
    assert requirement.location.file.endswith("kpi.yaml")
    assert (requirement.location.line, requirement.location.column) == (_line_of(kpi, "id: VBO-KPI-03"), 5)
    norm = requirement.norms[0].location
    assert (norm.line, norm.column) == (_line_of(kpi, "metric: opvangduur_binnen_norm"), 9)
    tender = catalog.tender("voorbeeld-opvang").location
    assert (tender.line, tender.column) == (_line_of(tender_file := kpi.with_name("tender.yaml"), "id:"), 1)
    assert tender.file.endswith(str(Path("voorbeeld-opvang") / tender_file.name))


def test_a_valid_catalog_is_composed_only_once():
    catalog = load.load_catalog(FIXTURE_CATALOG)
    assert all(r.location._positions._root is None for r in catalog.requirements)


def test_a_location_survives_the_trip_to_and_from_a_worker_process():
    catalog = load.load_catalog(FIXTURE_CATALOG)
    requirement = catalog.requirement("VBO-KPI-03")
    copy = pickle.loads(pickle.dumps(requirement))
    assert copy.location._positions._root is None  # the text travels, not a node tree
    assert copy.location == requirement.location
    assert (copy.location.line, copy.location.column) == (requirement.location.line, requirement.location.column)


def test_parallel_loading_gives_the_same_locations(tmp_path: Path, monkeypatch):
    from benchmarks.synthetic_catalog import generate

    root = generate(tmp_path / "syn", tenders=3, requirements=15)
    serial = load.load_catalog(root)
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    parallel = load.load_catalog(root)
    assert parallel.tenders == serial.tenders
    assert [str(r.location) for r in parallel.requirements] == [str(r.location) for r in serial.requirements]
    assert [str(n.location) for r in parallel.requirements for n in r.norms] == [
        str(n.location) for r in serial.requirements for n in r.norms
    ]


def test_located_still_takes_a_node_tree_of_its_own():
    """Callers that build a Located from an already composed tree (as before positions were lazy) keep working."""
    from generator.catalog.yamlsource import Located

    doc = Located({"a": [1, 2]}, "x.json", yaml.compose("a:\n  - 1\n  - 2\n"))
    assert doc.where(("a", 1)) == (3, 5)
    assert pickle.loads(pickle.dumps(doc.location(("a", 1)))).line == 3
    assert Located(None, "x.json", yaml.compose("null")).where(("a",)) == (1, 1)
