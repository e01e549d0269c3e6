"""Positions between checker and LSP: checker counts code points from 1, LSP counts UTF-16
code units from 0 (the protocol's default ``positionEncoding``).

An emoji before a finding is one code point but two UTF-16 units, so the conversion goes
through the line's text; a finding's own line and column are never trusted to be the
editor's.
"""

from __future__ import annotations

from lsprotocol import types

from checker.findings import Finding
from checker.source import SourceFile


def utf16_units(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    return len(text.encode("utf-16-le")) // 2


def position(source: SourceFile, offset: int) -> types.Position:
    """The LSP position of a character offset of ``source.text``."""
    line, column = source.position(offset)
    before = source.line_text(line)[: column - 1]
    return types.Position(line=line - 1, character=utf16_units(before))


def span_range(source: SourceFile, start: int, end: int) -> types.Range:
    """The LSP range of the characters ``[start, end)``."""
    return types.Range(start=position(source, start), end=position(source, end))


def finding_range(source: SourceFile, finding: Finding) -> types.Range:
    """The LSP range a finding covers (a zero-length finding is an empty range)."""
    return span_range(source, finding.offset, finding.offset + finding.length)


def offset(source: SourceFile, where: types.Position) -> int:
    """The character offset of an LSP position (clamped to the line)."""
    line = min(where.line + 1, source.line_count)
    text = source.line_text(line)
    units = 0
    for index, char in enumerate(text):
        if units >= where.character:
            return source.line_start(line) + index
        units += utf16_units(char)
    return source.line_start(line) + len(text)
