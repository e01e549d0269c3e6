"""Claim detection: precision/recall on the labelled set, a naive peer, MedQuAD rates, a sample.

Usage:
    python bench/bench_claims.py                      # everything below
    python bench/bench_claims.py --sample-out FILE    # also write the MedQuAD hand-check sample
    python bench/bench_claims.py [CORPUS_DIR] [--seed S]

Prints, for the training and held-out parts of tests/data/claims-labelled.tsv (and for
tests/data/claims-unseen.tsv, text written after the model was fitted and never tuned on):
precision, recall and F1 of the checker and of a naive peer (a sentence is a claim when it
holds any word of a plain list of health cue words), side by side. Then, on the MedQuAD corpus
(../shared/data/corpus/medquad; skipped with a reason when absent): claims per 1,000 words, by
kind and risk tier, detection time, and the hand-checked sample of 50 flagged and 50 unflagged
sentences recorded in tests/data/claims-medquad-handcheck.tsv. Timings are CPU time on a
shared machine: expect noise of 20 % or more.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

from checker.claims import assess, detect, load_lexicon
from checker.claims.training import Example, evaluate, read_examples, split
from checker.parsing import parse
from checker.source import SourceFile

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "medquad"
HANDCHECK = DATA / "claims-medquad-handcheck.tsv"
NAIVE_CUES = (
    "study studies research trial evidence effective efficacy safe safety risk risks side "
    "effects cure cures treat treats treatment treatments prevent prevents reduce reduces "
    "increase increases cause causes causing percent % proven approved fda doctor doctors "
    "expert experts improve improves relief relieve symptoms disease diseases patients people"
).split()
NAIVE_RE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, NAIVE_CUES)) + r")(?!\w)", re.I)


def naive(example: Example) -> bool:
    """The naive peer: any health cue word makes a claim (headings excepted)."""
    return example.block != "heading" and NAIVE_RE.search(example.text) is not None


def checker_predict(example: Example) -> bool:
    """The checker's verdict on one labelled sentence."""
    return assess(example.text, load_lexicon(), block_kind=example.block).is_claim


def labelled_report() -> None:
    """Scores on the labelled set (training, held-out) and the unseen set, with the peer."""
    train, held = split(read_examples(DATA / "claims-labelled.tsv"))
    parts = [("training", train), ("held-out", held)]
    unseen = DATA / "claims-unseen.tsv"
    if unseen.exists():
        parts.append(("unseen", read_examples(unseen)))
    print(f"{'part':10} {'checker':44} naive peer (cue word list)")
    for name, part in parts:
        ours, peer = evaluate(part, checker_predict), evaluate(part, naive)
        print(f"{name:10} {ours.line():44} {peer.line()}")
        for group in ("medquad", "clinic"):
            sub = [e for e in part if e.source.startswith(group)]
            if sub and len(sub) < len(part):
                ours, peer = evaluate(sub, checker_predict), evaluate(sub, naive)
                print(f"  {group:8} {ours.line():44} {peer.line()}")


def corpus_report(corpus: Path, seed: int, sample_out: Path | None) -> None:
    """Rates and timing on MedQuAD, and the hand-check sample."""
    paths = sorted(corpus.glob("*.md"))
    if not paths:
        print(f"\nMedQuAD: skipped, no articles under {corpus}")
        return
    docs = [parse(SourceFile.from_text(str(p), p.read_text(encoding="utf-8"))) for p in paths]
    lexicon = load_lexicon()
    sentences = [(doc, s) for doc in docs for s in doc.sentences()]
    cpu = time.process_time()
    claims = [(doc, claim) for doc in docs for claim in detect(doc, lexicon)]
    cpu = time.process_time() - cpu
    words = sum(doc.words() for doc in docs)
    n = len(claims)
    print(f"\nMedQuAD: {len(docs)} articles, {words:,} words, {len(sentences):,} prose sentences")
    print(f"detection CPU time: {cpu:.1f} s ({1e6 * cpu / len(sentences):.0f} us/sentence)")
    print(
        f"claims: {n:,} ({100 * n / len(sentences):.1f}% of sentences), "
        f"{1000 * n / words:.2f} per 1,000 words"
    )
    risks = Counter(claim.risk for _, claim in claims)
    print(
        "by risk: "
        + ", ".join(
            f"{k} {v:,} ({1000 * v / words:.2f}/1,000 words)" for k, v in risks.most_common()
        )
    )
    kinds = Counter(claim.kind for _, claim in claims)
    print("by kind: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    peer = sum(1 for _, s in sentences if NAIVE_RE.search(s.text))
    print(f"naive peer flags {peer:,} sentences ({1000 * peer / words:.2f} per 1,000 words)")
    if sample_out:
        _write_sample(sentences, claims, seed, sample_out)
    _handcheck_report()


def _write_sample(sentences, claims, seed: int, out: Path) -> None:
    """50 flagged and 50 unflagged sentences, outside the labelled set's articles."""
    labelled = {e.source for e in read_examples(DATA / "claims-labelled.tsv")}
    flagged = {id(claim.sentence) for _, claim in claims}

    def source(doc) -> str:
        return f"medquad/{Path(doc.path).stem}"

    pool = [(doc, s) for doc, s in sentences if source(doc) not in labelled]
    rng = random.Random(seed)
    yes = rng.sample([p for p in pool if id(p[1]) in flagged], 50)
    no = rng.sample([p for p in pool if id(p[1]) not in flagged], 50)
    rows = ["# flagged\tverdict\tsource\ttext  (verdict: needs-source | no-source, by hand)"]
    for mark, picked in (("flagged", yes), ("unflagged", no)):
        for doc, s in picked:
            rows.append(f"{mark}\t?\t{source(doc)}\t{' '.join(s.text.split())}")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote the sample to {out}: give each row a verdict by hand")


def _handcheck_report() -> None:
    if not HANDCHECK.exists():
        return
    rows = [
        line.split("\t")
        for line in HANDCHECK.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    counts = Counter((r[0], r[1]) for r in rows)
    flagged_ok = counts["flagged", "needs-source"]
    flagged = flagged_ok + counts["flagged", "no-source"]
    missed = counts["unflagged", "needs-source"]
    unflagged = missed + counts["unflagged", "no-source"]
    print(
        f"hand check ({HANDCHECK.name}): {flagged_ok} of {flagged} flagged sentences need a "
        f"source; {missed} of {unflagged} unflagged sentences do (missed claims)"
    )


def main() -> None:
    """Print every figure."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=2030)
    parser.add_argument("--sample-out", type=Path)
    args = parser.parse_args()
    labelled_report()
    corpus_report(Path(args.corpus), args.seed, args.sample_out)


if __name__ == "__main__":
    main()
