"""Cue matching on one sentence: which cue patterns of rules/claims.yml it holds, and its verbs.

Pure text in, cue matches out; the scoring model (``checker.claims.features``) turns the
matches into features and ``checker.claims.assessment`` into a verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.claims.lexicon import Lexicon


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a sentence: its kind, matched text, weight and offsets in the sentence."""

    kind: str
    text: str
    weight: float
    start: int
    end: int


def lower(text: str) -> str:
    """``text`` lower-cased, keeping its length (offsets stay valid)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def find_cues(
    lowered: str,
    lexicon: Lexicon,
    original: str = "",
    heads: frozenset[str] | None = None,
    words: Sequence[str] | None = None,
) -> tuple[CueMatch, ...]:
    """Every cue in lower-cased text, strongest first (a cue overlapping a stronger is dropped;
    of two as strong starting together, the one listed first in rules/claims.yml is kept).

    Cue texts are taken from ``original`` (the sentence as written) when it is given;
    ``words`` are the text's words (``matcher.WORD_RE.findall``) when already known;
    ``heads`` is unused (kept for callers that have them).
    """
    source = original or lowered
    cues = lexicon.cues
    found = [
        (-cues[number].weight, match.start(), number, match.end())
        for number, match in lexicon.matcher.finditer(lowered, words=words)
    ]
    if not found:
        return ()
    found.sort()
    kept: list[CueMatch] = []
    for weight, start, number, end in found:
        if not any(start < k.end and k.start < end for k in kept):
            kept.append(CueMatch(cues[number].kind, source[start:end], -weight, start, end))
    return tuple(kept)


def inflected(words: list[str], lexicon: Lexicon) -> bool:
    """Whether ``words`` (after the first) hold an auxiliary or an inflected listed verb."""
    return any(w in lexicon.auxiliaries or w in lexicon.verb_forms for w in words[1:])


def has_finite_verb(
    words: list[str], lexicon: Lexicon, capitals: frozenset[int] = frozenset()
) -> bool:
    """Whether lower-cased ``words`` hold a finite verb, by the lexicon's verb lists.

    ``capitals`` are the indexes of words written with a capital (a name before a verb:
    "Botox relaxes").
    """
    for index, word in enumerate(words):
        if word in lexicon.auxiliaries:
            return True
        if index == 0 or words[index - 1] in lexicon.determiners:
            continue
        before = words[index - 1]
        if word in lexicon.verb_forms:
            return True
        if word in lexicon.verb_lemmas and not before.endswith(("er", "est")):
            return True
        if word.endswith("ed") and len(word) > 4:
            return True
        subject = index - 1 in capitals or (index == 1 and _name_like(before, lexicon))
        if word in lexicon.more_verb_forms and (subject or _singular_subject(before)):
            return True
        if word in lexicon.verb_stems and _plural_subject(before, lexicon):
            return True
    return False


SINGULAR_SUBJECTS = frozenset({"it", "this", "that", "which", "who", "she", "he", "one"})
NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ine", "apy")


def _singular_subject(word: str) -> bool:
    """Whether ``word`` can be the subject of a verb in -s ("it lowers", "therapy eases")."""
    return word in SINGULAR_SUBJECTS or word.endswith(NOUN_ENDINGS)


def _name_like(word: str, lexicon: Lexicon) -> bool:
    """Whether a sentence's first word can be a subject ("Invisalign straightens").

    Not an adjective-looking word ("Higher rates") nor a determiner ("Some cases").
    """
    return not word.endswith(("er", "est", "ing", "ly", "ed")) and word not in lexicon.determiners


def _plural_subject(word: str, lexicon: Lexicon) -> bool:
    """Whether ``word`` can end a plural subject ("patients", "people") before a bare verb."""
    if word in lexicon.plural_subjects:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous"))
        and word not in lexicon.auxiliaries
        and word not in lexicon.determiners
    )
