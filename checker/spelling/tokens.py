"""Which words of a document are spell-checked, and where each stands.

Words come from the shared tokenizer (``checker.words.iter_words``). Left out before any lookup:
numbers and anything with a digit (1970s, 3rd, BRCA1, HbA1c), single letters, all-caps
acronyms (PTSD, NMDA), symbols with inner capitals (mRNA, NaCl), units (mg, mL), words touching
a placeholder (code, URLs) or a path or handle separator (``Unsplash/someone``), and credit
captions. Headings, list items, table cells and caption descriptions are checked like prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.document import PLACEHOLDER, Block, BlockKind, Document
from checker.parsing.finish import is_credit_line
from checker.spelling.vocab import Vocabulary
from checker.words import iter_words

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


def tokens(doc: Document, vocab: Vocabulary) -> Iterator[Token]:
    """The words of ``doc`` to spell-check, in document order."""
    for block in checked_blocks(doc, vocab):
        text = block.text.text
        starts = _sentence_starts(block)
        for word in iter_words(text):
            if _skipped(word.text, text, word.start, word.end, vocab):
                continue
            initial = _is_initial(text, word.start, starts)
            yield Token(word.text.replace("\u2019", "'"), word.start, word.end, block, initial)


def _sentence_starts(block: Block) -> frozenset[int]:
    return frozenset(s.start for s in block.sentences) | {0}


def _skipped(word: str, text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    if len(word) < 2 or any(c.isdigit() for c in word) or word in vocab.units:
        return True
    letters = word.replace("'", "").replace("\u2019", "").replace("-", "")
    if letters.isupper() or any(c.isupper() for part in word.split("-") for c in part[1:]):
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if PLACEHOLDER in (before, after) or before in JOINERS or after in JOINERS:
        return True
    return _dotted(text, start, end)


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
