"""Shared click classes for opvang commands."""

from __future__ import annotations

import click


class OpvangCommand(click.Command):
    """A command whose usage line speaks Dutch."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)
