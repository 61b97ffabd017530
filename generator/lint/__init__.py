"""Requirement-quality lint (``opvang lint``): vague terms, missing norms, KPI methods, conflicts, duties.

The site build calls :func:`lint_catalog`, :func:`render_quality_markdown` and
:func:`vague_requirement_ids`; the command line adds the text and JSON renderings.
"""

from generator.lint.report import (
    LintReport,
    TenderQuality,
    lint_catalog,
    render_json,
    render_markdown,
    render_quality_markdown,
    render_text,
    vague_requirement_ids,
)
from generator.lint.rules import RULES, Finding
from generator.lint.terms import load_terms

__all__ = [
    "RULES",
    "Finding",
    "LintReport",
    "TenderQuality",
    "lint_catalog",
    "load_terms",
    "render_json",
    "render_markdown",
    "render_quality_markdown",
    "render_text",
    "vague_requirement_ids",
]
