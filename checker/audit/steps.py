"""The cross-article rules as map and reduce steps: what a worker extracts from one document
(``extract``), and how the driver turns every article's records into findings (``reduce``).

The same functions back the corpus rules of ``checker check``, so both report alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.checks.claims_corpus import document_claims, sourced_elsewhere_findings
from checker.checks.facts import across_article_findings
from checker.checks.passages import PassageSettings, document_passages, passage_findings
from checker.context import CheckContext
from checker.document import Document
from checker.facts.record import FactRecord
from checker.facts.settings import statements
from checker.findings import Finding


@dataclass(frozen=True)
class CorpusStep:
    """One corpus rule split into a per-article ``extract`` and a cross-article ``reduce``."""

    code: str
    extract: Callable[[Document, CheckContext], list[Any]]
    reduce: Callable[[Iterable[Any], CheckContext], Iterator[Finding]]


def _facts(doc: Document, ctx: CheckContext) -> list[FactRecord]:
    return [FactRecord.of(s) for s in statements(ctx.state, doc)]


def _passages(doc: Document, ctx: CheckContext) -> list[Any]:
    return list(document_passages(doc, PassageSettings.of(ctx.options)))


STEPS: dict[str, CorpusStep] = {
    step.code: step
    for step in (
        CorpusStep("FCT003", _facts, across_article_findings),
        CorpusStep("DUP005", _passages, passage_findings),
        CorpusStep("CLM004", document_claims, sourced_elsewhere_findings),
    )
}
