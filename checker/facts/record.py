"""A statement without its document: what comparing facts across articles needs.

``checker audit``'s workers turn each extracted ``Statement`` into a ``FactRecord`` (small and
picklable); FCT003 compares records, so the same logic runs in ``checker check`` (over the
documents of one process) and in the audit's reduce step (over the workers' summaries).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.facts.base import Attribute
from checker.facts.extract import Statement, Subject
from checker.facts.values import Value
from checker.findings import Span


@dataclass(frozen=True)
class FactRecord:
    """One value stated about one subject's attribute, at a span of one article."""

    span: Span
    subject: Subject
    attribute: Attribute
    value: Value
    qualifier: str = ""

    @classmethod
    def of(cls, statement: Statement) -> FactRecord:
        """The record of an extracted statement."""
        span = Span.of(statement.doc.source, statement.start, statement.end)
        s = statement
        return cls(span, s.subject, s.attribute, s.value, s.qualifier)

    @property
    def path(self) -> str:
        """The article's path."""
        return self.span.path

    @property
    def line(self) -> int:
        """1-based line of the value."""
        return self.span.line

    @property
    def text(self) -> str:
        """The value as written in the source."""
        return self.span.excerpt

    @property
    def key(self) -> tuple[str, str, str]:
        """What two statements must share to be compared: subject, attribute, qualifier."""
        return (self.subject.key, self.attribute.name, self.qualifier)
