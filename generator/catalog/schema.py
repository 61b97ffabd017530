"""JSON Schema validation of catalog files, with every error translated to Dutch and located.

The schemas (draft 2020-12) ship with the package (``requirements/schema/`` in the source tree, see
:mod:`generator.resources`); this module loads them once, resolves
their cross-references with :mod:`referencing`, and turns each :class:`jsonschema.ValidationError`
into a :class:`~generator.diagnostics.Problem` pointing at the line of the offending value.

Speed: a catalog of every Dutch region holds tens of thousands of requirements, and the reference
validator needs about 150 µs per requirement. Each document is therefore first checked by the same
schema compiled to Python code with :mod:`fastjsonschema` (ten times faster); only a document that
fails is validated again by :mod:`jsonschema`, which gives all errors with their paths. The tests
run :mod:`jsonschema` over the whole real catalog too, so the two cannot silently disagree there.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import fastjsonschema

from generator import resources
from generator.catalog.yamlsource import Located
from generator.diagnostics import Problem

if TYPE_CHECKING:  # jsonschema is imported only when a document fails (it takes a third of a second)
    import jsonschema

SCHEMA_NAMES = ("tender", "requirements", "metrics", "project", "versies", "vague-terms", "survey")

_FIELD_HINTS = {
    "id": "een id als NML-KPI-07: tendercode, categoriecode en een volgnummer van twee of drie cijfers",
    "metric": "kleine letters, cijfers en _ (bijvoorbeeld opvangduur_binnen_norm)",
    "code": "twee tot vijf hoofdletters (bijvoorbeeld NML)",
    "document": "de bestandsnaam van het brondocument, bijvoorbeeld 001_5f4123955536838b.txt",
    "versie": "een label van letters, cijfers, punt, _ en -, bijvoorbeeld 2026-11",
    "revisie": "de volledige git-hash van 40 tekens (kleine letters); vind hem met: git rev-parse REVISIE",
}
_TYPE_NAMES = {
    "string": "tekst",
    "number": "een getal",
    "integer": "een geheel getal",
    "object": "een blok met velden",
    "array": "een lijst",
    "boolean": "ja/nee (true of false)",
    "null": "leeg",
}


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """The reference validator of the shipped schema *name*, with the catalog schemas resolvable by $id."""
    import jsonschema
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (resources.schema(n)["$id"], Resource.from_contents(resources.schema(n))) for n in SCHEMA_NAMES
    )
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    return jsonschema.Draft202012Validator(resources.schema(name), registry=registry, format_checker=checker)


@cache
def _fast_validator(name: str):
    by_uri = {resources.schema(n)["$id"]: resources.schema(n) for n in SCHEMA_NAMES}
    handlers = {"https": lambda uri: by_uri[uri.split("#", 1)[0]]}
    return fastjsonschema.compile(resources.schema(name), handlers=handlers)


def prepare(*kinds: str) -> None:
    """Compile the fast validators of *kinds* now, e.g. once before worker processes are forked."""
    for kind in kinds:
        _fast_validator(kind)


def validate(doc: Located, kind: str) -> list[Problem]:
    """Validate *doc* against the schema *kind* (tender, requirements, metrics, project, ...)."""
    try:
        _fast_validator(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # find every error, with its path, with the reference validator
    return reference_validate(doc, kind)


def reference_validate(doc: Located, kind: str) -> list[Problem]:
    """Validate *doc* with :mod:`jsonschema` only, reporting every error."""
    validator_ = validator(kind)
    problems = []
    for error in validator_.iter_errors(doc.data):
        problems.extend(_problems(doc, error))
    return sorted(set(problems))


def _problems(doc: Located, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    if keyword == "required":
        missing = [name for name in error.validator_value if isinstance(value, dict) and name not in value]
        return [doc.problem(path, f"verplicht veld '{name}' ontbreekt; voeg het toe", "schema") for name in missing]
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = (
            sorted(k for k in value if k not in error.schema.get("properties", {})) if isinstance(value, dict) else []
        )
        return [
            doc.problem((*path, key), f"onbekend veld '{key}'; toegestaan zijn: {', '.join(allowed)}", "schema", True)
            for key in extra
        ]
    if keyword in ("enum", "const"):
        options = error.validator_value if keyword == "enum" else [error.validator_value]
        message = f"waarde {_show(value)} is niet toegestaan; kies uit: {', '.join(str(o) for o in options)}"
    elif keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        message = f"verwacht {' of '.join(_TYPE_NAMES.get(t, t) for t in expected)}, maar vond {_show(value)}"
    elif keyword == "pattern":
        hint = _FIELD_HINTS.get(field, f"patroon {error.validator_value}")
        message = f"waarde {_show(value)} heeft niet de juiste vorm; verwacht {hint}"
        if error.validator_value == "\\S":
            message = "tekst is leeg; vul een tekst in of laat het veld weg"
    elif keyword == "format":
        message = f'{_show(value)} is geen bestaande datum; schrijf een echte datum als "JJJJ-MM-DD"'
    elif keyword == "minLength":
        message = "tekst is leeg; vul een tekst in of laat het veld weg"
    elif keyword == "maxLength":
        message = f"tekst is langer dan {error.validator_value} tekens; maak hem korter"
    elif keyword == "minItems":
        message = f"lijst moet ten minste {error.validator_value} element(en) bevatten"
    elif keyword == "uniqueItems":
        message = "lijst bevat dezelfde waarde meer dan eens; verwijder de dubbele"
    elif keyword in ("minimum", "exclusiveMinimum"):
        bound = "minimaal" if keyword == "minimum" else "groter dan"
        message = f"waarde {_show(value)} moet {bound} {error.validator_value} zijn"
    elif keyword in ("maximum", "exclusiveMaximum"):
        bound = "maximaal" if keyword == "maximum" else "kleiner dan"
        message = f"waarde {_show(value)} moet {bound} {error.validator_value} zijn"
    elif keyword == "minProperties":
        message = "blok is leeg; vul ten minste één veld in"
    elif keyword == "propertyNames":
        message = f"naam {_show(value)} heeft niet de juiste vorm"
    else:
        message = f"voldoet niet aan het schema ({keyword})"
    return [doc.problem(path, message, "schema")]


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "een lege waarde"
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, list):
        return "een lijst"
    return str(value)
