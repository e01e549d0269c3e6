"""Source files as decoded text, with the facts needed to map offsets and write them back.

Offsets everywhere in checker are character offsets into ``SourceFile.text``: the file decoded
as UTF-8 with any byte-order mark removed. Lines and columns are 1-based; a column counts
characters, and ``\\r\\n`` or a lone ``\\r`` (old Mac files) ends a line just as ``\\n`` does.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

BOM = "\ufeff"
LINE_BREAK_RE = re.compile(r"\r\n?|\n")


@dataclass
class SourceFile:
    """One article's text as read from disk (or standard input)."""

    path: str
    text: str
    has_bom: bool = False
    newline: str = "\n"
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    @property
    def line_starts(self) -> list[int]:
        """The offset at which each line begins, found on first use (an article whose result
        comes from the cache never needs them)."""
        if not self._line_starts:
            self._line_starts = _line_starts(self.text)
        return self._line_starts

    @classmethod
    def from_text(cls, path: str, text: str) -> SourceFile:
        """Build a source from already-decoded text, noting a BOM and the newline style."""
        has_bom = text.startswith(BOM)
        if has_bom:
            text = text[1:]
        newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
        return cls(path=path, text=text, has_bom=has_bom, newline=newline)

    @property
    def suffix(self) -> str:
        """The lower-cased file extension, e.g. ``.md``."""
        return Path(self.path).suffix.lower()

    @property
    def line_count(self) -> int:
        """Number of lines (a trailing newline does not start a new line)."""
        starts = self.line_starts
        n = len(starts)
        if n > 1 and starts[-1] == len(self.text):
            return n - 1
        return n

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        starts = self.line_starts
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self.line_starts[line - 1]

    def line_end(self, line: int, *, include_newline: bool = False) -> int:
        """Offset just past the last character of a line (before or after its line break)."""
        starts = self.line_starts
        end = starts[line] if line < len(starts) else len(self.text)
        if include_newline:
            return end
        if end > 0 and self.text[end - 1 : end] == "\n":
            end -= 1
            if end > 0 and self.text[end - 1] == "\r":
                end -= 1
        elif end > 0 and self.text[end - 1 : end] == "\r":
            end -= 1
        return end

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        return self.text[self.line_start(line) : self.line_end(line)]


def _line_starts(text: str) -> list[int]:
    """Offsets of the line beginnings of ``text`` (0 first; after each line break)."""
    if "\r" in text:
        return [0, *(m.end() for m in LINE_BREAK_RE.finditer(text))]
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts
