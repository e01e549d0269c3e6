"""Claims: find the sentences of an article that need a source, and how they are supported.

The public API, stable for other checks (see docs/claims.md)::

    from checker.claims import detect
    for claim in detect(doc):
        claim.sentence   # checker.document.Sentence (use claim.sentence.source_span())
        claim.kind       # "research", "efficacy", "safety", "mechanism", "statistic",
                         # "history", "attribution" or "comparative"
        claim.cues       # the cue texts that made it a claim, strongest first
        claim.score      # 0..1, at least the lexicon's threshold
        claim.support    # Support(status="supported" | "weak" | "none", citations, scope)

Detection reads only rules/claims.yml (cue lexicons, weights, hedges, exclusions, trusted
domains); nothing is specific to one article.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.claims.detect import Assessment, CueMatch, assess
from checker.claims.lexicon import Lexicon, load_lexicon
from checker.claims.support import NONE, SUPPORTED, WEAK, Citation, CitationIndex, Support
from checker.document import BlockKind, Document, Sentence

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

    @property
    def text(self) -> str:
        """The sentence's plain text."""
        return self.sentence.text

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
    lexicon = lexicon or load_lexicon()
    index = CitationIndex(doc, lexicon)
    claims: list[Claim] = []
    for sentence in doc.sentences():
        block = sentence.block
        if index.is_citation_block(block):
            continue
        found = assess(sentence.text, lexicon, list_item=block.kind is BlockKind.LIST_ITEM)
        if found.is_claim and found.kind is not None:
            claims.append(_claim(sentence, found, lexicon, index.support(sentence)))
    return claims


def _claim(sentence: Sentence, found: Assessment, lexicon: Lexicon, support: Support) -> Claim:
    kind = lexicon.kinds[found.kind or ""]
    cues = [c.text for c in found.cues if c.kind == kind.name]
    cues += [c.text for c in found.cues if c.kind != kind.name]
    return Claim(
        sentence=sentence,
        kind=kind.name,
        label=kind.label,
        cues=tuple(dict.fromkeys(cues)),
        score=found.score,
        hedged=found.hedged,
        support=support,
    )
