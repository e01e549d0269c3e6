"""How common an English word is: Zipf frequencies from the ``wordfreq`` package.

``wordfreq`` ships its frequency lists inside its wheel (``wordfreq/data/large_en.msgpack.gz``),
so nothing is downloaded at run time. A Zipf value is log10 of a word's frequency per billion
words: about 7 for "the", 4 for "rhythm", 0 for a word wordfreq has never seen. The list is read
once per process and only when suggestions are ranked, straight from that file (gzip and
msgpack, wordfreq's own format and reading): importing ``wordfreq`` itself also imports ftfy,
wcwidth and langcodes, which took longer than reading the list.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import math
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from checker.spelling.store import WordTable
from checker.spelling.store import read as _read
from checker.spelling.store import write as _write

MAX_ZIPF = 8.0
WORDLIST = "large_en.msgpack.gz"
FORMAT = 2


class Frequencies:
    """Zipf frequencies of English words (lower case), loaded on first use.

    With a ``cache`` folder the list is kept there in compact form (a ``WordTable`` of the
    words' centibel buckets: read in a fiftieth of the time of wordfreq's file), and so are lists
    derived from it (``remembered``)."""

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache

    @cached_property
    def _table(self) -> dict[str, float] | CompactTable:
        path = _wordlist_path() if self.cache is not None else None
        if path is None or self.cache is None:
            return read_table()
        return _cached_table(path, self.cache)

    def zipf(self, word: str) -> float:
        """The Zipf frequency of ``word`` (case-insensitive; a phrase counts its rarest word)."""
        table = self._table
        parts = word.lower().split()
        if not parts:
            return 0.0
        lowest = min(table.get(part, 0.0) for part in parts)
        return min(MAX_ZIPF, math.log10(lowest * 1e9)) if lowest > 0 else 0.0

    def common(self, words: list[str], minimum: float) -> list[str]:
        """The words of ``words`` at least ``minimum`` Zipf frequent (:meth:`zipf` inlined for
        one-word entries: this runs over the whole dictionary)."""
        get, log10 = self._table.get, math.log10
        out = []
        for word in words:
            parts = word.lower().split()
            if len(parts) == 1:
                frequency = get(parts[0], 0.0)
                zipf = min(MAX_ZIPF, log10(frequency * 1e9)) if frequency > 0 else 0.0
            else:
                zipf = self.zipf(word)
            if zipf >= minimum:
                out.append(word)
        return out

    def remembered(self, name: str, key: str, build: Callable[[], list[str]]) -> list[str]:
        """``build()``, kept in the cache folder under ``name`` for ``key`` and this word list
        (no folder, no wordfreq file or no ``key``: built every time)."""
        path = _wordlist_path()
        if self.cache is None or path is None or not key:
            return build()
        digest = hashlib.sha1(f"{FORMAT}|{key}|{_stamp(path)}".encode()).hexdigest()[:16]
        file = self.cache / f"{name}-{digest}.marshal"
        found = _read(file)
        if isinstance(found, list):
            return found
        out = build()
        _write(file, out, f"{name}-*.marshal")
        return out


class CompactTable(WordTable):
    """wordfreq's list as each word's centibel bucket ``b`` (frequency ``10 ** (-b / 100)``,
    as ``read_table`` computes it), in a ``WordTable``."""

    def get(self, word: str, default: float = 0.0) -> float:  # type: ignore[override]
        """The frequency of ``word``, or ``default``."""
        bucket = super().get(word)
        return default if bucket is None else 10 ** (-bucket / 100)


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"


def _cached_table(path: Path, cache: Path) -> CompactTable | dict[str, float]:
    """The compact table of wordfreq's file, from the cache folder when it is current."""
    digest = hashlib.sha1(f"{FORMAT}|{_stamp(path)}".encode()).hexdigest()[:16]
    file = cache / f"wordfreq-{digest}.marshal"
    found = _read(file)
    if CompactTable.valid(found):
        return CompactTable(*found)
    buckets: dict[str, int] = {}
    for index, bucket in enumerate(_buckets(path)):
        buckets.update(dict.fromkeys(bucket, index))
    if max(buckets.values(), default=0) >= 1 << 16:
        return read_table()
    data = CompactTable.compact(buckets)
    _write(file, data, "wordfreq-*.marshal")
    return CompactTable(*data)


def read_table() -> dict[str, float]:
    """wordfreq's English "large" list as word -> frequency, as ``get_frequency_dict`` gives.

    The file is a gzipped msgpack list: a header, then one list of words per centibel of
    frequency (list ``i`` holds the words of frequency ``10 ** (-i / 100)``).
    """
    path = _wordlist_path()
    if path is None:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en", wordlist="large")
    table: dict[str, float] = {}
    for index, bucket in enumerate(_buckets(path)):
        table.update(dict.fromkeys(bucket, 10 ** (-index / 100)))
    return table


def _buckets(path: Path) -> list[list[str]]:
    """The word lists of wordfreq's file, most frequent first (one per centibel)."""
    import msgpack

    with gzip.open(path, "rb") as infile:
        data = msgpack.load(infile, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: unexpected wordfreq header {header!r}")
    return data[1:]


def _wordlist_path() -> Path | None:
    """The installed wordfreq's English list (found without importing wordfreq), if any."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None or importlib.util.find_spec("msgpack") is None:
        return None
    path = Path(spec.origin).parent / "data" / WORDLIST
    return path if path.is_file() else None
