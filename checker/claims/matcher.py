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


def lower_pattern(pattern: str) -> str:
    """A pattern for lower-cased text: its letters lower-cased, escapes (``\\D``) kept."""
    return re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), pattern)


def literal_prefixes(pattern: str) -> set[str] | None:
    """Literal strings one of which every match starts with (None when unknown)."""
    found, _ = _prefixes(P.parse(pattern))
    out = {p if p.startswith(DIGIT) else p.split(DIGIT)[0] for p in found}
    return None if "" in out else out


def _prefixes(sub: Sequence) -> tuple[set[str], bool]:
    """(prefixes, whether they are complete matches of ``sub``)."""
    current = {""}
    for op, av in sub:
        if op is C.LITERAL:
            current = {p + chr(av) for p in current}
            continue
        if op in (C.ASSERT, C.ASSERT_NOT) and av[0] < 0:
            continue  # a look-behind does not move the start of the match
        step, complete = _step(op, av)
        if step is None:
            return current, False
        current = {p + s for p in current for s in step}
        if len(current) > MAX_PREFIXES:
            return {p[:1] for p in current}, False
        if not complete:
            return current, False
    return current, True


def _step(op, av) -> tuple[set[str] | None, bool]:
    if op is C.SUBPATTERN:
        return _prefixes(av[3])
    if op is C.BRANCH:
        results = [_prefixes(branch) for branch in av[1]]
        return set().union(*(r[0] for r in results)), all(r[1] for r in results)
    if op is C.IN and len(av) <= 6 and all(o is C.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}, True
    if op is C.IN and (C.CATEGORY, C.CATEGORY_DIGIT) in av:
        return {DIGIT}, False
    if op is C.MAX_REPEAT and av[0] >= 1:
        return _prefixes(av[2])[0], False
    return None, False


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
        if prefix.startswith(DIGIT):
            self.digits.append(number)
            return
        head = WORD_RE.match(prefix)
        if head is None:
            pairs = self.symbols.setdefault(prefix[0], [])
            pair = (prefix[0], number)
        else:
            pairs = self.words.setdefault(head.group()[:KEY_LENGTH], [])
            pair = (head.group(), number)
        if pair not in pairs:
            pairs.append(pair)

    def finditer(self, text: str) -> list[tuple[int, re.Match[str]]]:
        """(pattern number, match) for every pattern matching at a word start of ``text``."""
        starts: set[tuple[int, int]] = set()
        words = WORD_RE.findall(text)
        heads = {w[:3] for w in words} | {w[:2] for w in words} | {w[:1] for w in words}
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
