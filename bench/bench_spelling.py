"""Spelling speed: dictionary compile and cached load, and the cost per 1,000 words.

Run: python bench/bench_spelling.py [N_ARTICLES]. Uses the MedQuAD corpus in ../shared when it
is there (the first N articles, default 300), else the seed article repeated.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from checker.parsing import parse
from checker.source import SourceFile
from checker.spelling import load_engine
from checker.spelling.analysis import analyse
from checker.spelling.dictionary import load_dictionaries

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "medquad"
SEED = ROOT / "articles" / "is-ketamine-therapy-addictive.md"


def timed(func, *args):
    """``(result, seconds)`` of one call."""
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start


def documents(limit: int):
    """Parsed benchmark documents and their word count."""
    paths = sorted(CORPUS.glob("*.md"))[:limit] if CORPUS.is_dir() else [SEED] * 50
    docs = [parse(SourceFile.from_text(str(p), p.read_text(encoding="utf-8"))) for p in paths]
    return docs, sum(d.words() for d in docs)


def main() -> None:
    """Print the figures."""
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as cache:
        _, compile_s = timed(load_dictionaries, None, Path(cache))
        loads = [timed(load_dictionaries, None, Path(cache))[1] for _ in range(5)]
    print(f"compile dictionaries (first run, no cache): {compile_s * 1000:7.0f} ms")
    print(f"load cached dictionaries (best of 5):       {min(loads) * 1000:7.0f} ms")
    engine, engine_s = timed(load_engine, {})
    print(f"load engine (dictionaries+lexicon+vocab):   {engine_s * 1000:7.0f} ms")
    seed = parse(SourceFile.from_text(str(SEED), SEED.read_text(encoding="utf-8")))
    seed_issues, seed_s = timed(analyse, seed, engine)
    print(
        f"seed article, first check after load: {seed.words()} words, {len(seed_issues)} issues,"
        f" {seed_s * 1e6 / seed.words():.2f} ms per 1,000 words"
    )
    docs, words = documents(limit)
    source = "medquad" if CORPUS.is_dir() else "seed x50"
    issues, first_s = timed(lambda: [i for d in docs for i in analyse(d, engine)])
    _, warm_s = timed(lambda: [i for d in docs for i in analyse(d, engine)])
    print(f"documents: {len(docs)} ({source}), {words:,} words, {len(issues)} issues")
    print(f"first pass (with suggestions): {first_s * 1e6 / words:7.2f} ms per 1,000 words")
    print(f"second pass (caches warm):     {warm_s * 1e6 / words:7.2f} ms per 1,000 words")


if __name__ == "__main__":
    main()
