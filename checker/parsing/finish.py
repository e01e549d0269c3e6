"""Steps every parser shares once blocks exist: URLs to placeholders, captions, sentences."""

from __future__ import annotations

import re

from checker.document import PLACEHOLDER, Block, BlockKind, Document, Link, MappedText
from checker.sentences import split_sentences

URL_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"'\u201d\u2019)\[\]]+[^\s<>\"'\u201d\u2019)\[\].,;:!?]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
"""A bare address ends before a bracket ("www.nimh.nih.gov[1]" is an address and a reference
marker); an e-mail address is matched only from the start of its run of characters."""
CREDIT_RE = re.compile(
    r"^\W*(?:photo|image|photograph|illustration|picture|credit|source|courtesy)"
    r"(?:\s+(?:credit|by|courtesy))?\s*[:(]",
    re.IGNORECASE,
)


def finish(doc: Document) -> Document:
    """Number blocks, hide URLs, mark credit lines as captions and split sentences."""
    for index, block in enumerate(doc.blocks):
        block.index = index
        block.text = hide_urls(block)
        if block.kind is BlockKind.PARAGRAPH and is_credit_line(block.text.text):
            block.kind = BlockKind.CAPTION
    for block in doc.blocks:
        block.sentences = split_sentences(block)
        block.links.sort(key=lambda link: link.source_start)
        for link in block.links:
            link.block = block
            link.text_start = block.text.index_at(link.label_span[0])
            link.text_end = max(link.text_start, block.text.index_at(link.label_span[1] - 1) + 1)
    return doc


def is_credit_line(text: str) -> bool:
    """Whether a line is a photo or image credit such as ``Photo: Unsplash/someone``."""
    return bool(CREDIT_RE.match(text)) and len(text.split()) <= 12


def hide_urls(block: Block) -> MappedText:
    """Replace bare URLs and e-mail addresses with placeholders (they are never prose).

    A bare web address also becomes a ``Link`` of the block, as an autolink would.
    """
    text = block.text
    if "@" not in text.text and "://" not in text.text and "www." not in text.text:
        return text
    out = MappedText()
    last = 0
    for match in URL_RE.finditer(text.text):
        start, end = match.span()
        _copy(text, last, start, out)
        source_start, source_end = text.span(start, end)
        out.append_placeholder(source_start, source_end)
        if "@" not in match.group() or "://" in match.group():
            url = match.group()
            url = url if "://" in url else f"http://{url}"
            link = Link(url, source_start, source_end, block, (source_start, source_end))
            block.links.append(link)
        last = end
    _copy(text, last, len(text), out)
    return out


def _copy(text: MappedText, start: int, end: int, out: MappedText) -> None:
    out.extend_from(text, start, end)


def new_block(kind: BlockKind, text: MappedText, **kwargs: object) -> Block:
    """A block with its text trimmed and its source range set from the text."""
    text = text.strip_edges()
    block = Block(kind=kind, text=text, **kwargs)  # type: ignore[arg-type]
    if text.text and text.text != PLACEHOLDER * len(text.text):
        block.source_start, block.source_end = text.span(0, len(text))
    return block
