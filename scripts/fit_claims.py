"""Fit the claims model (rules/claims-model.json) on tests/data/claims-labelled.tsv.

Usage (from the repository root, see README "Development"):

    .venv/bin/python scripts/fit_claims.py            # refit and write rules/claims-model.json
    .venv/bin/python scripts/fit_claims.py --check    # exit 1 unless the shipped file matches
    .venv/bin/python scripts/fit_claims.py --sample-medquad ../shared/data/corpus/medquad
                                                      # print the MedQuAD sentences to label

Steps: read the labelled sentences; split them by source article into training (75 %) and
held-out (25 %) parts with a fixed seed, BEFORE anything is fitted; drop sentences a gate
rules out (headings, questions, calls to action, fragments: never claims); fit an
L2-regularised logistic regression on the training part's features by Newton's method; choose
the decision threshold with the best recall at precision >= 0.92 on out-of-fold predictions
of the training part (5 folds by source). The held-out part is only scored, at the end, for
the report. Plain Python, no network, deterministic: running it again reproduces the shipped
weights exactly.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.claims.assessment import assess  # noqa: E402
from checker.claims.features import load_spec  # noqa: E402
from checker.claims.lexicon import load_lexicon  # noqa: E402
from checker.claims.model import model_payload  # noqa: E402
from checker.claims.training import (  # noqa: E402
    DECIMALS,
    FOLDS,
    HELD_OUT_SHARE,
    ITERATIONS,
    L2,
    SPLIT_SEED,
    TARGET_PRECISION,
    choose_threshold,
    digest,
    evaluate,
    fit,
    read_examples,
    split,
    vectors,
)

DATA = ROOT / "tests" / "data" / "claims-labelled.tsv"
MODEL = ROOT / "rules" / "claims-model.json"
SAMPLE_SEED = 1111


def build() -> tuple[dict, list[str]]:
    """The model document and the report lines."""
    examples = read_examples(DATA)
    train, held = split(examples)
    lexicon = load_lexicon()
    names = load_spec(lexicon).names()
    rows = vectors(train, lexicon)
    kept = [i for i, r in enumerate(rows) if r is not None]
    model = fit([rows[i] or {} for i in kept], [train[i].label for i in kept], names)
    threshold, oof = choose_threshold(train, rows, names)
    model = replace(
        model,
        threshold=threshold,
        meta={
            "fitted_by": "scripts/fit_claims.py",
            "data": "tests/data/claims-labelled.tsv",
            "data_sha256": digest(DATA),
            "sentences": len(examples),
            "split": f"by source article, seed {SPLIT_SEED}, {HELD_OUT_SHARE:.0%} held out",
            "training_sentences": len(train),
            "held_out_sentences": len(held),
            "fit": f"logistic regression, L2 {L2}, Newton {ITERATIONS} steps, "
            f"weights rounded to {DECIMALS} decimals",
            "threshold": f"best recall at precision >= {TARGET_PRECISION} on {FOLDS}-fold "
            "out-of-fold predictions of the training part",
            "features": names,
        },
    )
    lexicon = replace(lexicon, model=model, threshold=threshold)

    def predict(example) -> bool:
        return assess(example.text, lexicon, block_kind=example.block).is_claim

    report = [
        f"sentences: {len(examples)}  training: {len(train)}  held-out: {len(held)}",
        f"threshold {threshold:.2f} (out-of-fold on training: {oof.line()})",
        f"training (in-sample): {evaluate(train, predict).line()}",
        f"held-out (never fitted on): {evaluate(held, predict).line()}",
    ]
    return model_payload(model), report


def sample_medquad(corpus: Path, seed: int = SAMPLE_SEED, articles: int = 330) -> list[str]:
    """The unlabelled MedQuAD rows the labelled set started from (``source  block  text``).

    ``articles`` articles drawn with ``seed``; from each, 3 random prose sentences and, one
    time in eight, a heading. The labels were then given by hand (tests/data/claims-guideline.md).
    """
    from checker.parsing import parse
    from checker.source import SourceFile

    rng = random.Random(seed)
    rows = []
    for path in sorted(rng.sample(sorted(corpus.glob("*.md")), articles)):
        doc = parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))
        sentences = [s for s in doc.sentences(prose_only=False) if s.text.strip()]
        prose = [s for s in sentences if s.block.is_prose]
        headings = [s for s in sentences if not s.block.is_prose]
        picked = rng.sample(prose, min(3, len(prose)))
        if headings and rng.random() < 0.12:
            picked.append(rng.choice(headings))
        for s in picked:
            rows.append(f"medquad/{path.stem}\t{s.block.kind.value}\t{' '.join(s.text.split())}")
    return rows


def main() -> int:
    """Fit, then write the model file (or compare it with ``--check``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--output", type=Path, default=MODEL)
    parser.add_argument("--sample-medquad", type=Path, metavar="CORPUS", help="print rows to label")
    args = parser.parse_args()
    if args.sample_medquad:
        print("\n".join(sample_medquad(args.sample_medquad)))
        return 0
    payload, report = build()
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    print("\n".join(report))
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print("shipped model matches" if same else f"{args.output} differs from a fresh fit")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
