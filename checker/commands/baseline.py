"""``checker baseline PATHS -o FILE``: accept today's findings, report only new ones later."""

from __future__ import annotations

import click

from checker import baseline
from checker.commands.check import apply_cli_options, checked, default_targets
from checker.config import load_config


@click.command("baseline")
@click.argument("paths", nargs=-1)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="Baseline file."
)
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
def command(paths: tuple[str, ...], output: str, **opts: object) -> None:
    """Write a baseline of the current findings; use it with `checker check --baseline FILE`."""
    config = apply_cli_options(load_config(opts.pop("config_path")), **opts)  # type: ignore[arg-type]
    targets = default_targets(paths)
    result = checked(targets, config, None, None)
    count = baseline.write(result, output)
    files = sum(1 for f in result.files if f.findings)
    click.echo(f"Wrote {count} finding(s) in {files} file(s) to {output}.")
