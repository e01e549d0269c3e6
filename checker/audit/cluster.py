"""The driver side: a Dask cluster (embedded or remote), batches of paths, retries, progress.

A batch whose task keeps failing (an exception ``retries`` times, or workers dying under it
more often than the scheduler allows) is not lost: each of its articles gets an INP002
finding naming the reason. A killed worker process is restarted by its nanny and the
scheduler runs its tasks again elsewhere.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from checker.audit.summary import ArticleSummary, BatchResult
from checker.engine import input_finding
from checker.resources import load_yaml

Progress = Callable[[int, int, str], None]


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A ``distributed.Client``: to ``scheduler`` (``tcp://host:port``) or to an embedded
    ``LocalCluster`` of ``workers`` single-threaded worker processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    with dask.config.set(embedded_settings()):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: no clash with other clusters on the machine
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()


def embedded_settings() -> dict[str, Any]:
    """The Dask settings of the embedded cluster (rules/audit.yml: less polling)."""
    return dict((load_yaml("audit.yml") or {}).get("dask") or {})


def batches(items: Sequence[Any], workers: int, per_worker: int = 8, most: int = 256) -> list:
    """``items`` cut into batches: about ``per_worker`` batches per worker (so a slow batch
    or a lost worker delays little), each at most ``most`` long (a task of about 1-5 s at
    5-20 ms per article, so that Dask's few milliseconds per task stay out of the figures)."""
    size = max(1, min(most, -(-len(items) // max(1, workers * per_worker))))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@dataclass
class Gathered:
    """Every article's summary (failed batches as INP002 summaries) and the engines' status."""

    summaries: list[ArticleSummary] = field(default_factory=list)
    engines: dict[str, str] = field(default_factory=dict)
    workers: set[str] = field(default_factory=set)
    failed_batches: int = 0


def gather(
    client: Any,
    task: Callable[..., BatchResult],
    work: list[list[tuple[str, str]]],
    *args: Any,
    retries: int = 2,
    progress: Progress | None = None,
) -> Gathered:
    """Run ``task(batch, *args)`` for every batch of (name, location) pairs on the cluster.

    Each batch's summaries are moved out of the garbage collector's reach as they arrive
    (``gc.freeze``; the caller unfreezes at the end): otherwise every full collection walks
    all the summaries received so far, which cost the driver most of its CPU time.
    """
    from distributed import as_completed

    total = sum(len(batch) for batch in work)
    futures = client.map(task, work, *[[a] * len(work) for a in args], retries=retries, pure=False)
    batch_of = {future.key: batch for future, batch in zip(futures, work, strict=True)}
    out, done = Gathered(), 0
    for future in as_completed(futures):
        batch = batch_of[future.key]
        if future.status == "finished":
            result: BatchResult = future.result()
            out.summaries.extend(result.summaries)
            out.engines.update(result.engines)
            out.workers.add(result.worker)
        else:
            out.failed_batches += 1
            out.summaries.extend(_failed(batch, future, retries))
        future.release()
        gc.freeze()  # the summaries live to the end: no collection walks them again
        done += len(batch)
        if progress is not None:
            progress(done, total, batch[-1][0])
    return out


def _failed(batch: list[tuple[str, str]], future: Any, retries: int) -> list[ArticleSummary]:
    try:
        error = future.exception()
    except Exception as exc:  # the future itself may be lost or cancelled
        error = exc
    reason = f"audit task failed after {retries} retries: {error!r}"
    return [ArticleSummary(name, [input_finding(name, reason, "INP002")]) for name, _ in batch]
