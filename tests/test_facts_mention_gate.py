"""The entity-name gate of fact extraction skips only sentences that cannot name an entity."""

from __future__ import annotations

from pathlib import Path

from checker.config import Config
from checker.facts.base import load_fact_base
from checker.facts.extract import Extractor
from checker.facts.settings import fact_settings
from checker.parsing import parse
from checker.source import SourceFile

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    *sorted((ROOT / "articles").glob("*.md")),
    *sorted((ROOT.parent / "shared" / "data" / "corpus" / "medquad").glob("*.md"))[:60],
]


def _extractor() -> Extractor:
    return Extractor(load_fact_base(fact_settings(Config(grammar="off")).base_path))


def _raw(x: Extractor, text: str) -> list[tuple[str, int, int]]:
    assert x.mention_re is not None
    found = [(x.entity_for(m.group()), m.start(), m.end()) for m in x.mention_re.finditer(text)]
    return [(e.name, s, t) for e, s, t in found if e is not None]


def _names(x: Extractor, text: str) -> list[tuple[str, int, int]]:
    return [(m.entity.name, m.start, m.end) for m in x.mentions(text)]


def test_mentions_case_insensitive_and_non_ascii() -> None:
    x = _extractor()
    for text in ["KETAMINE helps.", "It (ketamine) helps.", "Ketamine \u2013 a drug \u2013 helps."]:
        assert _names(x, text) and _names(x, text) == _raw(x, text)
    assert _names(x, "Nothing here names a drug.") == []


def test_mentions_equal_the_full_search_on_articles() -> None:
    x = _extractor()
    named = 0
    for path in ARTICLES:
        doc = parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))
        for sentence in doc.sentences(prose_only=False):
            assert _names(x, sentence.text) == _raw(x, sentence.text), sentence.text
            named += bool(_names(x, sentence.text))
    assert named > 5
