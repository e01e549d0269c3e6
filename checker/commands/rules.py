"""``checker rules``: list every rule with its category, severity and summary."""

from __future__ import annotations

import json

import click

from checker.rules import all_rules


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def command(fmt: str) -> None:
    """List the rules."""
    rules = all_rules()
    if fmt == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "category": r.category,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "summary": r.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for r in rules:
        fix = "fix" if r.fixable else "   "
        click.echo(
            f"{r.code:<8} {r.name:<28} {r.category:<10} {r.severity.value:<8} {fix} {r.summary}"
        )
