"""``checker facts``: list what the checker believes each article states."""

from __future__ import annotations

import json
from pathlib import Path

import click

from checker import resources
from checker.config import load_config
from checker.context import RunState
from checker.engine import load_sources
from checker.errors import UsageError
from checker.facts.base import FactBase
from checker.facts.compare import agrees_with_fact, fact_for
from checker.facts.extract import Statement
from checker.facts.settings import run_fact_base, statements
from checker.loader import InputProblem
from checker.parsing import parse
from checker.parsing.markdown import FrontMatterError


@click.command("facts")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
def command(paths: tuple[str, ...], fmt: str, config_path: str | None) -> None:
    """List the facts extracted from articles (entity, attribute, value, location)."""
    config = load_config(config_path)
    resources.set_rules_dir(config.rules_path)
    targets = list(paths) or ["articles/"]
    if not paths and not Path("articles").is_dir():
        raise UsageError("no paths given and no articles/ folder here")
    state = RunState(config)
    base = run_fact_base(state)
    found: list[Statement] = []
    for item in load_sources(targets, config):
        if isinstance(item, InputProblem):
            click.echo(f"{item.path}: {item.reason}", err=True)
            continue
        try:
            doc = parse(item)
        except FrontMatterError as exc:
            click.echo(f"{item.path}: {exc}", err=True)
            continue
        found.extend(statements(state, doc))
    if fmt == "json":
        rows = [_json(s, base) for s in found]
        click.echo(json.dumps({"facts": rows}, indent=2, ensure_ascii=False))
        return
    for s in found:
        click.echo(_text(s, base))
    click.echo(f"{len(found)} statement{'s' if len(found) != 1 else ''}")


def _status(s: Statement, base: FactBase) -> str:
    fact = fact_for(base, s)
    if fact is None:
        return "unverified (not in fact base)" if s.attribute.unverified else "not in fact base"
    ok = agrees_with_fact(s, fact)
    return "agrees with fact base" if ok else f"fact base: {fact.value.label}"


def _json(s: Statement, base: FactBase) -> dict[str, object]:
    row = s.to_dict()
    row["status"] = _status(s, base)
    return row


def _text(s: Statement, base: FactBase) -> str:
    line, column = s.doc.source.position(s.start)
    extra = f" [{s.qualifier}]" if s.qualifier else ""
    via = f" (subject: {s.via})" if s.via else ""
    return (
        f"{s.path}:{line}:{column}: {s.subject.label} | {s.attribute.label} | "
        f"{s.value.label}{extra} | {_status(s, base)}{via}"
    )
