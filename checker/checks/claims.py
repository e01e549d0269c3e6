"""Claim checks: unsupported claims (CLM001), weak support (CLM002), stale reviews (CLM003).

Detection, support and the ledger live in ``checker.claims``; cue lexicons, weights and
trusted domains in rules/claims.yml; the ledger's place and per-kind severities in
``[tool.checker.claims]`` (docs/claims.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.claims import Claim, detect
from checker.claims.ledger import Ledger, load_ledger
from checker.claims.lexicon import Lexicon, load_lexicon
from checker.claims.queue import ArticleQueue, QueueItem, build_queue
from checker.claims.settings import ClaimSettings, claim_settings
from checker.claims.support import NONE, WEAK
from checker.context import CheckContext
from checker.document import Document
from checker.findings import Finding, Severity
from checker.rules import rule


def run_lexicon(ctx: CheckContext) -> Lexicon:
    """The run's lexicon: rules/claims.yml with the configured overrides."""
    settings = run_settings(ctx)
    return ctx.state.resource(
        "claims.lexicon",
        lambda: load_lexicon().with_overrides(settings.threshold, settings.trusted_domains),
    )


def run_settings(ctx: CheckContext) -> ClaimSettings:
    """The run's ``[tool.checker.claims]`` settings."""
    return ctx.state.resource("claims.settings", lambda: claim_settings(ctx.config))


def run_ledger(ctx: CheckContext) -> Ledger:
    """The run's claims ledger (loaded once; a malformed ledger stops the run)."""
    return ctx.state.resource("claims.ledger", lambda: load_ledger(run_settings(ctx).ledger))


def run_claims(doc: Document, ctx: CheckContext) -> list[Claim]:
    """The claims of ``doc`` with the run's lexicon, detected once (CLM rules and STR001)."""
    found: dict[int, list[Claim]] = ctx.state.resource("claims.detected", dict)
    if id(doc) not in found:
        found[id(doc)] = detect(doc, run_lexicon(ctx))
    return found[id(doc)]


def article_queue(doc: Document, ctx: CheckContext) -> ArticleQueue:
    """The review queue of ``doc``, built once per run for the three rules."""
    queues: dict[int, ArticleQueue] = ctx.state.resource("claims.queues", dict)
    if id(doc) not in queues:
        lexicon, ledger = run_lexicon(ctx), run_ledger(ctx)
        queues[id(doc)] = build_queue(doc, lexicon, ledger, run_claims(doc, ctx))
    return queues[id(doc)]


def _severity(item: QueueItem, ctx: CheckContext) -> Severity:
    configured = run_settings(ctx).severity.get(item.claim.kind)
    if configured:
        return Severity(configured)
    settings = ctx.config.rules.get(ctx.rule.code)
    if settings is not None and settings.severity is not None:
        return ctx.severity
    kind = run_lexicon(ctx).kinds.get(item.claim.kind)
    return Severity(kind.severity) if kind else ctx.severity


def _data(item: QueueItem) -> dict[str, object]:
    claim = item.claim
    return {
        "kind": claim.kind,
        "cues": list(claim.cues),
        "score": claim.score,
        "support": claim.support.status,
        "ledger": item.ledger_status,
    }


@rule("CLM001", "unsupported-claim", category="claim", severity="warning")
def unsupported_claim(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A sentence makes a claim that needs a source and cites none.

    ## What it does
    Scores every prose sentence (paragraphs, list items, table cells) against the cue
    lexicons of rules/claims.yml and reports those that make a claim of research/evidence,
    efficacy, safety/risk, mechanism, statistic/trend, history/event, attribution/quote or
    comparison, when neither the sentence nor its paragraph carries a citation (a Markdown
    link, a footnote, a numbered reference resolving to a references section, or an
    author-year citation). Questions, advice to the reader, calls to action, statements
    about the article itself and list fragments without a verb are never claims. Hedges
    ("may", "might") lower a claim's score but do not hide efficacy or safety claims.

    ## Why is this bad?
    Health claims without a source cannot be verified by readers or regulators, and an
    unsourced efficacy or safety claim can mislead patients.

    ## How to resolve one
    - Cite a source in the sentence or its paragraph: a link to a trusted site (nih.gov,
      fda.gov, a journal, doi.org; see `trusted_domains` in rules/claims.yml), a footnote
      `[^1]`, a numbered reference `[1]` listed under a References heading, or an
      author-year citation "(Smith et al., 2021)".
    - Or record the editor's verdict in the claims ledger: run `checker review ARTICLE`
      and answer "supported" (with the source) or "not a claim". The finding then stops,
      and comes back as CLM003 if the sentence's wording changes.
    - Or rephrase the sentence so that it no longer claims more than the article can show.

    ## Example
        Ketamine often provides rapid relief, sometimes within hours.

    ## Fix safety
    No automatic fix: only an editor can find the source.

    ## Options
    Severity per kind: `[tool.checker.claims] severity = { statistic = "info" }`.
    """
    for item in article_queue(doc, ctx).items:
        claim = item.claim
        if claim.support.status != NONE or item.cleared:
            continue
        note = " (ledger: needs a source)" if item.ledger_status == "needs-source" else ""
        yield ctx.finding(
            doc,
            *claim.source_span(),
            f"unsupported {claim.label} claim ('{claim.cue}'): cite a source or record it "
            f"in the claims ledger{note}",
            suggestions=["cite a source", "run `checker review` to record the verdict"],
            severity=_severity(item, ctx),
            data=_data(item),
        )


@rule("CLM002", "weak-support", category="claim", severity="info")
def weak_support(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A claim's only citation links to a site that is not in the trusted list.

    ## What it does
    Reports claims whose sentence or paragraph links only to domains missing from
    `trusted_domains` in rules/claims.yml (or `[tool.checker.claims] trusted-domains`).
    The message names the domain.

    ## Why is this bad?
    A blog, a clinic's marketing page or a news story is weaker evidence than a government
    health agency, a literature index or a peer-reviewed journal.

    ## How to resolve one
    Cite a trusted source instead (or as well), add the domain to the trusted list if the
    editors agree it is authoritative, or record the claim as supported in the ledger with
    `checker review`.

    ## Fix safety
    No automatic fix.
    """
    for item in article_queue(doc, ctx).items:
        claim = item.claim
        if claim.support.status != WEAK or item.cleared:
            continue
        domains = ", ".join(claim.support.weak_domains) or "an untrusted source"
        yield ctx.finding(
            doc,
            *claim.source_span(),
            f"{claim.label} claim ('{claim.cue}') is supported only by {domains}, which is "
            f"not a trusted source",
            suggestions=["cite a trusted source (see trusted_domains in rules/claims.yml)"],
            data={**_data(item), "domains": claim.support.weak_domains},
        )


@rule("CLM003", "stale-review", category="claim", severity="warning")
def stale_review(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The claims ledger approved an earlier wording of this sentence.

    ## What it does
    Compares the ledger's approved entries (supported, not-a-claim) for the article with its
    current sentences. Changes of white space, line wrapping, quotes or dashes still match;
    when the wording has changed, the most similar current sentence (at least
    `stale_similarity` in rules/claims.yml) is reported.

    ## Why is this bad?
    A verdict was given for what the sentence used to say; the new wording may claim more,
    or the old source may no longer support it.

    ## How to resolve one
    Run `checker review ARTICLE` and answer again for the new wording: the ledger entry is
    replaced.

    ## Fix safety
    No automatic fix.
    """
    for stale in article_queue(doc, ctx).stale:
        entry = stale.entry
        who = f" by {entry.reviewer}" if entry.reviewer else ""
        when = f" on {entry.date}" if entry.date else ""
        yield ctx.finding(
            doc,
            *stale.sentence.source_span(),
            f"the claims ledger marked an earlier wording of this sentence {entry.status}"
            f"{who}{when}; review it again",
            suggestions=["run `checker review` on this article"],
            data={"ledger_claim": entry.claim, "similarity": round(stale.similarity, 3)},
        )
