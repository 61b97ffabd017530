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

Every problem is reported as ``FILE:LINE:COL: bericht`` (exit 2); values quoted in a message are
shortened, so that a huge value cannot flood the terminal.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from generator import resources
from generator.catalog.yamlsource import read_yaml
from generator.diagnostics import InputError, Problem
from generator.tabular import CellError, parse_date

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


def read_survey(path: Path, display: str | None = None) -> Survey:
    """Read and validate ``scores.yaml`` against its JSON Schema; located Dutch errors (exit 2).

    The YAML is read the catalog's safe way (:func:`generator.catalog.yamlsource.read_yaml`): no
    anchors or aliases (no "billion laughs"), no duplicate keys, dates kept as text so that a date
    that does not exist is reported instead of crashing the parser.
    """
    import jsonschema

    name = display or str(path)
    path = Path(path)
    if not path.exists():
        raise InputError(Problem(name, None, None, "enquêtebestand niet gevonden; controleer het pad"))
    doc = read_yaml(path, name)
    data = doc.data
    validator = jsonschema.Draft202012Validator(resources.schema("survey"))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path_parts = tuple(error.absolute_path)
        problems.append(doc.problem(path_parts, _dutch(error)))
    if problems:
        raise InputError(problems[:50])
    measurements = []
    for index, entry in enumerate(data["metingen"]):
        try:
            day = parse_date(entry["datum"])
        except CellError as exc:
            raise InputError(doc.problem(("metingen", index, "datum"), str(exc))) from None
        for key in ("gemiddelde", "percentage"):
            if key in entry and not math.isfinite(entry[key]):
                raise InputError(doc.problem(("metingen", index, key), f"{key} moet een eindig getal zijn"))
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
    return Survey(name, data.get("aanbieder"), tuple(measurements))


def _dutch(error) -> str:
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"verplicht veld '{missing}' ontbreekt"
    if validator == "additionalProperties":
        return f"onbekend veld ({error.message.split('(')[-1].rstrip(')')})"
    if validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return f"'{_short(error.instance)}' is geen geldige waarde; kies uit: {options}"
    if validator == "type":
        kinds = {"string": "tekst", "number": "getal", "integer": "heel getal", "array": "lijst", "object": "tabel"}
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"'{_short(error.instance)}' moet een {' of '.join(kinds.get(w, w) for w in wanted)} zijn"
    if validator in ("minimum", "maximum"):
        word = "minimaal" if validator == "minimum" else "maximaal"
        return (
            f"{error.instance} is te {'klein' if validator == 'minimum' else 'groot'}; {word} {error.validator_value}"
        )
    if validator == "pattern":
        return f"'{_short(error.instance)}' heeft niet de vorm JJJJ-MM-DD"
    if validator == "maxLength":
        return f"tekst is langer dan {error.validator_value} tekens; vat hem samen"
    if validator == "minItems":
        return "lijst is leeg; geef ten minste één meting"
    if validator == "oneOf":
        return "geef precies één van 'gemiddelde' (cijfer) of 'percentage' (aandeel)"
    return f"ongeldige waarde ({_short(error.message)})"


def _short(value: object, limit: int = 60) -> str:
    """*value* as text, cut to *limit* characters (a message must not repeat a huge value)."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
