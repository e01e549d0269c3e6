"""The seed article exported as HTML reads and checks like the Markdown seed."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from conftest import ROOT, SEED_MD
from helpers import parse_text

from checker.config import Config
from checker.engine import check_documents
from checker.rules import all_rules

SEED_HTML = ROOT / "tests" / "fixtures" / "is-ketamine-therapy-addictive.html"
PARITY_CATEGORIES = ("duplicate", "spelling", "claim", "style", "structure")


@pytest.fixture(scope="module")
def docs():
    md = parse_text(SEED_MD.read_text(encoding="utf-8"), str(SEED_MD))
    page = parse_text(SEED_HTML.read_text(encoding="utf-8"), str(SEED_HTML))
    return md, page


@pytest.fixture(scope="module")
def results(docs):
    codes = [r.code for r in all_rules() if r.category in PARITY_CATEGORIES]
    config = Config(select=codes)
    return [check_documents([doc], config).findings for doc in docs]


def shown(text: str) -> str:
    """Source text as a reader sees it: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split())


def test_the_html_seed_has_the_markdown_seeds_blocks(docs):
    md, page = docs
    assert [(b.kind, b.text.text, b.list_id, b.level) for b in page.blocks] == [
        (b.kind, b.text.text, b.list_id, b.level) for b in md.blocks
    ]


def test_the_html_seed_keeps_every_defect(docs):
    _, page = docs
    items = [b.text.text for b in page.blocks if b.list_id == 1]
    assert items.count("Increase in blood pressure") == 2
    text = " ".join(b.text.text for b in page.blocks)
    for defect in ("takenunder", "Spavato", "for depressions"):
        assert defect in text


def test_the_html_seed_gives_the_same_findings(results):
    md_findings, html_findings = results
    assert {f.rule for f in md_findings} >= {"DUP001", "STY001", "STR001", "STR002"}
    md_keys = Counter((f.rule, shown(f.excerpt)) for f in md_findings)
    html_keys = Counter((f.rule, shown(f.excerpt)) for f in html_findings)
    assert html_keys == md_keys


def test_each_html_finding_slices_to_its_excerpt_and_renders_like_markdown(docs, results):
    _, page = docs
    src = page.source.text
    md_findings, html_findings = results
    by_rule = {(f.rule, shown(f.excerpt)) for f in md_findings}
    for finding in html_findings:
        assert src[finding.offset : finding.offset + finding.length] == finding.excerpt
        assert (finding.rule, shown(finding.excerpt)) in by_rule


def test_duplicate_item_points_at_the_second_html_bullet(results):
    _, html_findings = results
    (dup,) = [f for f in html_findings if f.rule == "DUP001"]
    line = SEED_HTML.read_text(encoding="utf-8").splitlines()[dup.line - 1]
    assert line == "<li>Increase in blood pressure</li>"
    assert dup.column == len("<li>") + 1
