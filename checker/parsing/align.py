"""Locating parser output in the source: the position layer under the Markdown parser.

mistune reports no source positions, so each piece of text it yields is found again in the
source, from a cursor that only moves forward. A piece may differ from the source by backslash
escapes (``\\*`` yields ``*``) and by line endings (``\\r\\n`` yields ``\\n``); the aligner maps
each character to the exact source range it came from.
"""

from __future__ import annotations

import html
import re

from checker.document import MappedText

ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
Spans = list[tuple[int, int]]


class Located:
    """Where a piece of text stands: ``start`` (when contiguous) or per-character ``spans``."""

    __slots__ = ("start", "end", "spans")

    def __init__(self, start: int, end: int, spans: Spans | None = None) -> None:
        self.start = start
        self.end = end
        self.spans = spans

    def char_spans(self, length: int) -> Spans:
        """Per-character source ranges."""
        if self.spans is not None:
            return self.spans
        return [(self.start + k, self.start + k + 1) for k in range(length)]


def align_at(src: str, pos: int, raw: str) -> tuple[Spans, int] | None:
    """Match ``raw`` against ``src`` starting exactly at ``pos``; return spans and end."""
    spans: Spans = []
    i, n = pos, len(src)
    for ch in raw:
        if i < n and src[i] == ch:
            spans.append((i, i + 1))
            i += 1
        elif (ch == "\n" and src.startswith("\r\n", i)) or (
            i + 1 < n and src[i] == "\\" and src[i + 1] == ch
        ):
            spans.append((i, i + 2))
            i += 2
        elif ch == " " and i < n and src[i] == "\t":
            spans.append((i, i + 1))
            i += 1
        else:
            return None
    return spans, i


def locate(src: str, cursor: int, raw: str) -> Located | None:
    """Find ``raw`` at or after ``cursor``; prefer the nearest exact or escaped occurrence."""
    if not raw:
        return Located(cursor, cursor, [])
    exact = src.find(raw, cursor)
    if exact >= 0 and not _has_words(src, cursor, exact) and "\\" not in src[cursor:exact]:
        return Located(exact, exact + len(raw))
    limit = exact if exact >= 0 else len(src)
    i = cursor
    while i <= limit:
        found = align_at(src, i, raw)
        if found:
            spans, end = found
            return Located(spans[0][0] if spans else i, end, spans)
        i = _next_candidate(src, i + 1, raw[0], limit)
    if exact >= 0:
        return Located(exact, exact + len(raw))
    return None


def _has_words(src: str, start: int, end: int) -> bool:
    return any(ch.isalpha() for ch in src[start:end])


def _next_candidate(src: str, start: int, first: str, limit: int) -> int:
    options = [p for p in (src.find(first, start), src.find("\\", start)) if p >= 0]
    if first == "\n":
        p = src.find("\r", start)
        if p >= 0:
            options.append(p)
    return min(options) if options else limit + 1


def append_decoded(out: MappedText, raw: str, where: Located) -> None:
    """Append ``raw`` to ``out`` with HTML entities decoded, keeping each source range."""
    if "&" not in raw or not ENTITY_RE.search(raw):
        if where.spans is None:
            out.append(raw, where.start)
            return
        for ch, (s, e) in zip(raw, where.spans, strict=True):
            out.append_char(ch, s, e)
        return
    spans = where.char_spans(len(raw))
    last = 0
    for match in ENTITY_RE.finditer(raw):
        for k in range(last, match.start()):
            out.append_char(raw[k], *spans[k])
        decoded = html.unescape(match.group())
        start, end = spans[match.start()][0], spans[match.end() - 1][1]
        for ch in decoded:
            out.append_char(ch, start, end)
        last = match.end()
    for k in range(last, len(raw)):
        out.append_char(raw[k], *spans[k])
