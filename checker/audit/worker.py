"""What runs on a worker: read a batch of articles, check each, send back summaries.

A worker process keeps one ``Pipeline`` per configuration (dictionaries, the LanguageTool
client and the fact base are loaded once per process, not per batch). Articles are read here,
from the paths the driver sends; only ``ArticleSummary`` objects travel back.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import socket
import time
from dataclasses import replace

from checker.audit.steps import STEPS
from checker.audit.summary import ArticleSummary, BatchResult
from checker.config import Config
from checker.engine import FileResult, Pipeline, filter_result, input_finding
from checker.filters import parse_suppressions
from checker.loader import read

_PIPELINES: dict[str, Pipeline] = {}


def pipeline_for(config: Config) -> Pipeline:
    """This process's pipeline for ``config`` (built on first use)."""
    key = hashlib.sha1(pickle.dumps(config)).hexdigest()
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline.start(config)
    return _PIPELINES[key]


def summarise_batch(batch: list[tuple[str, str]], config: Config) -> BatchResult:
    """Check the articles of ``batch`` ((name, location) pairs: the path to report and the
    path to read) and summarise each."""
    pipeline = pipeline_for(config)
    summaries = [summarise(name, location, pipeline) for name, location in batch]
    where = f"{socket.gethostname()}:{os.getpid()}"
    return BatchResult(summaries, dict(pipeline.state.engines), where)


def summarise(name: str, location: str, pipeline: Pipeline) -> ArticleSummary:
    """One article through the per-article pipeline, plus the corpus rules' records."""
    started, cpu = time.perf_counter(), time.process_time()
    item = read(location, pipeline.config.max_file_size)
    if item.path != name:
        item = replace(item, path=name)
    result = pipeline.check_source(item)
    summary = ArticleSummary(name)
    doc = result.document
    if doc is not None:
        summary.suppressions = parse_suppressions(doc)
        summary.words = doc.words()
        _records(summary, result, pipeline)
    filter_result(result, pipeline.config)
    summary.findings = result.findings
    pipeline.forget_documents()
    summary.seconds = time.perf_counter() - started
    summary.cpu_seconds = time.process_time() - cpu
    return summary


def _records(summary: ArticleSummary, result: FileResult, pipeline: Pipeline) -> None:
    """Each active corpus rule's records of the document; a crash is an INP002 finding."""
    assert result.document is not None
    for rule in pipeline.rules:
        step = STEPS.get(rule.code)
        if rule.scope != "corpus" or step is None:
            continue
        try:
            summary.records[rule.code] = step.extract(result.document, pipeline.contexts[rule.code])
        except Exception as exc:  # one article's bad record must not stop the batch
            reason = f"check {rule.code} failed: {exc!r}"
            result.findings.append(input_finding(summary.path, reason, "INP002"))
