"""What a list item means, for DUP002: word roots and the concepts of rules/synonyms.yml.

An item's *meaning* is the sequence of its meaningful words, each reduced to a root (the
Snowball stem with one derivational ending removed: "nauseous", "nauseated" and "nausea" all
become "nause"), with every phrase of the synonym lexicon replaced by its concept ("Difficulty
sleeping" and "Insomnia" both become ``#insomnia``). Two items that mean the same have the
same set of meaning tokens once generic words ("effects", "feeling") are set aside.

Word lists (stop words, generic words, contrast pairs, derivational endings) come from
rules/duplicates.yml; the concept groups from rules/synonyms.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker.resources import RulesDataError, load_yaml, rules_file
from checker.words import stem, word_list

CONCEPT_PREFIX = "#"
_SPLIT_RE = re.compile(r"[-\u2010\u2011\u2013/]+")


@dataclass(frozen=True)
class Meaning:
    """The meaning tokens of a text: all of them, and without generic words."""

    full: frozenset[str]
    core: frozenset[str]

    @property
    def concepts(self) -> frozenset[str]:
        """The lexicon concepts the text names (without the ``#``)."""
        return frozenset(t[1:] for t in self.full if t.startswith(CONCEPT_PREFIX))


@dataclass(frozen=True)
class Lexicon:
    """The loaded word lists and concept phrases."""

    endings: tuple[tuple[str, int], ...]
    exceptions: frozenset[str]
    stop_words: frozenset[str]
    generic: frozenset[str]
    contrasts: tuple[tuple[str, str], ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    vocabulary: dict[str, frozenset[str]]

    def root(self, word: str) -> str:
        """The Snowball stem of ``word`` without one derivational ending."""
        stemmed = stem(word)
        if word in self.exceptions:
            return stemmed
        for ending, min_root in self.endings:
            if stemmed.endswith(ending) and len(stemmed) - len(ending) >= min_root:
                return stemmed[: -len(ending)]
        return stemmed

    def roots(self, text: str) -> list[str]:
        """Roots of the meaningful words of ``text`` (hyphenated words split, stop words out)."""
        out = []
        for word in word_list(text.lower().replace("\u2019", "'")):
            for part in _SPLIT_RE.split(word):
                if part and part not in self.stop_words:
                    out.append(self.root(part))
        return out

    def tokens(self, text: str) -> list[str]:
        """The meaning tokens of ``text``: roots, lexicon phrases (longest first) as concepts.

        A word left over that belongs to the terms of a concept the text already names adds
        nothing: "Skin itching" means what "Itchy skin" (a term of `itching`) means.
        """
        roots = self.roots(text)
        out: list[str] = []
        i = 0
        while i < len(roots):
            match = self._phrase_at(roots, i)
            if match is None:
                out.append(roots[i])
                i += 1
            else:
                length, concept = match
                out.append(CONCEPT_PREFIX + concept)
                i += length
        named = [t[1:] for t in out if t.startswith(CONCEPT_PREFIX)]
        if not named:
            return out
        redundant = frozenset().union(*(self.vocabulary.get(c, frozenset()) for c in named))
        return [t for t in out if t not in redundant]

    def _phrase_at(self, roots: list[str], i: int) -> tuple[int, str] | None:
        for phrase, concept in self.phrases.get(roots[i], ()):
            if tuple(roots[i : i + len(phrase)]) == phrase:
                return len(phrase), concept
        return None

    def meaning(self, text: str) -> Meaning:
        """The meaning of ``text``: its token set with and without generic words."""
        full = frozenset(self.tokens(text))
        return Meaning(full, full - self.generic)


def lexicon() -> Lexicon:
    """The lexicon of the rules folder in use (loaded once per rules folder)."""
    return _build(str(rules_file("duplicates.yml")), str(rules_file("synonyms.yml")))


@cache
def _build(duplicates_path: str, synonyms_path: str) -> Lexicon:
    data = load_yaml("duplicates.yml") or {}
    stop = frozenset(str(w).lower() for w in data.get("stop_words", []))
    endings = _endings(data.get("derivational_endings") or {}, duplicates_path)
    exceptions = frozenset(str(w).lower() for w in data.get("derivational_exceptions", []))
    partial = Lexicon(endings, exceptions, stop, frozenset(), (), {}, {})
    generic = frozenset(partial.root(str(w).lower()) for w in data.get("generic_words", []))
    contrasts = tuple(
        (partial.root(str(x).lower()), partial.root(str(y).lower()))
        for x, y in data.get("contrast_pairs", [])
    )
    phrases = _phrases(load_yaml("synonyms.yml") or {}, partial, synonyms_path)
    vocabulary: dict[str, set[str]] = {}
    for entries in phrases.values():
        for key, concept in entries:
            vocabulary.setdefault(concept, set()).update(key)
    frozen = {c: frozenset(words) for c, words in vocabulary.items()}
    return Lexicon(endings, exceptions, stop, generic, contrasts, phrases, frozen)


def _endings(node: object, path: str) -> tuple[tuple[str, int], ...]:
    if not isinstance(node, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in node.items()
    ):
        raise RulesDataError(
            f"{path}: derivational_endings must map endings to minimum root lengths"
        )
    return tuple(sorted(node.items(), key=lambda e: len(e[0]), reverse=True))


def _phrases(
    data: object, partial: Lexicon, path: str
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Every term of every group as a root sequence, indexed by its first root, longest first.

    A term that reduces to the same roots as a term of another group is an error: the
    lexicon would not know which concept it names.
    """
    if not isinstance(data, dict):
        raise RulesDataError(f"{path}: expected sections of concept groups")
    owner: dict[tuple[str, ...], str] = {}
    for section, groups in data.items():
        if not isinstance(groups, dict):
            raise RulesDataError(f"{path}: section {section!r} must map concepts to term lists")
        for concept, terms in groups.items():
            if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
                raise RulesDataError(f"{path}: concept {concept!r} must be a list of terms")
            for term in terms:
                key = tuple(partial.roots(term))
                if not key:
                    raise RulesDataError(f"{path}: concept {concept!r}: term {term!r} is empty")
                other = owner.setdefault(key, str(concept))
                if other != concept:
                    raise RulesDataError(
                        f"{path}: term {term!r} of {concept!r} already names {other!r}"
                    )
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, concept in owner.items():
        index.setdefault(key[0], []).append((key, concept))
    return {
        first: tuple(sorted(entries, key=lambda e: len(e[0]), reverse=True))
        for first, entries in index.items()
    }
