"""Citations that support a claim: links, footnotes, numbered references, author-year.

A claim is supported when its sentence carries a citation, or else when its paragraph does.
Links count fully when their domain is trusted (rules/claims.yml ``trusted_domains``) and as
weak support otherwise; internal links (relative, ``#anchor``, ``mailto:``) are not citations.
A footnote needs its definition and a numbered reference ``[1]`` an entry of a references
section; either counts as weak when the only links it holds are to untrusted domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from checker.claims.lexicon import Lexicon
from checker.document import Block, BlockKind, Document, Sentence

SUPPORTED, WEAK, NONE = "supported", "weak", "none"
ENTRY_NUMBER_RE = re.compile(r"^\s*\[?(\d{1,3})[\].)]")
RANGE_RE = re.compile(r"\d{1,3}(?:\s*[\u2013-]\s*\d{1,3})?")


@dataclass(frozen=True)
class Citation:
    """One citation: its form, what it says, its domain and whether it counts fully."""

    form: str
    text: str
    start: int
    domain: str = ""
    trusted: bool = True

    def describe(self) -> str:
        """A short description for messages and reports."""
        return self.domain or self.text


@dataclass(frozen=True)
class Support:
    """How a claim is supported: ``supported``, ``weak`` or ``none``, and by what."""

    status: str
    citations: tuple[Citation, ...] = ()
    scope: str = ""

    @property
    def weak_domains(self) -> list[str]:
        """The untrusted domains behind a weak support."""
        return sorted({c.domain for c in self.citations if not c.trusted and c.domain})


def domain_of(url: str) -> str | None:
    """The host of an external link (without ``www.``), or None for internal links."""
    if url.startswith("www."):
        url = "https://" + url
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:  # a malformed address ("http://[1]") is no citation
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host.lower().removeprefix("www.")


def is_trusted(domain: str, trusted: tuple[str, ...]) -> bool:
    """Whether ``domain`` is a trusted domain or one of its sub-domains."""
    return any(domain == d or domain.endswith("." + d) for d in trusted)


class CitationIndex:
    """The citations of one document, found once, by block."""

    def __init__(self, doc: Document, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.reference_blocks, self.references = _references_section(doc, lexicon)
        self.footnote_blocks = _footnote_blocks(doc)
        self.defined = {d.label for d in doc.footnote_defs}
        self._by_block: dict[int, list[Citation]] = {}
        self._footnote_refs = _footnote_positions(doc)

    def is_citation_block(self, block: Block) -> bool:
        """Whether a block is a footnote definition or a references-section entry."""
        return block.index in self.reference_blocks or "footnote" in block.attrs

    def support(self, sentence: Sentence) -> Support:
        """The support of a sentence: its own citations first, then its paragraph's."""
        citations = self.citations(sentence.block)
        own = [c for c in citations if sentence.start <= c.start < sentence.end]
        scope = "sentence" if own else "paragraph"
        chosen = own or citations
        if not chosen:
            return Support(NONE)
        status = SUPPORTED if any(c.trusted for c in chosen) else WEAK
        return Support(status, tuple(chosen), scope)

    def citations(self, block: Block) -> list[Citation]:
        """Every citation of a block, in text order."""
        if block.index not in self._by_block:
            found = [
                *self._links(block),
                *self._footnotes(block),
                *self._numbered(block),
                *self._author_year(block),
            ]
            self._by_block[block.index] = sorted(found, key=lambda c: c.start)
        return self._by_block[block.index]

    def _link_citation(self, form: str, text: str, start: int, links) -> Citation:
        domains = [d for d in (domain_of(link.url) for link in links) if d]
        if not domains:
            return Citation(form, text, start)
        trusted = [d for d in domains if is_trusted(d, self.lexicon.trusted_domains)]
        return Citation(form, text, start, (trusted or domains)[0], bool(trusted))

    def _links(self, block: Block) -> list[Citation]:
        out = []
        for link in block.links:
            domain = domain_of(link.url)
            if domain is None:
                continue
            trusted = is_trusted(domain, self.lexicon.trusted_domains)
            out.append(Citation("link", link.url, link.text_start, domain, trusted))
        return out

    def _footnotes(self, block: Block) -> list[Citation]:
        out = []
        for label, index, offset in self._footnote_refs:
            if index != block.index or label not in self.defined:
                continue
            links = [link for b in self.footnote_blocks.get(label, []) for link in b.links]
            out.append(self._link_citation("footnote", f"[^{label}]", offset, links))
        return out

    def _numbered(self, block: Block) -> list[Citation]:
        out = []
        for match in self.lexicon.numbered_reference.finditer(block.text.text):
            entries = [self.references[n] for n in _numbers(match.group()) if n in self.references]
            if entries:
                links = [link for entry in entries for link in entry.links]
                out.append(self._link_citation("reference", match.group(), match.start(), links))
        return out

    def _author_year(self, block: Block) -> list[Citation]:
        return [
            Citation("author-year", m.group(), m.start())
            for m in self.lexicon.author_year.finditer(block.text.text)
        ]


def _numbers(marker: str) -> list[int]:
    out: list[int] = []
    for part in RANGE_RE.findall(marker):
        bounds = [int(n) for n in re.split(r"\s*[\u2013-]\s*", part)]
        out.extend(range(bounds[0], bounds[-1] + 1) if len(bounds) == 2 else bounds)
    return out[:50]


def _references_section(doc: Document, lexicon: Lexicon) -> tuple[set[int], dict[int, Block]]:
    """Blocks under a References heading, and its numbered entries."""
    blocks: set[int] = set()
    entries: dict[int, Block] = {}
    level: int | None = None
    for block in doc.blocks:
        if block.kind is BlockKind.HEADING:
            if level is not None and block.level <= level:
                level = None
            if lexicon.references_heading.search(block.text.text.strip()):
                level = block.level
            continue
        if level is None:
            continue
        blocks.add(block.index)
        number = _entry_number(block)
        if number is not None:
            entries.setdefault(number, block)
    return blocks, entries


def _entry_number(block: Block) -> int | None:
    match = ENTRY_NUMBER_RE.match(block.text.text)
    if match:
        return int(match.group(1))
    if block.kind is BlockKind.LIST_ITEM:
        return block.item_index + 1
    return None


def _footnote_blocks(doc: Document) -> dict[str, list[Block]]:
    out: dict[str, list[Block]] = {}
    for block in doc.blocks:
        label = block.attrs.get("footnote")
        if label is not None:
            out.setdefault(str(label), []).append(block)
    return out


def _footnote_positions(doc: Document) -> list[tuple[str, int, int]]:
    """Each footnote reference as (label, block index, offset in the block's text)."""
    out = []
    for ref in doc.footnote_refs:
        for block in doc.blocks:
            if block.source_start <= ref.source_start < block.source_end and block.text.text:
                offset = block.text.index_at(ref.source_start)
                out.append((ref.label, block.index, offset))
                break
    return out
