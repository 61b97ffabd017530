"""Read a JSON file the user hands in (a catalog export, an earlier gap report) the safe way.

The file is read through :func:`generator.inputs.read_input` (regular files only, a size limit,
registered as an input) and every way it can be unusable becomes a located Dutch
:class:`~generator.diagnostics.InputError` (exit 2) instead of a crash: text that is not UTF-8,
invalid JSON, nesting deeper than :data:`MAX_DEPTH` (Python's parser would run out of recursion
around 1,000 levels) and integers longer than Python converts (4,300 digits).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.diagnostics import InputError, Problem
from generator.inputs import MB, read_input

MAX_BYTES = 200 * MB
MAX_DEPTH = 64
_MAX_INT_DIGITS = 4000
_LONG_NUMBER = re.compile(rf"\d{{{_MAX_INT_DIGITS + 1},}}")


def read_json(path: Path | str, display: str | None = None, *, what: str = "bestand") -> object:
    """The JSON document in *path*; :class:`InputError` with a located Dutch message if it is unusable."""
    name = display or str(path)
    raw = read_input(path, name, limit=MAX_BYTES, what=what, expected="een JSON-bestand")
    return parse_json(raw, name)


def parse_json(raw: bytes, name: str) -> object:
    """Decode *raw* (UTF-8, a BOM allowed) and parse it as JSON within the limits of this module."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(Problem(name, line, None, "bestand is geen geldige UTF-8; sla het op als UTF-8")) from None
    try:
        document = json.loads(text, parse_int=_int)
    except _LongNumber:
        found = _LONG_NUMBER.search(text)
        line, column = _position(text, found.start()) if found else (None, None)
        raise InputError(
            Problem(name, line, column, f"getal van meer dan {_MAX_INT_DIGITS} cijfers; dat is geen geldige waarde")
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(Problem(name, exc.lineno, exc.colno, f"ongeldige JSON: {_dutch(exc.msg)}")) from None
    except RecursionError:
        raise InputError(Problem(name, *_too_deep_at(text), _too_deep())) from None
    if _depth_exceeds(document, MAX_DEPTH):
        raise InputError(Problem(name, *_too_deep_at(text), _too_deep()))
    return document


class _LongNumber(Exception):
    """An integer too long to convert."""


def _int(text: str) -> int:
    if len(text) > _MAX_INT_DIGITS:
        raise _LongNumber
    return int(text)


def _too_deep() -> str:
    return f"lijsten en objecten zijn meer dan {MAX_DEPTH} niveaus diep genest; zo diep is een geldig bestand nooit"


def _depth_exceeds(document: object, limit: int) -> bool:
    """Whether lists and objects in *document* nest deeper than *limit* (without recursion)."""
    stack = [(document, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _too_deep_at(text: str) -> tuple[int, int]:
    """Line and column of the bracket that opens level ``MAX_DEPTH + 1`` (only called for such a file)."""
    depth, in_string, escaped = 0, False, False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return _position(text, offset)
        elif char in "]}":
            depth -= 1
    return 1, 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_MESSAGES = {
    "Expecting value": "verwacht een waarde",
    "Expecting property name enclosed in double quotes": "verwacht een sleutel tussen dubbele aanhalingstekens",
    "Expecting ',' delimiter": "verwacht een komma",
    "Expecting ':' delimiter": "verwacht een dubbele punt",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Extra data": "na het einde van het document staat nog meer",
    "Invalid control character at": "stuurteken in een tekst; schrijf het als \\n of \\t",
}


def _dutch(message: str) -> str:
    return _MESSAGES.get(message, message)
