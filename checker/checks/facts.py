"""Fact checks: statements against the fact base (rules/facts.yml), within an article and
across every article of the run. Extraction and comparison live in ``checker.facts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from checker.context import CheckContext
from checker.document import Document
from checker.findings import Finding
from checker.rules import rule

if TYPE_CHECKING:  # checker.facts is imported when a fact rule first runs, not at start-up
    from checker.facts.extract import Statement
    from checker.facts.record import FactRecord


def _about(statement: Statement | FactRecord) -> str:
    return f"{statement.subject.label} {statement.attribute.label}"


def _where(statement: Statement) -> str:
    line, column = statement.doc.source.position(statement.start)
    return f"{line}:{column}"


def _related(ctx: CheckContext, statement: Statement, message: str):
    return ctx.related(statement.doc, statement.start, statement.end, message)


@rule("FCT001", "contradicts-fact-base", category="fact", severity="error")
def contradicts_fact_base(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article states a value the fact base rules out.

    ## What it does
    Extracts what the article states about the entities of the fact base (rules/facts.yml),
    using the attribute patterns defined there ("achieved FDA approval in 1970", "Spravato
    nasal spray", "died in 2023"), and compares each value with the fact base's value as a
    value: "in the year 1970" equals "1970", "1964" falls within "the 1960s", "1,000 mg"
    equals "1 g". A value outside what the base allows is reported with the base's value and
    source.

    When the article also states the base's value for the same thing elsewhere, the wrong
    value is reported as FCT002 (the article contradicts itself) instead.

    ## Why is this bad?
    A wrong approval year or route in a health article misleads readers and regulators.

    ## Example
        Ketamine achieved FDA approval in 1972.   (fact base: 1970, with its source)

    ## Fix safety
    No automatic fix: a reviewer checks the source; the suggestion is the base's value.
    """
    from checker.facts.compare import in_article
    from checker.facts.settings import run_fact_base, statements

    base = run_fact_base(ctx.state)
    against_base, _ = in_article(statements(ctx.state, doc), base)
    for conflict in against_base:
        s, fact = conflict.statement, conflict.fact
        assert fact is not None
        yield ctx.finding(
            doc,
            s.start,
            s.end,
            f'"{s.text}" contradicts the fact base: {_about(s)} is {fact.value.label} '
            f"(source: {fact.source})",
            suggestions=[fact.value.label],
            data={
                "entity": s.subject.label,
                "attribute": s.attribute.name,
                "expected": fact.value.label,
                "source": fact.source,
            },
        )


@rule("FCT002", "inconsistent-in-article", category="fact", severity="error")
def inconsistent_in_article(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """One article states two different values for the same thing.

    ## What it does
    Compares every value the article states for an entity's attribute (its FDA approval
    year, year of death, a condition's prevalence) with the first one it stated, as values
    ("1964" agrees with "the 1960s"). When the fact base knows the value, the statement that
    disagrees with the base is the one reported. Attributes that may have several values
    (route, dose) are not compared within the article.

    ## Why is this bad?
    An article that gives two approval years is wrong at least once, and readers notice.

    ## Example
        Ketamine achieved FDA approval in 1970. ... It was approved in 1975.

    ## Fix safety
    No automatic fix: an editor decides which value is right.
    """
    from checker.facts.compare import in_article
    from checker.facts.settings import run_fact_base, statements

    base = run_fact_base(ctx.state)
    _, internal = in_article(statements(ctx.state, doc), base)
    for conflict in internal:
        s, other = conflict.statement, conflict.others[0]
        extra = f"; the fact base says {conflict.fact.value.label}" if conflict.fact else ""
        yield ctx.finding(
            doc,
            s.start,
            s.end,
            f'{_about(s)} is "{s.text}" here but "{other.text}" at {_where(other)}{extra}',
            suggestions=[other.value.label],
            related=[_related(ctx, other, f"{_about(other)}: {other.text}")],
            data={"entity": s.subject.label, "attribute": s.attribute.name},
        )


@rule(
    "FCT003",
    "inconsistent-across-articles",
    category="fact",
    severity="warning",
    scope="corpus",
    options={"max_related": 3},
)
def inconsistent_across_articles(docs: list[Document], ctx: CheckContext) -> Iterator[Finding]:
    """Two articles of the run disagree about the same fact.

    ## What it does
    Extracts statements from every article of the run, including generic ones that need no
    fact-base entry ("Achondroplasia occurs in 1 in 15,000 to 40,000 newborns", keyed by the
    subject's name; "the condition" is the article's title), groups them by subject,
    attribute and qualifier (such as "in Japan"), and reports each article whose value
    disagrees with another article's, naming the other article and line. Facts that the
    fact base decides are left to FCT001. Approximate values ("about 1 in 10,000") agree
    within the value type's tolerance.

    ## Why is this bad?
    Readers who see two pages of the same site give different numbers trust neither.

    ## Example
        a.md: Ketamine was approved by the FDA in 1970.
        b.md: Ketamine was approved by the FDA in 1972.

    ## Fix safety
    No automatic fix.

    ## Options
    - `max_related` (default 3): how many disagreeing articles a finding lists.
    """
    from checker.facts.record import FactRecord
    from checker.facts.settings import statements

    records = [FactRecord.of(s) for doc in docs for s in statements(ctx.state, doc)]
    yield from across_article_findings(records, ctx)


def across_article_findings(records: Iterable[FactRecord], ctx: CheckContext) -> Iterator[Finding]:
    """FCT003 over extracted facts (no documents needed): ``checker check`` and the reduce
    step of ``checker audit`` both report through this."""
    from checker.facts.compare import across_articles
    from checker.facts.settings import run_fact_base

    base = run_fact_base(ctx.state)
    limit = int(ctx.options["max_related"])
    for conflict in across_articles(records, base):
        s, others = conflict.statement, conflict.others
        named = ", ".join(f'"{o.text}" in {_at(o)}' for o in others[:limit])
        more = f" and {len(others) - limit} more" if len(others) > limit else ""
        yield ctx.finding_at(
            s.span,
            f'{_about(s)} is "{s.text}" here but {named}{more}',
            related=[ctx.related_at(o.span, f"{_about(o)}: {o.text}") for o in others[:limit]],
            data={
                "entity": s.subject.label,
                "attribute": s.attribute.name,
                "others": [f"{o.path}:{o.line}" for o in others],
            },
        )


def _at(record: FactRecord) -> str:
    return f"{record.path}:{record.span.line}:{record.span.column}"


@rule("FCT004", "stale-fact", category="fact", severity="info")
def stale_fact(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article relies on a fact-base entry that is past its review date.

    ## What it does
    For every fact-base entry the article's statements are checked against, compares the
    entry's `reviewed` date with today (or `[tool.checker.facts] today`). An entry older than
    `review-interval-days` (default 365, or the entry's own `review_interval_days`) is
    reported once per article, at the first statement that uses it.

    ## Why is this bad?
    Facts change (new approvals, new routes); a check against an outdated entry can pass a
    wrong article or flag a right one.

    ## Fix safety
    Nothing to fix in the article: a medical reviewer re-checks the source and updates the
    entry's `reviewed` date in rules/facts.yml.
    """
    from checker.facts.compare import agrees_with_fact, fact_for, stale
    from checker.facts.settings import fact_settings, run_fact_base, statements

    base = run_fact_base(ctx.state)
    settings = fact_settings(ctx.config)
    today = settings.reference_date()
    seen: set[tuple[str, str]] = set()
    for s in statements(ctx.state, doc):
        fact = fact_for(base, s)
        if fact is None or (fact.entity, fact.attribute) in seen:
            continue
        seen.add((fact.entity, fact.attribute))
        if not stale(fact, settings.review_interval_days, today):
            continue
        agreement = "agrees with" if agrees_with_fact(s, fact) else "is checked against"
        yield ctx.finding(
            doc,
            s.start,
            s.end,
            f"{agreement} the fact-base entry for {_about(s)} ({base.path}:{fact.line}), "
            f"last reviewed {fact.reviewed.isoformat()}, over "
            f"{fact.review_interval_days or settings.review_interval_days} days ago",
            suggestions=["ask a medical reviewer to re-check the entry's source"],
            data={
                "entity": s.subject.label,
                "attribute": s.attribute.name,
                "reviewed": fact.reviewed.isoformat(),
            },
        )


@rule("FCT005", "unverified-fact", category="fact", severity="info")
def unverified_fact(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article states a checkable fact that the fact base cannot check.

    ## What it does
    Reports every statement of a checkable kind (attributes marked `unverified: true` in
    rules/facts.yml: an FDA approval or clearance year, a DEA schedule, a dose, a boxed
    warning year, a percentage attributed to a study) whose subject the fact base does not
    know, or knows without an entry for that attribute (or for that indication: "approved for
    OCD in 2018" when the base holds the 2008 approval for depression). The finding points at
    the value as written; `checker facts` lists the same statements as "unverified".

    ## Why is this bad?
    A wrong approval year or dose about a drug nobody entered in the fact base passes every
    other check. Listing what nobody checked lets an editor verify it against a source, or a
    medical reviewer add the fact to the base.

    ## Example
        Auvelity was approved by the FDA in 2022.     (no fact-base entry for Auvelity)
        A 2019 study found that 70% of patients improved.

    ## Fix safety
    Nothing to fix automatically: verify the value, then cite a source or add the fact (with
    its source) to rules/facts.yml.
    """
    from checker.facts.compare import unverified
    from checker.facts.settings import run_fact_base, statements

    base = run_fact_base(ctx.state)
    for s in unverified(base, statements(ctx.state, doc)):
        yield ctx.finding(
            doc,
            s.start,
            s.end,
            f'unverified fact: "{s.text}" ({_about(s)}): {_why_unverified(base, s)}',
            suggestions=["check the value against a source, or add it to the fact base"],
            data={
                "entity": s.subject.label,
                "attribute": s.attribute.name,
                "known_entity": s.subject.known,
                "qualifier": s.qualifier,
            },
        )


def _why_unverified(base, s: Statement) -> str:
    if not s.subject.known:
        return "the fact base does not know this subject"
    fact = base.fact(s.subject.key, s.attribute.name)
    if fact is not None and fact.indications:
        return f"the fact base's entry is for {fact.indications[0]}, not {s.qualifier!r}"
    return f"the fact base has no {s.attribute.label} for {s.subject.label}"
