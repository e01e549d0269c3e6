"""The rule registry: every check declares itself here with ``@rule``.

A rule is a record (code, name, category, default severity, options, explanation) plus a
function. A document rule maps one ``Document`` to findings; a corpus rule sees every document
of the run at once (for cross-article checks). The function's docstring is the explanation
that ``checker explain CODE`` prints, in ruff's sections: What it does, Why is this bad?,
Example, Fix safety, Options.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.findings import CATEGORIES, Severity

REGISTRY: dict[str, Rule] = {}


@dataclass(frozen=True)
class Rule:
    """A registered check."""

    code: str
    name: str
    category: str
    severity: Severity
    func: Callable[..., Iterable[Any]] | None
    explanation: str
    scope: str = "document"
    options: dict[str, Any] = field(default_factory=dict)
    fixable: bool = False

    @property
    def summary(self) -> str:
        """The first line of the explanation."""
        return self.explanation.strip().splitlines()[0] if self.explanation.strip() else ""


def rule(
    code: str,
    name: str,
    *,
    category: str,
    severity: str,
    scope: str = "document",
    options: dict[str, Any] | None = None,
    fixable: bool = False,
) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Register the decorated function as the check for ``code``."""
    if category not in CATEGORIES:
        raise ValueError(f"{code}: unknown category {category!r}")
    if scope not in ("document", "corpus"):
        raise ValueError(f"{code}: scope must be 'document' or 'corpus'")

    def register(func: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        register_rule(
            Rule(
                code=code,
                name=name,
                category=category,
                severity=Severity(severity),
                func=func,
                explanation=inspect.cleandoc(func.__doc__ or ""),
                scope=scope,
                options=dict(options or {}),
                fixable=fixable,
            )
        )
        return func

    return register


def register_rule(entry: Rule) -> None:
    """Add a rule to the registry; codes and names must be unique."""
    for other in REGISTRY.values():
        if other.code == entry.code or other.name == entry.name:
            if other.func is entry.func:
                return
            raise ValueError(f"duplicate rule {entry.code} / {entry.name}")
    REGISTRY[entry.code] = entry


def all_rules() -> list[Rule]:
    """Every rule, ordered by code."""
    from checker import checks

    checks.load_all()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by code (case-insensitive) or by name."""
    key = code_or_name.strip()
    for entry in all_rules():
        if entry.code.lower() == key.lower() or entry.name == key.lower():
            return entry
    return None


def matches(selector: str, code: str, name: str) -> bool:
    """Whether a select/ignore entry (code, code prefix, name or ``ALL``) covers a rule."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return True
    if sel.lower() == name:
        return True
    return code.upper().startswith(sel.upper())


def narrows(selector: str, code: str) -> bool:
    """Whether a selector names part of a rule family: ``GRM:OUTSIDE_OF`` within ``GRM``."""
    return selector.strip().upper().startswith(code.upper() + ":")
