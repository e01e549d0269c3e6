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
import importlib.util
import math
from functools import cached_property
from pathlib import Path

MAX_ZIPF = 8.0
WORDLIST = "large_en.msgpack.gz"


class Frequencies:
    """Zipf frequencies of English words (lower case), loaded on first use."""

    @cached_property
    def _table(self) -> dict[str, float]:
        return read_table()

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


def read_table() -> dict[str, float]:
    """wordfreq's English "large" list as word -> frequency, as ``get_frequency_dict`` gives.

    The file is a gzipped msgpack list: a header, then one list of words per centibel of
    frequency (list ``i`` holds the words of frequency ``10 ** (-i / 100)``).
    """
    path = _wordlist_path()
    if path is None:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en", wordlist="large")
    import msgpack

    with gzip.open(path, "rb") as infile:
        data = msgpack.load(infile, raw=False)
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: unexpected wordfreq header {header!r}")
    table: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        table.update(dict.fromkeys(bucket, 10 ** (-index / 100)))
    return table


def _wordlist_path() -> Path | None:
    """The installed wordfreq's English list (found without importing wordfreq), if any."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None or importlib.util.find_spec("msgpack") is None:
        return None
    path = Path(spec.origin).parent / "data" / WORDLIST
    return path if path.is_file() else None
