"""Stored compiled patterns are the same patterns ``re.compile`` makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker import regexcache
from checker.facts.base import load_fact_base
from checker.facts.extract import Extractor
from checker.regexcache import PatternStore
from checker.resources import DEFAULT_RULES_DIR

PATTERNS = [
    (r"(?P<a>\w+)\s+(?:b|c)+?(?=\d)", 0),
    (r"(?-i:[A-Z]{2,6})|ke(?:ta)?mine\b", re.IGNORECASE),
    (r"^(?:In\s+(?P<q>[^,]{2,40}),\s+)?x$", re.IGNORECASE | re.MULTILINE),
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_stored_patterns_equal_re_compile(cache_dir: Path) -> None:
    first = [PatternStore("t", "k").compile(p, f) for p, f in PATTERNS]
    (path,) = (cache_dir / "regex").iterdir()
    again = PatternStore("t", "k")
    second = [again.compile(p, f) for p, f in PATTERNS]
    assert len(regexcache._read(path)) == len(PATTERNS)
    for (text, flags), a, b in zip(PATTERNS, first, second, strict=True):
        expected = re.compile(text, flags)
        # Pattern equality compares the text, the flags and the compiled code
        assert a == expected and b == expected
        assert b.groupindex == expected.groupindex and b.groups == expected.groups
        for sample in ("xyz abc1", "In Europe, x", "KETAMINE and ketamine"):
            found, wanted = b.search(sample), expected.search(sample)
            assert (found and found.span(), found and found.groups()) == (
                wanted and wanted.span(),
                wanted and wanted.groups(),
            )


def test_other_key_other_file(cache_dir: Path) -> None:
    PatternStore("t", "one").compile("a")
    PatternStore("t", "two").compile("a")
    assert len(list((cache_dir / "regex").iterdir())) == 2


def test_damaged_file_or_entry_compiles_again(cache_dir: Path) -> None:
    store = PatternStore("t", "k")
    store.compile("a+b")
    store.path.write_bytes(b"not a store")
    assert PatternStore("t", "k").compile("a+b") == re.compile("a+b")
    fresh = PatternStore("t", "k")
    fresh._load()[("a+b", 0)] = (0, None, 0, {}, ())  # type: ignore[assignment]
    assert fresh.compile("a+b") == re.compile("a+b")


def test_bad_pattern_raises_re_error(cache_dir: Path) -> None:
    with pytest.raises(re.error):
        PatternStore("t", "k").compile("(unclosed")


def test_without_usable_internals_plain_compile(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regexcache, "_usable", lambda: False)
    assert PatternStore("t", "k").compile("a|b") == re.compile("a|b")
    assert not (cache_dir / "regex").exists()


def test_unwritable_folder_still_compiles(cache_dir: Path) -> None:
    (cache_dir / "regex").write_text("a file where the folder should be")
    assert PatternStore("t", "k").compile("a|b") == re.compile("a|b")


def test_fact_extractor_patterns_identical(cache_dir: Path) -> None:
    base = load_fact_base(DEFAULT_RULES_DIR / "facts.yml")
    for _ in range(2):  # compiled, then built from the stored code
        extractor = Extractor(base)
        for compiled in extractor.compiled:
            for text, pattern in zip(compiled.sources, compiled.patterns, strict=True):
                assert pattern == re.compile(text, re.IGNORECASE)
        assert extractor.mention_re == re.compile(extractor.mention_re.pattern)  # type: ignore[union-attr]


def test_fact_extractor_patterns_do_not_depend_on_hash_seed(cache_dir: Path) -> None:
    """The store is keyed by the patterns' text: a word set's order must not change it."""
    import subprocess
    import sys

    code = (
        "from checker.facts.base import load_fact_base;"
        "from checker.facts.extract import Extractor;"
        "from checker.resources import DEFAULT_RULES_DIR as D;"
        "x = Extractor(load_fact_base(D / 'facts.yml'));"
        "print(x.store.path.name)"
    )
    names = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": seed, "CHECKER_CACHE_DIR": str(cache_dir)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(names) == 1


def test_old_files_of_a_group_are_pruned(cache_dir: Path) -> None:
    for key in range(regexcache.KEEP + 2):
        PatternStore("t", str(key)).compile("a")
    PatternStore("other", "k").compile("a")
    folder = cache_dir / "regex"
    assert len(list(folder.glob("t-*.pickle"))) == regexcache.KEEP
    assert len(list(folder.glob("other-*.pickle"))) == 1
    assert PatternStore("t", str(regexcache.KEEP + 1)).path.exists()
