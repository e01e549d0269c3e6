"""Markdown rendered to HTML by mistune parses back into the same blocks, every character mapped.

A property test over real articles: the seed and a sample of the MedQuAD corpus.
"""

from __future__ import annotations

import html
import random

import mistune
import pytest
from conftest import SEED_MD
from helpers import parse_text

from checker.document import PLACEHOLDER

RENDER = mistune.create_markdown(escape=False, plugins=["footnotes", "table", "strikethrough"])


def blocks(doc) -> list[tuple]:
    """Blocks outside footnote definitions (mistune renders those as a list)."""
    out = []
    for b in doc.blocks:
        if "footnote" not in b.attrs:
            out.append((b.kind, " ".join(b.text.text.split()), b.list_id, b.level))
    return out


def notes(defs) -> list[tuple[str, str]]:
    return [(f.label, " ".join(f.text.replace(PLACEHOLDER, "").split())) for f in defs]


def roundtrip(markdown: str, name: str) -> None:
    page = RENDER(markdown)
    md = parse_text(markdown, name)
    doc = parse_text(page, name + ".html")
    assert blocks(doc) == blocks(md)
    assert notes(doc.footnote_defs) == notes(md.footnote_defs)
    assert [f.label for f in doc.footnote_refs] == [f.label for f in md.footnote_refs]
    for block in doc.blocks:
        for index, char in enumerate(block.text.text):
            piece = page[slice(*block.text.char_range(index))]
            if char not in (PLACEHOLDER, " "):
                assert html.unescape(piece) == char, (name, block.text.text, index)


def test_seed_roundtrip():
    roundtrip(SEED_MD.read_text(encoding="utf-8"), str(SEED_MD))


def test_corpus_roundtrip(corpus):
    files = random.Random(11).sample(sorted(corpus.glob("*.md")), 120)
    for path in files:
        roundtrip(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize(
    "markdown",
    [
        "# T\n\n1. One\n2. Two\n   - Nested *em* and `code`\n3. Three\n",
        "> Quote with [a link](https://x.org) & more.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "Text with a note.[^1]\n\n[^1]: The note.\n",
    ],
)
def test_constructs_roundtrip(markdown):
    roundtrip(markdown, "sample.md")
