"""Fast matching of many cue patterns: each pattern is tried only where its literal start is.

Python's ``re`` scans every position of a sentence for every pattern, which is far too slow
for some fifty patterns over a corpus. Here each pattern's possible literal prefixes
("research", "a study", ...) are worked out from its parse tree once; a sentence is then
walked word start by word start, and a pattern is tried (anchored) only where one of its
prefixes begins. Patterns whose start cannot be worked out are searched the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

DIGIT = "\x00digit"
"""Index key of patterns that start with a digit (``\\d``)."""
KEY_LENGTH = 3
MAX_PREFIXES = 400
WORD_RE = re.compile(r"\w+")
END = r"(?:(?<=\W)|(?!\w))"
"""A match ends at a word boundary, or with a non-word character such as a quote."""
DIGIT_START_RE = re.compile(r"(?<!\w)\d")
DIGIT_ANY_RE = re.compile(r"\d")


def lower_pattern(pattern: str) -> str:
    """A pattern for lower-cased text: its letters lower-cased, escapes (``\\D``) kept."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def literal_prefixes(pattern: str, *, past_anchors: bool = False) -> set[str] | None:
    """Literal strings one of which every match starts with (None when unknown).

    ``past_anchors``: read on past a word boundary or line anchor (``\\b``, ``^``, which
    match no text) and through an optional part (``(absolutely )?``): the prefixes still
    hold, and are longer (for :class:`PrefixGate`, which only asks whether a pattern can
    match at all).
    """
    parsed = P.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None  # (?i) at the start: the literals may match other text
    found, _ = _prefixes(parsed, past_anchors)
    out = {p if p.startswith(DIGIT) else p.split(DIGIT)[0] for p in found}
    return None if "" in out else out


def _prefixes(sub: Sequence, past_anchors: bool = False) -> tuple[set[str], bool]:
    """(prefixes, whether they are complete matches of ``sub``)."""
    current = {""}
    for op, av in sub:
        if op is C.LITERAL:
            current = {p + chr(av) for p in current}
            continue
        if op in (C.ASSERT, C.ASSERT_NOT) and av[0] < 0:
            continue  # a look-behind does not move the start of the match
        if op is C.AT and past_anchors:
            continue
        step, complete = _step(op, av, past_anchors)
        if step is None:
            return current, False
        current = {p + s for p in current for s in step}
        if len(current) > MAX_PREFIXES:
            return {p[:1] for p in current}, False
        if not complete:
            return current, False
    return current, True


def _step(op, av, past_anchors: bool = False) -> tuple[set[str] | None, bool]:
    if op is C.SUBPATTERN:
        if av[1] or av[2]:
            return None, False  # inline flags ((?i:...)): the literals may match other text
        return _prefixes(av[3], past_anchors)
    if op is C.BRANCH:
        results = [_prefixes(branch, past_anchors) for branch in av[1]]
        return set().union(*(r[0] for r in results)), all(r[1] for r in results)
    if op is C.IN and len(av) <= 6 and all(o is C.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}, True
    if op is C.IN and (C.CATEGORY, C.CATEGORY_DIGIT) in av:
        return {DIGIT}, False
    if op is C.MAX_REPEAT and av[0] >= 1:
        return _prefixes(av[2], past_anchors)[0], False
    if op is C.MAX_REPEAT and av[0] == 0 and av[1] == 1 and past_anchors:
        inner, complete = _prefixes(av[2], past_anchors)  # an optional part: with or without
        return inner | {""}, complete
    return None, False


def index_key(prefix: str) -> tuple[str, str]:
    """How a literal prefix is indexed: ``("digit", "")``, ``("symbol", its first
    character)`` or ``("word", its first word)``."""
    if prefix.startswith(DIGIT):
        return "digit", ""
    head = WORD_RE.match(prefix)
    return ("symbol", prefix[0]) if head is None else ("word", head.group())


def word_heads(text: str) -> frozenset[str]:
    """The first one, two and three characters of every word of ``text`` (index keys)."""
    return heads_of(WORD_RE.findall(text))


def heads_of(words: list[str]) -> frozenset[str]:
    """The first one, two and three characters of every word of ``words`` (index keys)."""
    return frozenset({w[:3] for w in words} | {w[:2] for w in words} | {w[:1] for w in words})


class PrefixGate:
    """Which of several whole-word patterns can match a text at all, by their literal starts.

    Each pattern is matched after a ``(?<!\\w)``, so a match that starts with a word
    character starts a word of the text: that word starts like one of the pattern's literal
    prefixes (is its first word, when the prefix goes on past it: "as " needs the word
    "as"), and the prefix occurs in the text. A pattern none of whose prefixes passes is
    skipped. Patterns whose start is unknown are always tried. ``ascii_only``: for
    case-insensitive patterns, asked only about lower-cased ASCII text, where a prefix that
    is not ASCII could still match by case folding ("ı" matches "i"): such patterns are
    always tried.
    """

    def __init__(self, patterns: Sequence[str | None], *, ascii_only: bool = False) -> None:
        self.always: set[int] = set()
        self.words: dict[str, list[tuple[str, str, int]]] = {}
        """Key -> (prefix, its first word when the prefix goes on past it, else "", number)."""
        self.symbols: dict[str, set[int]] = {}
        self.digits: set[int] = set()
        for number, pattern in enumerate(patterns):
            if pattern is None:
                continue
            prefixes = literal_prefixes(pattern, past_anchors=True)
            if prefixes is None or (ascii_only and not all(p.isascii() for p in prefixes)):
                self.always.add(number)
                continue
            for prefix in sorted(prefixes):
                self._add(prefix, number)
        self.keys = frozenset(self.words)

    def _add(self, prefix: str, number: int) -> None:
        kind, head = index_key(prefix)
        if kind == "digit":
            self.digits.add(number)
        elif kind == "symbol":
            self.symbols.setdefault(head, set()).add(number)
        else:
            word = head if len(head) < len(prefix) else ""
            self.words.setdefault(head[:KEY_LENGTH], []).append((prefix, word, number))

    def candidates(self, text: str, heads: frozenset[str], words: frozenset[str]) -> set[int]:
        """The numbers of the patterns that may match ``text`` (``heads``: its
        :func:`word_heads`; ``words``: its words, ``WORD_RE.findall``)."""
        found = set(self.always)
        index = self.words
        for key in heads & self.keys:
            for prefix, word, number in index[key]:
                if number not in found and (not word or word in words) and prefix in text:
                    found.add(number)
        for symbol, numbers in self.symbols.items():
            if symbol in text:
                found |= numbers
        if self.digits and DIGIT_ANY_RE.search(text):
            found |= self.digits
        return found


class CueMatcher:
    """Finds every match of a list of patterns in lower-cased text."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.regexes = [re.compile(f"(?:{p}){END}") for p in patterns]
        self.words: dict[str, list[tuple[str, int]]] = {}
        self.symbols: dict[str, list[tuple[str, int]]] = {}
        self.digits: list[int] = []
        self.searchers: dict[int, re.Pattern[str]] = {}
        for number, pattern in enumerate(patterns):
            prefixes = literal_prefixes(pattern)
            if prefixes is None:
                self.searchers[number] = re.compile(f"(?<!\\w)(?:{pattern}){END}")
                continue
            for prefix in prefixes:
                self._add(prefix, number)
        self.keys = frozenset(self.words)

    def _add(self, prefix: str, number: int) -> None:
        kind, head = index_key(prefix)
        if kind == "digit":
            self.digits.append(number)
            return
        if kind == "symbol":
            pairs = self.symbols.setdefault(head, [])
        else:
            pairs = self.words.setdefault(head[:KEY_LENGTH], [])
        pair = (head, number)
        if pair not in pairs:
            pairs.append(pair)

    def finditer(
        self, text: str, heads: frozenset[str] | None = None
    ) -> list[tuple[int, re.Match[str]]]:
        """(pattern number, match) for every pattern matching at a word start of ``text``
        (``heads``: its :func:`word_heads`, when already known)."""
        starts: set[tuple[int, int]] = set()
        if heads is None:
            heads = word_heads(text)
        for key in heads & self.keys:
            for prefix, number in self.words[key]:
                _add_starts(text, prefix, number, starts)
        for symbol, pairs in self.symbols.items():
            if symbol in text:
                for prefix, number in pairs:
                    _add_starts(text, prefix, number, starts)
        if self.digits:
            for start in DIGIT_START_RE.finditer(text):
                starts.update((number, start.start()) for number in self.digits)
        regexes = self.regexes
        found = [(n, m) for n, pos in starts if (m := regexes[n].match(text, pos))]
        for number, regex in self.searchers.items():
            found.extend((number, match) for match in regex.finditer(text))
        return found


def _add_starts(text: str, prefix: str, number: int, starts: set[tuple[int, int]]) -> None:
    """Note each word-start position of ``prefix`` in ``text`` as a place to try ``number``."""
    find = text.find
    pos = find(prefix)
    while pos >= 0:
        if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_"):
            starts.add((number, pos))
        pos = find(prefix, pos + 1)
