"""The vague-term list: its schema, its documented examples, inflections and false friends."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.diagnostics import InputError
from generator.lint.terms import DEFAULT_TERMS, find_vague, load_terms, normalize

TERMS = load_terms(DEFAULT_TERMS)


def found(text: str) -> list[tuple[str, str]]:
    return [(term.id, words) for term, words in find_vague(text, TERMS)]


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t.id)
def test_documented_examples(term):
    """Every example in vague-terms.yaml behaves as documented (per term, on its own)."""
    assert term.vague_examples, f"term {term.id} heeft geen voorbeelden"
    for example in term.vague_examples:
        assert term.matches(normalize(example)), f"{term.id} mist: {example}"
    for example in term.not_vague_examples:
        assert not term.matches(normalize(example)), f"{term.id} meldt ten onrechte: {example}"


def test_issue_terms_are_covered():
    texts = {
        "binnen enkele weken": "enkele",
        "zo snel als mogelijk": "zo-snel-mogelijk",
        "zo snel mogelijk": "zo-snel-mogelijk",
        "tijdig": "tijdig",
        "passend": "passend",
        "voldoende": "voldoende",
        "adequaat": "adequaat",
        "zoveel als mogelijk": "zoveel-mogelijk",
        "zo kort mogelijk": "zo-kort-mogelijk",
        "in principe": "in-principe",
        "waar mogelijk": "waar-mogelijk",
        "indien nodig": "indien-nodig",
        "en/of": "en-of",
    }
    for text, term_id in texts.items():
        assert [t for t, _ in found(f"De aanbieder doet dit {text}.")] == [term_id], text


@pytest.mark.parametrize(
    "text, words",
    [
        ("een passende plek", "passende"),
        ("een passender aanbod", "passender"),
        ("tijdige signalering", "tijdige"),
        ("adequate zorg", "adequate"),
        ("PASSEND bij de vraag", "PASSEND"),
        ("binnen enkele\n   weken", "enkele"),
        ("zo snel\nals mogelijk", "zo snel als mogelijk"),
    ],
)
def test_inflections_and_line_breaks(text, words):
    assert [w for _, w in found(text)] == [words]


@pytest.mark.parametrize(
    "text",
    [
        "de werkwijze wordt aanpassend ingericht",  # "passend" inside another word
        "toepassende regels",
        "dat past bij de cliënt",  # the verb "passen"
        "leerlingen in passend onderwijs",  # legal term (Wet passend onderwijs)
        "enkel voor jongeren",  # "enkel" means "only"
        "een enkelvoudige hulpvraag",
        "bij onvoldoende budget",  # a condition, not a duty (documented exclusion)
        "de tijdigheid van rapportages",
        "scholing en dagbesteding",
        "zo lang de beschikking loopt",
        "gezien als mogelijk risico",
    ],
)
def test_no_false_hits(text):
    assert found(text) == []


def test_specific_term_claims_text_before_general_one():
    # "zo snel mogelijk" is not reported again as "zo ... mogelijk" or "snel"
    assert found("zo snel mogelijk") == [("zo-snel-mogelijk", "zo snel mogelijk")]
    assert found("zo lang als nodig") == [("zo-lang-als-nodig", "zo lang als nodig")]


def test_invalid_term_list_is_input_error(tmp_path: Path):
    bad = tmp_path / "vague-terms.yaml"
    bad.write_text("terms:\n  - id: Foo\n    forms: [x]\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_terms(bad)
    messages = " ".join(p.message for p in exc.value.problems)
    assert "why" in messages and "rewrite" in messages


def test_invalid_regex_is_input_error(tmp_path: Path):
    bad = tmp_path / "vague-terms.yaml"
    bad.write_text("terms:\n  - id: foo\n    pattern: 'zo (snel'\n    why: x\n    rewrite: y\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_terms(bad)
    assert "reguliere expressie" in exc.value.problems[0].message
    assert exc.value.exit_code == 2


def test_one_search_for_all_terms_finds_what_every_term_finds(monkeypatch):
    """The union of the terms screens a text out only where no term matches (real texts and examples)."""
    from generator.catalog.load import load_catalog
    from generator.lint import terms as terms_module
    from tests.conftest import REAL_CATALOG

    vocabulary = terms_module.load_terms()
    assert terms_module._screen(vocabulary) is not None, "the shipped terms join into one expression"
    texts = [req.text for req in load_catalog(REAL_CATALOG).requirements]
    texts += [ex for term in vocabulary for ex in (*term.vague_examples, *term.not_vague_examples)]
    screened = [terms_module.find_vague(text, vocabulary) for text in texts]
    monkeypatch.setattr(terms_module, "_screen", lambda terms: None)
    assert screened == [terms_module.find_vague(text, vocabulary) for text in texts]
    assert sum(1 for found in screened if found) > 50, "the texts hold vague terms to find"


def test_terms_with_back_references_are_not_joined():
    from generator.lint import terms as terms_module

    own = terms_module.VagueTerm("dubbel", re.compile(r"(\w+) \1", re.IGNORECASE), (), "warning", "", "")
    assert terms_module._screen((own,)) is None
    assert [words for _, words in terms_module.find_vague("zeer zeer goed", (own,))] == ["zeer zeer"]
