"""Benchmark: ``checker audit`` on 1 vs 2 embedded Dask workers.

1. The MedQuAD corpus (2,491 articles).
2. A synthetic archive (default 50,000 articles) generated into a temporary folder from the
   corpus: each article keeps a MedQuAD article's headings and lists, and each paragraph is
   made of sentences drawn at random from the whole corpus (so paragraphs do not repeat by
   accident). Planted in it: passages copied between articles (some with one word changed),
   pairs of articles stating different values for the same fact, and claims sourced in one
   article and bare in another. Every plant must be found (DUP005 on both copies, FCT003 on
   both articles, CLM004 on the bare copy); the benchmark says which are missed.

Prints, for each run, wall time, articles/s, map and reduce times (and the reduce's share of
the wall), the workers' CPU per article (``process_time``, steadier than wall time on a
shared machine) and the driver's CPU during the map and the reduce, the bytes of summary
each article sends back, worker and driver peak memory, the speed-up of 2 workers over 1
(whole run and map alone), and the machine's load average.

Usage: ``python bench/bench_audit.py [--articles N] [--skip-real] [--skip-synthetic]
[--select CODES] [--grammar] [--keep DIR] [--save DIR]``. Grammar is off unless
``--grammar`` (a cheaper selection: every rule except GRM); ``--save`` writes each archive's
2-worker findings as JSON lines. The idle-machine run of docs/scale.md:
``python bench/bench_audit.py --skip-real --select DUP,FCT,CLM004 --save /tmp/audit-bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from checker.audit.run import Audit, audit
from checker.config import Config

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "medquad"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SYLLABLES = "ka vo rin ta mel dor si pra nu lex ob ti ran qui zo fen gal hu mir tor".split()


@dataclass
class Plants:
    """Where the planted problems are: (path, line) pairs the audit must report."""

    duplicates: list[tuple[tuple[str, int], tuple[str, int]]] = field(default_factory=list)
    contradictions: list[tuple[tuple[str, int], tuple[str, int]]] = field(default_factory=list)
    claims: list[tuple[tuple[str, int], tuple[str, int]]] = field(default_factory=list)


def split_blocks(text: str) -> list[str]:
    """An article's blocks (headings, list runs, paragraphs), separated by blank lines."""
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def is_paragraph(block: str) -> bool:
    """A prose paragraph (not a heading, list, table or quote)."""
    return not block.lstrip().startswith(("#", "-", "*", "|", ">", "1.", "<"))


def load_corpus(corpus: Path) -> tuple[list[list[str]], list[str]]:
    """Every article's blocks and the pool of all prose sentences."""
    articles, pool = [], []
    for path in sorted(corpus.glob("*.md")):
        blocks = split_blocks(path.read_text(encoding="utf-8"))
        articles.append(blocks)
        for block in blocks:
            if is_paragraph(block):
                pool.extend(s for s in SENTENCE_RE.split(" ".join(block.split())) if len(s) > 20)
    return articles, pool


def name(rng: random.Random, used: set[str]) -> str:
    """An invented condition name no article uses."""
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(4)).capitalize()
        if word not in used:
            used.add(word)
            return word


def line_of(text: str, needle: str) -> int:
    """1-based line where ``needle`` starts in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


def synthesise(corpus: Path, out: Path, count: int, seed: int = 15) -> tuple[list[str], Plants]:
    """Write ``count`` articles under ``out`` (in folders of 1,000) and plant problems."""
    articles, pool = load_corpus(corpus)
    rng = random.Random(seed)
    texts: list[list[str]] = []
    for i in range(count):
        base = articles[i % len(articles)]
        blocks = [f"{base[0]} ({i})" if base[0].startswith("#") else f"# Article {i}"]
        for block in base[1:]:
            if is_paragraph(block):
                sentences = max(2, len(SENTENCE_RE.split(block)))
                blocks.append(" ".join(rng.choice(pool) for _ in range(sentences)))
            else:
                blocks.append(block)
        texts.append(blocks)
    plants = plant(texts, rng, count)
    names = []
    for i, blocks in enumerate(texts):
        folder = out / f"part-{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{i:06d}.md"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        names.append(str(path))
    return names, locate(plants, texts, names)


@dataclass
class _Plant:
    kind: str
    first: tuple[int, str]
    second: tuple[int, str]


def plant(texts: list[list[str]], rng: random.Random, count: int) -> list[_Plant]:
    """Plant problems into distinct articles (text only; lines are found after writing)."""
    free = list(range(count))
    rng.shuffle(free)
    used: set[str] = set()
    out: list[_Plant] = []
    per_kind = max(3, count // 500)
    for k in range(per_kind):  # a passage copied into one to three other articles
        source = free.pop()
        paragraphs = [b for b in texts[source] if is_paragraph(b) and len(b.split()) >= 40]
        if not paragraphs:
            continue
        passage = rng.choice(paragraphs)
        for copy in range(1 + k % 3):
            target = free.pop()
            words = passage.split()
            if copy % 2:  # one word changed in every other copy
                words[len(words) // 2] = "notably"
            text = " ".join(words)
            texts[target].append(text)
            out.append(_Plant("duplicate", (source, passage), (target, text)))
    for k in range(per_kind):  # two articles disagree about a fact
        a, b, condition = free.pop(), free.pop(), name(rng, used)
        first = f"{condition} syndrome occurs in 1 in {5 + k % 7},000 newborns."
        second = f"{condition} syndrome occurs in 1 in {40 + k % 9}0,000 newborns."
        texts[a].append(first)
        texts[b].append(second)
        out.append(_Plant("contradiction", (a, first), (b, second)))
    for k in range(per_kind):  # a claim sourced in one article, bare in another
        a, b, drug = free.pop(), free.pop(), name(rng, used).lower()
        bare = f"Research shows that {drug} lowers the risk of relapse by {10 + k % 50} percent."
        sourced = bare[:-1] + f" ([NIH](https://www.nih.gov/{drug}))."
        texts[a].append(sourced)
        texts[b].append(bare)
        out.append(_Plant("claim", (a, sourced), (b, bare)))
    return out


def locate(plants: list[_Plant], texts: list[list[str]], names: list[str]) -> Plants:
    """The (path, line) pairs of the plants in the written articles."""
    found = Plants()
    for p in plants:
        pair = []
        for index, needle in (p.first, p.second):
            pair.append((names[index], line_of("\n\n".join(texts[index]) + "\n", needle)))
        getattr(found, {"duplicate": "duplicates", "contradiction": "contradictions",
                        "claim": "claims"}[p.kind]).append(tuple(pair))  # fmt: skip
    return found


def missed(done: Audit, plants: Plants) -> dict[str, list]:
    """Plants the audit did not report."""
    at = {(f.path, f.line, f.rule): f for file in done.result.files for f in file.findings}
    out: dict[str, list] = {"duplicates": [], "contradictions": [], "claims": []}
    for a, b in plants.duplicates:
        copy = at.get((*b, "DUP005"))
        if (*a, "DUP005") not in at or copy is None or f"{a[0]}:{a[1]}" not in copy.data["others"]:
            out["duplicates"].append((a, b))
    for a, b in plants.contradictions:
        if (*a, "FCT003") not in at or (*b, "FCT003") not in at:
            out["contradictions"].append((a, b))
    claims_checked = any(r.code == "CLM004" for r in done.result.rules)
    for a, b in plants.claims if claims_checked else []:
        if (*b, "CLM004") not in at:
            out["claims"].append((a, b))
    return out


def measured(label: str, paths: list[str], config: Config, workers: int) -> Audit:
    """One audit, with its figures printed: wall and CPU (workers' and driver's)."""
    load = os.getloadavg()[0]
    done = audit(paths, config, workers=workers)
    n = len(done.result.files)
    stats = done.stats
    cpu = sum(s.cpu_seconds for s in done.summaries)
    on_workers = sum(s.seconds for s in done.summaries)
    sent = sum(len(pickle.dumps(s, protocol=5)) for s in done.summaries)
    parts = {"findings": sum(len(pickle.dumps(s.findings, protocol=5)) for s in done.summaries)}
    for summary in done.summaries:
        for code, records in summary.records.items():
            parts[code] = parts.get(code, 0) + len(pickle.dumps(records, protocol=5))
    findings = sum(len(f.findings) for f in done.result.files)
    print(
        f"{label:<10} {workers} worker(s): {done.seconds:7.1f} s wall, {n / done.seconds:6.1f} "
        f"articles/s; map {stats['map_seconds']:.1f} s, reduce {stats['reduce_seconds']:.1f} s "
        f"({100 * stats['reduce_seconds'] / done.seconds:.1f}% of the wall); {findings:,} "
        f"findings; load avg {load:.1f} -> {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    print(
        f"{label:<10} {workers} worker(s): CPU on the workers {cpu:.1f} s "
        f"({1000 * cpu / n:.2f} ms per article; {1000 * on_workers / n:.2f} ms wall); driver "
        f"CPU: map {stats['map_driver_cpu_seconds']:.1f} s, reduce "
        f"{stats['reduce_cpu_seconds']:.1f} s; summaries {sent / n / 1024:.1f} KiB per "
        f"article; worker peak RSS {stats.get('worker_rss_mib', 0):.0f} MiB",
        flush=True,
    )
    steps = ", ".join(
        f"{k[7:-8]} {v:.1f} s"
        for k, v in stats.items()
        if k.startswith("reduce_") and k not in ("reduce_seconds", "reduce_cpu_seconds")
    )
    print(f"{label:<10} reduce steps: {steps}", flush=True)
    shares = ", ".join(f"{k} {v / n:,.0f}" for k, v in parts.items())
    print(f"{label:<10} summary bytes per article by part: {shares}", flush=True)
    return done


def save_findings(done: Audit, path: Path) -> None:
    """The run's findings as JSON lines (to compare runs of different versions)."""
    with path.open("w", encoding="utf-8") as out:
        for file in done.result.files:
            for f in file.findings:
                row = [f.path, f.line, f.column, f.rule, f.message, f.data]
                out.write(json.dumps(row, sort_keys=True, default=str) + "\n")


def compare(
    label: str, paths: list[str], config: Config, save: Path | None = None
) -> tuple[Audit, Audit]:
    """1 worker, then 2; print the speed-up and check both give the same findings."""
    one = measured(label, paths, config, 1)
    two = measured(label, paths, config, 2)
    same = [f.findings for f in one.result.files] == [f.findings for f in two.result.files]
    mapped = one.stats["map_seconds"] / two.stats["map_seconds"]
    print(f"{label:<10} speed-up 2 vs 1 workers: {one.seconds / two.seconds:.2f}x (map alone "
          f"{mapped:.2f}x); same findings: {same}", flush=True)  # fmt: skip
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        save_findings(two, save / f"{label}.jsonl")
    return one, two


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--grammar", action="store_true", help="Check grammar too (slow).")
    parser.add_argument("--keep", type=Path, help="Generate the archive here and keep it.")
    parser.add_argument("--select", help="Rules to run (default: all but GRM).")
    parser.add_argument("--save", type=Path, help="Write each archive's findings here (JSONL).")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"skipping: corpus not found at {args.corpus}")
        return
    config = Config(grammar="auto" if args.grammar else "off")
    if args.select:
        config = Config(grammar=config.grammar, select=args.select.split(","))
    print(f"cores available: {len(os.sched_getaffinity(0))}; grammar: {config.grammar}; "
          f"rules: {args.select or 'all'}")  # fmt: skip
    if not args.skip_real:
        medquad = sorted(str(p) for p in args.corpus.glob("*.md"))
        compare("medquad", medquad, config, args.save)
    if args.skip_synthetic:
        return
    out = args.keep or Path(tempfile.mkdtemp(prefix="checker-audit-"))
    try:
        started = time.perf_counter()
        paths, plants = synthesise(args.corpus, out, args.articles)
        print(f"synthetic: {len(paths):,} articles in {out} ({time.perf_counter() - started:.0f} s "
              f"to write); planted {len(plants.duplicates)} copies, {len(plants.contradictions)} "
              f"contradictions, {len(plants.claims)} claims", flush=True)  # fmt: skip
        one, two = compare("synthetic", paths, config, args.save)
        for done, workers in ((one, 1), (two, 2)):
            misses = missed(done, plants)
            print(f"synthetic  {workers} worker(s): missed plants: "
                  + ", ".join(f"{k} {len(v)}" for k, v in misses.items())
                  + ("" if "CLM004" in {r.code for r in done.result.rules}
                     else " (claims not checked: CLM004 not selected)"))  # fmt: skip
            for kind, items in misses.items():
                for item in items[:5]:
                    print(f"  missed {kind}: {item}")
        planted = {p for pair in plants.duplicates for p in pair}
        extra = [f for file in two.result.files for f in file.findings
                 if f.rule == "DUP005" and (f.path, f.line) not in planted]  # fmt: skip
        print(f"synthetic  DUP005 findings outside the plants: {len(extra)}")
    finally:
        if args.keep is None:
            shutil.rmtree(out, ignore_errors=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"driver peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
