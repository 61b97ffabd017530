"""Read YAML into plain Python data; find where a value stands only when a message needs it.

Reading is the fast path: libyaml (where available) composes the document and a small builder turns
it into plain data, refusing what a catalog never needs and an attacker might send: anchors and
aliases (the "billion laughs" bomb), duplicate keys (PyYAML silently keeps the last one), non-string
keys, merge keys (``<<``), nesting deeper than :data:`MAX_DEPTH` and files over 20 MB. Timestamps stay
strings, so that a date like ``2027-02-31`` reaches validation as text and can be reported, instead of
crashing the parser. No positions are kept: the node tree is dropped as soon as the data are built.

Positions are for messages. :class:`Located` keeps the text of the file; the first time a
``line:column`` is asked (an error to report, a lint finding to place), the text is composed again
into a node tree with positions, once per file, and the path is looked up in it. The model's
locations are :class:`LazyLocation` objects that do this only when their line or column is read, so a
valid catalog of 50,000 requirements is never composed twice (measured: ``benchmarks.run``, the
validate row against a bare libyaml parse of the same files).
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.catalog.model import Location
from generator.diagnostics import InputError, Problem, json_path
from generator.inputs import MB, read_input

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is much faster; same result
# First characters with which a plain scalar may be something other than a string (YAML 1.1 rules).
_MAYBE_NOT_STR = frozenset("yYnNtTfFoO-+0123456789.<~=")


class _Loader(_BaseLoader):
    """The safe loader, with tag resolution short-cut for the common case of plain text.

    PyYAML resolves the tag of every scalar in Python, trying regular expressions keyed by its first
    character. A quoted scalar is always text; a plain one that starts with a letter is text unless it
    is one of a few words (``yes``, ``off``, ``null``, ...: :data:`_WORDS`); only the rest (digits,
    signs, ``.``, ``~``, ``<<``, ``=``) goes through PyYAML's resolver. The catalog uses no path
    resolvers, so those hooks do nothing.
    """

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted: always a string
                return _STR
            if value:
                first = value[0]
                if first not in _MAYBE_NOT_STR:
                    return _STR
                if first.isalpha():  # of the implicit types only bool and null start with a letter
                    return _WORDS.get(value, _STR)
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):
        return None

    def ascend_resolver(self):
        return None


# The plain scalars starting with a letter that YAML 1.1 (PyYAML's resolver) does not read as text:
# each word in lower case, capitalised and in capitals, exactly as PyYAML's expressions list them.
_WORDS = {
    form: tag
    for words, tag in (
        (("yes", "no", "true", "false", "on", "off"), "tag:yaml.org,2002:bool"),
        (("null",), "tag:yaml.org,2002:null"),
    )
    for word in words
    for form in (word, word.capitalize(), word.upper())
}
_SCALAR = yaml.constructor.SafeConstructor()
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
_MAX_BYTES = 20 * MB
# Deeper nesting is never needed (a catalog or checklist is at most about 8 levels deep) and would
# exhaust Python's recursion limit while the data are built.
MAX_DEPTH = 64
_MAX_INT_DIGITS = 4000  # Python refuses to convert integers of more than 4,300 digits
# Control characters other than tab and line breaks: no text needs them, and in a terminal, a
# workbook or a calendar they do harm (escape sequences, unreadable files).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Positions:
    """The text of one YAML file and, composed on first use, its node tree with every position.

    Pickled (to or from a worker process) as its name and text only; the tree is composed again
    where it is needed.
    """

    __slots__ = ("file", "text", "_root")

    def __init__(self, file: str, text: str):
        self.file = file
        self.text = text
        self._root: yaml.Node | None = None

    @classmethod
    def of_node(cls, file: str, root: yaml.Node) -> Positions:
        """The positions of a document whose node tree is already at hand (no text to compose again)."""
        positions = cls(file, "")
        positions._root = root
        return positions

    def __getstate__(self) -> tuple[str, str, yaml.Node | None]:
        return self.file, self.text, None if self.text else self._root

    def __setstate__(self, state: tuple[str, str, yaml.Node | None]) -> None:
        self.file, self.text, self._root = state

    @property
    def root(self) -> yaml.Node:
        """The node tree of the text (composed once; the text was read without errors before)."""
        if self._root is None:
            with _gc_paused():
                loader = _Loader(self.text)
                try:
                    self._root = loader.get_single_node()
                finally:
                    loader.dispose()
        return self._root

    def _walk(self, path: tuple) -> tuple[yaml.Node, yaml.Node | None, int]:
        """The deepest node along *path*, the key node that led to it, and how far along the path it is."""
        node, key_node, depth = self.root, None, 0
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = next(((k, v) for k, v in node.value if k.value == part), None)
                if pair is None:
                    break
                key_node, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
            depth += 1
        return node, key_node, depth

    def where(self, path: tuple, prefer_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at *path*, or its key, or the nearest parent found."""
        node, key_node, depth = self._walk(tuple(path))
        mark = key_node.start_mark if (prefer_key or depth < len(path)) and key_node is not None else node.start_mark
        if depth < len(path) and key_node is None:
            mark = node.start_mark
        return mark.line + 1, mark.column + 1


class LazyLocation(Location):
    """A :class:`~generator.catalog.model.Location` whose line and column are found when first read.

    Equal to, and printed like, the location it stands for. Loading a valid catalog makes one for every
    requirement, norm, id and reference; only those that end up in a message are ever looked up.
    """

    def __init__(self, positions: Positions, keys: tuple):
        object.__setattr__(self, "file", positions.file)
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_keys", keys)

    def _found(self) -> tuple[int, int]:
        found = self.__dict__.get("_line_column")
        if found is None:
            found = self._positions.where(self._keys)
            object.__setattr__(self, "_line_column", found)
        return found

    @property
    def line(self) -> int:  # type: ignore[override]
        return self._found()[0]

    @property
    def column(self) -> int:  # type: ignore[override]
        return self._found()[1]

    @property
    def path(self) -> str:  # type: ignore[override]
        return json_path(self._keys)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return (self.file, self.line, self.column) == (other.file, other.line, other.column)

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.column))

    def __repr__(self) -> str:
        return f"Location(file={self.file!r}, line={self.line!r}, column={self.column!r}, path={self.path!r})"


@dataclass(frozen=True)
class Located:
    """Data read from a YAML file, with its text, to find the position of any value or key when asked."""

    data: object
    file: str
    positions: Positions  # or, as before this was lazy, the document's root node (then kept as it is)

    def __post_init__(self) -> None:
        if isinstance(self.positions, yaml.Node):
            object.__setattr__(self, "positions", Positions.of_node(self.file, self.positions))

    @property
    def root(self) -> yaml.Node:
        """The node tree of the file (composed on first use)."""
        return self.positions.root

    def where(self, path: tuple, prefer_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at *path*, or its key, or the nearest parent found."""
        return self.positions.where(path, prefer_key)

    def location(self, path: tuple) -> Location:
        """Where the value at *path* stands, looked up only when its line or column is read."""
        return LazyLocation(self.positions, tuple(path))

    def problem(self, path: tuple, message: str, rule: str = "", prefer_key: bool = False) -> Problem:
        line, column = self.where(path, prefer_key)
        return Problem(self.file, line, column, message, json_path(path), rule)


def read_yaml(path: Path, display: str | None = None) -> Located:
    """Read one YAML document from *path*; raise :class:`InputError` with a located Dutch message."""
    name = display or str(path)
    raw = read_input(path, name, limit=_MAX_BYTES, expected="een YAML-bestand")
    return parse_yaml_bytes(raw, name)


def parse_yaml_bytes(raw: bytes, name: str, limit: int = _MAX_BYTES) -> Located:
    """Decode *raw* as UTF-8 (a BOM allowed) and parse it as one YAML document of at most *limit* bytes.

    A catalog file has the default limit (20 MB); a file opvang writes whole, such as the checklist of
    every tender of a national catalog, passes its own.
    """
    if len(raw) > limit:
        raise InputError(Problem(name, 1, 1, f"bestand is groter dan {limit // MB} MB; splits het op"))
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
    with _gc_paused():
        return _parse_yaml(text, name)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is composed and built.

    A large file gives millions of small, long-lived objects (nodes, marks, dicts) and no cycles; the
    collector would traverse them again and again as they grow (measured on a filled checklist of
    50,000 requirements, 13 MB: 9.1 s instead of 2.8 s).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_yaml(text: str, name: str) -> Located:
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
    except RecursionError:  # the pure-Python composer (without libyaml) on very deep nesting
        raise InputError(Problem(name, 1, 1, _too_deep())) from None
    if node is None:
        raise InputError(Problem(name, 1, 1, "bestand is leeg; verwacht een YAML-document"))
    builder = _Builder(name, aliases_possible="*" in text)  # an alias is written *name: none without a '*'
    try:
        data = builder.build(node)
    except _AliasFound:
        line, column = _first_alias(text)
        raise InputError(
            Problem(name, line, column, "ankers en aliassen (& en *) worden niet ondersteund; schrijf de waarde uit")
        ) from None
    return Located(data, name, Positions(name, text))


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
        "did not find expected node content": "verwacht een waarde; is een lijst [ ] of blok { } niet afgesloten?",
        "did not find expected '-' indicator": "verwacht een lijstregel die begint met '-'; controleer de inspringing",
        "exceeded maximum nesting depth": _too_deep(),
    }
    for english, dutch in known.items():
        if problem.startswith(english):
            return dutch
    return problem


def _control_message(text: str) -> str:
    character = _CONTROL.search(text).group(0)
    return f"tekst bevat een stuurteken (\\x{ord(character):02x}); verwijder het, het hoort niet in tekst"


def _too_deep() -> str:
    return f"lijsten en blokken zijn meer dan {MAX_DEPTH} niveaus diep genest; zo diep is een geldig bestand nooit"


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
    """Plain data from a composed node tree, refusing what :func:`parse_yaml` refuses.

    Speed matters here (every catalog command reads every file): the common case, a plain or
    single-quoted text in a document without aliases, is taken without a call per value.
    """

    def __init__(self, name: str, aliases_possible: bool = True):
        self.name = name
        # ids of the nodes built so far, to notice a node reached twice (an alias); not needed without '*'
        self._seen: set[int] | None = set() if aliases_possible else None

    def _fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(Problem(self.name, node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: yaml.Node, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            raise self._fail(node, _too_deep())
        seen = self._seen
        if seen is not None:
            if id(node) in seen:
                raise _AliasFound
            seen.add(id(node))
        cls = type(node)
        if cls is _SCALAR_NODE:
            return self._scalar(node)
        inline = seen is None and depth < MAX_DEPTH  # children are at depth + 1 <= MAX_DEPTH
        build = self.build
        if cls is _MAPPING_NODE:
            result: dict = {}
            for key_node, value_node in node.value:
                if type(key_node) is not _SCALAR_NODE:
                    raise self._fail(key_node, "een sleutel moet tekst zijn")
                tag = key_node.tag
                if tag == _MERGE:
                    raise self._fail(key_node, "samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit")
                key = key_node.value if tag in (_STR, _TIMESTAMP) else build(key_node, depth + 1)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    raise self._fail(
                        key_node, f"sleutel '{_short(key)}' staat twee keer in hetzelfde blok; verwijder er één"
                    )
                if seen is not None:
                    seen.add(id(key_node))
                if inline and type(value_node) is _SCALAR_NODE and value_node.tag == _STR and value_node.style != '"':
                    result[key] = value_node.value
                else:
                    result[key] = build(value_node, depth + 1)
            return result
        items = []
        append = items.append
        for item in node.value:
            if inline and type(item) is _SCALAR_NODE and item.tag == _STR and item.style != '"':
                append(item.value)
            else:
                append(build(item, depth + 1))
        return items

    def _scalar(self, node: yaml.ScalarNode) -> object:
        tag = node.tag
        if node.style == '"' and _CONTROL.search(node.value):  # only "..." can hold escapes like \e, \x1b
            raise self._fail(node, _control_message(node.value))
        if tag in (_STR, _TIMESTAMP):
            return node.value
        if tag == _INT and len(node.value) > _MAX_INT_DIGITS:
            raise self._fail(node, f"getal van meer dan {_MAX_INT_DIGITS} cijfers; dat is geen geldige waarde")
        if tag == _INT and node.value.isdigit():
            return int(node.value)
        try:
            return _SCALAR.construct_object(node)
        except yaml.YAMLError:
            raise self._fail(node, f"waarde '{_short(node.value)}' kan niet worden gelezen") from None
        except (ValueError, OverflowError):
            raise self._fail(node, f"waarde '{_short(node.value)}' is geen geldig getal") from None


_SCALAR_NODE = yaml.ScalarNode
_MAPPING_NODE = yaml.MappingNode


def _short(text: str, limit: int = 60) -> str:
    """*text* shortened for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
