"""Claim detection on the MedQuAD corpus: speed, claims per 1,000 words, kinds, a sample.

Usage: python bench/bench_claims.py [CORPUS_DIR] [--sample N] [--seed S]
Reads ../shared/data/corpus/medquad beside the repository by default.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from pathlib import Path

from checker.claims import detect, load_lexicon
from checker.parsing import parse
from checker.source import SourceFile

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "medquad"


def main() -> None:
    """Parse the corpus, time claim detection and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    paths = sorted(Path(args.corpus).glob("*.md"))
    if not paths:
        raise SystemExit(f"no articles under {args.corpus}")
    started = time.perf_counter()
    docs = [parse(SourceFile.from_text(str(p), p.read_text(encoding="utf-8"))) for p in paths]
    parsed = time.perf_counter()
    sentences = sum(1 for doc in docs for _ in doc.sentences())
    lexicon = load_lexicon()
    cpu = time.process_time()
    claims = [(doc, claim) for doc in docs for claim in detect(doc, lexicon)]
    cpu = time.process_time() - cpu
    done = time.perf_counter()
    words = sum(doc.words() for doc in docs)
    print(f"articles: {len(docs)}  words: {words:,}  prose sentences: {sentences:,}")
    print(f"parse: {parsed - started:.1f} s  claim detection: {done - parsed:.1f} s wall")
    per_sentence = 1e6 * cpu / max(sentences, 1)
    print(f"claim detection CPU time: {cpu:.1f} s ({per_sentence:.0f} us/sentence)")
    print(f"claims: {len(claims):,}  per 1,000 words: {1000 * len(claims) / words:.2f}")
    print(f"share of sentences flagged: {100 * len(claims) / sentences:.1f}%")
    kinds = Counter(claim.kind for _, claim in claims)
    print("by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    support = Counter(claim.support.status for _, claim in claims)
    print("by support: " + ", ".join(f"{k} {n}" for k, n in support.most_common()))
    for doc, claim in random.Random(args.seed).sample(claims, min(args.sample, len(claims))):
        print(f"\n[{claim.kind} {claim.score:.2f} {claim.cues}] {Path(doc.path).name}")
        print(f"  {claim.text}")


if __name__ == "__main__":
    main()
