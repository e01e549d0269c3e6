"""Helpers for tests: parse text, run checks, assert positions."""

from __future__ import annotations

from checker.config import Config
from checker.document import Document
from checker.engine import RunResult, check_documents
from checker.findings import Finding
from checker.parsing import parse
from checker.source import SourceFile


def parse_text(text: str, name: str = "article.md") -> Document:
    """Parse ``text`` as if read from a file called ``name``."""
    return parse(SourceFile.from_text(name, text))


def check_text(text: str, name: str = "article.md", select: list[str] | None = None) -> RunResult:
    """Run the selected rules over ``text``."""
    config = Config(select=select or ["ALL"])
    return check_documents([parse_text(text, name)], config)


def findings(text: str, name: str = "article.md", select: list[str] | None = None) -> list[Finding]:
    """The findings of the selected rules over ``text``."""
    return check_text(text, name, select).findings


def assert_positions(finding: Finding, source_text: str) -> None:
    """A finding's offset slices to its excerpt, and line:column agree with the offset."""
    assert source_text[finding.offset : finding.offset + finding.length] == finding.excerpt
    before = source_text[: finding.offset]
    line = before.count("\n") + 1
    column = finding.offset - (before.rfind("\n") + 1) + 1
    assert (finding.line, finding.column) == (line, column)


def apply_edits(text: str, finding: Finding) -> str:
    """Apply a finding's fix edits to ``text``."""
    assert finding.fix is not None
    for edit in sorted(finding.fix.edits, key=lambda e: e.offset, reverse=True):
        text = text[: edit.offset] + edit.replacement + text[edit.offset + edit.length :]
    return text
