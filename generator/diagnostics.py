"""Problems found in user input, located in a file, and the errors that carry them.

Every reader reports what is wrong as a :class:`Problem` (``FILE:LINE:COL: bericht``) in Dutch, so
that the command line can print it for a person and as JSON for a machine, and exit with the code
the data contract prescribes (1: read but not valid or not compliant; 2: unusable input or usage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

# Control characters (C0 except tab, DEL, C1) and the bidirectional overrides: in a message they would let
# a value from a file move the cursor, recolour or clear the terminal, fake a second line or reorder text.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """*text* as one line safe to show in a terminal: control characters as visible escapes (``\\x1b``)."""
    return _UNPRINTABLE.sub(_escape, text)


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int | None = None
    column: int | None = None
    message: str = ""
    path: str = ""
    rule: str = ""
    severity: str = field(default="error", compare=False)

    def format(self) -> str:
        """``FILE:LINE:COL: message (pad: $.x)``, the way compilers report, for people."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        suffix = f" (pad: {self.path})" if self.path and self.path != "$" else ""
        return printable(f"{where}: {self.message}{suffix}")

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity,
        }


class InputError(Exception):
    """An input could not be read at all (exit code 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class ValidationFailed(InputError):
    """The input was read but does not validate (exit code 1)."""

    exit_code = EXIT_INVALID


def json_path(parts: tuple) -> str:
    """Render a path of keys and indexes as ``$.requirements[3].norms[0]``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
