"""What a worker sends back for one article: small, picklable, without the article's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.filters import Suppressions
from checker.findings import Finding


@dataclass
class ArticleSummary:
    """One checked article: its per-article findings (already filtered), the inline
    suppressions the reduce step applies to cross-article findings, and the records each
    corpus rule compares (``records[code]``: fact records, claim records, passages)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressions: Suppressions | None = None
    records: dict[str, list[Any]] = field(default_factory=dict)
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """Wall and CPU time the worker spent on the article (for benchmarks)."""


@dataclass
class BatchResult:
    """A worker's answer for one batch of paths."""

    summaries: list[ArticleSummary]
    engines: dict[str, str] = field(default_factory=dict)
    worker: str = ""
