"""Read ``personeel.csv`` (contract §2) into typed, immutable staff members.

The CSV rules (delimiter, encoding, case-insensitive headers, dates) are those of
:mod:`generator.tabular`; every problem is located as ``FILE:LINE:COL`` and raises
:class:`~generator.diagnostics.InputError` (exit 2) before anything is checked or written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.catalog.model import LEVELS
from generator.privacy import pseudonym_problem
from generator.roster.plausibility import Implausible, implausible
from generator.tabular import CellError, Column, CsvSpec, choice, open_csv, parse_date, parse_number, parse_yes_no

SOORTEN = ("medewerker", "vrijwilliger", "ervaringsdeskundige", "stagiair")


def pseudonym(text: str) -> str:
    """A staff id as read: refused (located, exit 2) when it is a BSN, phone number, e-mail, date or name.

    Ids are printed in every gap report, so they get the same pseudonym checks as client ids.
    """
    problem = pseudonym_problem(text)
    if problem is not None:
        raise CellError(problem)
    return text


SPEC = CsvSpec(
    title="personeelsbestand",
    columns=(
        Column("medewerker_id", required=True, parse=pseudonym),
        Column("soort", required=True, parse=choice(*SOORTEN)),
        Column("functie", required=True, free_text=True),
        Column("niveau", required=True, parse=choice(*LEVELS)),
        Column("ervaring_jaren", parse=parse_number),
        Column("skj", parse=parse_yes_no),
        Column("datum_in_dienst", required=True, parse=parse_date),
        Column("datum_uit_dienst", parse=parse_date),
        Column("vog_datum", parse=parse_date),
        Column("toezicht_door", parse=pseudonym),
        Column("team", free_text=True),
    ),
    unique="medewerker_id",
)


@dataclass(frozen=True)
class StaffMember:
    """One row of the roster."""

    id: str
    soort: str
    functie: str
    niveau: str
    ervaring_jaren: float | None
    skj: bool | None
    datum_in_dienst: dt.date
    datum_uit_dienst: dt.date | None
    vog_datum: dt.date | None
    toezicht_door: str | None
    team: str | None
    line: int = 0

    def active_on(self, peildatum: dt.date) -> bool:
        """Not yet left on *peildatum* (rows that left before it are not checked)."""
        return self.datum_uit_dienst is None or self.datum_uit_dienst >= peildatum


@dataclass(frozen=True)
class Roster:
    """The roster as read, the reference date against which it is checked, and its impossible values.

    A member with an impossible value (:mod:`generator.roster.plausibility`) is never active: it
    cannot meet a rule, supervise or lead a team.
    """

    file: str
    members: tuple[StaffMember, ...]
    peildatum: dt.date
    implausible: tuple[Implausible, ...] = ()

    @cached_property
    def implausible_ids(self) -> frozenset[str]:
        return frozenset(item.member_id for item in self.implausible)

    @property
    def active(self) -> tuple[StaffMember, ...]:
        return tuple(m for m in self.members if m.active_on(self.peildatum) and m.id not in self.implausible_ids)

    def active_member(self, member_id: str | None) -> StaffMember | None:
        """The active row with *member_id*, or None (unknown id, left before the peildatum, impossible values)."""
        if not member_id or member_id in self.implausible_ids:
            return None
        for member in self.members:
            if member.id == member_id and member.active_on(self.peildatum):
                return member
        return None

    def known(self, member_id: str) -> bool:
        return any(m.id == member_id for m in self.members)


def read_roster(path: Path, peildatum: dt.date, display: str | None = None) -> Roster:
    """Read *path* as a staff roster; raises InputError (exit 2) with located Dutch problems."""
    opened = open_csv(Path(path), SPEC, display)
    members = tuple(StaffMember(*row, line=line) for line, row in opened.rows())
    found = implausible(members, peildatum, opened.file, opened.column_numbers())
    return Roster(opened.file, members, peildatum, found)
