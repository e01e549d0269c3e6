"""Findings: what a check reports, with exact positions, suggestions and fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

CATEGORIES = ("duplicate", "spelling", "grammar", "claim", "fact", "style", "structure", "input")


class Severity(StrEnum):
    """How serious a finding is; ``fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True)
class Edit:
    """Replace ``length`` characters at ``offset`` with ``replacement``."""

    offset: int
    length: int
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"offset": self.offset, "length": self.length, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """Edits that resolve a finding; ``safe`` fixes are applied by ``--fix``."""

    edits: tuple[Edit, ...]
    applicability: str = "safe"
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"applicability": self.applicability, "edits": [e.to_dict() for e in self.edits]}


@dataclass(frozen=True)
class Related:
    """Another place that explains a finding (e.g. the first occurrence of a duplicate)."""

    line: int
    column: int
    message: str
    offset: int = 0
    length: int = 0
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        data: dict[str, Any] = {"line": self.line, "column": self.column, "message": self.message}
        if self.path is not None:
            data["path"] = self.path
        return data


@dataclass(frozen=True)
class Span:
    """Source offsets of one article with their positions and text, kept without the article.

    Cross-article checks (``checker audit``'s reduce step) report at spans that workers
    computed, so they need no document.
    """

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str

    @classmethod
    def of(cls, source: Any, start: int, end: int) -> Span:
        """The span ``start:end`` of a ``SourceFile``."""
        line, column = source.position(start)
        end_line, end_column = source.position(end)
        text = source.text[start:end]
        return cls(source.path, start, end, line, column, end_line, end_column, text)


@dataclass
class Finding:
    """One problem at one exact place of one article."""

    rule: str
    name: str
    category: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int
    message: str
    excerpt: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    related: list[Related] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings by file, position and rule."""
        return (self.path, self.offset, self.length, self.rule)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON report's contract describes it."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.offset,
            "length": self.length,
            "message": self.message,
            "excerpt": self.excerpt,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "related": [r.to_dict() for r in self.related],
        }
        if self.data:
            out["data"] = self.data
        return out
