"""Scoring one sentence: which cues it has, of which kind, how strong, and whether it is excluded.

Pure text in, ``Assessment`` out: no document, no positions. ``checker.claims.detect`` runs this
over a document's prose sentences and adds citations.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.claims.lexicon import Lexicon
from checker.words import iter_words


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence: its kind, matched text, weight and offsets in the sentence."""

    kind: str
    text: str
    weight: float
    start: int
    end: int


@dataclass(frozen=True)
class Assessment:
    """What claim detection makes of one sentence."""

    kind: str | None
    score: float
    cues: tuple[CueMatch, ...]
    hedged: bool
    excluded: str | None
    threshold: float

    @property
    def is_claim(self) -> bool:
        """Whether the sentence is a claim: not excluded and scoring at least the threshold."""
        return self.kind is not None and not self.excluded and self.score >= self.threshold


def assess(text: str, lexicon: Lexicon, *, list_item: bool = False) -> Assessment:
    """Score ``text`` (one sentence) against the lexicon.

    Hedges and exclusions are only looked for when the cues alone reach the threshold.
    """
    lowered = lower(text)
    cues = find_cues(lowered, lexicon, original=text)
    kind, score = _score(cues, lexicon)
    if kind is None or score < lexicon.threshold:
        return Assessment(kind, round(score, 3), cues, False, None, lexicon.threshold)
    hedged = lexicon.hedges.search(lowered) is not None
    if hedged:
        floor = lexicon.threshold if kind in lexicon.hedge_floor_kinds else 0.0
        score = max(score * lexicon.hedge_factor, min(score, floor))
    excluded = _exclusion(lowered, cues, lexicon, list_item)
    return Assessment(kind, round(score, 3), cues, hedged, excluded, lexicon.threshold)


def lower(text: str) -> str:
    """``text`` lower-cased, keeping its length (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_cues(lowered: str, lexicon: Lexicon, original: str = "") -> tuple[CueMatch, ...]:
    """Every cue in lower-cased text, strongest first (a cue overlapping a stronger is dropped).

    Cue texts are taken from ``original`` (the sentence as written) when it is given.
    """
    source = original or lowered
    found: list[CueMatch] = []
    for number, match in lexicon.matcher.finditer(lowered):
        cue = lexicon.cues[number]
        start, end = match.span()
        found.append(CueMatch(cue.kind, source[start:end], cue.weight, start, end))
    kept: list[CueMatch] = []
    for cue in sorted(found, key=lambda c: (-c.weight, c.start)):
        if not any(cue.start < k.end and k.start < cue.end for k in kept):
            kept.append(cue)
    return tuple(kept)


def _score(cues: tuple[CueMatch, ...], lexicon: Lexicon) -> tuple[str | None, float]:
    if not cues:
        return None, 0.0
    best = cues[0]
    others = {c.text.lower() for c in cues[1:] if c.weight >= lexicon.min_extra_weight}
    others.discard(best.text.lower())
    extra = min(len(others), lexicon.max_extra_cues)
    return best.kind, min(1.0, best.weight + extra * lexicon.extra_cue_bonus)


def _exclusion(
    text: str, cues: tuple[CueMatch, ...], lexicon: Lexicon, list_item: bool
) -> str | None:
    strongest = cues[0].weight if cues else 0.0
    for exclusion in lexicon.exclusions:
        if not exclusion.regex.search(text):
            continue
        if exclusion.always or strongest < exclusion.override_weight:
            return exclusion.name
    words = [w.text.lower().replace("\u2019", "'") for w in iter_words(text)]
    if len(words) < lexicon.min_words:
        return "too_short"
    if list_item and words[0].endswith("ing") and not _inflected(words, lexicon):
        return "fragment"
    if (list_item or len(words) <= lexicon.fragment_max_words) and not has_finite_verb(
        words, lexicon
    ):
        return "fragment"
    return None


def _inflected(words: list[str], lexicon: Lexicon) -> bool:
    """Whether ``words`` hold an auxiliary or an inflected form of a listed verb."""
    return any(w in lexicon.auxiliaries or w in lexicon.verb_forms for w in words[1:])


def has_finite_verb(words: list[str], lexicon: Lexicon) -> bool:
    """Whether lower-cased ``words`` hold a finite verb, by the lexicon's verb lists."""
    for index, word in enumerate(words):
        if word in lexicon.auxiliaries:
            return True
        if index == 0 or words[index - 1] in lexicon.determiners:
            continue
        if word in lexicon.verb_forms:
            return True
        if word in lexicon.verb_lemmas and not words[index - 1].endswith(("er", "est")):
            return True
        if word.endswith("ed") and len(word) > 4:
            return True
    return False
