"""The claims model: a logistic regression over ``checker.claims.features``, read from rules/.

rules/claims-model.json holds the feature names, one weight each, the bias, the decision
threshold and how the weights were fitted (scripts/fit_claims.py writes it). Scoring is plain
Python: ``p = 1 / (1 + exp(-(bias + sum(weight * value))))``; a sentence is a claim when ``p``
reaches the threshold. Nothing is downloaded; an editor may read and diff the file.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.resources import RulesDataError, rules_file

DEFAULT_MODEL = "claims-model.json"


@dataclass(frozen=True)
class Model:
    """Weights by feature name, a bias and a threshold on the probability."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, values: dict[str, float]) -> float:
        """The linear score of a feature vector (features the model lacks count zero)."""
        weights = self.weights
        return self.bias + sum(weights.get(k, 0.0) * v for k, v in values.items() if v)

    def probability(self, values: dict[str, float]) -> float:
        """The probability that the sentence needs a source."""
        z = self.logit(values)
        if z < -60:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def contributions(self, values: dict[str, float]) -> list[tuple[str, float]]:
        """Each non-zero feature's share of the score, largest first."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in values.items() if v]
        return sorted((p for p in parts if p[1]), key=lambda p: -abs(p[1]))


EMPTY = Model({}, 0.0, 0.5, {"note": "no model file: every sentence scores 0.5"})


def load_model(name: str = DEFAULT_MODEL) -> Model:
    """The model file ``name`` of the rules folder in use (read once per file)."""
    return _read(rules_file(name))


@functools.lru_cache(maxsize=4)
def _read(path: Path) -> Model:
    if not path.exists():
        return EMPTY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return Model(weights, float(data["bias"]), float(data["threshold"]), data.get("meta", {}))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RulesDataError(f"{path}: bad claims model: {exc!r}") from exc


def model_payload(model: Model) -> dict[str, Any]:
    """The JSON document of ``model`` (what scripts/fit_claims.py writes)."""
    return {
        "meta": model.meta,
        "threshold": model.threshold,
        "bias": model.bias,
        "weights": model.weights,
    }
