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
CASE_COST = 0.1
MIN_FAR_LENGTH = 7
MAX_DISTANT_LENGTH = 12
MAX_FAR_COST = 1.8
MAX_LETTER_CHANGE = 4


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


def _slips(word: str) -> set[str]:
    """Strings one dropped, swapped or doubled letter away from ``word``."""
    out = set()
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[: i + 1] + word[i] + word[i + 1 :])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return out


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
        self.distant = lru_cache(maxsize=4096)(self._distant)

    def _lookup(self, forms: Iterable[str], lower: str) -> dict[str, float]:
        spellings = self.speller.spellings
        may_know = self._may_know
        found: dict[str, float] = {}
        for form in forms:
            if not may_know(form):
                continue
            for spelling in spellings(form):
                if spelling.lower() != lower:
                    found[spelling] = distance(lower, form)
        return found

    def _candidates(self, word: str) -> tuple[Candidate, ...]:
        """Suggestions for ``word``, best first (case follows the word where sensible).

        Words one edit (or one ``REP`` replacement) away, and drug names two edits away.
        """
        lower = word.lower()
        found = self._lookup(edits1(lower) | _rep_forms(lower, self.replacements), lower)
        for spelling in self.speller.spellings(lower):
            if spelling != word:
                found[spelling] = CASE_COST
        ranked = [self._candidate(word, spelling, cost) for spelling, cost in found.items()]
        ranked.extend(self._far_drugs(word, {c.word.lower() for c in ranked}))
        ranked.sort(key=lambda c: (round(c.cost, 3), c.word.lower() != c.word, c.word))
        return tuple(_dedupe(ranked))

    def _far_drugs(self, word: str, seen: set[str]) -> list[Candidate]:
        """Drug names two edits from ``word`` that share its first two letters."""
        lower = word.lower()
        if len(lower) < MIN_FAR_LENGTH:
            return []
        buckets = self.speller.drugs.buckets
        letters = set(lower)
        out = []
        for length in range(len(lower) - 2, len(lower) + 3):
            for name in buckets.get((lower[:2], length), ()):
                if name.lower() in seen or len(letters ^ set(name.lower())) > MAX_LETTER_CHANGE:
                    continue
                cost = distance(lower, name.lower())
                if cost <= MAX_FAR_COST and self.speller.is_drug(name):
                    out.append(self._candidate(word, name, cost))
        return out

    def _may_know(self, form: str) -> bool:
        """A quick test that a lower-case form has a spelling in some word list."""
        speller = self.speller
        dictionaries = speller.dictionaries
        return (
            form in dictionaries.english
            or form in dictionaries.medical
            or form in dictionaries.capitalised
            or form in speller.drugs.generics
            or form in speller.drugs.brands
            or form in speller.vocab.accept
        )

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
        out = []
        for form in filter(self._may_know, edits1(lower)):
            for spelling in self.speller.spellings(form):
                if self.speller.is_drug(spelling):
                    out.append(self._candidate(word, spelling, distance(lower, form)))
        out.sort(key=lambda c: (round(c.cost, 3), c.word))
        return tuple(_dedupe(out))

    def _distant(self, word: str) -> tuple[Candidate, ...]:
        """Words two slips from ``word``, the second a dropped, swapped or doubled letter.

        ("pottasium" -> "potassium"). Cheaper than all two-edit strings, which are too many.
        """
        lower = word.lower()
        found = self._lookup({e2 for e1 in edits1(lower) for e2 in _slips(e1)}, lower)
        ranked = [self._candidate(word, spelling, cost) for spelling, cost in found.items()]
        ranked.sort(key=lambda c: (round(c.cost, 3), c.word.lower() != c.word, c.word))
        return tuple(_dedupe(ranked))

    def splits(self, word: str, min_part: int) -> list[tuple[str, str]]:
        """Cuts of a lower-case ``word`` into an English word and a function word.

        "takenunder" -> ("taken", "under"); a cut into two content words ("germline") is a
        closed compound and is not returned.
        """
        english = self.speller.dictionaries.english
        hidden = self.speller.dictionaries.nosuggest
        function = self.speller.vocab.function_words
        out = []
        for i in range(1, len(word)):
            left, right = word[:i], word[i:]
            if any(p in hidden or p not in english for p in (left, right)):
                continue
            if (left in function and len(right) >= min_part) or (
                right in function and len(left) >= min_part
            ):
                out.append((left, right))
        return out


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for c in candidates:
        if c.word.lower() not in seen:
            seen.add(c.word.lower())
            out.append(c)
    return out
