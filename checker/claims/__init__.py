"""Claims: find the sentences of an article that need a source, and how they are supported.

The public API, stable for other checks (see docs/claims.md)::

    from checker.claims import detect
    for claim in detect(doc):
        claim.sentence   # checker.document.Sentence (use claim.sentence.source_span())
        claim.kind       # "efficacy", "safety", "comparative", "absolute", "statistic",
                         # "research", "attribution", "mechanism", "regulatory", "history"
                         # or "background"
        claim.risk       # "error", "warning" or "info" (see checker.claims.kinds)
        claim.why        # the reason in an editor's words ("absolute safety claim")
        claim.cues       # the cue texts that made it a claim, strongest first
        claim.score      # 0..1: the model's probability, at least its threshold
        claim.support    # Support(status="supported" | "weak" | "none", citations, scope)

Detection reads only rules/claims.yml (gates, cue and word families, risk rules, trusted
domains) and rules/claims-model.json (the weights); nothing is specific to one article.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.claims.assessment import Assessment, CueMatch, assess
    from checker.claims.lexicon import Lexicon, load_lexicon
    from checker.claims.support import NONE, SUPPORTED, WEAK, Citation, Support
    from checker.document import Document, Sentence

_EXPORTS = {
    "Assessment": "assessment",
    "CueMatch": "assessment",
    "assess": "assessment",
    "Lexicon": "lexicon",
    "load_lexicon": "lexicon",
    "NONE": "support",
    "SUPPORTED": "support",
    "WEAK": "support",
    "Citation": "support",
    "Support": "support",
}
"""Names this package exports from its modules, imported on first use: importing
``checker.claims.settings`` (the result cache's fingerprint does, for the ledger's path) then
does not load the lexicon and the model."""


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "NONE",
    "SUPPORTED",
    "WEAK",
    "Assessment",
    "Citation",
    "Claim",
    "CueMatch",
    "Lexicon",
    "Support",
    "assess",
    "detect",
    "load_lexicon",
]


@dataclass(frozen=True)
class Claim:
    """A sentence that makes a claim, with its kind, cues, score and support."""

    sentence: Sentence
    kind: str
    label: str
    cues: tuple[str, ...]
    score: float
    hedged: bool
    support: Support
    risk: str = "warning"
    why: str = ""
    treatments: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The sentence's plain text."""
        return self.sentence.text

    @property
    def risk_rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info (for sorting a queue)."""
        from checker.claims.kinds import RISK_ORDER  # kinds is loaded with the model

        return RISK_ORDER.get(self.risk, 1)

    @property
    def cue(self) -> str:
        """The strongest cue."""
        return self.cues[0] if self.cues else ""

    def source_span(self) -> tuple[int, int]:
        """The claim sentence's source offsets."""
        return self.sentence.source_span()


def detect(doc: Document, lexicon: Lexicon | None = None) -> list[Claim]:
    """The claims of ``doc``'s prose sentences, in document order.

    Prose means paragraphs, list items and table cells (not headings or captions), outside
    footnote definitions and references sections. ``lexicon`` defaults to rules/claims.yml.
    """
    from checker.claims.lexicon import load_lexicon
    from checker.claims.support import CitationIndex

    lexicon = lexicon or load_lexicon()
    index = CitationIndex(doc, lexicon)
    claims: list[Claim] = []
    for sentence in doc.sentences():
        block = sentence.block
        if index.is_citation_block(block):
            continue
        found = _assess(sentence.text, lexicon, block.kind.value)
        if found.is_claim and found.kind is not None:
            claims.append(_claim(sentence, found, lexicon, index.support(sentence)))
    return claims


MEMO_SIZE = 50_000
"""Sentences whose assessment is remembered (the memo starts again beyond it)."""
_memo: tuple[Lexicon | None, dict[tuple[str, str], Assessment]] = (None, {})


def _assess(text: str, lexicon: Lexicon, block_kind: str) -> Assessment:
    """``assess``, remembered for the lexicon in use: a site repeats sentences (notices,
    lead-ins, list items) across its articles, and judging one is pure text in."""
    global _memo
    owner, memo = _memo
    if owner is not lexicon:
        _memo = (lexicon, memo := {})
    found = memo.get((text, block_kind))
    if found is None:
        if len(memo) > MEMO_SIZE:
            memo.clear()
        from checker.claims.assessment import assess

        found = memo[text, block_kind] = assess(text, lexicon, block_kind=block_kind)
    return found


def _claim(sentence: Sentence, found: Assessment, lexicon: Lexicon, support: Support) -> Claim:
    from checker.claims.kinds import kind_label  # loaded with the model (checker.claims.assessment)

    kind = found.kind or "background"
    cues = [*found.evidence, *(c.text for c in found.cues if c.kind == kind)]
    cues += [c.text for c in found.cues if c.kind != kind]
    return Claim(
        sentence=sentence,
        kind=kind,
        label=kind_label(kind, lexicon),
        cues=tuple(dict.fromkeys(cues)),
        score=found.score,
        hedged=found.hedged,
        support=support,
        risk=found.risk,
        why=found.why,
        treatments=found.treatments,
    )
