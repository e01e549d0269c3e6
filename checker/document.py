"""The document model every check reads: blocks of plain text mapped back to the source.

A parser (Markdown, plain text, HTML) turns a ``SourceFile`` into a ``Document``. Each block
holds its prose as a ``MappedText``: the text with markup removed and entities decoded, plus,
for every character, the source range it came from. Checks work on plain text and ask the map
for exact source offsets; no check re-parses the source.
"""

from __future__ import annotations

from array import array
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

    ``starts[i]`` and ``ends[i]`` are the source offsets of character ``i`` (a decoded entity
    or a placeholder maps to the whole source construct it stands for).
    """

    __slots__ = ("text", "starts", "ends")

    def __init__(self) -> None:
        self.text = ""
        self.starts = array("q")
        self.ends = array("q")

    def __len__(self) -> int:
        return len(self.text)

    def append(self, text: str, source_offset: int) -> None:
        """Append text that stands contiguously in the source at ``source_offset``."""
        self.text += text
        self.starts.extend(range(source_offset, source_offset + len(text)))
        self.ends.extend(range(source_offset + 1, source_offset + len(text) + 1))

    def append_char(self, char: str, start: int, end: int) -> None:
        """Append one character that stands for the source range ``start:end``."""
        self.text += char
        self.starts.append(start)
        self.ends.append(end)

    def append_placeholder(self, start: int, end: int) -> None:
        """Append a placeholder for non-prose source such as a code span or URL."""
        self.append_char(PLACEHOLDER, start, end)

    def append_break(self, source_offset: int) -> None:
        """Append a space for a soft line break at ``source_offset`` (zero-width in source)."""
        self.append_char(" ", source_offset, source_offset)

    def strip_edges(self) -> MappedText:
        """A copy without leading and trailing whitespace."""
        start, end = 0, len(self.text)
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return self.slice(start, end)

    def slice(self, start: int, end: int) -> MappedText:
        """A new map for ``text[start:end]``."""
        out = MappedText()
        out.text = self.text[start:end]
        out.starts = self.starts[start:end]
        out.ends = self.ends[start:end]
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source ``(start, end)`` offsets covering plain-text characters ``start:end``."""
        if not self.text:
            raise ValueError("cannot map a span of empty text")
        start = max(0, min(start, len(self.text) - 1))
        end = max(start + 1, min(end, len(self.text)))
        return self.starts[start], self.ends[end - 1]


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
