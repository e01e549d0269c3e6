"""Parsers: turn a ``SourceFile`` into a ``Document`` according to its format."""

from __future__ import annotations

from checker.document import Document
from checker.source import SourceFile

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def detect_format(source: SourceFile) -> str:
    """Return ``markdown``, ``text`` or ``html`` from the file's suffix."""
    if source.suffix in HTML_SUFFIXES:
        return "html"
    if source.suffix == ".txt":
        return "text"
    return "markdown"


def parse(source: SourceFile, fmt: str | None = None) -> Document:
    """Parse a source file into a document with sentences split."""
    from checker.parsing import markdown, plaintext
    from checker.parsing.finish import finish

    fmt = fmt or detect_format(source)
    if fmt == "text":
        doc = plaintext.parse(source)
    elif fmt == "html":
        from checker.parsing import html

        doc = html.parse(source)
    else:
        doc = markdown.parse(source)
    return finish(doc)
