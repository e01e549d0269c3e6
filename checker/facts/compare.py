"""Comparing statements: with the fact base, within one article, and across articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from checker.facts.base import Fact, FactBase
from checker.facts.extract import Statement
from checker.facts.values import Value


@dataclass
class Conflict:
    """A statement that disagrees with the fact base or with other statements."""

    statement: Statement
    fact: Fact | None = None
    others: list[Statement] = field(default_factory=list)


def agree(a: Statement, b: Statement) -> bool:
    """Whether two statements' values can both be true."""
    return a.value.agrees(b.value, a.attribute.value_type.tolerance)


def agrees_with_fact(statement: Statement, fact: Fact) -> bool:
    """Whether a statement's value is allowed by the fact."""
    return statement.value.within(fact.value, statement.attribute.value_type.tolerance)


def fact_for(base: FactBase, statement: Statement) -> Fact | None:
    """The fact-base entry a statement is about, if any.

    A statement qualified by an indication the entry does not name ("approved for OCD in
    2018", when the entry is the 2008 approval for depression) is about another fact.
    """
    if not statement.subject.known:
        return None
    fact = base.fact(statement.subject.key, statement.attribute.name)
    if fact is None or not fact.covers(statement.qualifier):
        return None
    return fact


def unverified(base: FactBase, statements: Iterable[Statement]) -> list[Statement]:
    """Statements of a checkable kind (attributes marked ``unverified``) the base cannot check."""
    return [s for s in statements if s.attribute.unverified and fact_for(base, s) is None]


def in_article(
    statements: list[Statement], base: FactBase
) -> tuple[list[Conflict], list[Conflict]]:
    """Conflicts of one article: ``(with the fact base, within the article)``.

    A wrong value in an article that elsewhere states the fact base's value is an
    inconsistency within the article (the article contradicts itself); a wrong value the
    article never corrects contradicts the fact base. Each statement gets at most one conflict.
    """
    against_base: list[Conflict] = []
    internal: list[Conflict] = []
    first: dict[tuple[str, str, str], Statement] = {}
    for statement in statements:
        fact = fact_for(base, statement)
        if fact is not None:
            conflict = _against_fact(statement, fact, statements)
            if conflict is not None:
                (internal if conflict.others else against_base).append(conflict)
            continue
        if not statement.attribute.single or not statement.subject.key:
            continue
        reference = first.setdefault(statement.key, statement)
        if reference is not statement and not agree(statement, reference):
            internal.append(Conflict(statement, None, [reference]))
    return against_base, internal


def _against_fact(statement: Statement, fact: Fact, statements: list[Statement]) -> Conflict | None:
    """None when the fact allows the statement; otherwise a conflict, naming the article's
    own statement of the right value (if it makes one) for single-valued attributes."""
    if agrees_with_fact(statement, fact):
        return None
    if statement.attribute.single:
        for other in statements:
            if other.key[:2] == statement.key[:2] and agrees_with_fact(other, fact):
                return Conflict(statement, fact, [other])
    return Conflict(statement, fact)


def across_articles(statements: Iterable[Any], base: FactBase) -> list[Conflict]:
    """Statements that disagree with what other articles state (facts the base lacks).

    Each article is represented by its first statement of a subject's attribute, with the
    union of all the values it states for it (an article listing two inheritance patterns
    agrees with either); every article whose values disagree with another article's gets one
    conflict naming the others. Works on ``Statement``s and on ``FactRecord``s alike (it
    uses their path, key, subject, attribute and value).
    """
    groups: dict[tuple[str, str, str], dict[str, list[Statement]]] = {}
    for statement in statements:
        if not statement.attribute.compare_across or not statement.subject.key:
            continue
        if fact_for(base, statement) is not None:
            continue
        groups.setdefault(statement.key, {}).setdefault(statement.path, []).append(statement)
    out: list[Conflict] = []
    for by_path in groups.values():
        if len(by_path) < 2:
            continue
        out.extend(_disagreements([(found[0], union(found)) for found in by_path.values()]))
    return out


def _disagreements(merged: list[tuple[Any, Value]]) -> Iterable[Conflict]:
    """Each article's statement with the others that disagree with it, in article order.

    Articles stating the same value are compared once per distinct value, so a fact that
    a thousand articles state alike costs a thousand steps, not a million.
    """
    positions: dict[Value, list[int]] = {}
    for k, (_, value) in enumerate(merged):
        positions.setdefault(value, []).append(k)
    for k, (statement, value) in enumerate(merged):
        tolerance = statement.attribute.value_type.tolerance
        bad = [p for v, found in positions.items() if not value.agrees(v, tolerance) for p in found]
        others = [merged[p][0] for p in sorted(bad) if p != k]
        if others:
            yield Conflict(statement, None, others)


def union(statements: list[Statement]) -> Value:
    """Everything an article states for one attribute, as one value."""
    values = [s.value for s in statements]
    first = values[0]
    if len(values) == 1:
        return first
    categories = frozenset().union(*(v.categories for v in values))
    return replace(
        first,
        lo=min(v.lo for v in values),
        hi=max(v.hi for v in values),
        approx=any(v.approx for v in values),
        categories=categories,
    )


def stale(fact: Fact, interval_days: int, today: dt.date) -> bool:
    """Whether a fact is past its review interval (its own, or ``interval_days``)."""
    days = fact.review_interval_days or interval_days
    return (today - fact.reviewed).days > days
