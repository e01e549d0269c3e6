"""How common an English word is: Zipf frequencies from the ``wordfreq`` package.

``wordfreq`` ships its frequency lists inside its wheel (``wordfreq/data/large_en.msgpack.gz``),
so nothing is downloaded at run time. A Zipf value is log10 of a word's frequency per billion
words: about 7 for "the", 4 for "rhythm", 0 for a word wordfreq has never seen. The list is read
once per process (about 0.1 s) and only when suggestions are ranked.
"""

from __future__ import annotations

import math
from functools import cached_property

MAX_ZIPF = 8.0


class Frequencies:
    """Zipf frequencies of English words (lower case), loaded on first use."""

    @cached_property
    def _table(self) -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en", wordlist="large")

    def zipf(self, word: str) -> float:
        """The Zipf frequency of ``word`` (case-insensitive; a phrase counts its rarest word)."""
        table = self._table
        parts = word.lower().split()
        if not parts:
            return 0.0
        lowest = min(table.get(part, 0.0) for part in parts)
        return min(MAX_ZIPF, math.log10(lowest * 1e9)) if lowest > 0 else 0.0

    def common(self, words: list[str], minimum: float) -> list[str]:
        """The words of ``words`` at least ``minimum`` Zipf frequent."""
        return [w for w in words if self.zipf(w) >= minimum]
