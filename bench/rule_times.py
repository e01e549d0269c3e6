"""CPU time per rule of ``checker check`` (grammar off), per article, without a profiler.

cProfile slows small functions down far more than big ones, so its shares mislead; this
times each document rule, the parse, the corpus rules' per-article records and the corpus
rules themselves with ``time.process_time`` (CPU time: the figure holds on a loaded
machine). Rules share per-document work (a claim detection run by the first rule that asks
for it), so that work is counted under the first rule. Usage:
``python bench/rule_times.py [N] [CORPUS]`` (default 500 MedQuAD articles; one process,
no cache).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from profile_check import DEFAULT_CORPUS  # noqa: E402  (the same corpus as the profile)

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func``, adding its CPU time (including consuming a returned generator) to ``name``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            out = func(*args, **kwargs)
            return list(out) if hasattr(out, "__next__") else out
        finally:
            SPENT[name] += time.process_time() - start

    return wrapper


def main() -> None:
    """Time one serial, uncached run and print CPU ms per article by rule."""
    paths = article_paths()
    if not paths:
        return
    begin = time.process_time()
    from checker import engine
    from checker.config import Config

    config = Config(grammar="off")
    imported = time.process_time() - begin
    pipeline = engine.Pipeline.start(config)
    started = time.process_time() - begin - imported
    for rule in pipeline.rules:
        if rule.func is not None:
            object.__setattr__(rule, "func", timed(f"{rule.scope}:{rule.code}", rule.func))
    import checker.parsing  # the pipeline imports parse from here for each article

    checker.parsing.parse = timed("parse", checker.parsing.parse)
    engine._records = timed("corpus records", engine._records)
    steps = engine._steps()
    for code, step in steps.items():
        object.__setattr__(step, "reduce", timed(f"corpus:{code}", step.reduce))
    sources = engine.load_sources(paths, config, None)
    from checker.parallel import check_all

    results = check_all(sources, pipeline, jobs=1, cache=None)
    run = pipeline.finish(results, None)
    total = time.process_time() - begin
    n = len(paths)
    print(f"{n} articles, {len(run.findings)} findings, {total:.2f} s CPU in all")
    print(f"imports {imported * 1000:.0f} ms, pipeline start {started * 1000:.0f} ms")
    print(f"{'part':<28}{'CPU ms/article':>15}")
    for name, spent in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"{name:<28}{spent * 1000 / n:>15.2f}")
    print(f"{'all (incl. start-up)':<28}{total * 1000 / n:>15.2f}")


def article_paths() -> list[str]:
    """The first N articles of the corpus named on the command line (none if it is missing)."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CORPUS
    if not corpus.is_dir():
        print(f"corpus not found: {corpus} (skipping)")
        return []
    return [str(p) for p in sorted(corpus.glob("*.md"))[:count]]


if __name__ == "__main__":
    main()
