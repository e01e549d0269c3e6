"""``checker explain CODE``: a rule's rationale, examples and options."""

from __future__ import annotations

import click

from checker.errors import UsageError
from checker.filters import unknown_selector_message
from checker.rules import find_rule


@click.command("explain")
@click.argument("code")
def command(code: str) -> None:
    """Explain a rule (by code, such as DUP001, or by name)."""
    lookup = code.split(":", 1)[0] if ":" in code else code
    entry = find_rule(lookup)
    if entry is None:
        raise UsageError(f"{unknown_selector_message(lookup)} (see `checker rules`)")
    click.echo(f"{entry.code} ({entry.name})")
    click.echo(f"Category: {entry.category}. Default severity: {entry.severity.value}.")
    click.echo(f"Fixable: {'yes' if entry.fixable else 'no'}.")
    if entry.options:
        opts = ", ".join(f"{k} = {v!r}" for k, v in entry.options.items())
        click.echo(f"Options (in [tool.checker.rules.{entry.code}]): {opts}")
    click.echo("")
    click.echo(entry.explanation)
