"""Fast matching of many cue patterns: each pattern is tried only where its literal start is.

Python's ``re`` scans every position of a sentence for every pattern, which is far too slow
for some fifty patterns over a corpus. Here each pattern's possible literal prefixes
("research", "a study", ...) are worked out from its parse tree once; a sentence is then
walked word start by word start, and a pattern is tried (anchored) only where one of its
prefixes begins. Patterns whose start cannot be worked out are searched the usual way.

Working the prefixes out parses every pattern (``re._parser``), which took most of claim
detection's start-up, so a gate's tables are kept under the cache folder
(``checker.cache.cached_parse``), keyed by its patterns, this module's source and the Python
build; a matcher's patterns are compiled through a ``checker.regexcache.PatternStore``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from checker.cache import cached_parse
from checker.regexcache import PatternStore

DIGIT = "\x00digit"
"""Index key of patterns that start with a digit (``\\d``)."""
KEY_LENGTH = 3
MAX_PREFIXES = 400
WORD_RE = re.compile(r"\w+")
TWO_WORDS_RE = re.compile(r"\w+\W*\w*")
"""The start of a prefix that goes on past its first word: up to its second word."""
END = r"(?:(?<=\W)|(?!\w))"
"""A match ends at a word boundary, or with a non-word character such as a quote."""
DIGIT_START_RE = re.compile(r"(?<!\w)\d")
DIGIT_ANY_RE = re.compile(r"\d")
MEMO_SIZE = 200_000
"""Words remembered per gate or matcher (the memo starts again beyond it)."""


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
        if op in (C.ASSERT, C.ASSERT_NOT) and (av[0] < 0 or past_anchors):
            continue  # a look-around matches no text: the next literal still starts there
        if op is C.AT and past_anchors:
            continue
        step, complete = _step(op, av, past_anchors)
        if step is None:
            return current, False
        longer = {p + s for p in current for s in step}
        if len(longer) > MAX_PREFIXES and len(current) > 1:  # too many: the shorter hold
            return (current if "" not in current else {p[:1] for p in longer}), False
        current = longer
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


def word_only(pattern: str) -> bool:
    """Whether every match of ``pattern`` is a run of word characters (``\\w``), never empty:
    matched as a whole word it is then one word of the text, and each word can be judged
    alone. Look-behinds other than ``(?<!\\w)``, anchors and other look-arounds say no."""
    try:
        parsed = P.parse(pattern)
    except re.error:
        return False
    return not parsed.state.flags & re.IGNORECASE and parsed.getwidth()[0] > 0 and _words(parsed)


NOT_AFTER_WORD = [(C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])]


def _words(sub: Sequence) -> bool:
    """Whether ``sub`` consumes only word characters (see :func:`word_only`)."""
    for op, av in sub:
        if op is C.LITERAL:
            ok = _word_char(chr(av))
        elif op is C.IN:
            ok = all(_word_item(o, v) for o, v in av)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            ok = _words(av[2])
        elif op is C.BRANCH:
            ok = all(_words(branch) for branch in av[1])
        elif op is C.SUBPATTERN:
            ok = not av[1] and not av[2] and _words(av[3])
        elif op is C.ASSERT_NOT:
            ok = av[0] < 0 and list(av[1]) == NOT_AFTER_WORD
        else:
            ok = False
        if not ok:
            return False
    return True


def _word_item(op, av) -> bool:
    """Whether one item of a character class only holds word characters."""
    if op is C.LITERAL:
        return _word_char(chr(av))
    if op is C.RANGE:
        low, high = av
        return high - low < 2000 and all(_word_char(chr(c)) for c in range(low, high + 1))
    return op is C.CATEGORY and av in (C.CATEGORY_WORD, C.CATEGORY_DIGIT)


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
        what = (tuple(patterns), ascii_only)
        tables = remembered("PrefixGate", what, self._tables) if patterns else self._tables(what)
        self.always, self.words, self.symbols, self.digits = tables
        self.keys = frozenset(self.words)
        self._memo: dict[str, tuple[frozenset[int], tuple[tuple[str, int], ...]]] = {}

    def _tables(self, what: tuple[tuple[str | None, ...], bool]) -> tuple[Any, ...]:
        """The gate's tables for ``(patterns, ascii_only)``, worked out from their parse trees."""
        patterns, ascii_only = what
        for number, pattern in enumerate(patterns):
            if pattern is None:
                continue
            prefixes = literal_prefixes(pattern, past_anchors=True)
            if prefixes is None or (ascii_only and not all(p.isascii() for p in prefixes)):
                self.always.add(number)
                continue
            for prefix in sorted(prefixes):
                self._add(prefix, number)
        return self.always, self.words, self.symbols, self.digits

    def _add(self, prefix: str, number: int) -> None:
        kind, head = index_key(prefix)
        if kind == "digit":
            self.digits.add(number)
        elif kind == "symbol":
            self.symbols.setdefault(head, set()).add(number)
        else:
            word = head if len(head) < len(prefix) else ""
            if word:  # its first two words are enough to tell, and fewer to look for
                prefix = TWO_WORDS_RE.match(prefix).group()  # type: ignore[union-attr]
            entry = (prefix, word, number)
            entries = self.words.setdefault(head[:KEY_LENGTH], [])
            if entry not in entries:
                entries.append(entry)

    def candidates(self, text: str, heads: frozenset[str] | None, words: Iterable[str]) -> set[int]:
        """The numbers of the patterns that may match ``text`` (``words``: its words,
        ``WORD_RE.findall``; ``heads``: unused, kept for callers that have them)."""
        return self.candidates_for(text, words)

    def candidates_for(self, text: str, words: Iterable[str]) -> set[int]:
        """The numbers of the patterns that may match ``text``, whose words
        (``WORD_RE.findall``, repeats allowed) are ``words``.

        A match starts a word of the text, so a prefix within one word must start one of
        the words, and a prefix going on past its first word needs that whole word (and
        must occur in the text); what each word allows is worked out once per word.
        """
        found = set(self.always)
        memo = self._memo
        for word in set(words):
            entry = memo.get(word)
            if entry is None:
                entry = self.word_entry(word)
            found |= entry[0]
            for prefix, number in entry[1]:
                if number not in found and prefix in text:
                    found.add(number)
        for symbol, numbers in self.symbols.items():
            if symbol in text:
                found |= numbers
        if self.digits and DIGIT_ANY_RE.search(text):
            found |= self.digits
        return found

    def word_entry(self, word: str) -> tuple[frozenset[int], tuple[tuple[str, int], ...]]:
        """The patterns ``word`` (a whole word) may start: those with a prefix within one
        word that it starts with, and (prefix, number) of the longer prefixes whose first word
        it is (memoised)."""
        entry = self._memo.get(word)
        if entry is not None:
            return entry
        starts: set[int] = set()
        longer: list[tuple[str, int]] = []
        for key in dict.fromkeys((word[:1], word[:2], word[:3])):
            for prefix, first, number in self.words.get(key, ()):
                if not first and word.startswith(prefix):
                    starts.add(number)
                elif first == word:
                    longer.append((prefix, number))
        if len(self._memo) > MEMO_SIZE:
            self._memo.clear()
        entry = self._memo[word] = (frozenset(starts), tuple(longer))
        return entry


class CueMatcher:
    """Finds every match of a list of patterns in lower-cased text.

    Each pattern is tried (anchored) only where a word of the text stands that one of its
    literal prefixes allows (``PrefixGate``), where its starting symbol stands, or before a
    digit; a pattern whose start is unknown is searched the usual way.
    """

    def __init__(self, patterns: Sequence[str], store: PatternStore | None = None) -> None:
        compile_ = store.compile if store is not None else re.compile
        self.regexes = [compile_(f"(?:{p}){END}") for p in patterns]
        self.gate = PrefixGate(patterns)
        self.searchers = {
            n: compile_(f"(?<!\\w)(?:{patterns[n]}){END}") for n in sorted(self.gate.always)
        }

    def finditer(
        self,
        text: str,
        heads: frozenset[str] | None = None,
        words: Sequence[str] | None = None,
    ) -> list[tuple[int, re.Match[str]]]:
        """(pattern number, match) for every pattern matching at a word start of ``text``
        (``words``: its words, ``WORD_RE.findall``, when already known; ``heads``: unused,
        kept for callers that have them)."""
        if words is None:
            words = WORD_RE.findall(text)
        gate = self.gate
        starts: list[tuple[int, int]] = []
        for word in set(words):
            numbers, longer = gate.word_entry(word)
            if longer:
                numbers = numbers | {n for prefix, n in longer if prefix in text}
            if numbers:
                for pos in word_starts(text, word):
                    starts.extend((number, pos) for number in numbers)
        others: set[tuple[int, int]] = set()
        for symbol, numbers in gate.symbols.items():
            if symbol in text:
                for number in numbers:
                    _add_starts(text, symbol, number, others)
        if gate.digits:
            for start in DIGIT_START_RE.finditer(text):
                others.update((number, start.start()) for number in gate.digits)
        if others:
            starts = list(dict.fromkeys([*starts, *sorted(others)]))
        regexes = self.regexes
        found = [(n, m) for n, pos in starts if (m := regexes[n].match(text, pos))]
        for number, regex in self.searchers.items():
            found.extend((number, match) for match in regex.finditer(text))
        return found


def word_starts(text: str, word: str) -> list[int]:
    """Where ``word`` (``WORD_RE``) stands as a whole word in ``text``."""
    found: list[int] = []
    find, size, end = text.find, len(word), len(text)
    pos = find(word)
    while pos >= 0:
        after = pos + size
        if (pos == 0 or not _word_char(text[pos - 1])) and (
            after == end or not _word_char(text[after])
        ):
            found.append(pos)
        pos = find(word, after)
    return found


def _word_char(char: str) -> bool:
    """Whether ``char`` is a word character (``\\w``)."""
    return char.isalnum() or char == "_"


def _add_starts(text: str, prefix: str, number: int, starts: set[tuple[int, int]]) -> None:
    """Note each word-start position of ``prefix`` in ``text`` as a place to try ``number``."""
    find = text.find
    pos = find(prefix)
    while pos >= 0:
        if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_"):
            starts.add((number, pos))
        pos = find(prefix, pos + 1)


def remembered(kind: str, what: Any, work: Callable[[Any], Any]) -> Any:
    """``work(what)``, kept under the cache folder for ``what`` (patterns and options: its
    ``repr`` is the key) and ``kind``, with this module's source and the Python build (the
    parse trees the tables come from are ``re._parser``'s)."""
    return cached_parse(f"claims.matcher.{kind}|{_source_key()}", repr(what), lambda _: work(what))


def word_only_all(patterns: Sequence[str | None]) -> tuple[bool, ...]:
    """``word_only`` of each pattern (False for None), kept under the cache folder."""
    return remembered("word_only", tuple(patterns), _word_only_all)


def _word_only_all(patterns: tuple[str | None, ...]) -> tuple[bool, ...]:
    return tuple(p is not None and word_only(p) for p in patterns)


@functools.cache
def _source_key() -> str:
    """A digest of this module's source and the Python build (what the tables depend on
    besides the patterns)."""
    digest = hashlib.sha256(sys.version.encode())
    with contextlib.suppress(OSError):  # no source beside it: the checker's version keys it
        digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:24]
