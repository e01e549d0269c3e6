"""``checker server start|stop|status``: keep one LanguageTool server warm between runs."""

from __future__ import annotations

import sys
import time

import click

from checker.config import load_config
from checker.errors import EngineError
from checker.grammar import GrammarUnavailable, build_settings
from checker.grammar.paths import find_java, jar_dir, missing_install_reason, pinned_version
from checker.grammar.server import live_warm_server, read_state, start_warm, stop_warm
from checker.resources import rules_file, set_rules_dir


def _settings(config_path: str | None):
    config = load_config(config_path)
    set_rules_dir(config.rules_path)
    return build_settings(rules_file("grammar.yml"), config.section("languagetool"))


@click.group("server")
def command() -> None:
    """Keep a LanguageTool server running between checks (for editors and repeated runs)."""


@command.command("start")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
def start(config_path: str | None) -> None:
    """Start the warm server (or report the one already running)."""
    settings = _settings(config_path)
    java = find_java(settings.java)
    jars = settings.jars or jar_dir()
    reason = missing_install_reason(jars, java)
    if reason is not None or java is None:
        raise EngineError(f"cannot start LanguageTool: {reason}")
    began = time.monotonic()
    try:
        state = start_warm(
            java, jars, pinned_version(), settings.warm_java_options(), settings.start_timeout
        )
    except GrammarUnavailable as exc:
        raise EngineError(f"cannot start LanguageTool: {exc}") from exc
    took = time.monotonic() - began
    where = f"{state.url} (pid {state.pid}, {took:.1f}s)"
    click.echo(f"LanguageTool {state.version} running at {where}")


@command.command("stop")
def stop() -> None:
    """Stop the warm server."""
    click.echo("LanguageTool server stopped" if stop_warm() else "no LanguageTool server running")


@command.command("status")
def status() -> None:
    """Say whether the warm server is running; exit 1 if it is not."""
    state = live_warm_server()
    if state is not None:
        click.echo(f"LanguageTool {state.version} running at {state.url} (pid {state.pid})")
        return
    stale = " (stale state file)" if read_state() is not None else ""
    click.echo(f"no LanguageTool server running{stale}")
    sys.exit(1)
