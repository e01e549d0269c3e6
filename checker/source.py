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
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if "\r" in self.text:
            self._line_starts = [0, *(m.end() for m in LINE_BREAK_RE.finditer(self.text))]
            return
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

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
        n = len(self._line_starts)
        if n > 1 and self._line_starts[-1] == len(self.text):
            return n - 1
        return n

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self._line_starts[line - 1]

    def line_end(self, line: int, *, include_newline: bool = False) -> int:
        """Offset just past the last character of a line (before or after its line break)."""
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
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
