"""Plain-text articles as pasted from a CMS.

Blank lines separate blocks. A line starting with a bullet glyph (``•``, ``-``, ``*``, ``–``)
or a number (``1.``) is a list item; consecutive items form one list. A short, title-like line
on its own is a heading (the first one is the title). A credit line (``Photo: ...``) and the
image description just before it are captions, not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.document import Block, BlockKind, Document, MappedText
from checker.parsing.finish import is_credit_line, new_block
from checker.source import SourceFile

BULLET_RE = re.compile(r"^[ \t]*(?:[\u2022\u00b7\u25aa\u25cf\u2013\u2014*+-]|\d{1,3}[.)])[ \t]+")
TERMINAL_PUNCTUATION = ".!:;,"
SMALL_WORDS = frozenset("a an and as at but by for in nor of on or the to vs vs. with".split())
MAX_HEADING_WORDS = 15
MAX_TITLE_WORDS = 20
MAX_DESCRIPTION_WORDS = 40


@dataclass
class _Line:
    start: int
    end: int
    text: str


def parse(source: SourceFile) -> Document:
    """Parse a plain-text source into a document."""
    doc = Document(source=source, format="text")
    parser = _TextParser(doc)
    for group in _line_groups(source.text):
        parser.group(group)
    return doc


def _line_groups(text: str) -> list[list[_Line]]:
    """Runs of non-blank lines, each line with its source offsets (line break excluded)."""
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        if body.strip():
            current.append(_Line(pos, pos + len(body), body))
        elif current:
            groups.append(current)
            current = []
        pos += len(raw)
    if current:
        groups.append(current)
    return groups


class _TextParser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.list_id = -1
        self.item_index = 0
        self.in_list = False

    def group(self, lines: list[_Line]) -> None:
        paragraph: list[_Line] = []
        for line in lines:
            bullet = BULLET_RE.match(line.text)
            if bullet:
                self.flush(paragraph)
                paragraph = []
                self.item(line, bullet.end())
            elif self.in_list and line.text[:1] in " \t" and self.doc.blocks:
                self.continue_item(line)
            else:
                self.in_list = False
                paragraph.append(line)
        self.flush(paragraph)
        if paragraph or not lines:
            self.in_list = False

    def item(self, line: _Line, marker_end: int) -> None:
        if not self.in_list:
            self.list_id += 1
            self.item_index = 0
            self.in_list = True
        text = MappedText()
        text.append(line.text[marker_end:], line.start + marker_end)
        block = new_block(
            BlockKind.LIST_ITEM, text, list_id=self.list_id, item_index=self.item_index
        )
        self.item_index += 1
        self.doc.blocks.append(block)

    def continue_item(self, line: _Line) -> None:
        block = self.doc.blocks[-1]
        block.text.append_char(" ", line.start - 1, line.start)
        stripped = line.text.lstrip()
        block.text.append(stripped, line.end - len(stripped))
        block.source_end = line.end

    def flush(self, lines: list[_Line]) -> None:
        if not lines:
            return
        credit = next((i for i, ln in enumerate(lines) if is_credit_line(ln.text.strip())), None)
        if credit is not None:
            if credit == 0:
                self._mark_previous_description()
            else:
                self.add(lines[:credit], BlockKind.CAPTION)
            self.add(lines[credit : credit + 1], BlockKind.CAPTION)
            self.flush(lines[credit + 1 :])
            return
        if len(lines) == 1 and self._is_heading(lines[0].text.strip()):
            level = 1 if not self.doc.blocks else 2
            self.add(lines, BlockKind.HEADING, level=level)
            return
        self.add(lines, BlockKind.PARAGRAPH)

    def add(self, lines: list[_Line], kind: BlockKind, level: int = 0) -> Block | None:
        text = MappedText()
        for k, line in enumerate(lines):
            if k:
                text.append_char(" ", lines[k - 1].end, line.start)
            stripped = line.text.lstrip()
            text.append(stripped, line.end - len(stripped))
        block = new_block(kind, text, level=level)
        if block.text.text:
            self.doc.blocks.append(block)
            return block
        return None

    def _mark_previous_description(self) -> None:
        if not self.doc.blocks:
            return
        previous = self.doc.blocks[-1]
        if (
            previous.kind is BlockKind.PARAGRAPH
            and len(previous.text.text.split()) <= MAX_DESCRIPTION_WORDS
        ):
            previous.kind = BlockKind.CAPTION

    def _is_heading(self, text: str) -> bool:
        words = text.split()
        if not self.doc.blocks:
            return len(words) <= MAX_TITLE_WORDS
        if len(words) > MAX_HEADING_WORDS or text[-1] in TERMINAL_PUNCTUATION:
            return False
        return is_title_like(words)


def is_title_like(words: list[str]) -> bool:
    """Whether most significant words are capitalised, as in a title."""
    significant = [w for w in words if w.lower().strip("?:") not in SMALL_WORDS and w[:1].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.6
