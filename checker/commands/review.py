"""``checker review ARTICLE``: walk an editor through the article's open claims.

For each unsupported (or weakly supported) claim not yet cleared by the ledger, the sentence is
shown in its paragraph and the editor answers: supported (with the source), not a claim,
needs a source, skip, or quit. Every answer is written to the ledger at once, atomically, so
quitting (``q``, Ctrl-D, Ctrl-C) keeps everything answered so far.
"""

from __future__ import annotations

import datetime
import getpass
import os
import textwrap

import click

from checker.claims.ledger import Entry, Ledger
from checker.claims.queue import QueueItem
from checker.claims.workspace import Workspace
from checker.document import PLACEHOLDER, Document
from checker.errors import UsageError

CHOICES = {
    "s": "supported",
    "n": "not-a-claim",
    "r": "needs-source",
    "k": "skip",
    "q": "quit",
}
PROMPT = "[s]upported  [n]ot a claim  needs a sou[r]ce  [k] skip  [q]uit"


def default_reviewer() -> str:
    """``$CHECKER_REVIEWER``, else the login name, else ``editor``."""
    name = os.environ.get("CHECKER_REVIEWER")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "editor"


def show(doc: Document, item: QueueItem, number: int, total: int) -> None:
    """Print a claim in its paragraph, with its kind, cues, support and earlier verdict."""
    sentence = item.claim.sentence
    line, _ = doc.source.position(sentence.source_span()[0])
    click.echo("")
    click.echo(click.style(f"[{number}/{total}] ", bold=True) + f"line {line}: " + _what(item))
    paragraph = sentence.block.text.text
    marked = (
        paragraph[: sentence.start]
        + ">>> "
        + click.style(sentence.text, bold=True)
        + " <<<"
        + paragraph[sentence.end :]
    )
    click.echo(textwrap.indent(textwrap.fill(marked, 96), "    "))
    if item.stale is not None:
        click.echo(f"    (approved earlier as {item.stale.status}: {item.stale.claim!r})")


def _what(item: QueueItem) -> str:
    claim = item.claim
    cues = ", ".join(f"'{c}'" for c in claim.cues[:3])
    support = claim.support.status
    if claim.support.weak_domains:
        support += f" ({', '.join(claim.support.weak_domains)})"
    return f"{claim.label} claim, score {claim.score:.2f}, cues {cues}; support: {support}"


def ask(item: QueueItem, ledger: Ledger, article: str, reviewer: str) -> str:
    """Ask for one verdict and record it; returns the answer's name."""
    answer = CHOICES[
        click.prompt(
            PROMPT, type=click.Choice(list(CHOICES), case_sensitive=False), show_choices=False
        ).lower()
    ]
    if answer in ("skip", "quit"):
        return answer
    sources: list[str] = []
    if answer == "supported":
        sources = [click.prompt("Source (link or reference)").strip()]
    note = click.prompt("Note (optional)", default="", show_default=False).strip()
    entry = Entry(
        article=ledger.article_key(article),
        claim=" ".join(item.claim.text.replace(PLACEHOLDER, " ").split()),
        status=answer,
        sources=sources,
        reviewer=reviewer,
        date=datetime.date.today().isoformat(),
        note=note,
    )
    ledger.record(entry, replaces=item.stale)
    ledger.save()
    return answer


@click.command("review")
@click.argument("article", type=click.Path(dir_okay=False))
@click.option("--reviewer", default=default_reviewer, help="Name recorded with each verdict.")
@click.option("--all", "include_all", is_flag=True, help="Also ask again about needs-source.")
@click.option("--config", "config_path", type=click.Path(), help="Configuration file.")
def command(article: str, reviewer: str, include_all: bool, config_path: str | None) -> None:
    """Review ARTICLE's unsupported claims one at a time and record them in the ledger."""
    if not os.path.isfile(article):
        raise UsageError(f"{article}: no such file")
    workspace = Workspace.open(config_path)
    queue = next(iter(workspace.queues([article])), None)
    if queue is None:
        raise UsageError(f"{article}: cannot be read")
    items = [
        i for i in queue.items if i.open and (include_all or i.ledger_status != "needs-source")
    ]
    click.echo(f"{article}: {len(items)} claim(s) to review; ledger: {workspace.ledger.path}")
    answered = 0
    for number, item in enumerate(items, 1):
        show(queue.doc, item, number, len(items))
        try:
            answer = ask(item, workspace.ledger, article, reviewer)
        except click.Abort:
            answer = "quit"
        if answer == "quit":
            click.echo("")
            break
        answered += answer != "skip"
    click.echo(f"{answered} answer(s) saved to {workspace.ledger.path}")
