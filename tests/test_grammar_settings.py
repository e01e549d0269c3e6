"""Grammar settings, text preparation and the paragraph cache (no LanguageTool needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.checks.grammar import PLACEHOLDER_WORD, prepare
from checker.document import PLACEHOLDER
from checker.grammar import GrammarMatch, GrammarSettingsError, build_settings, is_spelling
from checker.grammar.cache import ParagraphCache, cache_key
from checker.grammar.client import bmp_only
from checker.grammar.paths import pinned_version

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules" / "grammar.yml"


def _match(rule_id: str, offset: int = 0, length: int = 1, **kw: str) -> GrammarMatch:
    fields = {"category": "MISC", "issue_type": "grammar", "message": "m"} | kw
    return GrammarMatch(rule_id, replacements=("x",), offset=offset, length=length, **fields)


def test_shipped_rules_file_loads_with_reasons() -> None:
    settings = build_settings(RULES, {}, environ={})
    assert settings.language == "en-US"
    assert settings.mode == "auto"
    assert "WHITESPACE_RULE" in settings.disabled_rules


def test_disabled_entry_without_reason_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "grammar.yml"
    path.write_text("disabled_rules:\n  SOME_RULE:\n")
    with pytest.raises(GrammarSettingsError, match="needs a reason"):
        build_settings(path, {}, environ={})


def test_config_overrides_and_env_url(tmp_path: Path) -> None:
    path = tmp_path / "grammar.yml"
    path.write_text("language: en-US\ndisabled_rules:\n  A_RULE: noisy\n  B_RULE: noisy\n")
    options = {"language": "en-GB", "picky": True, "enabled_rules": ["A_RULE"], "workers": 3}
    env = {"CHECKER_LANGUAGETOOL_URL": "http://127.0.0.1:9"}
    settings = build_settings(path, options, mode="required", environ=env)
    assert settings.language == "en-GB" and settings.picky and settings.workers == 3
    assert settings.disabled_rules == {"B_RULE"}
    assert settings.url == "http://127.0.0.1:9"
    assert settings.mode == "required"


def test_warm_server_gets_the_full_jit_unless_configured() -> None:
    default = build_settings(None, {}, environ={})
    assert "-XX:TieredStopAtLevel=1" in default.java_options
    assert "-XX:TieredStopAtLevel=1" not in default.warm_java_options()
    assert "-Xmx640m" in default.warm_java_options()
    mine = build_settings(None, {"java-options": ["-Xmx1g"]}, environ={})
    assert mine.warm_java_options() == ("-Xmx1g",)
    both = {"java-options": ["-Xmx1g"], "server-java-options": ["-Xmx2g"]}
    assert build_settings(None, both, environ={}).warm_java_options() == ("-Xmx2g",)


def test_unknown_option_and_bad_mode_are_config_errors() -> None:
    with pytest.raises(GrammarSettingsError, match="unknown languagetool option"):
        build_settings(None, {"langauge": "en-US"}, environ={})
    with pytest.raises(GrammarSettingsError, match="grammar mode"):
        build_settings(None, {}, mode="sometimes", environ={})


def test_fingerprint_follows_answer_changing_settings() -> None:
    base = build_settings(None, {}, environ={})
    assert base.fingerprint() == build_settings(None, {"timeout": 5}, environ={}).fingerprint()
    assert base.fingerprint() != build_settings(None, {"picky": True}, environ={}).fingerprint()


def test_pinned_version_comes_from_the_pom() -> None:
    pom = (ROOT / "tools" / "languagetool" / "pom.xml").read_text()
    assert f"<languagetool.version>{pinned_version()}</languagetool.version>" in pom


def test_spelling_is_told_apart_by_rule_id() -> None:
    assert is_spelling(_match("MORFOLOGIK_RULE_EN_US", issue_type="misspelling"))
    assert not is_spelling(_match("EN_A_VS_AN", issue_type="misspelling"))
    assert not is_spelling(_match("MODAL_OF", category="TYPOS"))


def test_prepare_maps_placeholders_back() -> None:
    text = f"Run {PLACEHOLDER} then a apple."
    prep = prepare(text)
    assert prep.text == f"Run {PLACEHOLDER_WORD} then a apple."
    article = prep.text.index(" a ") + 1
    match = _match("EN_A_VS_AN", offset=article, length=1)
    assert prep.block_range(match) == (text.index(" a ") + 1, text.index(" a ") + 2)
    assert not prep.touches_placeholder(match)
    assert prep.touches_placeholder(_match("X", offset=4, length=2))


def test_article_before_placeholder_is_dropped() -> None:
    prep = prepare(f"Type an {PLACEHOLDER} command.")
    assert prep.touches_placeholder(_match("EN_A_VS_AN", offset=5, length=2))
    assert not prep.touches_placeholder(_match("OTHER_RULE", offset=5, length=2))


def test_bmp_only_keeps_length() -> None:
    text = "Emoji \U0001f600 then a apple."
    assert len(bmp_only(text)) == len(text)
    assert bmp_only(text).index("a apple") == text.index("a apple")


def test_cache_round_trip_and_keys(tmp_path: Path) -> None:
    cache = ParagraphCache(tmp_path / "c.sqlite3")
    key = cache_key("6.8", "f", "This is a apple.")
    assert key != cache_key("6.9", "f", "This is a apple.")
    assert key != cache_key("6.8", "g", "This is a apple.")
    cache.put_many([(key, [_match("EN_A_VS_AN", 8)])])
    assert cache.get_many([key, "missing"]) == {key: [_match("EN_A_VS_AN", 8)]}
    assert len(cache) == 1
    cache.close()


def test_shipped_post_filters() -> None:
    settings = build_settings(RULES, {}, environ={})
    assert settings.drops("EN_DIACRITICS_REPLACE_ORTHOGRAPHY_BEHCET_Q_S_DISEASE", fragment=False)
    assert settings.drops("UPPERCASE_SENTENCE_START", fragment=True)
    assert not settings.drops("UPPERCASE_SENTENCE_START", fragment=False)
    assert not settings.drops("EN_A_VS_AN", fragment=True)


def test_broken_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ParagraphCache(path)
    cache._db.execute("DROP TABLE paragraphs")
    assert cache.get_many(["k"]) == {}
    cache.put_many([("k", [])])  # no error
    cache.close()
