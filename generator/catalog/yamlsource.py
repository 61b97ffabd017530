"""Read YAML into plain Python data while remembering where every value stands.

PyYAML forgets line numbers once it builds Python objects. This module composes the node tree
(with libyaml where available) and builds the data itself, so that every mapping key and value
keeps its ``line:column`` for error messages. It also refuses what a catalog never needs and an
attacker might send: anchors and aliases (the "billion laughs" bomb), duplicate keys (PyYAML
silently keeps the last one) and non-string keys. Timestamps stay strings, so that a date like
``2027-02-31`` reaches validation as text and can be reported, instead of crashing the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.diagnostics import InputError, Problem, json_path

try:  # libyaml is much faster; the pure-Python loader gives the same result.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_SCALAR = yaml.constructor.SafeConstructor()
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Located:
    """Data read from a YAML file, with the position of every value and key."""

    data: object
    file: str
    marks: dict  # path tuple -> (line, column) of the value, 1-based
    key_marks: dict  # path tuple -> (line, column) of the mapping key that leads to the value

    def where(self, path: tuple, prefer_key: bool = False) -> tuple[int, int]:
        """The best known position for *path*: the value, else its key, else the nearest parent."""
        path = tuple(path)
        while True:
            table = (self.key_marks, self.marks) if prefer_key else (self.marks, self.key_marks)
            for marks in table:
                if path in marks:
                    return marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def problem(self, path: tuple, message: str, rule: str = "", prefer_key: bool = False) -> Problem:
        line, column = self.where(path, prefer_key)
        return Problem(self.file, line, column, message, json_path(path), rule)


def read_yaml(path: Path, display: str | None = None) -> Located:
    """Read one YAML document from *path*; raise :class:`InputError` with a located Dutch message."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(name, None, None, "bestand niet gevonden; controleer het pad")) from None
    except IsADirectoryError:
        raise InputError(Problem(name, None, None, "dit is een map, geen YAML-bestand")) from None
    except OSError as exc:
        raise InputError(Problem(name, None, None, f"bestand kan niet worden gelezen ({exc.strerror})")) from None
    if len(raw) > _MAX_BYTES:
        raise InputError(Problem(name, 1, 1, "bestand is groter dan 20 MB; splits het op"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            Problem(name, line, None, "bestand is geen geldige UTF-8; sla het op als UTF-8 en probeer opnieuw")
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> Located:
    """Parse YAML *text* (one document) into :class:`Located` data."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.context or "").startswith("while parsing a flow"):
            mark = exc.context_mark  # an unclosed [ or {: point at where it opens, not where it was noticed
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = _dutch_yaml_error(exc.problem or exc.context or "")
        raise InputError(Problem(name, line, column, f"ongeldige YAML: {what}")) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(name, 1, 1, f"ongeldige YAML: {exc}")) from None
    if node is None:
        raise InputError(Problem(name, 1, 1, "bestand is leeg; verwacht een YAML-document"))
    builder = _Builder(name)
    try:
        data = builder.build(node, ())
    except _AliasFound:
        line, column = _first_alias(text)
        raise InputError(
            Problem(name, line, column, "ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde uit")
        ) from None
    return Located(data, name, builder.marks, builder.key_marks)


def _dutch_yaml_error(problem: str) -> str:
    known = {
        "expected <block end>, but found": "inspringing klopt niet (een regel staat te ver in of uit)",
        "mapping values are not allowed here": (
            "dubbele punt op een onverwachte plek (zet tekst met ': ' tussen aanhalingstekens)"
        ),
        "found character '\\t' that cannot start any token": "tab gevonden; gebruik spaties om in te springen",
        "could not find expected ':'": "verwacht een 'sleutel: waarde'-paar",
        "found undefined alias": "onbekende alias (*); aliassen worden niet ondersteund",
        "found unexpected end of stream": "bestand houdt onverwacht op (ontbreekt een afsluitend aanhalingsteken?)",
        "but found another document": "meer dan één YAML-document in het bestand; gebruik er één",
        "did not find expected ',' or ']'": "lijst tussen [ ] is niet afgesloten of mist een komma",
        "did not find expected ',' or '}'": "blok tussen { } is niet afgesloten of mist een komma",
        "found character that cannot start any token": (
            "teken dat hier niet mag (een tab, @ of `); zet de tekst tussen aanhalingstekens"
        ),
        "did not find expected key": "verwacht een sleutel; controleer de inspringing",
        "did not find expected '-' indicator": "verwacht een lijstregel die begint met '-'; controleer de inspringing",
    }
    for english, dutch in known.items():
        if problem.startswith(english):
            return dutch
    return problem


class _AliasFound(Exception):
    """A node was reached twice: the document uses an alias."""


def _first_alias(text: str) -> tuple[int, int]:
    """Line and column of the first alias (``*name``) in *text*."""
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    finally:
        loader.dispose()
    return 1, 1


class _Builder:
    def __init__(self, name: str):
        self.name = name
        self.marks: dict = {}
        self.key_marks: dict = {}
        self._seen: set[int] = set()

    def _fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: yaml.Node, path: tuple) -> object:
        if id(node) in self._seen:
            raise _AliasFound
        self._seen.add(id(node))
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._fail(key_node, "samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._fail(key_node, "een sleutel moet tekst zijn")
                key = key_node.value if key_node.tag in (_STR, _TIMESTAMP) else _SCALAR.construct_object(key_node)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    raise self._fail(key_node, f"sleutel '{key}' staat twee keer in hetzelfde blok; verwijder er één")
                child = (*path, key)
                self.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _TIMESTAMP:
            return node.value
        try:
            return _SCALAR.construct_object(node)
        except yaml.YAMLError:
            raise self._fail(node, f"waarde '{node.value}' kan niet worden gelezen") from None
        except (ValueError, OverflowError):
            raise self._fail(node, f"waarde '{node.value}' is geen geldig getal") from None
