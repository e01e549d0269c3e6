"""The labelled sentences of tests/data/claims-labelled.tsv, their split, the fit and scores.

Shared by scripts/fit_claims.py (which writes rules/claims-model.json), bench/bench_claims.py
and the tests. Plain Python and deterministic: the same data gives the same weights, bit for
bit, on every machine (fixed seed, fixed order of sums, weights rounded to 6 decimals).

The split is by source article (``source`` column): all sentences of one article are either
in the training part or in the held-out part, so that no article's wording leaks from one to
the other. The held-out part is never used to fit or to choose the threshold.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.claims.assessment import features_of, gate
from checker.claims.lexicon import Lexicon
from checker.claims.model import Model

NEEDS, NO = "needs-source", "no-source"
SPLIT_SEED = 11
HELD_OUT_SHARE = 0.25
FOLDS = 5
L2 = 1.0
ITERATIONS = 15
DECIMALS = 6
TARGET_PRECISION = 0.92
"""The threshold is the one with the best recall at this out-of-fold precision or more."""


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    source: str
    block: str
    label: bool
    text: str


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of predictions against labels."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        """Share of flagged sentences that need a source."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of sentences needing a source that are flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        """``P 0.91  R 0.88  F1 0.89  (n=400)``."""
        n = self.tp + self.fp + self.fn + self.tn
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  (n={n})"


def read_examples(path: Path) -> list[Example]:
    """The rows of a labelled TSV file (``source  block  label  text``; ``#`` lines skipped)."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[2] not in (NEEDS, NO):
            raise ValueError(f"{path}:{number}: expected source, block, label, text")
        examples.append(Example(parts[0], parts[1], parts[2] == NEEDS, parts[3]))
    return examples


def digest(path: Path) -> str:
    """The SHA-256 of a file (recorded in the model's metadata)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def held_out(source: str) -> bool:
    """Whether a source article belongs to the held-out part.

    Decided by a seeded hash of its name alone, so adding sentences of new articles never moves
    an old article from one part to the other.
    """
    key = hashlib.sha256(f"{SPLIT_SEED}:{source}".encode()).digest()
    return int.from_bytes(key[:8], "big") / 2**64 < HELD_OUT_SHARE


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(training, held-out), by source article, with the fixed seed."""
    return [e for e in examples if not held_out(e.source)], [
        e for e in examples if held_out(e.source)
    ]


def vectors(examples: Iterable[Example], lexicon: Lexicon) -> list[dict[str, float] | None]:
    """Each example's non-zero features, or None when a gate rules it out."""
    out: list[dict[str, float] | None] = []
    for e in examples:
        if gate(e.text, lexicon, e.block):
            out.append(None)
            continue
        values = features_of(e.text, lexicon, e.block).values
        out.append({k: v for k, v in values.items() if v})
    return out


def fit(rows: Sequence[dict[str, float]], labels: Sequence[bool], names: Sequence[str]) -> Model:
    """L2-regularised logistic regression by Newton's method (a fixed number of steps)."""
    index = {name: i for i, name in enumerate(names)}
    d = len(names) + 1  # the last coordinate is the bias
    sparse = [[(index[k], v) for k, v in sorted(r.items()) if k in index] for r in rows]
    sparse = [[*r, (d - 1, 1.0)] for r in sparse]
    w = [0.0] * d
    for _ in range(ITERATIONS):
        grad = [L2 * w[j] if j < d - 1 else 0.0 for j in range(d)]
        hess = [[0.0] * d for _ in range(d)]
        for j in range(d - 1):
            hess[j][j] = L2
        for row, y in zip(sparse, labels, strict=True):
            p = _sigmoid(sum(w[j] * v for j, v in row))
            g, h = p - (1.0 if y else 0.0), max(p * (1 - p), 1e-9)
            for j, v in row:
                grad[j] += g * v
                for k, u in row:
                    hess[j][k] += h * v * u
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
    weights = {name: round(w[i], DECIMALS) for i, name in enumerate(names)}
    return Model(weights, round(w[-1], DECIMALS), 0.5)


def _sigmoid(z: float) -> float:
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve ``a x = b`` by Gaussian elimination with partial pivoting (``a`` is copied)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            if f:
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def choose_threshold(
    examples: Sequence[Example], rows: Sequence[dict[str, float] | None], names: Sequence[str]
) -> tuple[float, Scores]:
    """The threshold with the best recall at ``TARGET_PRECISION`` on out-of-fold predictions.

    Out-of-fold predictions of the training part (folds by source article, seeded like the
    split; gated rows count as not flagged). Precision is favoured over F1 because new text
    costs precision first; when no threshold reaches the target, the best F1 is taken.
    """
    sources = sorted({e.source for e in examples})
    random.Random(SPLIT_SEED + 1).shuffle(sources)
    fold_of = {s: i % FOLDS for i, s in enumerate(sources)}
    probs: list[float] = [0.0] * len(examples)
    for fold in range(FOLDS):
        train = [i for i, e in enumerate(examples) if fold_of[e.source] != fold and rows[i]]
        model = fit([rows[i] or {} for i in train], [examples[i].label for i in train], names)
        for i, e in enumerate(examples):
            if fold_of[e.source] == fold and rows[i] is not None:
                probs[i] = model.probability(rows[i] or {})
    labels = [e.label for e in examples]
    steps = [step / 100 for step in range(20, 81)]
    curve = [(t, score([p >= t for p in probs], labels)) for t in steps]
    precise = [(t, s) for t, s in curve if s.precision >= TARGET_PRECISION]
    if precise:
        return max(precise, key=lambda c: (c[1].recall, c[1].f1, -c[0]))
    return max(curve, key=lambda c: (c[1].f1, -c[0]))


def score(predicted: Sequence[bool], labels: Sequence[bool]) -> Scores:
    """Confusion counts of ``predicted`` against ``labels``."""
    pairs = list(zip(predicted, labels, strict=True))
    return Scores(
        tp=sum(p and y for p, y in pairs),
        fp=sum(p and not y for p, y in pairs),
        fn=sum(y and not p for p, y in pairs),
        tn=sum(not p and not y for p, y in pairs),
    )


def evaluate(examples: Sequence[Example], predict: Callable[[Example], bool]) -> Scores:
    """Scores of a predictor (sentence -> flagged) on labelled examples."""
    return score([predict(e) for e in examples], [e.label for e in examples])
