"""``checker claims [PATHS]``: the review queue of every claim, as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import click

from checker.claims.kinds import RISK_ORDER
from checker.claims.queue import ArticleQueue, QueueItem
from checker.claims.workspace import Workspace
from checker.errors import UsageError

FIELDS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "kind",
    "risk",
    "why",
    "score",
    "cues",
    "support",
    "citations",
    "ledger",
    "claim",
)


def item_row(queue: ArticleQueue, item: QueueItem) -> dict[str, Any]:
    """One claim as a flat record (the JSON object and the CSV row)."""
    claim = item.claim
    start, end = claim.source_span()
    source = queue.doc.source
    line, column = source.position(start)
    end_line, end_column = source.position(end)
    return {
        "path": queue.doc.path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "kind": claim.kind,
        "risk": claim.risk,
        "why": claim.why,
        "score": claim.score,
        "cues": list(claim.cues),
        "support": claim.support.status,
        "citations": [c.describe() for c in claim.support.citations],
        "ledger": item.ledger_status,
        "claim": claim.text,
    }


def render_text(rows: list[dict[str, Any]]) -> str:
    """One block per claim, then a summary."""
    out = []
    for row in rows:
        cues = ", ".join(f"'{c}'" for c in row["cues"][:3])
        support = row["support"] + (f" ({', '.join(row['citations'])})" if row["citations"] else "")
        out.append(
            f"{row['path']}:{row['line']}:{row['column']}: {row['risk']} {row['kind']} "
            f"{row['score']:.2f} ({row['why']}) "
            f"support={support} ledger={row['ledger']}  {cues}\n    {row['claim']}"
        )
    waiting = sum(1 for r in rows if r["support"] != "supported" and r["ledger"] not in _CLEARED)
    articles = len({r["path"] for r in rows})
    out.append(f"{len(rows)} claims in {articles} articles; {waiting} need a source or a review")
    return "\n".join(out) + "\n"


_CLEARED = ("supported", "not-a-claim")


def render_csv(rows: list[dict[str, Any]]) -> str:
    """CSV with a header row; list fields are joined with ``; ``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return buffer.getvalue()


def render_json(rows: list[dict[str, Any]], stale: list[dict[str, Any]]) -> str:
    """``{"claims": [...], "stale": [...]}``."""
    return json.dumps({"claims": rows, "stale": stale}, indent=2, ensure_ascii=False) + "\n"


def _stale_rows(queue: ArticleQueue) -> list[dict[str, Any]]:
    rows = []
    for stale in queue.stale:
        line, column = queue.doc.source.position(stale.sentence.source_span()[0])
        rows.append(
            {
                "path": queue.doc.path,
                "line": line,
                "column": column,
                "ledger_claim": stale.entry.claim,
                "status": stale.entry.status,
                "sentence": stale.sentence.text,
                "similarity": round(stale.similarity, 3),
            }
        )
    return rows


@click.command("claims")
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.option("--open", "only_open", is_flag=True, help="Only claims still needing an editor.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the queue here.")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
def command(
    paths: tuple[str, ...], fmt: str, only_open: bool, output: str | None, config_path: str | None
) -> None:
    """List every claim, highest risk first, with kind, score, support, ledger and location."""
    targets = list(paths) or ["articles/"]
    if not paths and not Path("articles").is_dir():
        raise UsageError("no paths given and no articles/ folder here")
    workspace = Workspace.open(config_path)
    rows: list[dict[str, Any]] = []
    stale: list[dict[str, Any]] = []
    for queue in workspace.queues(targets):
        rows.extend(item_row(queue, i) for i in queue.items if i.open or not only_open)
        stale.extend(_stale_rows(queue))
    rows.sort(key=lambda r: RISK_ORDER.get(r["risk"], 1))  # stable: document order within a tier
    if fmt == "json":
        report = render_json(rows, stale)
    elif fmt == "csv":
        report = render_csv(rows)
    else:
        report = render_text(rows)
    if output:
        Path(output).write_text(report, encoding="utf-8")
    else:
        click.echo(report, nl=False)
