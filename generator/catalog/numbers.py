"""Find the numbers a Dutch requirement text states, to check that every norm is in its text.

Recognises digits in Dutch notation (``7,5``; ``5.600.000``; ``€577.500,-``; ``5,6 miljoen``;
``18+``; ``24/7``), numbers written as words (``twee``, ``zes``, ``twaalf``) and frequency words
(``jaarlijks`` = 1 per year, ``per kwartaal`` = 4, ``halfjaarlijks`` = 2, ``maandelijks`` = 12).
"""

from __future__ import annotations

import re

_WORDS = {
    "een": 1,
    "één": 1,
    "eenmaal": 1,
    "twee": 2,
    "tweemaal": 2,
    "drie": 3,
    "driemaal": 3,
    "vier": 4,
    "viermaal": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
    "veertien": 14,
    "vijftien": 15,
    "zestien": 16,
    "zeventien": 17,
    "achttien": 18,
    "negentien": 19,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "zestig": 60,
    "zeventig": 70,
    "tachtig": 80,
    "negentig": 90,
    "honderd": 100,
    "duizend": 1000,
    "half": 0.5,
    "halve": 0.5,
    "anderhalf": 1.5,
    "anderhalve": 1.5,
}
_FREQUENCIES = (
    (re.compile(r"\bhalfjaarlijks|\bhalf\s?jaar|\bsemester"), 2),
    (re.compile(r"\bjaarlijks|\bper jaar|\bjaar\b|\bjaarverslag|\bjaarrapportage"), 1),
    (re.compile(r"kwarta(al|len|ls)"), 4),
    (re.compile(r"\bmaandelijks|\bper maand|\belke maand"), 12),
    (re.compile(r"\bwekelijks|\bper week|\belke week"), 52),
    (re.compile(r"\btweejaarlijks|\bom de twee jaar"), 0.5),
)
_NUMBER = re.compile(r"(?<![\w])(\d+(?:[.,]\d+)*)(\s*(?:miljoen|mln\.?|miljard|duizend))?", re.IGNORECASE)
_MULTIPLIERS = {"miljoen": 1_000_000, "mln": 1_000_000, "mln.": 1_000_000, "miljard": 1_000_000_000, "duizend": 1000}


_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")


def _parse(token: str) -> list[float]:
    """Possible values of a Dutch-notated number token (ambiguous tokens give more than one)."""
    if token.isdigit():
        return [float(token)]
    candidates = set()
    if _THOUSANDS.fullmatch(token):  # 5.600.000 or 577.500,50
        candidates.add(float(token.replace(".", "").replace(",", ".")))
    if _DECIMAL_COMMA.fullmatch(token):  # 7,5
        candidates.add(float(token.replace(",", ".")))
    if _DECIMAL_POINT.fullmatch(token):  # 7.5 written the English way
        candidates.add(float(token))
    if not candidates:  # odd forms such as 1.2.3: take each part
        candidates.update(float(part) for part in re.split(r"[.,]", token) if part)
    return sorted(candidates)


def numbers_in(text: str) -> set[float]:
    """Every number the Dutch *text* states, as floats."""
    found: set[float] = set()
    lowered = text.lower()
    for match in _NUMBER.finditer(lowered):
        values = _parse(match.group(1))
        multiplier = (match.group(2) or "").strip()
        for value in values:
            found.add(value)
            if multiplier:
                found.add(value * _MULTIPLIERS.get(multiplier, 1))
    for word in re.findall(r"[a-zëé]+", lowered):
        if word in _WORDS:
            found.add(float(_WORDS[word]))
    if re.search(r"\b24\s*/\s*7\b|24-uurs|dag en nacht", lowered):
        found.update({24.0, 7.0, 168.0})
    return found


def frequencies_in(text: str) -> set[float]:
    """Times per year implied by frequency words in *text* (``kwartaal`` gives 4)."""
    lowered = text.lower()
    return {float(count) for pattern, count in _FREQUENCIES if pattern.search(lowered)}


class StatedNumbers:
    """The numbers and frequencies one text states, computed once and asked many times."""

    def __init__(self, text: str):
        self.text = text
        self.numbers = numbers_in(text)
        self._frequencies: set[float] | None = None

    def states(self, value: float, unit: str) -> bool:
        """Whether the text states *value* (for *unit*), in digits, words or (for frequencies) a frequency word."""
        target = float(value)
        if target in self.numbers or any(abs(n - target) < 1e-9 for n in self.numbers):
            return True
        if unit == "times/year":
            if self._frequencies is None:
                self._frequencies = frequencies_in(self.text)
            if target in self._frequencies:
                return True
        return bool(unit == "years" and target == 1 and re.search(r"\bjaar\b", self.text.lower()))


def states(text: str, value: float, unit: str) -> bool:
    """Whether *text* states *value* (for *unit*), in digits, words or (for frequencies) a frequency word."""
    return StatedNumbers(text).states(value, unit)
