"""Recognise personal data in text, column names and ids: BSNs, phone numbers, e-mail, birth dates, IBANs.

Used by ``opvang validate`` (no personal data in the catalog), by the CSV readers (free-text columns
are scanned, identifying columns and ids that are no pseudonym are refused) and by the KPI helper's
client reader. One place, so the rules are the same everywhere and documented on the site's
"Privacy en beveiliging" page.

What is recognised, in text (:func:`find_personal_data`):

- a BSN: nine digits, also written ``123.456.782``, ``123 456 782``, ``123-456-782`` or
  ``1234.56.782``, that pass the elfproef;
- a Dutch phone number in the usual notations: ``06-12345678``, ``06 1234 5678``, ``(010) 123 45 67``,
  ``010-1234567``, ``06.12.34.56.78``, ``+31 6 12345678``, ``+31 (0)6 12345678``, ``0031 10 1234567``;
- an e-mail address of a person (a function mailbox such as ``info@`` is allowed);
- a date of birth: a date after ``geboren``, ``geb.``, ``geboortedatum`` or ``date of birth``;
- an IBAN whose check digits are right (``NL91 ABNA 0417 1643 00``);
- a name after a form of address (``dhr. Jansen``, ``mevrouw De Vries``).

Column names are compared in a normal form (lower case, accents and everything but letters and
digits removed): ``Geboorte datum``, ``e-mail adres``, ``BSN-nummer`` and ``achter_naam`` are the
identifying columns they look like (:func:`identifying_column`). An id must be a pseudonym
(:func:`pseudonym_problem`): not a BSN, phone number, e-mail address, date or name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Mailboxes of a function or organisation, not of a person.
ROLE_MAILBOXES = frozenset(
    {
        "info",
        "contact",
        "secretariaat",
        "post",
        "postbus",
        "gemeente",
        "inkoop",
        "aanbesteding",
        "aanbestedingen",
        "contractmanagement",
        "servicedesk",
        "helpdesk",
        "klantcontact",
        "privacy",
        "fg",
        "noreply",
        "no-reply",
        "communicatie",
        "wmo",
        "jeugd",
        "mo",
        "bw",
        "opvang",
    }
)

# What each kind of finding is, in a Dutch sentence ("tekst bevat een telefoonnummer").
KIND_LABELS = {
    "telefoonnummer": "een telefoonnummer",
    "e-mailadres": "een e-mailadres van een persoon",
    "bsn": "een BSN-achtig nummer (slaagt voor de elfproef)",
    "geboortedatum": "een geboortedatum",
    "iban": "een IBAN-rekeningnummer",
    "naam": "een naam met aanhef",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KIND_LABELS
    text: str
    start: int

    @property
    def label(self) -> str:
        """The kind in Dutch words: 'een telefoonnummer'."""
        return KIND_LABELS[self.kind]


def is_bsn(digits: str) -> bool:
    """The Dutch 'elfproef' for a citizen service number (BSN): nine digits, weighted sum % 11 == 0."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


# Nine digits in a row, or in the groups people write a BSN in, with one kind of separator.
_BSN = re.compile(
    r"(?<![\d.,-])(\d{9}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .-])\d{2}\3\d{3})(?!\d|[.,-]\d)",
)
# A Dutch number: 0 and an area or mobile code (never 00), or +31/0031 with an optional (0); the
# digits may be grouped by spaces, dashes, dots, slashes or brackets. The count is checked after.
_PHONE_NATIONAL = re.compile(r"(?<![\w.,/+-])\(?0[1-9][\d ().\/-]{7,16}\d(?!\w|[.,/-]\d)")
_PHONE_INTERNATIONAL = re.compile(r"(?<![\w.,/+-])(?:\+|00) ?31[\d ().\/-]{8,20}\d(?!\w|[.,/-]\d)")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-/]\s*(?:19|20)\d{2}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"  # 12-03-1985, 12/3/85
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"  # 1985-03-12
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}})"  # 12 maart 1985
)
_BIRTH_DATE = re.compile(
    rf"\b(?:geboren|geb\.?|geboortedatum|geb\.?\s?datum|geboortedag|date of birth|d\.?o\.?b\.?|born)"
    rf"\s*(?:op|on|:)?\s*({_DATE})(?!\d)",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b([A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?)\b")
_SALUTATION = re.compile(
    r"\b(?:[Dd]hr|[Mm]evr|[Dd]e heer|[Mm]evrouw|[Mm]eneer)\.?\s+"
    r"(?:[A-Z]\.\s?)*(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Hh]et|[Oo]p|[Ii]n)\s+)*[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
)


def _is_phone_number(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "00")):
        national = digits[4:] if digits.startswith("0031") else digits[2:]
        if "(0)" in candidate:
            national = national.replace("0", "", 1)
        return len(national) == 9 and national[0] != "0"
    return len(digits) == 10 and not _YEAR_RANGE.search(candidate)


def _is_iban(candidate: str) -> bool:
    """The ISO 13616 check: the rearranged IBAN as a number leaves remainder 1 modulo 97."""
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact[2:4].isdigit():
        return False
    if compact.startswith("NL") and len(compact) != 18:
        return False
    number = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(number) % 97 == 1


def find_personal_data(text: str) -> list[Finding]:
    """Every phone number, personal e-mail address, BSN, birth date, IBAN and addressed name in *text*."""
    findings: list[Finding] = []

    def add(kind: str, found: str, start: int) -> None:
        if not any(f.start <= start < f.start + len(f.text) for f in findings):
            findings.append(Finding(kind, found, start))

    for match in _BIRTH_DATE.finditer(text):
        add("geboortedatum", match.group(0), match.start())
    for match in _EMAIL.finditer(text):
        if match.group(0).split("@", 1)[0].lower() not in ROLE_MAILBOXES:
            add("e-mailadres", match.group(0), match.start())
    for match in _IBAN.finditer(text):
        if _is_iban(match.group(1)):
            add("iban", match.group(1), match.start())
    for pattern in (_PHONE_INTERNATIONAL, _PHONE_NATIONAL):
        for match in pattern.finditer(text):
            if _is_phone_number(match.group(0)):
                add("telefoonnummer", match.group(0).strip(), match.start())
    for match in _BSN.finditer(text):
        if is_bsn(match.group(1)):
            add("bsn", match.group(1), match.start())
    for match in _SALUTATION.finditer(text):
        add("naam", match.group(0), match.start())
    return sorted(findings, key=lambda f: f.start)


# Column names (in normal form, see normal_column) that reveal direct identifiers, and what they hold.
_FORBIDDEN_COLUMNS = {
    **dict.fromkeys(
        ("bsn", "bsnnummer", "bsnnr", "burgerservicenummer", "sofinummer", "sofinr", "citizenservicenumber"),
        "burgerservicenummer",
    ),
    **dict.fromkeys(
        (
            "naam",
            "voornaam",
            "voornamen",
            "roepnaam",
            "achternaam",
            "familienaam",
            "geslachtsnaam",
            "meisjesnaam",
            "geboortenaam",
            "tussenvoegsel",
            "voorletters",
            "initialen",
            "volledigenaam",
            "clientnaam",
            "naamclient",
            "medewerkernaam",
            "naammedewerker",
            "name",
            "firstname",
            "givenname",
            "lastname",
            "surname",
            "fullname",
        ),
        "naam",
    ),
    **dict.fromkeys(
        ("geboortedatum", "gebdatum", "geboortedag", "geborenop", "dateofbirth", "birthdate", "dob"),
        "volledige geboortedatum",
    ),
    **dict.fromkeys(
        ("adres", "woonadres", "straat", "straatnaam", "huisnummer", "postcode", "address", "street"), "adres"
    ),
    **dict.fromkeys(
        ("telefoon", "telefoonnummer", "tel", "telnr", "mobiel", "mobielnummer", "gsm", "phone", "phonenumber"),
        "telefoonnummer",
    ),
    **dict.fromkeys(("email", "emailadres", "mail", "mailadres", "emailaddress"), "e-mailadres"),
    **dict.fromkeys(("iban", "rekeningnummer", "bankrekening", "bankrekeningnummer"), "rekeningnummer"),
    **dict.fromkeys(("paspoortnummer", "rijbewijsnummer", "documentnummer"), "nummer van een identiteitsbewijs"),
}


def normal_column(header: str) -> str:
    """*header* in the form identifying columns are compared in: lower case, no accents, letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", header.strip().lower())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def identifying_column(header: str) -> str | None:
    """What kind of direct identifier a column named *header* would hold, or None."""
    return _FORBIDDEN_COLUMNS.get(normal_column(header))


_ID_SEPARATORS = re.compile(r"[ .-]")
_DATE_ONLY = re.compile(_DATE, re.IGNORECASE)
_PARTICLES = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Hh]et|[Oo]p|[Ii]n)"
# A whole id that is a name: 'Jan de Vries', 'J. Jansen', 'J.P. van Dam'.
_NAME_ONLY = re.compile(
    rf"(?:[A-Z][a-zà-ÿ'-]+|(?:[A-Z]\.\s?)+)(?:\s+(?:{_PARTICLES}|[A-Z][a-zà-ÿ'-]+))*\s+[A-Z][a-zà-ÿ'-]+"
)


def pseudonym_problem(value: str) -> str | None:
    """Why *value* cannot be a pseudonymous id (in Dutch, to follow the value in a message), or None.

    Refused: a BSN (also written in groups), a phone number, an e-mail address, an IBAN, a date (a
    birth date used as id) and a name (two or more words with capitals, such as ``Jan de Vries``).
    """
    text = value.strip()
    if is_bsn(_ID_SEPARATORS.sub("", text)) and _ID_SEPARATORS.sub("", text).isdigit():
        return f"'{text}' lijkt een BSN; gebruik een pseudoniem id, nooit het burgerservicenummer"
    found = find_personal_data(text)
    if found:
        return f"'{text}' bevat {found[0].label}; gebruik een pseudoniem id"
    if _DATE_ONLY.fullmatch(text):
        return f"'{text}' lijkt een datum (een geboortedatum?); gebruik een pseudoniem id"
    if _NAME_ONLY.fullmatch(text):
        return f"'{text}' lijkt een naam; gebruik een pseudoniem id, nooit een naam"
    return None
