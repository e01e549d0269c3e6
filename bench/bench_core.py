"""Benchmark: parse + duplicate checks over the MedQuAD corpus.

Prints articles/s, words/s and peak memory for parsing alone and for parsing plus the
duplicate checks, on one core (this process). Rates are per second of CPU time, so that they
stay comparable on a busy machine; wall time is printed beside them.
Usage: ``python bench/bench_core.py [CORPUS]``.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

from checker.config import Config
from checker.engine import check_documents
from checker.parsing import parse
from checker.source import SourceFile

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "medquad"


def load(corpus: Path) -> list[SourceFile]:
    """Read every Markdown article of the corpus into memory (I/O is not timed)."""
    return [
        SourceFile.from_text(str(p), p.read_text(encoding="utf-8"))
        for p in sorted(corpus.glob("*.md"))
    ]


def timed(label: str, sources: list[SourceFile], work) -> None:
    """Run ``work`` over all sources and print throughput."""
    words = sum(len(s.text.split()) for s in sources)
    start, cpu_start = time.perf_counter(), time.process_time()
    work(sources)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"{label:<20} {len(sources) / cpu:6.0f} articles/s {words / cpu:9,.0f} words/s of CPU"
        f"  ({cpu:.2f} s CPU, {elapsed:.2f} s wall, {len(sources)} articles, {words:,} words)"
    )


def parse_all(sources: list[SourceFile]) -> None:
    """Parse only."""
    for source in sources:
        parse(source)


def parse_and_check(sources: list[SourceFile]) -> None:
    """Parse and run the duplicate checks, one document at a time."""
    config = Config(select=["DUP"])
    for source in sources:
        check_documents([parse(source)], config)


def main() -> None:
    """Run the benchmark and print the figures."""
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}")
        return
    sources = load(corpus)
    parse_all(sources[:50])  # warm caches (rules data, regexes)
    timed("parse", sources, parse_all)
    timed("parse + DUP checks", sources, parse_and_check)
    tracemalloc.start()
    parse_and_check(sources[:200])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak traced memory for 200 articles: {peak / 1e6:.1f} MB; peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
