"""``checker audit``: check a whole archive on a Dask cluster, with cross-article checks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.audit.page import render_page
from checker.audit.run import attach_sources, audit
from checker.commands.check import apply_cli_options, default_targets, exit_code, use_color
from checker.config import FAIL_ON_VALUES, load_config
from checker.errors import UsageError
from checker.progress import ProgressBar
from checker.report import ReportOptions, reporters

SOURCE_FORMATS = ("text", "html", "sarif")
"""Formats that show source lines: the driver parses the articles that have findings."""


@click.command("audit")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", help="Report format: text, json, ...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--summary-html", type=click.Path(dir_okay=False), help="Write the editor's page.")
@click.option("--workers", type=click.IntRange(min=1), help="Embedded workers (default: cores).")
@click.option("--scheduler", help="Use an existing Dask cluster: tcp://host:port.")
@click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
              help="Retries of a failed batch before its articles get INP002.")  # fmt: skip
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--fail-on", type=click.Choice(FAIL_ON_VALUES), help="Lowest failing severity.")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
@click.option("--no-color", is_flag=True, help="Never use colours.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
@click.option("--require-grammar", is_flag=True, help="Exit 2 if grammar cannot be checked.")
def command(paths: tuple[str, ...], fmt: str, output: str | None, **opts: object) -> None:
    """Audit a whole archive: every article's checks as tasks on a Dask cluster, then the
    cross-article checks (DUP005, FCT003, CLM004) over the workers' summaries."""
    formats = reporters()
    if fmt not in formats:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(sorted(formats))})")
    config = apply_cli_options(load_config(opts.pop("config_path")), **opts)  # type: ignore[arg-type]
    bar = ProgressBar()
    try:
        done = audit(
            default_targets(paths),
            config,
            scheduler=opts.get("scheduler"),  # type: ignore[arg-type]
            workers=opts.get("workers"),  # type: ignore[arg-type]
            retries=int(opts.get("retries") or 0),
            progress=bar,
        )
    finally:
        bar.close()
    result = done.result
    attach_sources(result, documents=fmt in SOURCE_FORMATS)
    if opts.get("summary_html"):
        Path(str(opts["summary_html"])).write_text(render_page(done), encoding="utf-8")
    color = use_color(bool(opts.get("no_color")), output)
    options = ReportOptions(color=color, quiet=bool(opts.get("quiet")), fail_on=config.fail_on)
    report = formats[fmt].render(result, options)
    if output:
        Path(output).write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
    click.echo(
        f"checker audit: {len(result.files)} articles on {done.workers} worker(s) in "
        f"{done.seconds:.1f} s",
        err=True,
    )
    sys.exit(exit_code(result, config.fail_on))
