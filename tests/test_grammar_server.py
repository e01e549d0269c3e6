"""The grammar check against a real LanguageTool server (skipped when it is not installed)."""

from __future__ import annotations

import dataclasses
import os
import signal
from pathlib import Path

from grammar_fixtures import lt_url, require_lt  # noqa: F401  (lt_url is a fixture)

from checker.config import from_mapping
from checker.engine import run
from checker.grammar import GrammarEngine, build_settings
from checker.grammar.cache import ParagraphCache
from checker.grammar.client import LanguageToolClient

ARTICLE = """\
# A heading with a apple is not checked

This is a apple.

- First item is fine.
- Their is a problem with *this* item.
- You **really** should of known.

Some `code span` then a apple again, see https://example.org/a for more.
"""
TEXTS = ["This is a apple.", "Their is a problem.", "You should of known."]


def _run_markdown(tmp_path: Path, url: str) -> tuple[list[tuple[str, int, int, str]], dict]:
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    config = from_mapping({"select": ["GRM"], "languagetool": {"url": url, "cache": False}})
    result = run([str(path)], config)
    found = [(f.rule, f.line, f.column, f.excerpt) for f in result.findings]
    return found, result.engines


def test_known_errors_at_exact_markdown_positions(lt_url: str, tmp_path: Path) -> None:  # noqa: F811
    found, engines = _run_markdown(tmp_path, lt_url)
    assert found == [
        ("GRM:EN_A_VS_AN", 3, 9, "a"),
        ("GRM:THEIR_IS", 6, 3, "Their"),
        ("GRM:MODAL_OF", 7, 18, "should of"),
        ("GRM:EN_A_VS_AN", 9, 23, "a"),
    ]
    assert engines == {"languagetool": "ok"}


def test_seed_grammar_never_duplicates_spelling(lt_url: str) -> None:  # noqa: F811
    seed = Path(__file__).resolve().parents[1] / "articles" / "is-ketamine-therapy-addictive.md"
    options = {"url": lt_url, "cache": False}
    result = run([str(seed)], from_mapping({"select": ["GRM", "SPL"], "languagetool": options}))
    grammar = [f for f in result.findings if f.category == "grammar"]
    spelling = [f for f in result.findings if f.category == "spelling"]
    assert result.engines["languagetool"] == "ok"
    assert "takenunder" not in {f.excerpt for f in grammar}  # LanguageTool's speller is dropped
    for g in grammar:
        assert not any(
            g.offset < s.offset + s.length and s.offset < g.offset + g.length for s in spelling
        ), g


def test_running_server_is_used_and_none_started(lt_url: str) -> None:  # noqa: F811
    engine = GrammarEngine(build_settings(None, {"url": lt_url, "cache": False}, environ={}))
    results = engine.check_texts(TEXTS)
    assert [[m.rule_id for m in ms] for ms in results] == [
        ["EN_A_VS_AN"],
        ["THEIR_IS"],
        ["MODAL_OF"],
    ]
    assert engine.status == "ok" and engine.server is None
    assert engine.stats.requests == 1  # the three texts went in one batch


def test_second_run_over_unchanged_text_makes_no_calls(lt_url: str, tmp_path: Path) -> None:  # noqa: F811
    made: list[LanguageToolClient] = []

    def factory(url, settings):
        made.append(LanguageToolClient(url, settings))
        return made[-1]

    settings = build_settings(None, {"url": lt_url}, environ={})
    first = GrammarEngine(settings, ParagraphCache(tmp_path / "c.sqlite3"), factory)
    expected = first.check_texts(TEXTS)
    first.close()
    assert made[0].calls == 1
    second = GrammarEngine(settings, ParagraphCache(tmp_path / "c.sqlite3"), factory)
    assert second.check_texts(TEXTS) == expected
    assert len(made) == 1 and made[0].calls == 1
    assert second.stats.requests == 0 and second.stats.cache_hits == 3
    second.close()


def test_own_server_killed_mid_run_reports_unavailable() -> None:
    require_lt()
    settings = build_settings(None, {"cache": False}, environ={})
    engine = GrammarEngine(settings)
    assert engine.check_texts(TEXTS[:1])[0][0].rule_id == "EN_A_VS_AN"
    assert engine.server is not None
    os.kill(engine.server.process.pid, signal.SIGKILL)
    engine.server.process.wait(timeout=10)
    results = engine.check_texts(TEXTS[1:])
    assert results == [[], []]
    assert engine.status == "unavailable: LanguageTool server died (exit signal 9) mid-run"


def test_settings_reach_the_request(lt_url: str) -> None:  # noqa: F811
    options = {"language": "en-GB", "picky": True, "disabled_categories": ["STYLE"]}
    settings = build_settings(None, {**options, "disabled_rules": ["EN_A_VS_AN"]}, environ={})
    params = LanguageToolClient(lt_url, settings)._tool._create_params("Text.")
    assert params["language"] == "en-GB" and params["level"] == "picky"
    assert params["disabledRules"] == "EN_A_VS_AN" and params["disabledCategories"] == "STYLE"
    engine = GrammarEngine(dataclasses.replace(settings, url=lt_url, cache=False))
    assert engine.check_texts(["This is a apple."]) == [[]]
