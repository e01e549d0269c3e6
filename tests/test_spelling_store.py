"""The spelling data kept in the cache folder: the misspelling list and the drug lexicon are
the ones read from their files, and a stored copy is not used once an input changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker import resources
from checker.spelling import store
from checker.spelling.vocab import (
    MISSPELLINGS,
    _compile_lexicon,
    _drug_lexicon,
    _misspellings,
    load_drug_lexicon,
    load_vocabulary,
)

TSV = "# a lexicon\nketamine\tgeneric\tdrugbank:DB01221\nSpravato\tbrand\tmedlineplus:a619017\n"


@pytest.fixture
def project(tmp_path: Path):
    """A project rules folder layered over the shipped one (restored afterwards)."""
    folder = tmp_path / "rules"
    (folder / "vocab").mkdir(parents=True)
    resources.set_rules_dir(folder)
    yield folder
    resources.set_rules_dir(resources.DEFAULT_RULES_DIR)


def _reread(project: Path) -> None:
    """Look the project's files up and read them again (files came, went or changed)."""
    resources.set_rules_dir(project)
    resources.reload()


def _stored(cache: Path, name: str) -> list[Path]:
    return sorted(cache.glob(f"{name}-*.marshal"))


def test_stored_misspellings_are_the_parsed_list(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    parsed = _misspellings(resources.load_word_list(MISSPELLINGS))
    assert load_vocabulary(cache).misspellings == parsed
    assert len(_stored(cache, "misspellings")) == 1
    assert load_vocabulary(cache).misspellings == parsed  # read back from the folder
    assert load_vocabulary().misspellings == parsed  # no folder: parsed every time


def test_a_project_misspelling_and_its_removal_change_the_stored_list(project, tmp_path):
    cache = tmp_path / "cache"
    assert "zorbify" not in load_vocabulary(cache).misspellings
    (project / "vocab" / "misspellings.txt").write_text("zorbify -> zorb\n", encoding="utf-8")
    _reread(project)
    assert load_vocabulary(cache).misspellings["zorbify"] == "zorb"
    (project / "vocab" / "misspellings.txt").write_text("zorbify -> zorbs\n", encoding="utf-8")
    _reread(project)
    assert load_vocabulary(cache).misspellings["zorbify"] == "zorbs"
    (project / "vocab" / "misspellings.txt").unlink()
    _reread(project)
    assert "zorbify" not in load_vocabulary(cache).misspellings
    assert len(_stored(cache, "misspellings")) == 3


def test_a_malformed_misspelling_is_still_an_error(project, tmp_path):
    (project / "vocab" / "misspellings.txt").write_text("zorbify\n", encoding="utf-8")
    _reread(project)
    with pytest.raises(resources.RulesDataError, match="expected 'wrong -> right'"):
        load_vocabulary(tmp_path / "cache")


def test_drug_lexicon_is_stored_and_follows_its_file_and_local_names(project, tmp_path):
    cache, tsv = tmp_path / "cache", tmp_path / "drugs.tsv"
    tsv.write_text(TSV, encoding="utf-8")
    first = load_drug_lexicon(tsv, cache)
    assert first.generics == {"ketamine"} and first.brands == {"spravato": "Spravato"}
    _drug_lexicon.cache_clear()
    again = load_drug_lexicon(tsv, cache)  # from the folder
    assert again == first
    assert len(_stored(cache, "drugs")) == 1
    stamp = tsv.stat().st_mtime_ns
    tsv.write_text(TSV.replace("ketamine", "esketamine"), encoding="utf-8")
    os.utime(tsv, ns=(stamp, stamp))  # the same date: the content decides
    _drug_lexicon.cache_clear()
    assert load_drug_lexicon(tsv, cache).generics == {"esketamine"}
    (project / "vocab" / "drugs.txt").write_text("Zelquora\n", encoding="utf-8")
    _reread(project)
    assert load_drug_lexicon(tsv, cache).brands["zelquora"] == "Zelquora"
    assert len(_stored(cache, "drugs")) == 3


def test_shipped_drug_lexicon_from_the_folder_is_the_compiled_one(tmp_path: Path) -> None:
    from checker.spelling.vocab import DRUG_LEXICON

    local = resources.load_word_list("vocab/drugs.txt")
    generics, brands, buckets = _compile_lexicon(DRUG_LEXICON, local)
    for _ in range(2):
        _drug_lexicon.cache_clear()
        found = load_drug_lexicon(DRUG_LEXICON, tmp_path)
        assert found.generics == frozenset(generics) and found.brands == brands
        assert found.buckets == buckets


def test_a_new_checker_version_or_format_is_a_new_file(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "input.txt"
    source.write_text("a", encoding="utf-8")
    built: list[int] = []

    def build() -> list[int]:
        built.append(1)
        return [len(built)]

    def remember() -> list[int]:
        return store.remembered(tmp_path, "thing", [source], build, lambda v: True)

    assert remember() == [1] and remember() == [1]
    monkeypatch.setattr(store, "__version__", "999.0")
    assert remember() == [2] and remember() == [2]
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    assert remember() == [3]
    assert len(_stored(tmp_path, "thing")) == 3


def test_only_the_newest_files_of_a_name_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "input.txt"
    for n in range(store.KEEP + 3):
        source.write_text(str(n), encoding="utf-8")
        assert store.remembered(tmp_path, "thing", [source], lambda n=n: n, lambda v: True) == n
    assert len(_stored(tmp_path, "thing")) == store.KEEP


def test_corrupt_or_foreign_files_are_built_again(tmp_path: Path) -> None:
    source = tmp_path / "input.txt"
    source.write_text("a", encoding="utf-8")
    assert store.remembered(tmp_path, "thing", [source], lambda: {"a": 1}, bool) == {"a": 1}
    (stored,) = _stored(tmp_path, "thing")
    stored.write_bytes(b"\x00not marshal")
    again = store.remembered(tmp_path, "thing", [source], lambda: {"a": 2}, bool)
    assert again == {"a": 2}
    valid = lambda v: isinstance(v, dict)  # noqa: E731
    stored.write_bytes(__import__("marshal").dumps([1, 2]))
    assert store.remembered(tmp_path, "thing", [source], lambda: {"a": 3}, valid) == {"a": 3}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_unwritable_folder_only_costs_speed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        parsed = _misspellings(resources.load_word_list(MISSPELLINGS))
        assert load_vocabulary(cache).misspellings == parsed
        assert not _stored(cache, "misspellings")
    finally:
        cache.chmod(0o700)


def test_a_cache_path_that_is_a_file_only_costs_speed(tmp_path: Path) -> None:
    """A cache "folder" that cannot hold files (here: a file) is bypassed, as unwritable."""
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    parsed = _misspellings(resources.load_word_list(MISSPELLINGS))
    assert load_vocabulary(cache).misspellings == parsed
    _drug_lexicon.cache_clear()
    assert load_drug_lexicon(cache=cache).generics


def test_compact_misspellings_are_the_mapping() -> None:
    from checker.spelling.vocab import Misspellings

    parsed = _misspellings(resources.load_word_list(MISSPELLINGS))
    compact = Misspellings(*Misspellings.compact(parsed))
    assert len(compact) == len(parsed) and dict(compact.items()) == parsed
    assert all(compact[wrong] == right for wrong, right in parsed.items())
    for absent in ("", "a", "zzzzzzzz", "\uffff", min(parsed) + "\0"):
        assert absent not in compact and compact.get(absent) is None
    assert Misspellings(*Misspellings.compact({})).get("a") is None
    with pytest.raises(resources.RulesDataError, match="NUL"):
        Misspellings.compact({"a\0b": "c"})
