"""The review queue of one article: its claims with their support and ledger status.

Shared by the CLM checks, ``checker claims`` and ``checker review`` so that all three agree
on what is supported, approved, waiting for review or stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.claims import Claim, detect
from checker.claims.ledger import Entry, Ledger, claim_key, stale_entries
from checker.claims.lexicon import Lexicon
from checker.claims.support import NONE, WEAK
from checker.document import Document, Sentence

UNREVIEWED, STALE = "unreviewed", "stale"


@dataclass
class QueueItem:
    """One claim of an article and what the ledger says about it."""

    claim: Claim
    entry: Entry | None = None
    stale: Entry | None = None

    @property
    def ledger_status(self) -> str:
        """The entry's status, ``stale`` (approved wording changed) or ``unreviewed``."""
        if self.entry is not None:
            return self.entry.status
        return STALE if self.stale is not None else UNREVIEWED

    @property
    def cleared(self) -> bool:
        """Whether the ledger approves this exact sentence (supported or not a claim)."""
        return self.entry is not None and self.entry.approved

    @property
    def open(self) -> bool:
        """Whether an editor still has to act: unsupported or weakly supported, not cleared."""
        return self.claim.support.status in (NONE, WEAK) and not self.cleared


@dataclass
class StaleReview:
    """An approved ledger entry whose sentence has since been reworded."""

    entry: Entry
    sentence: Sentence
    similarity: float


@dataclass
class ArticleQueue:
    """The claims of one article, with stale ledger entries."""

    doc: Document
    items: list[QueueItem] = field(default_factory=list)
    stale: list[StaleReview] = field(default_factory=list)


def build_queue(
    doc: Document, lexicon: Lexicon, ledger: Ledger | None, claims: list[Claim] | None = None
) -> ArticleQueue:
    """The claims of ``doc`` (detected here unless given) with the ledger's verdicts."""
    claims = detect(doc, lexicon) if claims is None else claims
    queue = ArticleQueue(doc, [QueueItem(claim) for claim in claims])
    if ledger is None:
        return queue
    entries = ledger.for_article(doc.path)
    if not entries:
        return queue
    for item in queue.items:
        item.entry = ledger.lookup(doc.path, item.claim.text)
    recorded = {e.key for e in entries}
    sentences = [(s.text, s) for s in doc.sentences() if claim_key(s.text) not in recorded]
    by_sentence = {id(item.claim.sentence): item for item in queue.items}
    for entry, sentence, score in stale_entries(entries, sentences, lexicon.stale_similarity):
        queue.stale.append(StaleReview(entry, sentence, score))
        item = by_sentence.get(id(sentence))
        if item is not None and item.entry is None:
            item.stale = entry
    return queue
