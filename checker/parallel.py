"""Checking many articles: the result cache first, then worker processes for the rest.

``check_all`` returns one ``FileResult`` per source, in the sources' order, whatever the number
of workers and whichever results came from the cache, so the report is the same as a serial
run's. Workers are forked once per run with the parent's pipeline (rules, options and whatever
lexicons the parent already loaded are shared copy-on-write) and receive articles in chunks;
they send back findings and compact summaries, never parsed documents. A worker that dies
(killed, out of memory) costs speed, not findings: its unfinished articles are checked in
this process.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from checker.engine import FileResult, Pipeline
from checker.errors import CheckerError
from checker.loader import InputProblem
from checker.source import SourceFile

if TYPE_CHECKING:
    from concurrent.futures import Future

    from checker.cache import ResultCache

Source = SourceFile | InputProblem
Progress = Callable[[int, int, str], None]
MIN_PER_WORKER = 4
"""Fewer uncached articles than this per extra worker are checked in this process: forking
costs more than it saves."""
CHUNK = 8
_WORKER_PIPELINE: Pipeline | None = None
_GRAMMAR_URL: str | None = None


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def check_all(
    sources: Sequence[Source],
    pipeline: Pipeline,
    *,
    jobs: int | None = None,
    cache: ResultCache | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Results for ``sources`` in order: cached ones, then the rest on ``jobs`` processes."""
    results: list[FileResult | None] = [None] * len(sources)
    keys = _lookup(sources, pipeline, cache, results)
    todo = [i for i, r in enumerate(results) if r is None]
    done = 0
    for result in results:
        if result is not None and progress is not None:
            done += 1
            progress(done, len(sources), result.path)
    done = len(sources) - len(todo)
    for index, result in _fresh(sources, todo, pipeline, jobs):
        result.summary.key = keys[index]
        results[index] = result
        done += 1
        if cache is not None and keys[index] is not None and _cacheable(result):
            stored = replace(result, summary=result.summary.packed_copy())
            cache.put(keys[index], stored)  # type: ignore[arg-type]
        if progress is not None:
            progress(done, len(sources), result.path)
    if cache is not None and cache.writes:
        cache.prune()
    return [r for r in results if r is not None]


def _fresh(
    sources: Sequence[Source], todo: list[int], pipeline: Pipeline, jobs: int | None
) -> Iterator[tuple[int, FileResult]]:
    """Check the first article here (loading the lexicons once, for every worker to share),
    then the rest on worker processes when there are enough of them."""
    if not todo:
        return
    yield todo[0], pipeline.check_compact(sources[todo[0]])
    rest = todo[1:]
    workers = _worker_count(jobs, len(rest), pipeline)
    if workers > 1:
        yield from _pooled(sources, rest, pipeline, workers)
    else:
        yield from _serial(sources, rest, pipeline)


def _lookup(
    sources: Sequence[Source],
    pipeline: Pipeline,
    cache: ResultCache | None,
    results: list[FileResult | None],
) -> list[str | None]:
    """Fill ``results`` from the cache; the key of every readable source."""
    if cache is None:
        return [None] * len(sources)
    from checker.cache import entry_key, run_fingerprint

    fingerprint = run_fingerprint(pipeline.config)
    keys: list[str | None] = []
    for index, source in enumerate(sources):
        if isinstance(source, InputProblem):
            keys.append(None)
            continue
        key = entry_key(fingerprint, repr((source.has_bom, source.newline)), _bytes(source))
        keys.append(key)
        hit = cache.get(key)
        if isinstance(hit, FileResult) and hit.path == source.path:
            results[index] = hit
    return keys


def _bytes(source: SourceFile) -> bytes:
    return (
        source.path.encode("utf-8", "surrogateescape")
        + b"\0"
        + source.text.encode("utf-8", "surrogatepass")
    )


def _cacheable(result: FileResult) -> bool:
    crashed = any(f.rule == "INP002" for f in result.findings)
    return result.document is not None and result.summary.complete and not crashed


def _worker_count(jobs: int | None, todo: int, pipeline: Pipeline) -> int:
    wanted = available_cores() if jobs is None or jobs <= 0 else jobs
    count = min(wanted, todo // MIN_PER_WORKER)
    if count <= 1:
        return 1  # multiprocessing is imported only when workers are used
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return count if _grammar_allows_workers(pipeline) else 1


def _grammar_allows_workers(pipeline: Pipeline) -> bool:
    """Workers may check grammar only against one server that the parent found or started."""
    global _GRAMMAR_URL
    _GRAMMAR_URL = None
    if pipeline.config.grammar == "off" or "GRM" not in pipeline.contexts:
        return True
    from checker.checks.grammar import shared_url

    _GRAMMAR_URL = shared_url(pipeline.contexts["GRM"])
    return _GRAMMAR_URL is not None


def _serial(
    sources: Sequence[Source], todo: list[int], pipeline: Pipeline
) -> Iterator[tuple[int, FileResult]]:
    for index in todo:
        yield index, pipeline.check_compact(sources[index])


def _pooled(
    sources: Sequence[Source], todo: list[int], pipeline: Pipeline, workers: int
) -> Iterator[tuple[int, FileResult]]:
    """Results in source order from ``workers`` forked processes (see the module docstring)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        futures: list[Future[list[FileResult]]] = [
            pool.submit(_check_chunk, [sources[i] for i in chunk]) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                batch = future.result()
            except CheckerError:
                raise
            except (BrokenProcessPool, OSError, pickle.PickleError):
                batch = [pipeline.check_compact(sources[i]) for i in chunk]
            yield from zip(chunk, batch, strict=True)
    _WORKER_PIPELINE = None


def _start_worker() -> None:
    """In a new worker: forget the parent's grammar engine (its threads and database
    connection stay with the parent) and use the parent's LanguageTool server."""
    assert _WORKER_PIPELINE is not None
    _WORKER_PIPELINE.state.resources.pop("grammar-engine", None)
    if _GRAMMAR_URL is not None:
        from checker.grammar.settings import URL_ENV

        os.environ[URL_ENV] = _GRAMMAR_URL


def _check_chunk(chunk: list[Source]) -> list[FileResult]:
    assert _WORKER_PIPELINE is not None
    return [_WORKER_PIPELINE.check_compact(source) for source in chunk]
