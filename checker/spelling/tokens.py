"""Which words of a document are spell-checked, and where each stands.

Words are matched with the shared tokenizer's ``WORD_RE`` (checker/words.py). Left out before
any lookup: numbers and anything with a digit (1970s, 3rd, BRCA1, HbA1c), single letters, all-caps
acronyms (PTSD, NMDA), symbols with inner capitals (mRNA, NaCl), units (mg, mL), words touching
a placeholder (code, URLs) or a path or handle separator (``Unsplash/someone``), runs of over
``MAX_SUGGEST_LENGTH`` letters, and credit captions. Headings, list items, table cells and caption
descriptions are checked like prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.document import PLACEHOLDER, Block, BlockKind, Document
from checker.parsing.finish import is_credit_line
from checker.spelling.suggest import MAX_SUGGEST_LENGTH
from checker.spelling.vocab import Vocabulary
from checker.words import WORD_RE

DIGIT_RE = re.compile(r"\d")
JOINERS = "/\\@_#=<>|~^*+&"
OPENERS = "\"'\u201c\u2018([{\u00ab"
INITIAL_AFTER = ".!?:;\u2026\u2014\u2013-\u2022"


@dataclass(frozen=True)
class Token:
    """A word to check: its text (apostrophes normalised) and its place in a block."""

    text: str
    start: int
    end: int
    block: Block
    initial: bool
    """Whether a capital is expected here (sentence or block start, after a colon or dash)."""

    def span(self) -> tuple[int, int]:
        """The word's source offsets."""
        return self.block.text.span(self.start, self.end)


def checked_blocks(doc: Document, vocab: Vocabulary) -> Iterator[Block]:
    """Every block whose words are spell-checked (all but credit captions)."""
    for block in doc.blocks:
        if block.kind is BlockKind.CAPTION and is_credit(block.text.text, vocab):
            continue
        yield block


def is_credit(text: str, vocab: Vocabulary) -> bool:
    """Whether a caption is a photo credit rather than a description."""
    if is_credit_line(text):
        return True
    lowered = text.lower()
    short = len(text.split()) <= 8
    return short and any(marker in lowered for marker in vocab.credit_markers)


def tokens(doc: Document, vocab: Vocabulary, fine: set[str] | None = None) -> Iterator[Token]:
    """The words of ``doc`` to spell-check, in document order.

    Words in ``fine`` (known to need no check wherever they stand) are passed over at once:
    that keeps the cost per word to a regular-expression match and a set lookup. Words skipped
    whatever their place (numbers, acronyms, units) are added to it.
    """
    fine = set() if fine is None else fine
    for block in checked_blocks(doc, vocab):
        text = block.text.text
        starts: frozenset[int] | None = None
        for match in WORD_RE.finditer(text):
            word = match.group()
            if word in fine:
                continue
            start, end = match.span()
            if _always_skipped(word, vocab):
                fine.add(word)
                continue
            if _skipped_here(text, start, end):
                continue
            if starts is None:
                starts = _sentence_starts(block)
            initial = _is_initial(text, start, starts)
            yield Token(word.replace("\u2019", "'"), start, end, block, initial)


def _sentence_starts(block: Block) -> frozenset[int]:
    return frozenset(s.start for s in block.sentences) | {0}


def _always_skipped(word: str, vocab: Vocabulary) -> bool:
    """Never a misspelling: a single letter, a unit, a number, an acronym or a symbol."""
    if len(word) < 2 or word in vocab.units:
        return True
    if max(len(part) for part in word.split("-")) > MAX_SUGGEST_LENGTH:
        return True  # not a word (a hash, a stuck key): see MAX_SUGGEST_LENGTH
    if not word.isalpha() and DIGIT_RE.search(word):
        return True
    return word.isupper() or (not word[1:].islower() and _inner_capital(word))


def _skipped_here(text: str, start: int, end: int) -> bool:
    """Part of code, a URL, a path, a handle or a dotted name."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if PLACEHOLDER in (before, after) or before in JOINERS or after in JOINERS:
        return True
    return _dotted(text, start, end)


def _inner_capital(word: str) -> bool:
    """A symbol such as mRNA or NaCl: a capital after the first letter of a part."""
    return any(c.isupper() for part in word.split("-") for c in part[1:])


def _dotted(text: str, start: int, end: int) -> bool:
    """Part of a dotted name such as a domain or file name (``example.com``, ``a.b``)."""
    before_dot = start >= 2 and text[start - 1] == "." and text[start - 2].isalnum()
    after_dot = end + 1 < len(text) and text[end] == "." and text[end + 1].isalnum()
    return before_dot or after_dot


def _is_initial(text: str, start: int, sentence_starts: frozenset[int]) -> bool:
    if start in sentence_starts:
        return True
    index = start - 1
    while index >= 0 and (text[index].isspace() or text[index] in OPENERS):
        index -= 1
    return index < 0 or index + 1 in sentence_starts or text[index] in INITIAL_AFTER
