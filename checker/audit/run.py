"""One audit: discover, map batches over the cluster, reduce, and complete the report."""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field, replace

from checker.audit.cluster import Progress, batches, connect, default_workers, gather
from checker.audit.reduce import reduce_summaries
from checker.audit.summary import ArticleSummary
from checker.audit.worker import summarise_batch
from checker.config import Config
from checker.document import Document
from checker.engine import FileResult, Pipeline, RunResult
from checker.errors import UsageError
from checker.loader import discover, read
from checker.parsing import parse
from checker.source import SourceFile


@dataclass
class Audit:
    """The run's result (as ``checker check`` would give it) plus what the summary page and
    the benchmark need: every article's summary, and how the run went."""

    result: RunResult
    summaries: list[ArticleSummary]
    workers: int
    seconds: float
    failed_batches: int = 0
    stats: dict[str, float] = field(default_factory=dict)


def audit(
    paths: list[str],
    config: Config,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    retries: int = 2,
    progress: Progress | None = None,
) -> Audit:
    """Audit the articles under ``paths`` on an embedded cluster or on ``scheduler``."""
    if "-" in paths:
        raise UsageError("checker audit reads files, not standard input")
    try:
        return _audit(paths, config, scheduler, workers, retries, progress)
    finally:
        gc.unfreeze()  # the summaries (frozen as they arrive) are collectable again


def _audit(
    paths: list[str],
    config: Config,
    scheduler: str | None,
    workers: int | None,
    retries: int,
    progress: Progress | None,
) -> Audit:
    started = time.perf_counter()
    pipeline = Pipeline.start(config)
    names = discover(paths, config.exclude)
    work = [(name, os.path.abspath(name)) for name in names]
    if any(r.category == "grammar" for r in pipeline.rules):
        share_grammar_server(config)
    count = workers or default_workers()
    with connect(scheduler, count) as client:
        if scheduler:
            count = max(1, len(client.scheduler_info().get("workers", {})))
        mapped, map_cpu = time.perf_counter(), time.process_time()
        gathered = gather(
            client, summarise_batch, batches(work, count), config, retries=retries,
            progress=progress,
        )  # fmt: skip
        map_seconds, map_cpu = time.perf_counter() - mapped, time.process_time() - map_cpu
        worker_rss = _worker_peak_rss(client)
    reduced, reduce_cpu = time.perf_counter(), time.process_time()
    steps: dict[str, float] = {}
    files = reduce_summaries(gathered.summaries, pipeline, names, steps)
    result = RunResult(files, {**pipeline.state.engines, **gathered.engines}, pipeline.rules)
    stats = {
        "map_seconds": map_seconds,
        "map_driver_cpu_seconds": map_cpu,
        "reduce_seconds": time.perf_counter() - reduced,
        "reduce_cpu_seconds": time.process_time() - reduce_cpu,
        "worker_rss_mib": worker_rss,
        **{f"reduce_{code}_seconds": seconds for code, seconds in steps.items()},
    }
    return Audit(
        result,
        gathered.summaries,
        count,
        time.perf_counter() - started,
        gathered.failed_batches,
        stats,
    )


def _worker_peak_rss(client: object) -> float:
    """The largest peak resident memory of the workers, in MiB (0 when unknown)."""
    try:
        return max(client.run(_peak_rss).values(), default=0.0)  # type: ignore[attr-defined]
    except Exception:  # a worker may be gone; the figure is for benchmarks only
        return 0.0


def _peak_rss() -> float:
    """This process's peak resident memory in MiB: Linux's VmHWM, which starts afresh at
    exec. ``ru_maxrss`` does not: a worker spawned from a driver that holds a large result
    reported the driver's size (1 GB for a 230 MiB worker in the benchmark's second run)."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def share_grammar_server(config: Config) -> None:
    """Point every worker at one LanguageTool server (the configured one, the warm one, or one
    this process starts) instead of a JVM per worker. Nothing changes when grammar is off or
    LanguageTool cannot run: the workers then report its status as ``checker check`` does."""
    if config.grammar == "off":
        return
    from checker.grammar.engine import GrammarEngine
    from checker.grammar.errors import GrammarUnavailable
    from checker.grammar.settings import build_settings
    from checker.resources import rules_file

    table = config.section("languagetool")
    settings = build_settings(rules_file("grammar.yml"), table, mode=config.grammar)
    if settings.mode == "off" or settings.url:
        return
    try:
        url = GrammarEngine(settings)._resolve_url()
    except GrammarUnavailable:
        return
    config.sections = {**config.sections, "languagetool": {**table, "url": url}}


def attach_sources(result: RunResult, *, documents: bool) -> None:
    """Read back the articles that have findings: fill in the excerpts the workers left out
    (DUP005 sends no text) and, with ``documents``, parse them for reports that show the
    source (text, html, sarif). An article that cannot be read again keeps empty excerpts."""
    for file in result.files:
        if not file.findings:
            continue
        if not documents and all(f.excerpt or not f.length for f in file.findings):
            continue
        item = read(file.path, 2**63)
        if not isinstance(item, SourceFile):
            continue
        _fill(file, item)
        if documents:
            file.document = _document(item)


def _fill(file: FileResult, source: SourceFile) -> None:
    file.findings = [
        replace(f, excerpt=source.text[f.offset : f.offset + f.length])
        if f.length and not f.excerpt
        else f
        for f in file.findings
    ]


def _document(source: SourceFile) -> Document:
    try:
        return parse(source)
    except Exception:  # the findings already say why it did not parse
        return Document(source=source, format=source.suffix.lstrip(".") or "md")
