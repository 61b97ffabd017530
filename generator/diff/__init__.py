"""Tender version diff (``opvang diff OLD NEW``): what changed between two versions of the catalog.

The site build calls :func:`load_side`, :func:`compare` and :func:`render_diff_markdown`.
"""

from generator.diff.compare import CatalogDiff, NormChange, RequirementChange, compare, word_diff
from generator.diff.load import Side, from_export, load_side
from generator.diff.render import (
    FORMATS,
    render_diff_html,
    render_diff_json,
    render_diff_markdown,
    render_diff_text,
)

__all__ = [
    "FORMATS",
    "CatalogDiff",
    "NormChange",
    "RequirementChange",
    "Side",
    "compare",
    "from_export",
    "load_side",
    "render_diff_html",
    "render_diff_json",
    "render_diff_markdown",
    "render_diff_text",
    "word_diff",
]
