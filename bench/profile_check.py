"""Profile ``checker check`` (grammar off) over MedQuAD articles with cProfile.

Prints the functions with the most cumulative and own time, so hot spots are visible before
and after a change. Usage: ``python bench/profile_check.py [N] [CORPUS]`` (default 500
articles of ../shared/data/corpus/medquad). One process, no cache, no workers.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
DEFAULT_CORPUS = next(
    (
        p / "shared" / "data" / "corpus" / "medquad"
        for p in HERE.parents[1:4]
        if (p / "shared" / "data" / "corpus" / "medquad").is_dir()
    ),
    HERE.parents[2] / "shared" / "data" / "corpus" / "medquad",
)


def main() -> None:
    """Profile one serial, uncached run and print the top entries."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus not found: {corpus} (skipping)")
        return
    paths = [str(p) for p in sorted(corpus.glob("*.md"))[:count]]
    start = time.perf_counter()
    profiler = cProfile.Profile()
    profiler.enable()
    from checker.config import Config
    from checker.engine import run

    config = Config(grammar="off")
    result = run(paths, config, **_serial())
    profiler.disable()
    elapsed = time.perf_counter() - start
    print(f"{len(paths)} articles, {len(result.findings)} findings, {elapsed:.2f} s (profiled)")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(35)


def _serial() -> dict[str, object]:
    """Keyword arguments for a serial, uncached run (when the engine knows them)."""
    import inspect

    from checker.engine import run

    params = inspect.signature(run).parameters
    return {k: v for k, v in {"jobs": 1, "cache": None}.items() if k in params}


if __name__ == "__main__":
    main()
