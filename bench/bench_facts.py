"""Benchmark: FCT003 (inconsistent-across-articles) over the MedQuAD corpus, empty fact base.

Parses ../shared/data/corpus/medquad (2,491 NIH articles), then runs extraction and the
cross-article comparison with the starter base's patterns but no entities and no facts, so
only generic statements ("X affects 1 in 10,000 people", "X was first described in 1886")
are found. Prints timings, statement counts and the findings (``--sample N`` shows N of
them with their sentences, for judging by hand).

    .venv/bin/python bench/bench_facts.py [--sample 40] [--statements 40] [--corpus PATH]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from checker.config import Config
from checker.context import CheckContext, RunState, rule_options
from checker.facts.base import load_fact_base
from checker.facts.settings import run_fact_base, statements
from checker.loader import read
from checker.parsing import parse
from checker.resources import rules_file
from checker.rules import find_rule

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "medquad"


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--statements", type=int, default=0, help="print N random statements")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: corpus not found at {args.corpus}")
        return
    paths = sorted(args.corpus.glob("*.md"))
    t0 = time.perf_counter()
    docs = [parse(read(str(p), 5_000_000)) for p in paths]
    t_parse = time.perf_counter() - t0

    state = RunState(Config())
    state.resources["facts.base"] = load_fact_base(rules_file("facts.yml")).without_knowledge()
    run_fact_base(state)
    entry = find_rule("FCT003")
    assert entry is not None and entry.func is not None
    ctx = CheckContext(entry, rule_options(entry, state.config), entry.severity, state)

    t1, c1 = time.perf_counter(), time.process_time()
    found = [s for doc in docs for s in statements(state, doc)]
    t_extract, c_extract = time.perf_counter() - t1, time.process_time() - c1
    t2, c2 = time.perf_counter(), time.process_time()
    findings = list(entry.func(docs, ctx))
    t_compare, c_compare = time.perf_counter() - t2, time.process_time() - c2

    words = sum(d.words() for d in docs)
    print(f"articles: {len(docs)}, words: {words:,}")
    print(f"parse: {t_parse:.2f} s (not part of FCT003)")
    print(
        f"FCT003 extraction: {t_extract:.2f} s, comparison: {t_compare:.3f} s, "
        f"total: {t_extract + t_compare:.2f} s wall, {c_extract + c_compare:.2f} s CPU"
    )
    print(
        f"statements: {len(found)} ({dict(Counter(s.attribute.name for s in found).most_common())})"
    )
    paths_by_key: dict[tuple[str, str, str], set[str]] = {}
    for s in found:
        paths_by_key.setdefault(s.key, set()).add(s.path)
    shared = {k: sorted(v) for k, v in paths_by_key.items() if len(v) > 1}
    print(f"subject/attribute/qualifier keys: {len(paths_by_key)}, in 2+ articles: {len(shared)}")
    for key, paths in sorted(shared.items()):
        values = sorted({s.value.label for s in found if s.key == key})
        where = f"{key[0]} | {key[1]} | {key[2] or '-'}"
        print(f"    {where}: {', '.join(values)} ({len(paths)} articles)")
    print(f"FCT003 findings: {len(findings)} in {len({f.path for f in findings})} articles")
    if args.statements:
        for s in random.Random(args.seed).sample(found, min(args.statements, len(found))):
            print(
                f"\n{s.path}:{s.line}: {s.subject.label} | {s.attribute.name} | "
                f"{s.value.label} | {s.qualifier or '-'} | {s.via}\n    {s.sentence.text}"
            )
    if args.sample:
        random.Random(args.seed).shuffle(findings)
        for f in findings[: args.sample]:
            print(f"\n{f.path}:{f.line}:{f.column}: {f.message}")
            for r in f.related:
                print(f"    related {r.path}:{r.line}")


if __name__ == "__main__":
    main()
