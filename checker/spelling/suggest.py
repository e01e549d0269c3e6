"""Suggestions for a flagged word, ranked best first; run-together splits.

Candidates are the dictionary and lexicon words within one edit of the word (two edits when
none is within one), plus Hunspell's ``REP`` sound-alike replacements. They are ranked by a
weighted Damerau-Levenshtein distance in which the common typing slips cost less than other
edits: a doubled or dropped doubled letter, a swap of neighbours, a dropped letter, a key next
to the right one, one vowel for another. Computed only for words that are flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from checker.spelling.speller import Speller

LETTERS = "abcdefghijklmnopqrstuvwxyz'-"
VOWELS = frozenset("aeiouy")
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
MAX_EDITS2_LENGTH = 14


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for c, (r, i) in pos.items():
        near = {
            d for d, (r2, i2) in pos.items() if d != c and abs(r - r2) <= 1 and abs(i - i2) <= 1
        }
        out[c] = frozenset(near)
    return out


NEIGHBOURS = _neighbours()


@dataclass(frozen=True)
class Candidate:
    """A suggested spelling and its cost (lower is better)."""

    word: str
    cost: float
    drug: bool = False


def substitution_cost(a: str, b: str) -> float:
    """Cost of typing ``a`` where ``b`` was meant."""
    if a == b:
        return 0.0
    if b in NEIGHBOURS.get(a, ()) or (a in VOWELS and b in VOWELS):
        return 0.85
    return 1.0


def distance(typed: str, meant: str) -> float:
    """Weighted Damerau-Levenshtein distance from what was typed to what was meant."""
    n, m = len(typed), len(meant)
    prev2: list[float] = []
    prev = [j * 0.8 for j in range(m + 1)]
    for i in range(1, n + 1):
        row = [i * 0.85] + [0.0] * m
        for j in range(1, m + 1):
            a, b = typed[i - 1], meant[j - 1]
            extra = 0.5 if i >= 2 and typed[i - 2] == a else 0.85
            dropped = 0.5 if j >= 2 and meant[j - 2] == b else 0.8
            best = min(
                prev[j - 1] + substitution_cost(a, b),
                prev[j] + extra,
                row[j - 1] + dropped,
            )
            if i > 1 and j > 1 and a == meant[j - 2] and typed[i - 2] == b:
                best = min(best, prev2[j - 2] + 0.6)
            row[j] = best
        prev2, prev = prev, row
    return prev[m]


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return deletes | swaps | replaces | inserts


def _rep_forms(word: str, replacements: Iterable[tuple[str, str]]) -> set[str]:
    out = set()
    for old, new in replacements:
        start = word.find(old)
        while start >= 0:
            out.add(word[:start] + new + word[start + len(old) :])
            start = word.find(old, start + 1)
    return out


class Suggester:
    """Ranked suggestions and splits for one speller (results cached per word)."""

    def __init__(self, speller: Speller, replacements: Iterable[tuple[str, str]] = ()) -> None:
        self.speller = speller
        self.replacements = tuple(replacements)
        self.candidates = lru_cache(maxsize=8192)(self._candidates)
        self.drug_candidates = lru_cache(maxsize=8192)(self._drug_candidates)

    def _lookup(self, forms: Iterable[str], lower: str) -> dict[str, float]:
        index = self.speller.index()
        found: dict[str, float] = {}
        for form in forms:
            for spelling in index.get(form, ()):
                if spelling.lower() != lower:
                    found[spelling] = distance(lower, form)
        return found

    def _candidates(self, word: str) -> tuple[Candidate, ...]:
        """Suggestions for ``word``, best first (case follows the word where sensible)."""
        lower = word.lower()
        near = edits1(lower)
        found = self._lookup(near | _rep_forms(lower, self.replacements), lower)
        if not found and len(lower) <= MAX_EDITS2_LENGTH:
            found = self._lookup({e2 for e1 in near for e2 in edits1(e1)}, lower)
        ranked = [self._candidate(word, spelling, cost) for spelling, cost in found.items()]
        ranked.sort(key=lambda c: (round(c.cost, 3), c.word.lower() != c.word, c.word))
        return tuple(_dedupe(ranked))

    def _candidate(self, word: str, spelling: str, cost: float) -> Candidate:
        drug = self.speller.is_drug(spelling)
        if spelling[:1].isupper() and not word[:1].isupper():
            cost += 0.1
        if spelling in self.speller.dictionaries.medical and not drug:
            cost += 0.05
        if word[:1].isupper() and spelling[:1].islower():
            spelling = spelling[:1].upper() + spelling[1:]
        return Candidate(spelling, cost, drug)

    def _drug_candidates(self, word: str) -> tuple[Candidate, ...]:
        """Drug names one edit from ``word`` (cheap: used for capitalised unknown words)."""
        lower = word.lower()
        index = self.speller.index()
        out = []
        for form in edits1(lower):
            for spelling in index.get(form, ()):
                if self.speller.is_drug(spelling):
                    out.append(self._candidate(word, spelling, distance(lower, form)))
        out.sort(key=lambda c: (round(c.cost, 3), c.word))
        return tuple(_dedupe(out))

    def splits(self, word: str, min_part: int) -> list[tuple[str, str]]:
        """Ways to cut a lower-case ``word`` into two English words (``takenunder``)."""
        short = self.speller.vocab.short_split_words
        english = self.speller.dictionaries.english
        hidden = self.speller.dictionaries.nosuggest
        out = []
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if not all(_good_part(p, min_part, short, english, hidden) for p in (left, right)):
                continue
            out.append((left, right))
        return out


def _good_part(part: str, min_part: int, short, english, hidden) -> bool:
    if part in hidden or part not in english:
        return False
    return len(part) >= min_part or part in short


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for c in candidates:
        if c.word.lower() not in seen:
            seen.add(c.word.lower())
            out.append(c)
    return out
