"""The prefix gate of claim detection skips only patterns that cannot match a sentence."""

from __future__ import annotations

import re
from pathlib import Path

from checker.claims.features import _phrases_pattern, load_spec
from checker.claims.kinds import risk_rules
from checker.claims.lexicon import load_lexicon
from checker.claims.matcher import WORD_RE, PrefixGate, literal_prefixes, word_heads
from checker.claims.regulatory import find, load_pack
from checker.parsing import parse
from checker.resources import load_yaml
from checker.source import SourceFile

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    *sorted((ROOT / "articles").glob("*.md")),
    *sorted((ROOT.parent / "shared" / "data" / "corpus" / "medquad").glob("*.md"))[:60],
]
EXTRA = [
    "There is no cure for SMA, but treatment can help.",
    "Ketamine is 100% safe and works for everyone, unlike SSRIs.",
    "You should call us today: 3 in 10 patients are cured of it.",
    "I think \u201cthis article\u201d explains why it is defined as a rare disease.",
    "The FDA-approved drug is better than placebo (p < 0.05).",
]


def _sentences() -> list[str]:
    texts = list(EXTRA)
    for path in ARTICLES:
        doc = parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))
        texts += [s.text for s in doc.sentences()]
    return texts


def _check(
    gate: PrefixGate, regexes: list[re.Pattern[str] | None], texts: list[str], cased: bool = False
) -> int:
    """Assert that every pattern matching a text is among the gate's candidates for it (the
    gate is asked about the lower-cased text; the patterns too unless ``cased``: patterns
    that ignore case); the number of matches."""
    matched = 0
    for text in texts:
        lowered = text.lower()
        words = frozenset(WORD_RE.findall(lowered))
        maybe = gate.candidates(lowered, word_heads(lowered), words)
        for number, regex in enumerate(regexes):
            if regex is not None and regex.search(text if cased else lowered):
                matched += 1
                assert number in maybe, (number, text)
    return matched


def test_prefixes_read_past_anchors_and_optional_parts() -> None:
    assert literal_prefixes(r"\bfoo (bar )?baz") is None
    assert literal_prefixes(r"\bfoo (bar )?baz", past_anchors=True) == {"foo bar baz", "foo baz"}
    assert literal_prefixes("(?i)abc") is None
    assert literal_prefixes("(?i:abc)d") is None


def test_gate_skips_patterns_whose_start_is_missing() -> None:
    gate = PrefixGate([r"as (good|well) as", r"\d+ ?%", "[\u2013-]", None, r"\w+itis"])
    text = "it works as well as the other one"
    assert gate.candidates(text, word_heads(text), frozenset(WORD_RE.findall(text))) == {0, 4}
    text = "ask 10% of them \u2013 now"
    assert gate.candidates(text, word_heads(text), frozenset(WORD_RE.findall(text))) == {1, 2, 4}


def test_family_phrase_gate_keeps_every_matching_family() -> None:
    spec = load_spec(load_lexicon())
    families = load_yaml("claims.yml")["families"]
    assert [_phrases_pattern(s) is not None for s in families.values()] == [
        f.phrases is not None for f in spec.families
    ]
    texts = [
        t.replace('"', " ").replace("\u201c", " ").replace("\u201d", " ") for t in _sentences()
    ]
    assert _check(spec.phrase_gate, [f.phrases for f in spec.families], texts) > 50


def test_risk_gate_keeps_every_matching_risk_pattern() -> None:
    rules = risk_rules()
    regexes = [r.regex for r in rules.errors] + [rules.comparative, rules.regulatory]
    assert _check(rules.gate, regexes, _sentences()) > 5


def test_regulatory_gate_keeps_every_matching_pattern() -> None:
    pack = load_pack()
    regexes = [r.regex for r in pack.wording] + [pack.approved]
    texts = [*_sentences(), *EXTRA, "Ketamine is FDA-approved for depression.", "A MIRACLE cure."]
    ascii_texts = [t for t in texts if t.isascii()]
    assert _check(pack.gate, regexes, ascii_texts, cased=True) >= 2
    assert find("Ketamine is a MIRACLE drug, FDA-approved.", pack)


def test_treatment_gate_keeps_every_named_treatment() -> None:
    spec = load_spec(load_lexicon())
    texts = [*_sentences(), *EXTRA, "Try CBT, deep TMS or a keto diet.", "NAD+ drips and Botox."]
    matched = _check(
        spec.treatment_gate, [spec.treatments], [t for t in texts if t.isascii()], True
    )
    assert matched >= 3


def test_word_only_patterns_are_judged_word_by_word() -> None:
    from checker.claims.matcher import word_only, word_starts

    assert word_only(r"(?:(?<!\w)\w+(itis|osis))")
    assert not word_only(r"\w*")  # may match nothing
    assert not word_only(r"i(?! and)")  # looks past the word
    assert not word_only(r"a b")
    assert word_starts("a cat, cats and a cat", "cat") == [2, 18]


def test_detect_memo_follows_the_lexicon() -> None:
    from checker.claims import detect

    doc = parse(SourceFile.from_text("a.md", "Ketamine relieves depression within hours.\n"))
    lexicon = load_lexicon()
    assert detect(doc, lexicon)
    assert not detect(doc, lexicon.with_overrides(threshold=1.0))
    assert detect(doc, lexicon)
