"""Several prose blocks per LanguageTool request: exact offsets per block, same findings, and
per-block cache entries (the batched tests use the real server; skipped when not installed)."""

from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, SEED_MD
from grammar_fixtures import lt_url, require_lt  # noqa: F401  (lt_url is a fixture)

from checker.config import from_mapping
from checker.engine import run
from checker.grammar import GrammarEngine, GrammarMatch, build_settings
from checker.grammar.batch import SEPARATOR, make_batches
from checker.grammar.cache import ParagraphCache
from checker.grammar.client import LanguageToolClient
from checker.resources import rules_file

# (text, [(rule, text the match covers)]): errors at the start, the end, after non-ASCII
# characters and line breaks, so a wrong offset shift shows in the excerpt.
CASES = [
    ("This is a apple.", [("EN_A_VS_AN", "a")]),
    ("Café crème is fine. Their is a problem.", [("THEIR_IS", "Their")]),
    ("No error here at all.", []),
    ("First line\nsecond line: you should of known.", [("MODAL_OF", "should of")]),
    ("A list item with an □ stand-in, then a apple", [("EN_A_VS_AN", "a")]),
    ("  Leading spaces and a error.  ", [("EN_A_VS_AN", "a")]),
    ("He go to school every day and it is a apple.", [("HE_VERB_AGR", "go"), ("EN_A_VS_AN", "a")]),
]


def _match(offset: int, length: int, rule: str = "R") -> GrammarMatch:
    return GrammarMatch(rule, "C", "grammar", "m", (), offset, length)


def test_batches_keep_order_and_size_and_a_long_text_alone() -> None:
    texts = ["aaaa", "bb", "c" * 20, "dd", "ee"]
    batches = make_batches(texts, [0, 1, 2, 3, 4], 10)
    assert [b.indices for b in batches] == [(0, 1), (2,), (3, 4)]
    assert [b.text for b in batches] == ["aaaa\n\nbb\n\n", "c" * 20 + "\n\n", "dd\n\nee\n\n"]
    assert all(len(b.text) <= 10 for b in batches if len(b.indices) > 1)
    assert make_batches(texts, [4, 0], 100)[0].indices == (4, 0)
    assert make_batches(texts, [], 100) == []


def test_split_maps_offsets_per_text_and_drops_matches_into_the_separator() -> None:
    texts = ["one two", "three", "four"]
    (batch,) = make_batches(texts, [0, 1, 2], 100)
    assert batch.text == "".join(t + SEPARATOR for t in texts)
    at = batch.text.index
    matches = [
        _match(at("two"), 3),
        _match(at("three"), 5),
        _match(at("four"), 4),
        _match(at("two"), 6),  # "two\n\nt": reaches into the separator
        _match(at("three") + 3, 4),  # "ee\n\n"
        _match(at("four") + 2, 3),  # "ur\n": past the last text's end
        _match(len(texts[0]), 0, "ZERO"),  # zero-length at the end of the first text
    ]
    per_text = batch.split(matches)
    assert [[(m.offset, m.length) for m in ms] for ms in per_text] == [
        [(4, 3), (7, 0)],
        [(0, 5)],
        [(0, 4)],
    ]


def _check(url: str, texts: list[str], **options) -> tuple[GrammarEngine, list]:
    options = {"url": url, "cache": False, **options}
    settings = build_settings(rules_file("grammar.yml"), options, environ={})
    engine = GrammarEngine(settings)
    return engine, engine.check_texts(texts)


def test_batched_matches_point_at_the_right_text(lt_url: str) -> None:  # noqa: F811
    texts = [text for text, _ in CASES]
    engine, batched = _check(lt_url, texts)
    assert engine.stats.requests == 1
    for (text, expected), matches in zip(CASES, batched, strict=True):
        assert [(m.rule_id, text[m.offset : m.offset + m.length]) for m in matches] == expected
    one_by_one, alone = _check(lt_url, texts, batch_chars=1)
    assert one_by_one.stats.requests == len(texts)
    assert alone == batched


def test_only_cache_misses_are_sent_and_each_block_is_stored(
    lt_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    made: list[LanguageToolClient] = []

    def factory(url, settings):
        made.append(LanguageToolClient(url, settings))
        return made[-1]

    settings = build_settings(rules_file("grammar.yml"), {"url": lt_url}, environ={})
    texts = [text for text, _ in CASES]
    first = GrammarEngine(settings, ParagraphCache(tmp_path / "c.sqlite3"), factory)
    some = first.check_texts(texts[:3])
    first.close()
    second = GrammarEngine(settings, ParagraphCache(tmp_path / "c.sqlite3"), factory)
    every = second.check_texts(list(reversed(texts)))
    assert second.stats.cache_hits == 3 and second.stats.requests == 1
    assert list(reversed(every))[:3] == some
    cache = ParagraphCache(tmp_path / "c.sqlite3")
    assert len(cache) == len(texts)  # one entry per block, not per request
    cache.close()
    second.close()
    _, fresh = _check(lt_url, texts)
    assert list(reversed(every)) == fresh


def test_corpus_findings_same_batched_and_one_block_per_request(lt_url: str) -> None:  # noqa: F811
    require_lt()
    paths = [SEED_MD, *sorted(CORPUS.glob("*.md"))[:6]]

    def findings(**options) -> list[tuple]:
        languagetool = {"url": lt_url, "cache": False, **options}
        result = run(
            [str(p) for p in paths], from_mapping({"select": ["GRM"], "languagetool": languagetool})
        )
        assert result.engines["languagetool"] == "ok"
        return [
            (f.path, f.rule, f.line, f.column, f.offset, f.length, f.message, f.suggestions)
            for f in result.findings
        ]

    batched = findings()
    assert batched == findings(batch_chars=1)
    assert batched  # the seed article has a grammar finding (non-medical -> nonmedical)
