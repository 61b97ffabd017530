"""Impossible values in the staff roster, found with their place, so that they never count as compliance.

A row can be read without an error and still be impossible: a VOG issued after the reference date
(it did not exist yet), a negative number of years of experience, leaving before joining, or
supervising oneself. Such a row is no evidence. :func:`implausible` finds each one with its place
(``personeel.csv:REGEL:KOLOM``); the roster leaves the member out of everything that could meet a
rule (no active member, no supervisor, no team lead: :attr:`generator.roster.reader.Roster.active`)
and the roster rules give every requirement with staff rules a failing finding naming the row
(:func:`generator.roster.rules.check_requirement`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.roster.reader import StaffMember

RULE = "plausibility"


@dataclass(frozen=True)
class Implausible:
    """One impossible value: whose, where (``FILE:LINE:COL``) and why, in Dutch."""

    member_id: str
    where: str
    message: str


def _date(value: dt.date) -> str:
    return f"{value:%d-%m-%Y}"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def implausible(
    members: Iterable[StaffMember], peildatum: dt.date, file: str, columns: Mapping[str, int]
) -> tuple[Implausible, ...]:
    """Every impossible value of *members*; *columns* gives the column number of each column name."""
    found: list[Implausible] = []

    def add(member: StaffMember, column: str, message: str) -> None:
        where = f"{file}:{member.line}" + (f":{columns[column]}" if column in columns else "")
        found.append(Implausible(member.id, where, message))

    for member in members:
        if member.vog_datum is not None and member.vog_datum > peildatum:
            add(
                member,
                "vog_datum",
                f"vog_datum {_date(member.vog_datum)} ligt na de peildatum {_date(peildatum)}; een VOG die er op "
                "de peildatum nog niet was, telt niet",
            )
        if member.ervaring_jaren is not None and member.ervaring_jaren < 0:
            add(
                member,
                "ervaring_jaren",
                f"ervaring_jaren is {_number(member.ervaring_jaren)}; een negatief aantal jaren kan niet",
            )
        if member.datum_uit_dienst is not None and member.datum_uit_dienst < member.datum_in_dienst:
            add(
                member,
                "datum_uit_dienst",
                f"datum_uit_dienst {_date(member.datum_uit_dienst)} ligt vóór datum_in_dienst "
                f"{_date(member.datum_in_dienst)}; controleer de datums",
            )
        if member.toezicht_door is not None and member.toezicht_door == member.id:
            add(member, "toezicht_door", "toezicht_door is de medewerker zelf; niemand houdt toezicht op zichzelf")
    return tuple(found)
