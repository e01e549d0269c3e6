"""Hunspell reading, the compiled-dictionary cache, vocabularies and a missing dictionary."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import run_cli
from helpers import findings, parse_text

from checker import resources
from checker.config import Config
from checker.engine import check_documents
from checker.errors import EngineError
from checker.spelling import load_engine
from checker.spelling.dictionary import DEFAULT_DICTIONARY_DIR, load_dictionaries
from checker.spelling.hunspell import expand, parse_aff

AFF = """SET UTF-8
NOSUGGEST !
PFX U Y 1
PFX U   0     un         .

SFX S Y 2
SFX S   y     ies        [^aeiou]y
SFX S   0     s          [^y]

SFX D Y 2
SFX D   0     d          e
SFX D   0     ed         [^e]
"""


def write_dictionary(folder: Path, words: list[str], name: str = "en_US") -> None:
    """A tiny Hunspell dictionary in the en_US layout."""
    (folder / f"{name}.aff").write_text(AFF, encoding="utf-8")
    (folder / f"{name}.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n")


def test_affix_expansion_with_conditions_and_cross_products(tmp_path):
    write_dictionary(tmp_path, ["x"])
    aff = parse_aff(tmp_path / "en_US.aff")
    assert set(expand("study", "S", aff)) == {"study", "studies"}
    assert set(expand("lock", "UDS", aff)) == {
        "lock", "locked", "locks", "unlock", "unlocked", "unlocks",
    }  # fmt: skip
    assert set(expand("dose", "D", aff)) == {"dose", "dosed"}


def test_dictionaries_are_cached_and_rebuilt_when_they_change(tmp_path):
    dicts, cache = tmp_path / "dicts", tmp_path / "cache"
    dicts.mkdir()
    write_dictionary(dicts, ["lock/S", "offensive/!"])
    write_dictionary(dicts, ["ketamine/S"], name="en_med_glut")
    first = load_dictionaries(dicts, cache)
    assert {"locks", "ketamines"} <= first.english | first.medical
    assert "offensive" in first.nosuggest
    assert len(list(cache.glob("hunspell-*.marshal"))) == 1
    write_dictionary(dicts, ["lock/S", "dose/D"])
    later = time.time() + 5
    os.utime(dicts / "en_US.dic", (later, later))
    second = load_dictionaries(dicts, cache)
    assert "dosed" in second.english
    assert len(list(cache.glob("hunspell-*.marshal"))) == 1  # the stale one is removed


def test_capitalised_forms_become_a_set_when_first_needed(tmp_path):
    dicts, cache = tmp_path / "dicts", tmp_path / "cache"
    dicts.mkdir()
    write_dictionary(dicts, ["Spalato", "lock/S"])
    write_dictionary(dicts, ["Sitosterolemia"], name="en_med_glut")
    for _ in range(2):  # compiled, then from the cache
        found = load_dictionaries(dicts, cache)
        assert "capitalised" not in vars(found)
        assert found.capitalised == {"spalato"}
        assert found.lowered == {"sitosterolemia"}


def test_real_dictionaries_load_fast_once_cached(tmp_path):
    if not (DEFAULT_DICTIONARY_DIR / "en_US.dic").is_file():
        pytest.skip("hunspell-en-us is not installed")
    load_dictionaries(cache=tmp_path)
    start = time.perf_counter()
    loaded = load_dictionaries(cache=tmp_path)
    elapsed = time.perf_counter() - start
    print(f"cached dictionaries loaded in {elapsed * 1000:.0f} ms")
    assert {"takenunder", "Spavato"}.isdisjoint(loaded.english | loaded.medical)
    assert "hypertelorism" in loaded.medical and "taken" in loaded.english
    assert elapsed < 1.5  # the bar is 0.5 s; leave room for a loaded CI machine


def test_missing_dictionary_names_the_debian_package(tmp_path):
    write_dictionary(tmp_path, ["lock/S"])
    with pytest.raises(EngineError, match="hunspell-en-med"):
        load_dictionaries(tmp_path, tmp_path / "cache")
    with pytest.raises(EngineError, match="hunspell-en-us"):
        load_dictionaries(tmp_path / "nowhere", tmp_path / "cache")


def test_missing_dictionary_exits_2_without_traceback(tmp_path):
    (tmp_path / "checker.toml").write_text(
        f'[tool.checker.spelling]\ndictionary-dir = "{tmp_path / "none"}"\n', encoding="utf-8"
    )
    article = tmp_path / "a.md"
    article.write_text("A short article.\n", encoding="utf-8")
    result = run_cli("check", "--select", "SPL", str(article), cwd=tmp_path)
    assert result.returncode == 2
    assert "hunspell-en-us" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unknown_spelling_setting_is_a_config_error(tmp_path):
    (tmp_path / "checker.toml").write_text("[tool.checker.spelling]\ncolour = 1\n")
    article = tmp_path / "a.md"
    article.write_text("A short article.\n", encoding="utf-8")
    result = run_cli("check", "--select", "SPL", str(article), cwd=tmp_path)
    assert result.returncode == 2 and "colour" in result.stderr


@pytest.fixture
def custom_rules(tmp_path):
    """A rules folder with its own accept and reject lists (other data falls back)."""
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "accept.txt").write_text("# clinic words\nketaminology\nZorvex\n")
    (tmp_path / "vocab" / "reject.txt").write_text("anaesthetic -> anesthetic\nutilize\n")
    resources.set_rules_dir(tmp_path)
    yield tmp_path
    resources.set_rules_dir(resources.DEFAULT_RULES_DIR)


def test_accept_and_reject_lists(custom_rules):
    text = (
        "Ketaminology is new. We study ketaminology with Zorvex, not zorvex.\n\n"
        "An anaesthetic was given; staff utilize it.\n"
    )
    config = Config(select=["SPL"], rules_path=custom_rules)
    found = check_documents([parse_text(text)], config).findings
    assert [(f.rule, f.excerpt) for f in found] == [
        ("SPL001", "zorvex"),
        ("SPL001", "anaesthetic"),
        ("SPL001", "utilize"),
    ]
    assert found[1].suggestions == ["anesthetic"] and found[1].fix.applicability == "safe"
    assert found[2].fix is None


def test_default_vocabulary_is_restored():
    engine = load_engine({})
    assert not engine.speller.known("ketaminology")
    assert findings("It was alright.\n", select=["SPL"])[0].suggestions == ["all right"]
