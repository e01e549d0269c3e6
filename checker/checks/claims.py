"""Claim checks: unsupported claims (CLM001), weak support (CLM002), stale reviews (CLM003),
regulatory wording (CLM005).

Detection, support and the ledger live in ``checker.claims``; cue lexicons, weights and
trusted domains in rules/claims.yml; the ledger's place and per-kind severities in
``[tool.checker.claims]`` (docs/claims.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checker.context import CheckContext
from checker.document import Document
from checker.findings import Finding, Severity
from checker.rules import rule

if TYPE_CHECKING:  # checker.claims is imported when a claim rule first runs, not at start-up
    from checker.claims import Claim
    from checker.claims.ledger import Ledger
    from checker.claims.lexicon import Lexicon
    from checker.claims.queue import ArticleQueue, QueueItem
    from checker.claims.regulatory import Hit
    from checker.claims.settings import ClaimSettings
    from checker.claims.support import CitationIndex


def run_lexicon(ctx: CheckContext) -> Lexicon:
    """The run's lexicon: rules/claims.yml with the configured overrides."""
    from checker.claims.lexicon import load_lexicon

    settings = run_settings(ctx)
    return ctx.state.resource(
        "claims.lexicon",
        lambda: load_lexicon().with_overrides(settings.threshold, settings.trusted_domains),
    )


def run_settings(ctx: CheckContext) -> ClaimSettings:
    """The run's ``[tool.checker.claims]`` settings."""
    from checker.claims.settings import claim_settings

    return ctx.state.resource("claims.settings", lambda: claim_settings(ctx.config))


def run_ledger(ctx: CheckContext) -> Ledger:
    """The run's claims ledger (loaded once; a malformed ledger stops the run)."""
    from checker.claims.ledger import load_ledger

    return ctx.state.resource("claims.ledger", lambda: load_ledger(run_settings(ctx).ledger))


def run_claims(doc: Document, ctx: CheckContext) -> list[Claim]:
    """The claims of ``doc`` with the run's lexicon, detected once (CLM rules and STR001)."""
    from checker.claims import detect

    found: dict[int, list[Claim]] = ctx.state.resource("claims.detected", dict)
    if id(doc) not in found:
        found[id(doc)] = detect(doc, run_lexicon(ctx))
    return found[id(doc)]


def article_queue(doc: Document, ctx: CheckContext) -> ArticleQueue:
    """The review queue of ``doc``, built once per run for the three rules."""
    from checker.claims.queue import build_queue

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
    return Severity(item.claim.risk)


def _data(item: QueueItem) -> dict[str, object]:
    claim = item.claim
    return {
        "kind": claim.kind,
        "risk": claim.risk,
        "why": claim.why,
        "cues": list(claim.cues),
        "score": claim.score,
        "support": claim.support.status,
        "ledger": item.ledger_status,
    }


@rule("CLM001", "unsupported-claim", category="claim", severity="warning")
def unsupported_claim(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A sentence makes a claim that needs a source and cites none.

    ## What it does
    Judges every prose sentence (paragraphs, list items, table cells; never headings or
    captions) in two steps.

    1. Gates (`exclusions` in rules/claims.yml): questions, statements about the article,
       calls to action, instructions to the reader ("Wash your face...", "If it hurts, call
       us"), sentences under `min_words` and fragments without a finite verb assert nothing
       and are never claims.
    2. A scoring model: the sentence is described by 48 weak features, each 0..1:
       the cue families of rules/claims.yml (`cue:research`, `cue:efficacy`, `cue:safety`,
       `cue:mechanism`, `cue:statistic`, `cue:history`, `cue:attribution`,
       `cue:comparative`: the strongest cue of each kind); word families (`fam:...`: verbs
       of effect, conditions and body parts, treatments, populations, universal quantifiers
       such as "everyone", "always", "no side effects", "100%", comparatives, superlatives,
       numbers and percentages, attribution ("experts say", "according to"), hedges,
       regulatory and marketing words, instructions, calls to action, the clinic's own
       voice, the first person, logistics, opinions, feelings, definitions, research under
       way, list lead-ins); the form (question, exclamation, list item, short, long, finite
       verb, "you", names a treatment); and combinations (a number about a health subject, a
       treatment with an effect, a comparison naming a treatment, a universal health claim,
       no health content at all). A logistic
       regression whose weights, bias and threshold are data in rules/claims-model.json
       (fitted by scripts/fit_claims.py on tests/data/claims-labelled.tsv) turns them into
       the probability that the sentence needs a source; at or above the threshold it is a
       claim. An absolute safety, cure, "works for everyone" or guarantee claim is a claim
       whatever the score.

    Each claim gets a kind (efficacy, safety, comparative, absolute, statistic, research,
    attribution, mechanism, regulatory, history or background) and a risk tier, which is
    its severity: error for absolute safety or cure claims, promises to everyone,
    guarantees and comparisons naming a treatment ("compares two named treatments");
    info for background medical facts; warning for the rest. The message says why. A claim
    is reported when neither the sentence nor its paragraph carries a citation (a Markdown
    link, a footnote, a numbered reference resolving to a references section, or an
    author-year citation), the claims ledger has not cleared it, and its risk tier is at
    least `min-risk` (default `warning`: background facts stay in the `checker claims`
    queue and count for STR001, but are not reported one by one; an NIH-style article
    states one in nearly every sentence).

    ## Why is this bad?
    Health claims without a source cannot be verified by readers or regulators, and an
    unsourced efficacy or safety claim can mislead patients; absolute and comparative
    claims are what health-marketing regulators act on first.

    ## How to resolve one
    - Cite a source in the sentence or its paragraph: a link to a trusted site (nih.gov,
      fda.gov, a journal, doi.org; see `trusted_domains` in rules/claims.yml), a footnote
      `[^1]`, a numbered reference `[1]` listed under a References heading, or an
      author-year citation "(Smith et al., 2021)".
    - Or record the editor's verdict in the claims ledger: run `checker review ARTICLE`
      and answer "supported" (with the source) or "not a claim". The finding then stops,
      and comes back as CLM003 if the sentence's wording changes.
    - Or rephrase the sentence so that it no longer claims more than the article can show
      (an absolute claim is rarely true: "works for everyone" becomes "helps many people").

    ## Example
        Ketamine often provides rapid relief, sometimes within hours.
        Semaglutide has fewer side effects than tirzepatide.   (error: compares two named drugs)

    ## Fix safety
    No automatic fix: only an editor can find the source.

    ## Options
    `[tool.checker.claims] min-risk = "info"` reports background facts too.
    Severity per kind: `[tool.checker.claims] severity = { background = "info" }` (else
    `[tool.checker.rules.CLM001] severity`, else the risk tier). `threshold` overrides the
    model's. Feature families and risk rules: rules/claims.yml; weights: refit with
    `python scripts/fit_claims.py` after changing the labelled set or the families.
    """
    from checker.claims.support import NONE

    min_risk = Severity(run_settings(ctx).min_risk).rank
    for item in article_queue(doc, ctx).items:
        claim = item.claim
        if claim.support.status != NONE or item.cleared or Severity(claim.risk).rank < min_risk:
            continue
        note = " (ledger: needs a source)" if item.ledger_status == "needs-source" else ""
        yield ctx.finding(
            doc,
            *claim.source_span(),
            f"unsupported {claim.label} claim ({claim.why}): cite a source or record it "
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
    from checker.claims.support import WEAK

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


@rule("CLM005", "regulatory-wording", category="claim", severity="warning")
def regulatory_wording(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Wording that health-marketing regulators single out in patient-facing text.

    ## What it does
    Matches every prose sentence against the rule pack rules/regulatory.yml and reports the
    phrase, with the entry's reason and suggestion:
    - "miracle", "wonder drug"; "breakthrough", "revolutionary", "game changer";
    - "guaranteed results", "results are guaranteed", "money-back guarantee" (error);
    - "clinically proven", "scientifically proven", "proven to work" when neither the
      sentence nor its paragraph cites a source;
    - "risk-free", "zero risk" (error);
    - "FDA approved" for a device, which is FDA cleared (TMS, CoolSculpting, lasers);
    - "FDA approved" for an off-label use (error): a product of `off_label` named with a use
      it is not approved for, unless the sentence says the use is off-label. Ketamine itself
      is approved only as an anesthetic, so "ketamine is FDA approved for depression" is
      flagged; esketamine (Spravato) is approved for treatment-resistant depression, so
      "Spravato is FDA approved for treatment-resistant depression" is not.

    ## Why is this bad?
    The FTC treats unsubstantiated health claims, guarantees and "proven" without evidence as
    deceptive; the FDA forbids promoting a drug beyond its approved labeling, and calling a
    cleared device "approved" misstates its status; the UK ASA bans "miracle" claims.

    ## Example
        Our IV ketamine treatment is FDA approved for depression.
        This breakthrough therapy delivers guaranteed results.

    ## Fix safety
    No automatic fix: the accurate wording depends on the evidence and the product's label.

    ## Options
    Add, change or remove entries (pattern, reason, suggestion, severity, unless_cited,
    when, unless; off_label products with approved_for and off_label uses) in
    rules/regulatory.yml. `[tool.checker.rules.CLM005] severity` overrides every entry's.
    """
    from checker.claims.regulatory import find, load_pack
    from checker.claims.support import CitationIndex

    pack = load_pack()
    index = CitationIndex(doc, run_lexicon(ctx))
    configured = ctx.config.rules.get(ctx.rule.code)
    override = configured is not None and configured.severity is not None
    for sentence in doc.sentences():
        if index.is_citation_block(sentence.block):
            continue
        hits = find(sentence.text, pack)
        if any(h.needs_no_citation for h in hits) and _cited(index, sentence):
            hits = [h for h in hits if not h.needs_no_citation]
        for hit in hits:
            yield _regulatory_finding(doc, ctx, sentence, hit, override)


def _cited(index: CitationIndex, sentence) -> bool:
    from checker.claims.support import SUPPORTED, WEAK

    return index.support(sentence).status in (SUPPORTED, WEAK)


def _regulatory_finding(doc: Document, ctx: CheckContext, sentence, hit: Hit, override: bool):
    start, end = sentence.block.span(sentence.start + hit.start, sentence.start + hit.end)
    return ctx.finding(
        doc,
        start,
        end,
        hit.message,
        suggestions=[hit.suggestion] if hit.suggestion else [],
        severity=ctx.severity if override else Severity(hit.severity),
        data={"rule": hit.rule},
    )
