"""The reduce step: cross-article findings from the workers' summaries, with no article text.

Each active corpus rule's records are gathered from every summary and handed to its step's
``reduce``; the findings are filtered with the article's own inline suppressions and merged
with its per-article findings, in the order ``checker check`` reports them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from checker.audit.steps import STEPS
from checker.audit.summary import ArticleSummary
from checker.engine import FileResult, Pipeline, crash_finding
from checker.filters import keeper
from checker.findings import Finding


def reduce_summaries(
    summaries: Iterable[ArticleSummary],
    pipeline: Pipeline,
    order: list[str],
    timings: dict[str, float] | None = None,
) -> list[FileResult]:
    """Every article's findings, its own plus the cross-article ones, in ``order`` of paths
    (the order ``checker check`` reports them in; every path must have a summary).
    ``timings`` receives each step's seconds by rule code."""
    by_path = {s.path: s for s in summaries}
    ordered = [by_path[path] for path in order]
    extra: dict[str, list[Finding]] = {s.path: [] for s in ordered}
    for rule in pipeline.rules:
        step = STEPS.get(rule.code)
        if rule.scope != "corpus" or step is None:
            continue
        started = time.perf_counter()
        records = [r for s in ordered for r in s.records.get(rule.code, [])]
        try:
            for finding in step.reduce(records, pipeline.contexts[rule.code]):
                extra[finding.path].append(finding)
        except Exception as exc:  # a crashing reduce is reported on every article, like check
            for path in extra:
                extra[path].append(crash_finding(path, rule, exc))
        if timings is not None:
            timings[rule.code] = time.perf_counter() - started
    results: list[FileResult] = []
    for path, found in extra.items():
        summary = by_path[path]
        kept = list(filter(keeper(pipeline.config, path, summary.suppressions), found))
        findings = sorted([*summary.findings, *kept], key=lambda f: f.sort_key())
        results.append(FileResult(path, findings))
    return results


def corpus_rules_without_steps(pipeline: Pipeline) -> list[str]:
    """Active corpus rules the audit cannot run (none today; a new one needs a step)."""
    return [r.code for r in pipeline.rules if r.scope == "corpus" and r.code not in STEPS]
