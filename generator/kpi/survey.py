"""The provider's survey scores (``scores.yaml``) for KPIs that are not in the client registrations.

Chain partners' and the neighbourhood's marks (``ketenpartner_oordeel``, ``omgeving_oordeel``) and,
when the registrations hold no ``tevredenheid``, client satisfaction from a survey. Schema:
``requirements/schema/survey.schema.json``. Example::

    aanbieder: Stichting Voorbeeldopvang
    metingen:
      - metric: ketenpartner_oordeel
        datum: 2027-06-30          # when the survey closed: decides the period it counts in
        gemiddelde: 7.8            # mean mark 1-10 (or: percentage: 85 for a share)
        respondenten: 14
        toelichting: Enquête onder 20 ketenpartners (vrij tekstveld, optioneel)

Every problem is reported as ``FILE:LINE:COL: bericht`` (exit 2).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import InputError, Problem

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "requirements" / "schema" / "survey.schema.json"
SURVEY_METRIC_NAMES = ("ketenpartner_oordeel", "omgeving_oordeel", "clienttevredenheid")


@dataclass(frozen=True)
class Measurement:
    metric: str
    day: dt.date
    mean: float | None
    percentage: float | None
    respondents: int
    note: str | None = None


@dataclass(frozen=True)
class Survey:
    file: str
    provider: str | None
    measurements: tuple[Measurement, ...]

    def for_metric(self, metric: str, start: dt.date | None = None, end: dt.date | None = None) -> list[Measurement]:
        return [
            m
            for m in self.measurements
            if m.metric == metric and (start is None or m.day >= start) and (end is None or m.day <= end)
        ]


def _load_yaml(path: Path, name: str):
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(Problem(name, None, None, "enquêtebestand niet gevonden; controleer het pad")) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(name, None, None, f"kan het enquêtebestand niet lezen ({exc})")) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise InputError(Problem(name, line, column, f"geen geldige YAML: {reason}")) from None
    return node, data


def _locate(node, path: tuple) -> tuple[int | None, int | None]:
    """Line and column of *path* in a composed YAML node (the deepest node found)."""
    import yaml

    current = node
    for part in path:
        if isinstance(current, yaml.MappingNode) and isinstance(part, str):
            found = next((v for k, v in current.value if getattr(k, "value", None) == part), None)
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
            found = current.value[part]
        else:
            found = None
        if found is None:
            break
        current = found
    if current is None:
        return None, None
    return current.start_mark.line + 1, current.start_mark.column + 1


def read_survey(path: Path, display: str | None = None) -> Survey:
    """Read and validate ``scores.yaml`` against its JSON Schema; located Dutch errors (exit 2)."""
    import jsonschema

    name = display or str(path)
    node, data = _load_yaml(Path(path), name)
    if data is None:
        raise InputError(Problem(name, 1, 1, "enquêtebestand is leeg; verwacht 'metingen:' met ten minste één meting"))
    # YAML reads 2027-06-30 as a date; the schema checks text.
    plain = json.loads(json.dumps(data, default=str))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in sorted(validator.iter_errors(plain), key=lambda e: [str(p) for p in e.absolute_path]):
        path_parts = tuple(error.absolute_path)
        line, column = _locate(node, path_parts)
        problems.append(Problem(name, line, column, _dutch(error), _json_path(path_parts)))
    if problems:
        raise InputError(problems[:50])
    measurements = []
    for index, entry in enumerate(plain.get("metingen", [])):
        try:
            day = dt.date.fromisoformat(entry["datum"])
        except ValueError:
            line, column = _locate(node, ("metingen", index, "datum"))
            raise InputError(Problem(name, line, column, f"'{entry['datum']}' is geen bestaande datum")) from None
        measurements.append(
            Measurement(
                entry["metric"],
                day,
                entry.get("gemiddelde"),
                entry.get("percentage"),
                entry["respondenten"],
                entry.get("toelichting"),
            )
        )
    return Survey(name, plain.get("aanbieder"), tuple(measurements))


def _json_path(parts: tuple) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _dutch(error) -> str:
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"verplicht veld '{missing}' ontbreekt"
    if validator == "additionalProperties":
        return f"onbekend veld ({error.message.split('(')[-1].rstrip(')')})"
    if validator == "enum":
        return f"'{error.instance}' is geen geldige waarde; kies uit: {', '.join(map(str, error.validator_value))}"
    if validator == "type":
        kinds = {"string": "tekst", "number": "getal", "integer": "heel getal", "array": "lijst", "object": "tabel"}
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"'{error.instance}' moet een {' of '.join(kinds.get(w, w) for w in wanted)} zijn"
    if validator in ("minimum", "maximum"):
        word = "minimaal" if validator == "minimum" else "maximaal"
        return (
            f"{error.instance} is te {'klein' if validator == 'minimum' else 'groot'}; {word} {error.validator_value}"
        )
    if validator == "pattern":
        return f"'{error.instance}' heeft niet de vorm JJJJ-MM-DD"
    if validator == "minItems":
        return "lijst is leeg; geef ten minste één meting"
    if validator == "oneOf":
        return "geef precies één van 'gemiddelde' (cijfer) of 'percentage' (aandeel)"
    return f"ongeldige waarde ({error.message})"
