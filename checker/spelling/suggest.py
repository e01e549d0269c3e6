"""Suggestions for a flagged word, ranked best first; run-together splits.

Candidates are the dictionary and lexicon words within one edit of the word (two slips when
none is within one), Hunspell's ``REP`` replacements, the sound-alike confusions of the error
model (checker/spelling/errormodel.py), and, for a word with no candidate that close, the
common English words a fast edit-distance search (``rapidfuzz``) finds within a few edits.
Each candidate has a ``cost`` (the error model's distance: how unlikely the slip is) and a
``rank``: the cost minus ``freq_weight`` times the word's Zipf frequency (``wordfreq``), a
noisy-channel score (probability of the slip times probability of the word, in log units).
Decisions about whether to report use the cost; the order of suggestions uses the rank.
Computed only for flagged words, and never for words over ``MAX_SUGGEST_LENGTH`` letters.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from checker.spelling.errormodel import ErrorModel
from checker.spelling.frequency import Frequencies
from checker.spelling.speller import Speller

LETTERS = "abcdefghijklmnopqrstuvwxyz'-"
CASE_COST = 0.1
NAME_FOR_WORD = 0.2
"""Extra cost of a capitalised name for a word written in lower case."""
MIN_FAR_LENGTH = 7
MAX_DISTANT_LENGTH = 12
MAX_FAR_COST = 1.8
MAX_LETTER_CHANGE = 4
UNION_AFTER = 20_000
"""Forms searched list by list before the lists' union is built (``_known``): about 6 ms of
searching, against 20-25 ms to build the union, which then searches five times faster."""
MAX_SUGGEST_LENGTH = 35
"""Longer words get no suggestions: candidate search grows faster than the word's length."""
DEFAULT_RANKING = {
    "freq_weight": 0.2,  # cost units per Zipf unit of the candidate's frequency
    "max_zipf": 8.0,  # frequencies above this count as this (function words do not swamp)
    "far_min_zipf": 3.0,  # the far search looks among English words at least this common
    "far_max_edits": 3,  # plain edits (rapidfuzz OSA distance) for the far search
    "far_limit": 25,  # candidates the far search rescores with the error model
}


@dataclass(frozen=True)
class Candidate:
    """A suggested spelling: its cost (lower is likelier) and rank (lower is better)."""

    word: str
    cost: float
    drug: bool = False
    rank: float = field(default=0.0, compare=False)


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

    def __init__(
        self,
        speller: Speller,
        replacements: Iterable[tuple[str, str]] = (),
        model: ErrorModel | None = None,
        frequencies: Frequencies | None = None,
        ranking: dict[str, float] | None = None,
    ) -> None:
        self.speller = speller
        self.replacements = tuple(replacements)
        self.model = model or ErrorModel()
        self.frequencies = frequencies or Frequencies()
        self.ranking = {**DEFAULT_RANKING, **(ranking or {})}
        self._searched = 0
        self.candidates = lru_cache(maxsize=8192)(self._candidates)
        self.drug_candidates = lru_cache(maxsize=8192)(self._drug_candidates)
        self.distant = lru_cache(maxsize=4096)(self._distant)
        self.far = lru_cache(maxsize=4096)(self._far)

    def distance(self, typed: str, meant: str) -> float:
        """The error model's cost of typing ``typed`` for ``meant`` (both lower case)."""
        return self.model.distance(typed, meant)

    def zipf(self, word: str) -> float:
        """The Zipf frequency of a word (0 for one wordfreq does not know)."""
        return self.frequencies.zipf(word)

    def _lookup(self, forms: Iterable[str], lower: str) -> dict[str, float]:
        spellings = self.speller.spellings
        found: dict[str, float] = {}
        for form in self._known(forms):
            for spelling in spellings(form):
                if spelling.lower() != lower:
                    found[spelling] = self.distance(lower, form)
        return found

    def _candidates(self, word: str) -> tuple[Candidate, ...]:
        """Suggestions for ``word``, best first (case follows the word where sensible).

        Words one edit, one ``REP`` replacement or one sound-alike confusion away, and drug
        names two edits away.
        """
        if len(word) > MAX_SUGGEST_LENGTH:
            return ()
        lower = word.lower()
        forms = edits1(lower) | _rep_forms(lower, self.replacements) | self.model.variants(lower)
        found = self._lookup(forms, lower)
        for spelling in self.speller.spellings(lower):
            if spelling != word:
                found[spelling] = CASE_COST
        ranked = [self._candidate(word, spelling, cost) for spelling, cost in found.items()]
        ranked.extend(self._far_drugs(word, {c.word.lower() for c in ranked}))
        return self._ranked(ranked)

    def _ranked(self, candidates: list[Candidate]) -> tuple[Candidate, ...]:
        """Candidates best first: by rank, then cost, lower case before capitalised."""
        candidates.sort(key=lambda c: (round(c.rank, 3), c.cost, c.word.lower() != c.word, c.word))
        return tuple(_dedupe(candidates))

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
                if not self.speller.is_drug(name):
                    continue
                cost = self.distance(lower, name.lower())
                if cost <= MAX_FAR_COST:
                    out.append(self._candidate(word, name, cost))
        return out

    def _known(self, forms: Iterable[str]) -> set[str]:
        """The lower-case forms of ``forms`` that have a spelling in some word list (set
        intersections: far quicker than a lookup per form in each list). Until ``UNION_AFTER``
        forms have been searched, each list is intersected; then their union, built once (a
        run with few unknown words does not pay for it)."""
        forms = forms if isinstance(forms, set) else set(forms)
        if self._searched + len(forms) > UNION_AFTER:
            return forms & self._spellable
        self._searched += len(forms)
        found: set[str] = set()
        for table in self._spelling_lists():
            found |= forms & table
        return found

    def _spelling_lists(self) -> tuple[AbstractSet[str], ...]:
        """The word lists that give spellings (``Speller.spellings``)."""
        speller = self.speller
        dictionaries = speller.dictionaries
        return (
            dictionaries.english,
            dictionaries.medical,
            dictionaries.lowered,
            dictionaries.capitalised,
            speller.drugs.generics,
            speller.drugs.brands.keys(),
            speller.vocab.accept,
        )

    @cached_property
    def _spellable(self) -> frozenset[str]:
        """Every form some word list has (built once ``UNION_AFTER`` forms were searched)."""
        return frozenset().union(*self._spelling_lists())

    def _candidate(self, word: str, spelling: str, cost: float) -> Candidate:
        drug = self.speller.is_drug(spelling)
        if spelling[:1].isupper() and not word[:1].isupper():
            cost += NAME_FOR_WORD
        dictionaries = self.speller.dictionaries
        if (spelling in dictionaries.medical or spelling in dictionaries.lowered) and not drug:
            cost += 0.05
        if word[:1].isupper() and spelling[:1].islower():
            spelling = spelling[:1].upper() + spelling[1:]
        zipf = min(self.zipf(spelling), self.ranking["max_zipf"])
        rank = cost - self.ranking["freq_weight"] * zipf
        return Candidate(spelling, cost, drug, rank)

    def _drug_candidates(self, word: str) -> tuple[Candidate, ...]:
        """Drug names one edit from ``word`` (cheap: used for capitalised unknown words)."""
        if len(word) > MAX_SUGGEST_LENGTH:
            return ()
        lower = word.lower()
        out = []
        for form in self._known(edits1(lower)):
            for spelling in self.speller.spellings(form):
                if self.speller.is_drug(spelling):
                    out.append(self._candidate(word, spelling, self.distance(lower, form)))
        out.sort(key=lambda c: (round(c.cost, 3), c.word))
        return tuple(_dedupe(out))

    def _distant(self, word: str) -> tuple[Candidate, ...]:
        """Words two slips from ``word``, the second a dropped, swapped or doubled letter.

        ("pottasium" -> "potassium"). Cheaper than all two-edit strings, which are too many.
        """
        if len(word) > MAX_SUGGEST_LENGTH:
            return ()
        lower = word.lower()
        found = self._lookup({e2 for e1 in edits1(lower) for e2 in _slips(e1)}, lower)
        ranked = [self._candidate(word, spelling, cost) for spelling, cost in found.items()]
        return self._ranked(ranked)

    @cached_property
    def _common(self) -> list[str]:
        """Common English words (lower case, suggestible): the far search's pool (kept in the
        cache folder with the dictionaries it comes from)."""
        dictionaries = self.speller.dictionaries
        minimum = self.ranking["far_min_zipf"]

        def build() -> list[str]:
            words = sorted(
                w
                for w in dictionaries.english
                if w.islower() and "'" not in w and w not in dictionaries.nosuggest
            )
            return self.frequencies.common(words, minimum)

        key = f"{dictionaries.key}|{minimum!r}" if dictionaries.key else ""
        return self.frequencies.remembered("far-pool", key, build)

    def _far(self, word: str) -> tuple[Candidate, ...]:
        """Common English words a few edits from ``word`` ("simptums" -> "symptoms"), found
        by rapidfuzz's optimal-string-alignment distance and rescored by the error model."""
        if len(word) > MAX_SUGGEST_LENGTH or len(word) < 3:
            return ()
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        lower = word.lower()
        edits = min(int(self.ranking["far_max_edits"]), max(1, len(lower) // 3))
        found = process.extract(
            lower,
            self._common,
            scorer=OSA.distance,
            score_cutoff=edits,
            limit=int(self.ranking["far_limit"]),
        )
        ranked = [self._candidate(word, w, self.distance(lower, w)) for w, _, _ in found]
        return self._ranked([c for c in ranked if c.word.lower() != lower])

    def splits(self, word: str, min_part: int) -> list[tuple[str, str]]:
        """Cuts of a lower-case ``word`` into an English word and a function word, likeliest
        first (by the frequency of the two words).

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
        out.sort(key=lambda pair: -(self.zipf(pair[0]) + self.zipf(pair[1])))
        return out


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for c in candidates:
        if c.word.lower() not in seen:
            seen.add(c.word.lower())
            out.append(c)
    return out
