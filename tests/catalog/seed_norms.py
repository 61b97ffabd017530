"""Shared checks of the per-document source tests: a norm of the real catalog is stated in its seed."""

from __future__ import annotations

import re
from functools import cache

from generator.catalog.load import load_catalog
from generator.catalog.model import Catalog, Norm, Requirement
from tests.conftest import REAL_CATALOG, SEEDS

# Real HTML tags left by extraction (document 002), not text such as "<18 jaar>".
_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")
_SPACE = re.compile(r"\s+")


@cache
def real_catalog() -> Catalog:
    return load_catalog(REAL_CATALOG)


def normalize(text: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", text)).strip().lower()


@cache
def seed_text(document: str) -> str:
    return normalize((SEEDS / document).read_text(encoding="utf-8"))


def in_seed(document: str, phrase: str) -> bool:
    return normalize(phrase) in seed_text(document)


Groups = str | tuple[str, ...] | list[str] | None


def as_groups(applies_to: Groups) -> tuple[str, ...]:
    """*applies_to* as the model has it: a tuple of target groups (one group may be given on its own)."""
    if applies_to is None:
        return ()
    return (applies_to,) if isinstance(applies_to, str) else tuple(applies_to)


def find_norm(req: Requirement, metric: str, operator: str, value: float, unit: str, applies_to: Groups):
    """The norm of *req* with exactly these fields, or None."""
    for norm in req.norms:
        key = (norm.metric, norm.operator, norm.unit, norm.applies_to)
        if key == (metric, operator, unit, as_groups(applies_to)) and norm.value == value:
            return norm
    return None


def assert_norm_in_seed(
    req_id: str,
    metric: str,
    operator: str,
    value: float,
    unit: str,
    share: float | None,
    applies_to: Groups,
    document: str,
    phrase: str,
    tender: str | None = None,
) -> Norm:
    """*req_id* comes from *document* (and *tender*), carries this norm, and *phrase* stands in the seed."""
    req = real_catalog().requirement(req_id)
    if tender is not None:
        assert req.tender == tender
    assert req.source.document == document
    norm = find_norm(req, metric, operator, value, unit, applies_to)
    assert norm is not None, f"{req_id} heeft geen norm {metric} {operator} {value} {unit} {applies_to}: {req.norms}"
    assert norm.share == share
    if req.target_groups:
        assert set(as_groups(applies_to)) <= set(req.target_groups)
    assert in_seed(document, phrase), f"de frase staat niet in de bron: {phrase!r}"
    return norm
