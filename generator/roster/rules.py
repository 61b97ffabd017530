"""Staff rules (catalog ``staff_rules``) checked against the roster: one pure function per rule kind.

The code knows the rule *kinds* (``vog``, ``supervision``, ``team_lead``, ``qualification``,
``registration``) and how to match a selector; every number and every group comes from the catalog:
the selectors of the rule and, for ``vog``, the VOG norms of the same requirement
(``vog_ouderdom_bij_indiensttreding``: how long before the start of employment the VOG may have been
issued; ``vog_ouderdom``: how old it may be on the reference date).

Selector matching: ``soort``/``niveau`` are lists of allowed values, ``niveau_min`` compares in the
order of :data:`generator.catalog.model.LEVELS`, ``functie`` compares case-insensitively, ``vog`` is
whether a VOG date is filled in, ``skj`` whether the person is registered (empty = no),
``ervaring_jaren_min`` a lower bound on experience (empty = 0), and ``supervisor`` is matched against
the active row that ``toezicht_door`` names.

The roster holds one VOG date per person: the latest VOG. The check "at most N before the start of
employment" is therefore applied only when that VOG was issued on or before ``datum_in_dienst``; a VOG
issued later is a renewal, and only its age on the reference date is checked.

Each violation is a :class:`~generator.assess.findings.Finding` with verdict ``voldoet_niet``, the
``medewerker_id`` (or team) as subject and the rule kind as rule; a requirement whose rules are all
met gets a single ``voldoet`` finding.
"""

from __future__ import annotations

import calendar
import datetime as dt

from generator.assess.findings import FAILS, MEETS, Finding
from generator.catalog.model import LEVELS, OPERATOR_LABELS, Norm, Requirement, Selector, StaffRule, quantity_text
from generator.roster.plausibility import RULE as PLAUSIBILITY
from generator.roster.reader import Roster, StaffMember

SOURCE = "roster"
VOG_AT_HIRE = "vog_ouderdom_bij_indiensttreding"
VOG_AGE = "vog_ouderdom"
NO_TEAM = "(geen team)"


# --- selectors ------------------------------------------------------------------------------------


def describe(selector: Selector | None) -> str:
    """A selector in Dutch words: 'medewerker, minimaal mbo-4, met VOG'."""
    if selector is None:
        return "iedereen"
    parts: list[str] = []
    if selector.soort:
        parts.append(" of ".join(selector.soort))
    if selector.functie:
        parts.append("functie " + " of ".join(selector.functie))
    if selector.niveau:
        parts.append("niveau " + " of ".join(selector.niveau))
    if selector.niveau_min:
        parts.append(f"minimaal {selector.niveau_min}")
    if selector.vog is not None:
        parts.append("met VOG" if selector.vog else "zonder VOG")
    if selector.skj is not None:
        parts.append("SKJ-geregistreerd" if selector.skj else "niet SKJ-geregistreerd")
    if selector.ervaring_jaren_min is not None:
        parts.append(f"ten minste {_number(selector.ervaring_jaren_min)} jaar ervaring")
    if selector.supervisor is not None:
        parts.append(f"onder toezicht van: {describe(selector.supervisor)}")
    return ", ".join(parts) or "iedereen"


def mismatches(member: StaffMember, selector: Selector, roster: Roster) -> list[str]:
    """Why *member* does not match *selector*, in Dutch; empty when it matches."""
    reasons: list[str] = []
    if selector.soort and member.soort not in selector.soort:
        reasons.append(f"is {member.soort}, vereist {' of '.join(selector.soort)}")
    if selector.functie and member.functie.strip().lower() not in {f.strip().lower() for f in selector.functie}:
        reasons.append(f"functie is '{member.functie}', vereist {' of '.join(selector.functie)}")
    if selector.niveau and member.niveau not in selector.niveau:
        reasons.append(f"niveau is {member.niveau}, vereist {' of '.join(selector.niveau)}")
    if selector.niveau_min and LEVELS.index(member.niveau) < LEVELS.index(selector.niveau_min):
        reasons.append(f"niveau is {member.niveau}, vereist minimaal {selector.niveau_min}")
    if selector.vog is not None and (member.vog_datum is not None) != selector.vog:
        reasons.append("heeft geen VOG" if selector.vog else "heeft een VOG")
    if selector.skj is not None and bool(member.skj) != selector.skj:
        reasons.append("is niet SKJ-geregistreerd" if selector.skj else "is SKJ-geregistreerd")
    if selector.ervaring_jaren_min is not None and (member.ervaring_jaren or 0) < selector.ervaring_jaren_min:
        reasons.append(
            f"heeft {_number(member.ervaring_jaren or 0)} jaar ervaring, vereist ten minste "
            f"{_number(selector.ervaring_jaren_min)}"
        )
    if selector.supervisor is not None:
        boss = roster.active_member(member.toezicht_door)
        if boss is None:
            reasons.append("heeft geen (actieve) toezichthouder")
        else:
            inner = mismatches(boss, selector.supervisor, roster)
            if inner:
                reasons.append(f"toezichthouder {boss.id} {'; '.join(inner)}")
    return reasons


def matches(member: StaffMember, selector: Selector | None, roster: Roster) -> bool:
    return selector is None or not mismatches(member, selector, roster)


def _subjects(rule: StaffRule, roster: Roster) -> list[StaffMember]:
    return [m for m in roster.active if matches(m, rule.who, roster)]


# --- one function per kind ------------------------------------------------------------------------


def check_vog(req: Requirement, rule: StaffRule, roster: Roster) -> list[Finding]:
    """Everyone under ``who`` has a VOG that meets the VOG norms of *req*."""
    at_hire = [n for n in req.binding_norms if n.metric == VOG_AT_HIRE]
    age = [n for n in req.binding_norms if n.metric == VOG_AGE]
    found: list[Finding] = []
    for member in _subjects(rule, roster):
        if member.vog_datum is None:
            message = f"{member.id}: heeft geen VOG, het personeelsbestand noemt geen VOG-datum ({req.id})"
            found.append(_fail(req, rule, member.id, message))
            continue
        if member.vog_datum <= member.datum_in_dienst:
            for norm in at_hire:
                elapsed = elapsed_in(member.vog_datum, member.datum_in_dienst, norm.unit)
                if not norm.holds(elapsed):
                    found.append(
                        _fail(
                            req,
                            rule,
                            member.id,
                            f"{member.id}: VOG is afgegeven {_excess(elapsed, norm)} vóór indiensttreding "
                            f"({_bound(norm)}; {req.id})",
                        )
                    )
        for norm in age:
            elapsed = elapsed_in(member.vog_datum, roster.peildatum, norm.unit)
            if not norm.holds(elapsed):
                found.append(
                    _fail(
                        req,
                        rule,
                        member.id,
                        f"{member.id}: VOG van {member.vog_datum:%d-%m-%Y} is op de peildatum "
                        f"{_excess(elapsed, norm)} oud ({_bound(norm)}; {req.id})",
                    )
                )
    return found


def check_supervision(req: Requirement, rule: StaffRule, roster: Roster) -> list[Finding]:
    """Everyone under ``who`` works under supervision of an active person matching ``supervisor``."""
    found: list[Finding] = []
    wanted = describe(rule.supervisor)
    for member in _subjects(rule, roster):
        if not member.toezicht_door:
            message = (
                f"{member.id}: werkt zonder toezichthouder, het personeelsbestand noemt er geen; "
                f"vereist toezicht door {wanted}"
            )
        else:
            boss = roster.active_member(member.toezicht_door)
            if boss is None:
                state = _absent(member.toezicht_door, roster)
                message = f"{member.id}: toezichthouder {member.toezicht_door} {state}; vereist toezicht door {wanted}"
            else:
                reasons = mismatches(boss, rule.supervisor, roster) if rule.supervisor else []
                if not reasons:
                    continue
                message = f"{member.id}: toezichthouder {boss.id} {'; '.join(reasons)}"
        found.append(_fail(req, rule, member.id, f"{message} ({req.id})"))
    return found


def check_team_lead(req: Requirement, rule: StaffRule, roster: Roster) -> list[Finding]:
    """Every team of the people under ``who`` has at least one active person matching ``requires``."""
    teams = sorted({m.team or NO_TEAM for m in _subjects(rule, roster)})
    found: list[Finding] = []
    for team in teams:
        members = [m for m in roster.active if (m.team or NO_TEAM) == team]
        if any(matches(m, rule.requires, roster) for m in members):
            continue
        found.append(
            _fail(
                req,
                rule,
                f"team {team}",
                f"team {team}: geen actieve medewerker die eindverantwoordelijk kan zijn "
                f"({describe(rule.requires)}); {req.id}",
            )
        )
    return found


def check_qualification(req: Requirement, rule: StaffRule, roster: Roster) -> list[Finding]:
    """Everyone under ``who`` matches at least one selector of ``any_of``."""
    found: list[Finding] = []
    for member in _subjects(rule, roster):
        if not rule.any_of or any(matches(member, option, roster) for option in rule.any_of):
            continue
        options = "; of ".join(describe(option) for option in rule.any_of)
        found.append(
            _fail(
                req,
                rule,
                member.id,
                f"{member.id}: voldoet aan geen van de toegestane kwalificaties ({options}); {req.id}",
            )
        )
    return found


def check_registration(req: Requirement, rule: StaffRule, roster: Roster) -> list[Finding]:
    """Everyone under ``who`` matches ``requires`` (for example ``skj: true``)."""
    found: list[Finding] = []
    if rule.requires is None:
        return found
    for member in _subjects(rule, roster):
        reasons = mismatches(member, rule.requires, roster)
        if reasons:
            found.append(
                _fail(
                    req,
                    rule,
                    member.id,
                    f"{member.id}: {'; '.join(reasons)} (vereist: {describe(rule.requires)}; {req.id})",
                )
            )
    return found


CHECKS = {
    "vog": check_vog,
    "supervision": check_supervision,
    "team_lead": check_team_lead,
    "qualification": check_qualification,
    "registration": check_registration,
}


def check_requirement(req: Requirement, roster: Roster) -> list[Finding]:
    """All roster findings for *req*: its violations, or one ``voldoet`` finding; [] without staff rules.

    A roster with impossible values (:mod:`generator.roster.plausibility`) is no evidence for any staff
    rule: each such value is a failing finding with its place, so the requirement never counts as met.
    """
    if not req.staff_rules:
        return []
    found: list[Finding] = [
        Finding(
            req.id,
            SOURCE,
            FAILS,
            f"{item.where}: {item.member_id}: {item.message}; een regel met onmogelijke gegevens telt niet als "
            f"bewijs ({req.id})",
            item.member_id,
            PLAUSIBILITY,
        )
        for item in roster.implausible
    ]
    for rule in req.staff_rules:
        found.extend(CHECKS[rule.kind](req, rule, roster))
    if found:
        return found
    kinds = ", ".join(sorted({RULE_LABELS[r.kind] for r in req.staff_rules}))
    subjects = {m.id for rule in req.staff_rules for m in _subjects(rule, roster)}
    message = (
        f"personeelsbestand getoetst ({kinds}): {len(subjects)} medewerker(s) vallen onder de regel, "
        f"geen overtredingen ({req.id})"
    )
    return [Finding(req.id, SOURCE, MEETS, message, None, ",".join(r.kind for r in req.staff_rules))]


def check_roster(requirements: list[Requirement], roster: Roster) -> list[Finding]:
    """Roster findings for every requirement with staff rules, in requirement order."""
    return [finding for req in requirements for finding in check_requirement(req, roster)]


RULE_LABELS = {
    "vog": "VOG",
    "supervision": "toezicht",
    "team_lead": "eindverantwoordelijke per team",
    "qualification": "kwalificatie",
    "registration": "registratie",
}


# --- helpers --------------------------------------------------------------------------------------


def _absent(member_id: str, roster: Roster) -> str:
    """Why *member_id* is no active member, in Dutch."""
    if member_id in roster.implausible_ids:
        where = next(item.where for item in roster.implausible if item.member_id == member_id)
        return f"heeft onmogelijke gegevens ({where})"
    return "is niet meer in dienst" if roster.known(member_id) else "staat niet in het bestand"


def _fail(req: Requirement, rule: StaffRule, subject: str, message: str) -> Finding:
    return Finding(req.id, SOURCE, FAILS, message, subject, rule.kind)


def _add_months(date: dt.date, months: int) -> dt.date:
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def elapsed_in(start: dt.date, end: dt.date, unit: str) -> float:
    """The time from *start* to *end* in *unit* (calendar months and years; negative if end < start)."""
    if end < start:
        return -elapsed_in(end, start, unit)
    days = (end - start).days
    if unit == "days":
        return float(days)
    if unit == "weeks":
        return days / 7
    if unit in ("months", "years"):
        months = (end.year - start.year) * 12 + end.month - start.month
        if _add_months(start, months) > end:
            months -= 1
        anchor = _add_months(start, months)
        following = _add_months(start, months + 1)
        value = months + (end - anchor).days / (following - anchor).days
        return value / 12 if unit == "years" else value
    raise ValueError(f"unit {unit!r} is geen tijdseenheid")


def _number(value: float) -> str:
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}".replace(".", ",")


def _amount(value: float, unit: str) -> str:
    return quantity_text(_number(value), unit)


def _excess(value: float, norm: Norm) -> str:
    """*value* in words; 'ruim 3 maanden' when rounding would make it look equal to the bound."""
    text = _amount(value, norm.unit)
    if _number(value) != _number(norm.value):
        return text
    return f"ruim {text}" if value > norm.value else f"bijna {text}"


def _bound(norm: Norm) -> str:
    return f"{OPERATOR_LABELS[norm.operator]} {_amount(norm.value, norm.unit)}"
