"""Every piece of document text maps back to its exact place in the source."""

from __future__ import annotations

import random

import pytest
from conftest import CORPUS, SEED_MD, SEED_TXT
from helpers import assert_positions, findings, parse_text

from checker.document import PLACEHOLDER, BlockKind, Document


def assert_map_exact(doc: Document) -> None:
    """Each plain character whose source range is one character is that character."""
    src = doc.source.text
    for block in doc.blocks:
        text = block.text
        for i, ch in enumerate(text.text):
            start, end = text.char_range(i)
            if ch == PLACEHOLDER or end - start != 1:
                continue
            if ch == " " and src[start] in "\r\n\t":
                continue
            assert src[start] == ch, (doc.path, block.kind, text.text, i)


def span_of(doc: Document, needle: str) -> tuple[int, int]:
    """Source span of the first block text occurrence of ``needle``."""
    for block in doc.blocks:
        k = block.text.text.find(needle)
        if k >= 0:
            return block.span(k, k + len(needle))
    raise AssertionError(f"{needle!r} not in document")


@pytest.mark.parametrize(
    ("source", "needle", "expected"),
    [
        ("- one\n  - nested *em* word\n", "em word", "em* word"),
        ("Some **bold text** here.\n", "bold text", "bold text"),
        (
            "A [link text](http://x.org/a) after.\n",
            "link text after",
            "link text](http://x.org/a) after",
        ),
        ("Escaped \\*star\\* here.\n", "*star*", "\\*star\\*"),
        ("Tom &amp; Jerry.\n", "Tom & Jerry", "Tom &amp; Jerry"),
        ("> quoted line\n> second line\n", "line second", "line\n> second"),
        ("Caf\u00e9 na\u00efve r\u00e9sum\u00e9.\n", "r\u00e9sum\u00e9", "r\u00e9sum\u00e9"),
        ("Line one\r\ncontinues here.\r\n", "one continues", "one\r\ncontinues"),
        ("1. first\n2. second item\n", "second item", "second item"),
        ("Text with `code` and more.\n", "and more", "and more"),
    ],
)
def test_text_maps_to_source(source: str, needle: str, expected: str) -> None:
    doc = parse_text(source)
    start, end = span_of(doc, needle)
    assert doc.source.text[start:end] == expected
    assert_map_exact(doc)


def test_code_urls_and_comments_are_not_prose() -> None:
    doc = parse_text(
        "Use `the the` daily, see https://example.org/the-the <!-- the the --> ok.\n\n"
        "```\nthe the\n```\n"
    )
    text = " ".join(b.text.text for b in doc.blocks)
    assert "the the" not in text
    assert text.count(PLACEHOLDER) == 2
    assert findings(doc.source.text, select=["DUP004"]) == []


def test_front_matter_is_metadata() -> None:
    doc = parse_text("---\ntitle: The the title\nreviewed_by: Dr. A\n---\n\n# Heading\n\nBody.\n")
    assert doc.metadata == {"title": "The the title", "reviewed_by": "Dr. A"}
    assert [b.text.text for b in doc.blocks] == ["Heading", "Body."]
    assert doc.source.position(doc.blocks[0].source_start) == (6, 3)


def test_bom_crlf_tabs_and_non_ascii_keep_positions() -> None:
    text = "\ufeff# T\u00eftle\r\n\r\n-\tCaf\u00e9 the the end\r\n"
    found = findings(text, select=["DUP004"])
    assert len(found) == 1
    src = text.removeprefix("\ufeff")
    assert_positions(found[0], src)
    assert (found[0].line, found[0].column) == (3, 8)


def test_finding_positions_in_nested_list_emphasis_and_link() -> None:
    text = "# Title\n\n- outer\n  - *Nausea*\n  - [Dizziness](http://x.org)\n  - **Nausea**\n"
    found = findings(text, select=["DUP001"])
    assert len(found) == 1
    assert found[0].excerpt == "Nausea"
    assert (found[0].line, found[0].column) == (6, 7)
    assert_positions(found[0], text)


def test_plain_text_seed_structure() -> None:
    from checker.parsing import parse
    from checker.source import SourceFile

    doc = parse(SourceFile.from_text(str(SEED_TXT), SEED_TXT.read_text(encoding="utf-8")))
    kinds = [b.kind for b in doc.blocks]
    headings = [b.text.text for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert headings[0] == "Is Ketamine Therapy Addictive? Understanding the Risks."
    assert "Medical Use vs. Recreational Use" in headings
    assert "Ketamine Infusions vs. Nasal Spray: Which is Safer?" in headings
    assert len(headings) == 7
    captions = [b.text.text for b in doc.blocks if b.kind is BlockKind.CAPTION]
    assert captions[-1] == "Photo: Unsplash/mangospaceship"
    assert captions[0].startswith("Mixed media photograph")
    assert kinds.count(BlockKind.LIST_ITEM) == 12
    assert_map_exact(doc)


def test_markdown_seed_maps_exactly() -> None:
    doc = parse_text(SEED_MD.read_text(encoding="utf-8"), str(SEED_MD))
    assert_map_exact(doc)
    captions = [b.text.text for b in doc.blocks if b.kind is BlockKind.CAPTION]
    assert captions == [
        "Mixed media photograph of a woman's profile from the neck up. The edited upper "
        "portion of her profile features a cloudy sky.",
        "Photo: Unsplash/mangospaceship",
    ]


def test_corpus_sample_maps_exactly(corpus) -> None:
    files = sorted(CORPUS.glob("*.md"))
    for path in random.Random(7).sample(files, 150):
        assert_map_exact(parse_text(path.read_text(encoding="utf-8"), str(path)))


def test_footnotes_keep_their_source_labels_and_positions() -> None:
    text = "Ketamine acts fast.[^a] It is safe.[^Note2]\n\n[^a]: Source A.\n[^Note2]: Source B.\n"
    doc = parse_text(text)
    refs = [(f.label, text[f.source_start : f.source_end]) for f in doc.footnote_refs]
    assert refs == [("a", "[^a]"), ("Note2", "[^Note2]")]
    defs = [(f.label, f.text, text[f.source_start : f.source_end]) for f in doc.footnote_defs]
    assert defs == [
        ("a", "Source A.", "[^a]: Source A."),
        ("Note2", "Source B.", "[^Note2]: Source B."),
    ]
