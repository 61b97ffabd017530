"""Renderers: turn evaluated models into files (JSON, CSV, XLSX, Markdown, HTML). They never decide verdicts."""
