"""The page "Alle commando's": every command of the command line, made from its own help texts.

The site does not import the command line (the pipeline runs one way: the command line calls the
site, never the other way round); the caller passes its root command (a :class:`click.Group`) and
this module walks it: every command and subcommand that is not hidden, with its usage line, its help
text and its options, as click would print them with ``--help``. So the page can never drift from the
program. Help texts are data here like catalog text: escaped, so that ``json|csv|xlsx`` shows as it
is and nothing in a help text becomes markup.
"""

from __future__ import annotations

import inspect
import re

import click

from generator.site.markdown import Raw, block, inline
from generator.site.pages import Page, render
from generator.site.paths import COMMANDS_PATH, rel

COMMANDS_TITLE = "Alle commando's"


def _anchor(path: str) -> str:
    """``opvang site build`` → ``opvang-site-build``."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def code(text: str) -> Raw:
    """*text* as an inline code span (a longer backtick fence when the text holds backticks)."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Raw(f"{fence}{pad}{text}{pad}{fence}")


def help_paragraphs(text: str | None) -> Raw:
    """A click help text as paragraphs: rewrapped like click does, ``\\b`` paragraphs kept line by line."""
    if not text:
        return Raw("")
    text = inspect.cleandoc(text).partition("\f")[0]
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        if paragraph.startswith("\b"):
            paragraphs.append(paragraph[1:].strip("\n"))
        else:
            paragraphs.append(" ".join(paragraph.split()))
    return block("\n\n".join(paragraphs))


def _options(command: click.Command, ctx: click.Context) -> list[dict]:
    """Every visible option but ``--help`` (the page says once that every command has it)."""
    options = []
    help_option = command.get_help_option(ctx)
    for param in command.get_params(ctx):
        if not isinstance(param, click.Option) or param.hidden or param is help_option:
            continue
        record = param.get_help_record(ctx)
        if record is None:
            continue
        names, help_text = record
        options.append({"names": code(names), "help": inline(help_text) if help_text else None})
    return options


def _sections(command: click.Command, ctx: click.Context, level: int) -> list[dict]:
    """The section of *command* and, for a group, those of its subcommands (depth first, by name).

    The root and its commands are sections of the same level; subcommands of a group one deeper.
    """
    path = ctx.command_path
    section = {
        "level": Raw("#" * level),
        "path": path,
        "anchor": _anchor(path),
        "usage": Raw(" ".join([path, *command.collect_usage_pieces(ctx)]).replace("`", "'")),  # in a code block
        "help": help_paragraphs(command.help),
        "epilog": help_paragraphs(command.epilog) if command.epilog else None,
        "options": _options(command, ctx),
        "subcommands": [],
    }
    out = [section]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            sub_ctx = click.Context(sub, info_name=name, parent=ctx)
            section["subcommands"].append(
                {"link": Raw(f"[{code(sub_ctx.command_path)}](#{_anchor(sub_ctx.command_path)})")}
            )
            out.extend(_sections(sub, sub_ctx, level if ctx.parent is None else level + 1))
    return out


def commands_page(root: click.Command, name: str = "opvang", introduction: str | None = None) -> Page:
    """The reference page of *root* (the command line's root group, called *name*).

    *introduction* is the docs path of a hand-written introduction to link to (e.g. ``gebruik.md``).
    """
    ctx = click.Context(root, info_name=name, **(root.context_settings or {}))
    sections = _sections(root, ctx, 2)
    listing = [{"link": Raw(f"[{code(s['path'])}](#{s['anchor']})"), "short": _short(s["help"])} for s in sections[1:]]
    return Page(
        COMMANDS_PATH,
        COMMANDS_TITLE,
        render(
            "commands.md.j2",
            title=COMMANDS_TITLE,
            name=name,
            introduction=rel(COMMANDS_PATH, introduction) if introduction else None,
            listing=listing,
            sections=sections,
        ),
    )


def _short(help_text: Raw) -> Raw:
    """The first sentence of an escaped help text (up to the first full stop followed by a space)."""
    first = help_text.split("\n\n", 1)[0].replace("<br>\n", " ")
    match = re.search(r"(?<=[.?!])\s", first)
    return Raw(first[: match.start()] if match else first)
