"""Claims across articles (CLM004): a claim one article sources and another repeats bare.

Each claim becomes a ``ClaimRecord`` (its span, a fingerprint of its wording, and whether it
is sourced), so the comparison needs no article text: ``checker check`` runs it over the
documents of one run and ``checker audit`` as a reduce step over the workers' summaries. Only
the public claims API is used (``checker.claims.detect``: a claim's text, span and support).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.checks.claims import run_claims
from checker.context import CheckContext
from checker.document import Document
from checker.findings import Finding, Span
from checker.rules import rule
from checker.words import stem, word_list

if TYPE_CHECKING:
    from checker.claims import Claim


@dataclass(frozen=True)
class ClaimRecord:
    """One claim of one article: where it is, what it says (fingerprint), how it is sourced."""

    span: Span
    fingerprint: str
    supported: bool
    unsourced: bool

    @property
    def path(self) -> str:
        """The article's path."""
        return self.span.path


CITATION_RE = re.compile(
    r"\[[^\[\]]*\]"  # [1], [^note], [Smith 2020]
    r"|\([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)"  # (Smith et al., 2021)
    r"|(?P<paren>\([^()]*\))"  # a parenthetical: a citation when only punctuation follows
)
"""Each alternative stops at the next bracket of its kind, so a scan is linear in the text."""
BRACKET_RE = re.compile(r"\[[^\[\]]*\]")


def strip_citations(text: str) -> str:
    """``text`` with its citations blanked: bracketed references, parentheses holding a year,
    and a closing parenthetical (a link's label, a source's name: only punctuation after it).
    Linear: the closing test compares with where the trailing punctuation starts instead of
    looking ahead from every parenthesis."""
    tail = len(text)
    while tail and not (text[tail - 1].isalnum() or text[tail - 1] == "_"):
        tail -= 1

    def blank(match: re.Match[str]) -> str:
        if match.group("paren") is None or match.end() >= tail:
            return " "
        return "(" + BRACKET_RE.sub(" ", match.group()[1:-1]) + ")"

    return CITATION_RE.sub(blank, text)


def fingerprint(text: str) -> str:
    """The claim's wording without its citations, with case, punctuation, spacing and word
    endings folded, hashed: a sourced copy and a bare copy of a claim share it."""
    bare = strip_citations(text.replace("\ufffc", " "))
    folded = " ".join(stem(w) for w in word_list(bare.lower().replace("\u2019", "'")))
    return hashlib.blake2b(folded.encode(), digest_size=8).hexdigest()


def claim_record(doc: Document, claim: Claim) -> ClaimRecord:
    """The record of one detected claim."""
    from checker.claims import NONE, SUPPORTED

    span = Span.of(doc.source, *claim.source_span())
    status = claim.support.status
    return ClaimRecord(span, fingerprint(claim.text), status == SUPPORTED, status == NONE)


def document_claims(doc: Document, ctx: CheckContext) -> list[ClaimRecord]:
    """The claim records of ``doc`` (claims detected once per run and article)."""
    return [claim_record(doc, claim) for claim in run_claims(doc, ctx)]


def sourced_elsewhere_findings(
    records: Iterable[ClaimRecord], ctx: CheckContext
) -> Iterator[Finding]:
    """CLM004 over claim records gathered from any number of articles."""
    limit = int(ctx.options["max_related"])
    groups: dict[str, list[ClaimRecord]] = {}
    for record in records:
        groups.setdefault(record.fingerprint, []).append(record)
    for group in groups.values():
        if len(group) < 2:  # most claims are made once: nothing to compare
            continue
        sourced = sorted((r for r in group if r.supported), key=_order)
        if not sourced:
            continue
        for record in sorted(group, key=_order):
            if not record.unsourced:
                continue
            elsewhere = [r for r in sourced if r.path != record.path]
            if not elsewhere:
                continue
            shown = elsewhere[:limit]
            named = ", ".join(f"{r.path}:{r.span.line}" for r in shown)
            more = f" and {len(elsewhere) - limit} more" if len(elsewhere) > limit else ""
            yield ctx.finding_at(
                record.span,
                f"claim has no source here but is sourced in {named}{more}: cite that source",
                suggestions=[f"cite the source used in {shown[0].path}"],
                related=[ctx.related_at(r.span, "the same claim, sourced") for r in shown],
                data={"sourced_in": [f"{r.path}:{r.span.line}" for r in elsewhere]},
            )


def _order(record: ClaimRecord) -> tuple[str, int]:
    return (record.path, record.span.start)


@rule(
    "CLM004",
    "sourced-elsewhere",
    category="claim",
    severity="warning",
    scope="corpus",
    options={"max_related": 3},
)
def sourced_elsewhere(docs: list[Document], ctx: CheckContext) -> Iterator[Finding]:
    """A claim that another article of the site sources is made here without a source.

    ## What it does
    Detects the claims of every article (as CLM001 does) and compares their wording with
    case, punctuation, spacing and word endings folded. When one article cites a source for
    a claim (its support is "supported") and another article makes the same claim with no
    source at all, the bare copy is reported with the path and line of the sourced one. A
    claim with only weak support (CLM002) is neither the sourced side nor the bare side.

    ## Why is this bad?
    The site already knows the source: a reader of the bare copy cannot check the claim,
    and the copies drift apart when the source is updated.

    ## Example
        a.md: Ketamine can relieve depression within hours [1].   (a reference)
        b.md: Ketamine can relieve depression within hours.        (reported)

    ## Fix safety
    No automatic fix: cite the same source (the related location shows where it is).

    ## Options
    - `max_related` (default 3): how many sourced copies a finding names.
    """
    records = [r for doc in docs for r in document_claims(doc, ctx)]
    yield from sourced_elsewhere_findings(records, ctx)
