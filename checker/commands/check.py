"""``checker check``: lint articles and report findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from checker.atomic import atomic_write
from checker.baseline import Baseline
from checker.config import FAIL_ON_VALUES, Config, describe, load_config
from checker.engine import RunResult, run
from checker.errors import UsageError
from checker.filters import drop_below
from checker.progress import ProgressBar
from checker.report import ReportOptions, reporters

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITIES = ("info", "warning", "error")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def apply_cli_options(config: Config, **opts: object) -> Config:
    """Let command-line options override the configuration file."""
    if opts.get("select"):
        config.select = _split(opts["select"])  # type: ignore[arg-type]
    if opts.get("ignore"):
        config.ignore = [*config.ignore, *_split(opts["ignore"])]  # type: ignore[arg-type]
    if opts.get("fail_on"):
        config.fail_on = str(opts["fail_on"])
    if opts.get("require_grammar"):
        config.grammar = "required"
    if opts.get("no_grammar"):
        if opts.get("require_grammar"):
            raise UsageError("--no-grammar and --require-grammar contradict each other")
        config.grammar = "off"
    return config


def speed_options(opts: dict[str, object]) -> dict[str, object]:
    """``--jobs`` and ``--no-cache`` (or CHECKER_NO_CACHE) as keyword arguments of ``run``."""
    from checker.cache import NO_CACHE_ENV, ResultCache

    no_cache = bool(opts.get("no_cache")) or bool(os.environ.get(NO_CACHE_ENV))
    return {"jobs": opts.get("jobs"), "cache": None if no_cache else ResultCache()}


def exit_code(result: RunResult, fail_on: str) -> int:
    """0 when nothing reaches ``fail_on``, 1 otherwise."""
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = ("info", "warning", "error").index(fail_on)
    failing = any(f.severity.rank >= threshold for f in result.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def use_color(no_color: bool, output: str | None) -> bool:
    """Colours only on a terminal, never with --no-color, -o or NO_COLOR set."""
    return not no_color and output is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def default_targets(paths: tuple[str, ...]) -> list[str]:
    """The paths to check: those given, or articles/ when there is one."""
    if not paths and not Path("articles").is_dir():
        raise UsageError("no paths given and no articles/ folder here")
    return list(paths) or ["articles/"]


def read_stdin(paths: list[str], stdin_filename: str | None) -> tuple[str, bytes] | None:
    """The standard input as an article, when ``-`` is among the paths."""
    if "-" not in paths:
        return None
    return (stdin_filename or "stdin.md", sys.stdin.buffer.read())


def checked(
    targets: list[str],
    config: Config,
    stdin: tuple[str, bytes] | None,
    baseline: Baseline | None,
    *,
    note: bool = True,
    speed: dict[str, object] | None = None,
) -> RunResult:
    """Run the checks (with a progress bar on a terminal) and drop baselined findings."""
    bar = ProgressBar()
    try:
        result = run(targets, config, stdin, progress=bar, **(speed or {}))  # type: ignore[arg-type]
    finally:
        bar.close()
    if baseline is None:
        return result
    result, hidden = baseline.filter(result)
    if hidden and note:
        click.echo(f"checker: {hidden} finding(s) accepted by the baseline not shown", err=True)
    return result


def fix_stage(
    result: RunResult,
    targets: list[str],
    config: Config,
    baseline: Baseline | None,
    opts: dict[str, object],
) -> RunResult:
    """``--diff`` prints the fixes and exits; ``--fix`` writes them and checks again."""
    if not opts.get("diff") and not opts.get("fix"):
        return result
    from checker import fixes  # only with --fix or --diff

    narrow = (lambda r: baseline.filter(r)[0]) if baseline else None
    unsafe = bool(opts.get("unsafe_fixes"))
    if opts.get("diff"):
        sys.exit(fixes.show_diff(result, config, unsafe=unsafe, narrow=narrow))
    speed = speed_options(opts)
    again = lambda: checked(targets, config, None, baseline, note=False, speed=speed)  # noqa: E731
    return fixes.fix_and_recheck(result, config, again, unsafe=unsafe, narrow=narrow)


@click.command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", default="text", help="Report format: text, json, ...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes or names).")
@click.option("--fail-on", type=click.Choice(FAIL_ON_VALUES), help="Lowest failing severity.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), help="Report only this or worse.")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
@click.option("--no-color", is_flag=True, help="Never use colours.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
@click.option("--stdin-filename", help="Name to report for '-' (standard input).")
@click.option("--require-grammar", is_flag=True, help="Exit 2 if grammar cannot be checked.")
@click.option("--no-grammar", is_flag=True, help="Do not run LanguageTool.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: cores).")
@click.option("--no-cache", is_flag=True, help="Check every article again (no result cache).")
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what is left.")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when no article is found.")
@click.option("--show-settings", is_flag=True, help="Print the resolved settings and exit.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings not in this baseline file.",
)
def command(paths: tuple[str, ...], fmt: str, output: str | None, **opts: object) -> None:
    """Check articles (files or folders; default: articles/)."""
    formats = reporters()
    if fmt not in formats:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(sorted(formats))})")
    config = apply_cli_options(load_config(opts.pop("config_path")), **opts)  # type: ignore[arg-type]
    if opts.get("show_settings"):
        click.echo(describe(config), nl=False)
        sys.exit(EXIT_CLEAN)
    targets = default_targets(paths)
    fix_stdin = bool(opts.get("fix")) and "-" in targets
    if fix_stdin and targets != ["-"]:
        raise UsageError("--fix - fixes standard input alone; give no other paths")
    stdin = read_stdin(targets, opts.get("stdin_filename"))  # type: ignore[arg-type]
    baseline = Baseline(str(opts["baseline_path"])) if opts.get("baseline_path") else None
    result = checked(targets, config, stdin, baseline, speed=speed_options(opts))
    if not result.files and not opts.get("allow_empty"):
        raise UsageError(f"no articles found in {', '.join(targets)} (--allow-empty to accept)")
    if fix_stdin:
        from checker import fixes

        again = lambda s: checked(targets, config, s, None, speed=speed_options(opts))  # noqa: E731
        result = fixes.fix_stdin(result, config, stdin, again)
    else:
        result = fix_stage(result, targets, config, baseline, opts)
    drop_below(result.files, opts.get("min_severity"))  # type: ignore[arg-type]
    color = use_color(bool(opts.get("no_color")), output)
    options = ReportOptions(color=color, quiet=bool(opts.get("quiet")), fail_on=config.fail_on)
    report = formats[fmt].render(result, options)
    if output:
        try:
            atomic_write(output, report.encode("utf-8"))  # a full disk leaves no half report
        except OSError as exc:
            raise UsageError(f"{output}: cannot write the report: {exc.strerror or exc}") from exc
    else:  # with --fix -, standard output carries the fixed text
        click.echo(report, nl=False, err=fix_stdin)
    sys.exit(exit_code(result, config.fail_on))
