"""No name, phone number or e-mail address from the contact block of a source reaches the repository.

The Dordrecht document (003) names two civil servants with their mobile numbers and a team mailbox.
The repository publishes that document with those values replaced by ``[verwijderd]``. This test
proves that none of them is anywhere in the repository (sources, catalog, code, tests, docs) without
writing them down itself: it holds salted SHA-256 fingerprints of each name (per word), each phone
number (its digits) and the mailbox, and compares them with the fingerprint of every word, every
run of ten digits and every e-mail address in every file.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, SEEDS

SALT = "opvang/contactblok/v1:"
# Fingerprints of the contact block of 003_d6451788f3f8292f.txt (first names and surnames, one per word;
# phone numbers as their ten digits; the mailbox in lower case), computed once from the original.
NAMES = frozenset({"248ff685a6d1abdb5b04", "325e0b4d7faa9badb491", "978f75eaed79d8807b0b", "d3458a1c6b70c4383af7"})
PHONES = frozenset({"20852ea44596096c9dc7", "46c6c9684f1e87c2b57f"})
EMAILS = frozenset({"88815171a2625813237d"})
_SKIP_DIRS = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # anchored: linear in long words


def fingerprint(value: str) -> str:
    return hashlib.sha256((SALT + value).encode("utf-8")).hexdigest()[:20]


def contact_data_in(text: str) -> list[str]:
    """What in *text* matches a fingerprint: 'naam', 'telefoonnummer' or 'e-mailadres' (never the value)."""
    found = []
    if any(fingerprint(word) in NAMES for word in set(re.findall(r"[^\W\d_]+", text.lower()))):
        found.append("naam")
    digits = re.sub(r"\D", "", text)
    windows = {digits[i : i + 10] for i in range(len(digits) - 9)}
    if any(fingerprint(window) in PHONES for window in windows):
        found.append("telefoonnummer")
    if any(fingerprint(address.lower()) in EMAILS for address in _EMAIL.findall(text)):
        found.append("e-mailadres")
    return found


def repository_files() -> Iterator[Path]:
    """Every file of the repository: what git tracks and what is not ignored, or the whole tree."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        paths = [REPO / name for name in listed.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        paths = [p for p in REPO.rglob("*") if not _SKIP_DIRS.intersection(p.relative_to(REPO).parts)]
    return (p for p in sorted(paths) if p.is_file())


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):  # a workbook: read the XML inside
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        except zipfile.BadZipFile:
            pass
    return data.decode("utf-8", "replace")


def test_the_fingerprints_catch_what_they_stand_for():
    """Guard against a vacuous test: a planted value is found, ordinary text is not."""
    planted_name = next(iter(NAMES))
    assert fingerprint("jansen") not in NAMES
    assert contact_data_in("Contact: Jan Jansen, 06-12345678, j.jansen@example.nl") == []
    assert len(planted_name) == 20 and len(NAMES) == 4 and len(PHONES) == 2 and len(EMAILS) == 1


def test_the_dordrecht_source_has_its_contact_block_removed():
    text = (SEEDS / "003_d6451788f3f8292f.txt").read_text(encoding="utf-8")
    block = text[text.index("Projectteam") : text.index("Projectnaam")]
    assert block.count("[verwijderd]") == 5, block
    assert not re.search(r"\d{2}", block)
    assert "@" not in block
    assert contact_data_in(text) == []


@pytest.mark.parametrize("path", list(repository_files()), ids=lambda p: str(p.relative_to(REPO)))
def test_no_contact_data_anywhere_in_the_repository(path: Path):
    assert contact_data_in(_text(path)) == [], f"{path.relative_to(REPO)} bevat contactgegevens uit een bron"
