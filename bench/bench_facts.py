"""Benchmark: FCT003 (inconsistent-across-articles) over the MedQuAD corpus, empty fact base;
then FCT001-FCT005 with the whole base and the rate of FCT005 (unverified fact) findings.

Parses ../shared/data/corpus/medquad (2,491 NIH articles), then runs extraction and the
cross-article comparison with the starter base's patterns but no entities and no facts, so
only generic statements are found ("X affects 1 in 10,000 people", "X is inherited in an
autosomal recessive pattern"). Prints timings, statement counts, the subjects stated by two or
more articles, the findings, and a recall check: for every such subject, one article's value
is changed to a disagreeing one and FCT003 must report it.

    .venv/bin/python bench/bench_facts.py [--sample 40] [--statements 40] [--unverified 40]
        [--corpus PATH]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from checker.config import Config
from checker.context import CheckContext, RunState, rule_options
from checker.document import Document
from checker.facts.base import FactBase, load_fact_base
from checker.facts.extract import Statement
from checker.facts.settings import statements
from checker.findings import Finding
from checker.loader import read
from checker.parsing import parse
from checker.resources import rules_file
from checker.rules import find_rule
from checker.source import SourceFile

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "medquad"
Key = tuple[str, str, str]


def fct003(docs: list[Document], base: FactBase) -> tuple[list[Statement], list[Finding]]:
    """Extraction and FCT003 over ``docs`` with ``base``, in a fresh run state."""
    state = RunState(Config())
    state.resources["facts.base"] = base
    entry = find_rule("FCT003")
    assert entry is not None and entry.func is not None
    ctx = CheckContext(entry, rule_options(entry, state.config), entry.severity, state)
    found = [s for doc in docs for s in statements(state, doc)]
    return found, list(entry.func(docs, ctx))


def timed_run(docs: list[Document], base: FactBase) -> tuple[list[Statement], list[Finding]]:
    """``fct003`` with its wall-clock and CPU time printed."""
    wall, cpu = time.perf_counter(), time.process_time()
    found, findings = fct003(docs, base)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"FCT003 (extraction + comparison): {wall:.2f} s wall, {cpu:.2f} s CPU")
    return found, findings


def shared_keys(found: list[Statement]) -> dict[Key, list[Statement]]:
    """Statements (first per article) of every key stated by two or more articles."""
    by_key: dict[Key, dict[str, Statement]] = {}
    for s in found:
        by_key.setdefault(s.key, {}).setdefault(s.path, s)
    return {k: list(v.values()) for k, v in sorted(by_key.items()) if len(v) > 1}


def disagreeing_text(statement: Statement) -> str:
    """A value of the same type that disagrees with the statement's."""
    value_type = statement.attribute.value_type
    if value_type.kind == "category":
        canonical = {n for names in value_type.vocabulary.values() for n in names}
        return sorted(canonical - statement.value.categories)[0]
    if value_type.kind == "year":
        return str(int(statement.value.hi) + 7)
    return "1 in 7"


def inject(group: list[Statement], base: FactBase) -> bool:
    """Change the last article's value; whether FCT003 then reports that article."""
    target = group[-1]
    source = target.doc.source
    text = source.text[: target.start] + disagreeing_text(target) + source.text[target.end :]
    docs = [s.doc for s in group[:-1]] + [parse(SourceFile.from_text(source.path, text))]
    _, findings = fct003(docs, base)
    return any(f.path == source.path for f in findings)


def print_sample(found: list[Statement], findings: list[Finding], args: argparse.Namespace):
    """Random statements and findings, for judging by hand."""
    for s in random.Random(args.seed).sample(found, min(args.statements, len(found))):
        print(
            f"\n{s.path}:{s.line}: {s.subject.label} | {s.attribute.name} | "
            f"{s.value.label} | {s.qualifier or '-'} | {s.via}\n    {s.sentence.text}"
        )
    random.Random(args.seed).shuffle(findings)
    for f in findings[: args.sample]:
        print(f"\n{f.path}:{f.line}:{f.column}: {f.message}")


def full_base_report(docs: list[Document], words: int, args: argparse.Namespace) -> None:
    """FCT001-FCT005 with the whole fact base; FCT005 (unverified fact) per 1,000 words."""
    from checker.engine import check_documents

    wall = time.perf_counter()
    result = check_documents(docs, Config(select=["FCT"]))
    wall = time.perf_counter() - wall
    counts = Counter(f.rule for f in result.findings)
    unverified = [f for f in result.findings if f.rule == "FCT005"]
    print(f"\nwith the full fact base ({wall:.1f} s): {dict(sorted(counts.items())) or 'nothing'}")
    print(
        f"FCT005 unverified facts: {len(unverified)} = "
        f"{1000 * len(unverified) / max(words, 1):.3f} per 1,000 words, by attribute "
        f"{dict(Counter(f.data['attribute'] for f in unverified))}"
    )
    by_path = {d.path: d for d in docs}
    chosen = random.Random(args.seed).sample(unverified, min(args.unverified, len(unverified)))
    for f in sorted(chosen, key=lambda f: (f.path, f.offset)):
        print(f"\n{f.path}:{f.line}:{f.column}: {f.data['attribute']} {f.excerpt!r}")
        print(f"    {_sentence_at(by_path[f.path], f.offset)}")


def _sentence_at(doc: Document, offset: int) -> str:
    """The text of the sentence holding source ``offset``."""
    for sentence in doc.sentences():
        start, end = sentence.source_span()
        if start <= offset < end:
            return sentence.text
    return ""


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sample", type=int, default=0, help="print N random findings")
    parser.add_argument("--statements", type=int, default=0, help="print N random statements")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--unverified", type=int, default=0, help="print N random FCT005 findings with sentences"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: corpus not found at {args.corpus}")
        return
    started = time.perf_counter()
    docs = [parse(read(str(p), 5_000_000)) for p in sorted(args.corpus.glob("*.md"))]
    words = sum(d.words() for d in docs)
    print(
        f"articles: {len(docs)}, words: {words:,}, parsed in {time.perf_counter() - started:.1f} s"
    )
    base = load_fact_base(rules_file("facts.yml")).without_knowledge()
    found, findings = timed_run(docs, base)
    print(f"statements: {len(found)} {dict(Counter(s.attribute.name for s in found))}")
    groups = shared_keys(found)
    print(f"subjects/attributes stated in 2+ articles: {len(groups)}")
    for key, group in groups.items():
        values = sorted({s.value.label for s in group})
        print(f"    {key[0]} | {key[1]} | {key[2] or '-'}: {'; '.join(values)} ({len(group)})")
    print(f"FCT003 findings: {len(findings)} in {len({f.path for f in findings})} articles")
    detected = sum(inject(group, base) for group in groups.values())
    print(f"injected disagreements detected: {detected} of {len(groups)}")
    print_sample(found, findings, args)
    full_base_report(docs, words, args)


if __name__ == "__main__":
    main()
