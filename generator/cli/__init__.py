"""The ``opvang`` command line: wires readers, rules and renderers together, and nothing more.

Each command group lives in its own module; this one defines the top-level group, makes click speak
Dutch, and turns every error into a located Dutch message with the contract's exit code (never a
Python traceback).
"""

from __future__ import annotations

import errno
import io
import os
import sys

import click

from generator.cli import dutch
from generator.cli.base import OpvangCommand
from generator.diagnostics import EXIT_USAGE, InputError, printable
from generator.inputs import forget_inputs
from generator.output import reason, silence_stdout

dutch.install()


class OpvangGroup(click.Group):
    """A group that reports errors in Dutch and with the data contract's exit codes."""

    command_class = OpvangCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        forget_inputs()  # a new command: the files read by an earlier one (in the same process) are no inputs
        try:
            return super().main(args, prog_name or "opvang", complete_var, standalone_mode=False, **extra)
        except InputError as exc:
            for problem in exc.problems:
                click.echo(problem.format(), err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            shown = io.StringIO()
            exc.show(file=shown)  # a usage error repeats what was typed: no terminal escapes from it
            for line in shown.getvalue().splitlines():
                click.echo(printable(line), err=True)
            sys.exit(EXIT_USAGE if isinstance(exc, click.UsageError) else exc.exit_code)
        except click.Abort:
            click.echo("Afgebroken.", err=True)
            sys.exit(130)
        except KeyboardInterrupt:
            click.echo("Afgebroken.", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader of the output stopped (opvang export | head): not an error
            silence_stdout()
            sys.exit(0)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO):
                raise _unexpected(exc) from None
            silence_stdout()
            click.echo(f"opvang: kan de uitvoer niet schrijven ({printable(reason(exc))}).", err=True)
            sys.exit(EXIT_USAGE)
        except Exception as exc:  # a bug: say so in Dutch, without a traceback unless asked
            raise _unexpected(exc) from None


def _unexpected(exc: Exception) -> SystemExit:
    """Report a bug in Dutch (the traceback only with OPVANG_DEBUG=1) and give the exit to raise."""
    if os.environ.get("OPVANG_DEBUG"):
        raise exc
    click.echo(
        printable(
            f"opvang: onverwachte fout ({type(exc).__name__}: {exc}). Dit is een fout in opvang, niet in uw "
            "invoer; meld hem bij de beheerders (met OPVANG_DEBUG=1 ziet u de details)."
        ),
        err=True,
    )
    return SystemExit(EXIT_USAGE)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=OpvangGroup, context_settings=CONTEXT)
@click.version_option(package_name="opvang", prog_name="opvang")
def main() -> None:
    """opvang: aanbestedingseisen voor de maatschappelijke opvang als code.

    Valideert en exporteert de eisencatalogus, maakt zelfevaluaties en gap-rapporten, berekent
    KPI's uit uw eigen registraties en bouwt de website met de eisen.
    """


from generator.cli import assess as _assess  # noqa: E402
from generator.cli import catalog as _catalog  # noqa: E402
from generator.cli import coverage as _coverage  # noqa: E402
from generator.cli import dossier as _dossier  # noqa: E402
from generator.cli import kpi as _kpi  # noqa: E402
from generator.cli import project as _project  # noqa: E402
from generator.cli import quality as _quality  # noqa: E402
from generator.cli import site as _site  # noqa: E402

for _module in (_project, _catalog, _assess, _kpi, _dossier, _quality, _coverage, _site):
    _module.register(main)
