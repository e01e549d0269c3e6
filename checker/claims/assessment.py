"""Judging one sentence: is it a claim that needs a source, of what kind, and how risky.

Pure text in, ``Assessment`` out: no document, no positions. Two steps:

1. **Gates** (rules/claims.yml): headings, questions, statements about the article, calls to
   action, imperatives, too-short sentences and fragments without a finite verb assert
   nothing and are never claims.
2. **Model**: the sentence's weak features (``checker.claims.features``) are scored by the
   logistic regression of rules/claims-model.json (``checker.claims.model``); a probability
   at or above the model's threshold makes a claim. Its kind and risk tier come from the cues
   and families that fired (``checker.claims.kinds``).

``checker.claims.detect`` runs this over a document's prose sentences and adds citations.

The model's modules (``features``, ``kinds``) are imported when a sentence first gets past
the gates: a run whose articles all come from the result cache does not load them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.claims.cues import CueMatch, find_cues, has_finite_verb, inflected, lower
from checker.claims.lexicon import Lexicon
from checker.claims.scan import Scan

if TYPE_CHECKING:
    from checker.claims.features import SentenceFeatures

__all__ = ["Assessment", "CueMatch", "assess", "find_cues", "gate", "has_finite_verb", "lower"]
NOT_PROSE = frozenset({"heading", "caption"})


@dataclass(frozen=True)
class Assessment:
    """What claim detection makes of one sentence."""

    kind: str | None
    score: float
    cues: tuple[CueMatch, ...]
    hedged: bool
    excluded: str | None
    threshold: float
    risk: str = "info"
    why: str = ""
    evidence: tuple[str, ...] = ()
    features: dict[str, float] = field(default_factory=dict)
    treatments: tuple[str, ...] = ()
    absolute: bool = False
    """Whether an absolute claim rule matched: a claim whatever the model's score."""

    @property
    def is_claim(self) -> bool:
        """Whether the sentence is a claim: not excluded, and at the threshold or absolute."""
        if self.kind is None or self.excluded:
            return False
        return self.score >= self.threshold or self.absolute


def assess(
    text: str, lexicon: Lexicon, *, list_item: bool = False, block_kind: str = ""
) -> Assessment:
    """Judge ``text`` (one sentence; ``block_kind`` "list_item", "heading", ...)."""
    kind_of_block = block_kind or ("list_item" if list_item else "paragraph")
    threshold = lexicon.threshold
    scan = Scan(text)
    excluded = gate(text, lexicon, kind_of_block, scan=scan)
    if excluded:
        return Assessment(None, 0.0, (), False, excluded, threshold)
    from checker.claims.features import extract
    from checker.claims.kinds import classify

    found = extract(text, lexicon, block_kind=kind_of_block, scan=scan)
    score = round(lexicon.model.probability(found.values), 3)
    hedged = bool(found.hits.get("hedges")) and lexicon.hedges.search(scan.lowered) is not None
    verdict = classify(text, found, lexicon, scan=scan)
    return Assessment(
        kind=verdict.kind,
        score=score,
        cues=found.cues,
        hedged=hedged,
        excluded=None,
        threshold=threshold,
        risk=verdict.risk,
        why=verdict.why,
        evidence=verdict.evidence,
        features=found.values,
        treatments=found.treatments,
        absolute=verdict.absolute,
    )


def features_of(text: str, lexicon: Lexicon, block_kind: str = "paragraph") -> SentenceFeatures:
    """The model's features of one sentence (for the fitting script and the benchmark)."""
    from checker.claims.features import extract

    return extract(text, lexicon, block_kind=block_kind)


def gate(
    text: str,
    lexicon: Lexicon,
    block_kind: str = "paragraph",
    *,
    written: list[str] | None = None,
    scan: Scan | None = None,
) -> str | None:
    """Why ``text`` asserts nothing (a heading, question, call to action, fragment...), or None.

    ``written``: the words of ``text`` as written (``word_list(text)``), when already known;
    ``scan``: its ``Scan``, when already made.
    """
    if block_kind in NOT_PROSE:
        return "heading"
    if scan is None:
        scan = Scan(text, written)
    lowered = scan.lowered
    for exclusion in lexicon.exclusions:
        if exclusion.regex.search(lowered):
            return exclusion.name
    words = scan.words
    if len(words) < lexicon.min_words:
        return "too_short"
    list_item = block_kind == "list_item"
    if list_item and words[0].endswith("ing") and not inflected(words, lexicon):
        return "fragment"
    if (list_item or len(words) <= lexicon.fragment_max_words) and not scan.finite_verb(lexicon):
        return "fragment"
    return None
