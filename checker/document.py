"""The document model every check reads: blocks of plain text mapped back to the source.

A parser (Markdown, plain text, HTML) turns a ``SourceFile`` into a ``Document``. Each block
holds its prose as a ``MappedText``: the text with markup removed and entities decoded, plus,
for every character, the source range it came from. Checks work on plain text and ask the map
for exact source offsets; no check re-parses the source.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from checker.source import SourceFile

PLACEHOLDER = "\ufffc"
"""Stands in the plain text for something that is not prose (a code span, a URL)."""


class BlockKind(StrEnum):
    """What a block of text is, which decides how checks treat it."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    TABLE_CELL = "table_cell"


PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL})


class MappedText:
    """Plain text with the source range of each character.

    The map is kept as runs: a *contiguous* run maps character ``k`` of the run to source
    offset ``src + k`` (one character each); an *atom* maps one character to a whole source
    range (a decoded entity, an escaped character, a placeholder for a code span or URL, a
    line break). ``char_range(i)`` gives the source ``(start, end)`` of character ``i``.
    """

    __slots__ = ("text", "_pos", "_src", "_end")

    def __init__(self) -> None:
        self.text = ""
        self._pos: list[int] = []  # text index where each run starts
        self._src: list[int] = []  # source offset where each run starts
        self._end: list[int] = []  # source end of an atom, or -1 for a contiguous run

    def __len__(self) -> int:
        return len(self.text)

    def append(self, text: str, source_offset: int) -> None:
        """Append text that stands contiguously in the source at ``source_offset``."""
        if not text:
            return
        if not self._continues(source_offset):
            self._add_run(len(self.text), source_offset, -1)
        self.text += text

    def append_char(self, char: str, start: int, end: int) -> None:
        """Append one character that stands for the source range ``start:end``."""
        if end - start == 1 and char != PLACEHOLDER:
            self.append(char, start)
            return
        self._add_run(len(self.text), start, end)
        self.text += char

    def append_placeholder(self, start: int, end: int) -> None:
        """Append a placeholder for non-prose source such as a code span or URL."""
        self.append_char(PLACEHOLDER, start, end)

    def append_break(self, source_offset: int) -> None:
        """Append a space for a soft line break at ``source_offset`` (zero-width in source)."""
        self.append_char(" ", source_offset, source_offset)

    def extend_from(self, other: MappedText, start: int, end: int) -> None:
        """Append characters ``start:end`` of ``other`` with their source ranges."""
        i = start
        while i < end:
            run = other._run(i)
            run_end = other._pos[run + 1] if run + 1 < len(other._pos) else len(other.text)
            stop = min(end, run_end)
            if other._end[run] == -1:
                self.append(other.text[i:stop], other._src[run] + i - other._pos[run])
            else:
                self._add_run(len(self.text), other._src[run], other._end[run])
                self.text += other.text[i:stop]
            i = stop

    def _continues(self, source_offset: int) -> bool:
        if not self._pos or self._end[-1] != -1:
            return False
        return self._src[-1] + len(self.text) - self._pos[-1] == source_offset

    def _add_run(self, pos: int, src: int, end: int) -> None:
        self._pos.append(pos)
        self._src.append(src)
        self._end.append(end)

    def _run(self, index: int) -> int:
        return bisect.bisect_right(self._pos, index) - 1

    def char_range(self, index: int) -> tuple[int, int]:
        """Source ``(start, end)`` of plain-text character ``index``."""
        run = self._run(index)
        if self._end[run] == -1:
            offset = self._src[run] + index - self._pos[run]
            return offset, offset + 1
        return self._src[run], self._end[run]

    def index_at(self, source_offset: int) -> int:
        """The first character whose source range ends after ``source_offset``."""
        for run, pos in enumerate(self._pos):
            next_pos = self._pos[run + 1] if run + 1 < len(self._pos) else len(self.text)
            src = self._src[run]
            if self._end[run] == -1:
                if src + next_pos - pos > source_offset:
                    return pos + max(0, source_offset - src)
            elif self._end[run] > source_offset:
                return pos
        return len(self.text)

    def source_end(self) -> int:
        """Source end offset of the last character (0 for empty text)."""
        return self.char_range(len(self.text) - 1)[1] if self.text else 0

    def truncate(self, length: int) -> None:
        """Drop every character from ``length`` on."""
        if length >= len(self.text):
            return
        keep = bisect.bisect_left(self._pos, length)
        del self._pos[keep:], self._src[keep:], self._end[keep:]
        self.text = self.text[:length]

    def strip_edges(self) -> MappedText:
        """A copy without leading and trailing whitespace."""
        start, end = 0, len(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start == 0 and end == len(self.text):
            return self
        return self.slice(start, end)

    def slice(self, start: int, end: int) -> MappedText:
        """A new map for ``text[start:end]``."""
        out = MappedText()
        out.extend_from(self, start, end)
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``(start, end)`` offsets covering plain-text characters ``start:end``."""
        if not self.text:
            raise ValueError("cannot map a span of empty text")
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.char_range(start)[0], self.char_range(end - 1)[1]


@dataclass
class Sentence:
    """A sentence of one block: ``block.text.text[start:end]``."""

    block: Block
    start: int
    end: int

    @property
    def text(self) -> str:
        """The sentence's plain text."""
        return self.block.text.text[self.start : self.end]

    def source_span(self) -> tuple[int, int]:
        """The sentence's source offsets."""
        return self.block.text.span(self.start, self.end)


@dataclass
class Link:
    """A hyperlink: its target and the plain-text range of its label within a block."""

    url: str
    source_start: int
    source_end: int
    block: Block | None = None
    label_span: tuple[int, int] = (0, 0)
    title: str = ""
    text_start: int = 0
    text_end: int = 0

    @property
    def label(self) -> str:
        """The link's visible text."""
        if self.block is None:
            return ""
        return self.block.text.text[self.text_start : self.text_end]


@dataclass
class Footnote:
    """A footnote reference (``[^1]``) or definition (``[^1]: ...``)."""

    label: str
    source_start: int
    source_end: int
    text: str = ""


@dataclass
class Block:
    """A heading, paragraph, list item, caption or table cell."""

    kind: BlockKind
    text: MappedText
    index: int = 0
    level: int = 0
    list_id: int | None = None
    item_index: int = 0
    in_quote: bool = False
    has_children: bool = False
    source_start: int = 0
    source_end: int = 0
    links: list[Link] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_prose(self) -> bool:
        """Whether the block is running prose (not a heading or caption)."""
        return self.kind in PROSE_KINDS

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets for plain-text characters ``start:end`` of this block."""
        return self.text.span(start, end)


@dataclass
class Document:
    """One parsed article."""

    source: SourceFile
    format: str
    blocks: list[Block] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    metadata_span: tuple[int, int] | None = None
    footnote_refs: list[Footnote] = field(default_factory=list)
    footnote_defs: list[Footnote] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The article's path as given on the command line."""
        return self.source.path

    @property
    def links(self) -> list[Link]:
        """Every link of the document, in order."""
        return [link for block in self.blocks for link in block.links]

    def prose_blocks(self) -> Iterator[Block]:
        """Paragraphs, list items and table cells."""
        return (b for b in self.blocks if b.is_prose)

    def sentences(self, *, prose_only: bool = True) -> Iterator[Sentence]:
        """Every sentence, in document order."""
        for block in self.blocks:
            if block.is_prose or not prose_only:
                yield from block.sentences

    def lists(self) -> dict[int, list[Block]]:
        """List items grouped by the list they belong to (nested lists are separate lists)."""
        groups: dict[int, list[Block]] = {}
        for block in self.blocks:
            if block.kind is BlockKind.LIST_ITEM and block.list_id is not None:
                groups.setdefault(block.list_id, []).append(block)
        return groups

    def words(self) -> int:
        """Number of words of prose (for rates such as findings per 1,000 words)."""
        return sum(len(b.text.text.split()) for b in self.prose_blocks())
