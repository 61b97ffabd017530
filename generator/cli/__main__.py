"""``python -m generator.cli``: the same as the ``opvang`` command."""

from generator.cli import main

main(prog_name="opvang")
