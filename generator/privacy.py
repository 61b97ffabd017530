"""Recognise personal data in text and column names: phone numbers, e-mail addresses, BSNs, names.

Used by ``opvang validate`` (no personal data in the catalog), by the CSV readers (client files
hold pseudonymous ids only) and by the publishers. One place, so the rules are the same everywhere
and documented on the site's "Privacy en beveiliging" page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dutch phone numbers: 0 or +31/0031, then nine digits, with optional spaces, dashes or (area code).
_PHONE = re.compile(r"(?<![\w.,/-])(?:\+31|0031|\(0|0)[\d\s()-]{7,16}\d(?![\w,/-]|\.\d)")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_NINE_DIGITS = re.compile(r"(?<![\d.,-])(\d{4}\.\d{2}\.\d{3}|\d{3}\.\d{3}\.\d{3}|\d{9})(?![\d,-]|\.\d)")
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


@dataclass(frozen=True)
class Finding:
    kind: str  # telefoonnummer | e-mailadres | bsn
    text: str
    start: int


def is_bsn(digits: str) -> bool:
    """The Dutch 'elfproef' for a citizen service number (BSN): nine digits, weighted sum % 11 == 0."""
    digits = re.sub(r"\D", "", digits)
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _is_phone_number(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+31"):
        return len(digits) == 11
    if candidate.startswith("0031"):
        return len(digits) == 13
    return len(digits) == 10 and not re.search(r"(?:19|20)\d{2}\s*-\s*(?:19|20)\d{2}", candidate)  # year ranges


def find_personal_data(text: str) -> list[Finding]:
    """All phone numbers, personal e-mail addresses and BSN-like numbers in *text*."""
    findings: list[Finding] = []
    for match in _PHONE.finditer(text):
        if _is_phone_number(match.group(0)):
            findings.append(Finding("telefoonnummer", match.group(0).strip(), match.start()))
    for match in _EMAIL.finditer(text):
        local = match.group(0).split("@", 1)[0].lower()
        if local not in ROLE_MAILBOXES:
            findings.append(Finding("e-mailadres", match.group(0), match.start()))
    for match in _NINE_DIGITS.finditer(text):
        if is_bsn(match.group(1)) and not any(f.start <= match.start() < f.start + len(f.text) for f in findings):
            findings.append(Finding("bsn", match.group(1), match.start()))
    return sorted(findings, key=lambda f: f.start)


# Column names that reveal direct identifiers in a client or staff file.
_FORBIDDEN_COLUMNS = {
    "bsn": "burgerservicenummer",
    "burgerservicenummer": "burgerservicenummer",
    "sofinummer": "burgerservicenummer",
    "naam": "naam",
    "voornaam": "naam",
    "achternaam": "naam",
    "volledige_naam": "naam",
    "name": "naam",
    "geboortedatum": "volledige geboortedatum",
    "geb_datum": "volledige geboortedatum",
    "date_of_birth": "volledige geboortedatum",
    "adres": "adres",
    "straat": "adres",
    "huisnummer": "adres",
    "telefoon": "telefoonnummer",
    "telefoonnummer": "telefoonnummer",
    "email": "e-mailadres",
    "e-mail": "e-mailadres",
    "emailadres": "e-mailadres",
}


def identifying_column(header: str) -> str | None:
    """What kind of direct identifier a column named *header* would hold, or None."""
    key = re.sub(r"[\s]+", "_", header.strip().lower())
    return _FORBIDDEN_COLUMNS.get(key)
