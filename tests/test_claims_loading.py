"""Claim rules' start-up data kept between runs: compiled patterns and prefix-gate tables.

They are rebuilt when rules/claims.yml (or a project's layer over it) changes, and a cache
folder that cannot be written only costs speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker import resources
from checker.claims import features, kinds, lexicon, regulatory
from checker.claims.cues import find_cues

CUE = """kinds:
  research:
    extend_cues:
      - pattern: '{word} trial'
        weight: 0.9
"""


def _forget() -> None:
    """Drop every in-process copy of the compiled claim rules (as a new run starts)."""
    resources.reload()
    for cached in (lexicon._compile, lexicon._store, features._compile, kinds._compile):
        cached.cache_clear()
    regulatory._compile.cache_clear()


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of the test's own and a project rules folder; the caches of the claim
    rules forgotten before and after."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "rules"
    project.mkdir()
    _forget()
    yield project
    resources.set_rules_dir(None)
    _forget()


def _load(project: Path, word: str) -> lexicon.Lexicon:
    (project / "claims.yml").write_text(CUE.format(word=word), encoding="utf-8")
    _forget()
    resources.set_rules_dir(project)
    return lexicon.load_lexicon()


def _cue_texts(lex: lexicon.Lexicon, text: str) -> list[str]:
    return [c.text for c in find_cues(text, lex)]


def _stored(cache: Path, folder: str) -> set[str]:
    return {p.name for p in (cache / folder).glob("*.pickle")}


def test_a_changed_lexicon_rebuilds_patterns_and_tables(fresh: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _load(fresh, "zorblax")
    assert "zorblax trial" in _cue_texts(first, "a zorblax trial ended")
    regex_files, parsed_files = _stored(cache, "regex"), _stored(cache, "parsed")
    assert regex_files and parsed_files

    again = _load(fresh, "zorblax")  # unchanged: read back, nothing new written
    assert _stored(cache, "regex") == regex_files and _stored(cache, "parsed") == parsed_files
    assert [r.pattern for r in again.matcher.regexes] == [r.pattern for r in first.matcher.regexes]
    assert again.matcher.regexes == first.matcher.regexes
    assert "zorblax trial" in _cue_texts(again, "a zorblax trial ended")

    changed = _load(fresh, "quuxen")
    assert _stored(cache, "regex") - regex_files  # a new store for the new rule data
    assert _stored(cache, "parsed") - parsed_files  # new gate tables
    assert "quuxen trial" in _cue_texts(changed, "a quuxen trial ended")
    assert "zorblax trial" not in _cue_texts(changed, "a zorblax trial ended")


def _tables(lex: lexicon.Lexicon) -> list[tuple[object, ...]]:
    spec = features.load_spec(lex)
    gates = [lex.matcher.gate, spec.phrase_gate, spec.treatment_gate, kinds.risk_rules().gate]
    gates.append(regulatory.load_pack().gate)
    families = [(f.name, f.word_only) for f in spec.families]
    return [(g.always, g.words, g.symbols, g.digits, g.keys) for g in gates] + [tuple(families)]


def test_stored_tables_equal_fresh_ones(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(fresh, "zorblax")  # writes the tables
    stored = _tables(_load(fresh, "zorblax"))  # reads them back
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "empty"))
    assert _tables(_load(fresh, "zorblax")) == stored


def test_an_unwritable_cache_folder_only_costs_speed(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker))
    lex = _load(fresh, "zorblax")
    assert "zorblax trial" in _cue_texts(lex, "a zorblax trial ended")
    assert lex.matcher.regexes[0] == re.compile(lex.matcher.regexes[0].pattern)
    assert features.load_spec(lex).families
    assert kinds.risk_rules().errors and regulatory.load_pack().wording
    capsys.readouterr()
