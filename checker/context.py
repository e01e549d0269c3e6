"""What a check receives besides the document: its options and a way to make findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from checker.config import Config
from checker.document import Document
from checker.errors import ConfigError
from checker.findings import Edit, Finding, Fix, Related, Severity, Span
from checker.rules import Rule

T = TypeVar("T")


@dataclass
class RunState:
    """State shared by every check of one run: loaded resources and engine statuses."""

    config: Config
    resources: dict[str, Any] = field(default_factory=dict)
    engines: dict[str, str] = field(default_factory=dict)

    def resource(self, key: str, factory: Callable[[], T]) -> T:
        """Load something expensive (a dictionary, a server) once per run."""
        if key not in self.resources:
            self.resources[key] = factory()
        return self.resources[key]


@dataclass
class CheckContext:
    """A rule's view of the run: its options, its severity and a finding factory."""

    rule: Rule
    options: dict[str, Any]
    severity: Severity
    state: RunState

    @property
    def config(self) -> Config:
        """The run's configuration."""
        return self.state.config

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        code: str | None = None,
        name: str | None = None,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding for source offsets ``start:end`` of ``doc``, positions computed here."""
        return self.finding_at(
            Span.of(doc.source, start, end),
            message,
            suggestions=suggestions,
            fix=fix,
            related=related,
            code=code,
            name=name,
            severity=severity,
            data=data,
        )

    def finding_at(
        self,
        span: Span,
        message: str,
        *,
        suggestions: Iterable[str] = (),
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        code: str | None = None,
        name: str | None = None,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
    ) -> Finding:
        """A finding at a span computed earlier (cross-article checks need no document)."""
        return Finding(
            rule=code or self.rule.code,
            name=name or self.rule.name,
            category=self.rule.category,
            severity=severity or self.severity,
            path=span.path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            offset=span.start,
            length=span.end - span.start,
            message=message,
            excerpt=span.excerpt,
            suggestions=list(suggestions),
            fix=fix,
            related=list(related),
            data=dict(data or {}),
        )

    @staticmethod
    def related(doc: Document, start: int, end: int, message: str, *, path: bool = False):
        """A related location in ``doc`` (with its path when it is another article)."""
        line, column = doc.source.position(start)
        return Related(line, column, message, start, end - start, doc.path if path else None)

    @staticmethod
    def related_at(span: Span, message: str) -> Related:
        """A related location in another article, from a span computed earlier."""
        return Related(
            span.line, span.column, message, span.start, span.end - span.start, span.path
        )

    @staticmethod
    def replace(start: int, end: int, replacement: str, *, safe: bool = True, title: str = ""):
        """A one-edit fix replacing source ``start:end``."""
        applicability = "safe" if safe else "unsafe"
        return Fix((Edit(start, end - start, replacement),), applicability, title)


def rule_options(rule: Rule, config: Config) -> dict[str, Any]:
    """A rule's options: its defaults overridden by configuration, type-checked."""
    options = dict(rule.options)
    settings = config.rules.get(rule.code)
    if not settings:
        return options
    where = f"{config.path or 'configuration'}: rules.{rule.code}"
    for key, value in settings.options.items():
        if key not in rule.options:
            known = ", ".join(sorted(rule.options)) or "none"
            raise ConfigError(f"{where}: unknown option {key!r} (options: {known})")
        default = rule.options[key]
        if not same_type(default, value):
            raise ConfigError(
                f"{where}.{key} must be {type(default).__name__}, not {type(value).__name__}"
            )
        options[key] = value
    return options


def same_type(default: Any, value: Any) -> bool:
    """Whether a configured value has the type of its default (an int passes for a float)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    if default is None:
        return True
    return isinstance(value, type(default))
