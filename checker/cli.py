"""The ``checker`` command line. Subcommands live in ``checker/commands/``, one module each."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from checker import __version__, commands
from checker.errors import CheckerError


class CheckerGroup(click.Group):
    """A click group that turns ``CheckerError`` into a clear message and exit code 2."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CheckerError as exc:
            click.echo(f"checker: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=CheckerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Lint health articles: duplicates, spelling, grammar, unsupported claims and facts."""


def _register() -> None:
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        command = getattr(module, "command", None)
        if isinstance(command, click.Command):
            main.add_command(command)


_register()
