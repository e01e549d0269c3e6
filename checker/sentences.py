"""Sentence splitting with exact offsets into a block's plain text.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes, brackets or footnote marks)
followed by white space and a capital, digit or opening quote. It does not end after an
abbreviation from rules/vocab/abbreviations.txt ("vs.", "e.g.", "Dr."), after a single initial
("J. Smith") or inside a decimal number ("2.5").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checker.resources import load_word_list

if TYPE_CHECKING:
    from checker.document import Block, Sentence

CLOSERS = "\"'\u201d\u2019)]\ufffc*_"
BOUNDARY_RE = re.compile(r"[.!?\u2026]+[" + re.escape(CLOSERS) + r"]*(?=\s+|$)")
NEXT_START_RE = re.compile(r"(?<!\s)\s++[\"'\u201c\u2018(\[]*+[A-Z0-9\u00c0-\u024f\ufffc]")
"""White space and a sentence start (tried right after a boundary; linear: one try per run)."""


def _abbreviations() -> frozenset[str]:
    words = load_word_list("vocab/abbreviations.txt")
    cached = _CACHE.get("abbreviations")
    if cached is None or cached[0] is not words:
        cached = (words, frozenset(a.lower() for a in words))
        _CACHE["abbreviations"] = cached
    return cached[1]


_CACHE: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, trimmed of surrounding white space."""
    abbreviations = _abbreviations()
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY_RE.finditer(text):
        end = match.end()
        if end < len(text) and not NEXT_START_RE.match(text, end):
            continue
        if match.group().startswith(".") and _is_abbreviation(text, match.start(), abbreviations):
            continue
        _add(text, start, end, bounds)
        start = end
    _add(text, start, len(text), bounds)
    return bounds


def _is_abbreviation(text: str, dot: int, abbreviations: frozenset[str]) -> bool:
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start : dot + 1]
    token = word.lstrip("(\"'\u201c\u2018").lower()
    if token in abbreviations:
        return True
    return len(token) == 2 and token[0].isalpha() and token[0].upper() == word[-2]


def _add(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        bounds.append((start, end))


def split_sentences(block: Block) -> list[Sentence]:
    """The sentences of a block."""
    from checker.document import Sentence

    return [Sentence(block, s, e) for s, e in sentence_bounds(block.text.text)]
