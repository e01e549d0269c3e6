"""FCT003 on real NIH articles (../shared corpus): agreeing pairs stay quiet, a change is found."""

from __future__ import annotations

from pathlib import Path

from helpers import parse_text

from checker.config import Config
from checker.engine import check_documents

PAIRS = {
    "troyer syndrome": ("ghr-0000998-troyer-syndrome.md", "ninds-0000272-troyer-syndrome.md"),
    "lesch-nyhan syndrome": (
        "ghr-0000595-lesch-nyhan-syndrome.md",
        "ninds-0000180-lesch-nyhan-syndrome.md",
    ),
    "giant axonal neuropathy": (
        "ghr-0000405-giant-axonal-neuropathy.md",
        "ninds-0000138-giant-axonal-neuropathy.md",
    ),
}


def load(corpus: Path, changes: dict[str, tuple[str, str]] | None = None):
    docs = []
    for pair in PAIRS.values():
        for name in pair:
            text = (corpus / name).read_text(encoding="utf-8")
            old, new = (changes or {}).get(name, ("", ""))
            if old:
                assert old in text
                text = text.replace(old, new, 1)
            docs.append(parse_text(text, name))
    return docs


def fct003(docs):
    return check_documents(docs, Config(select=["FCT003"])).findings


def test_sources_agreeing_on_inheritance_give_no_finding(corpus: Path) -> None:
    assert fct003(load(corpus)) == []


def test_changed_inheritance_is_found_in_both_articles(corpus: Path) -> None:
    ninds = PAIRS["troyer syndrome"][1]
    old = "Troyer syndrome is an autosomal recessive disorder"
    docs = load(corpus, {ninds: (old, old.replace("recessive", "dominant"))})
    found = fct003(docs)
    assert sorted(f.path for f in found) == sorted(PAIRS["troyer syndrome"])
    mutated = next(f for f in found if f.path == ninds)
    assert mutated.excerpt == "autosomal dominant"
    assert PAIRS["troyer syndrome"][0] in mutated.message
    assert "inheritance pattern" in mutated.message
