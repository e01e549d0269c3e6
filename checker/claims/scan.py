"""One sentence's text, worked out once and shared by the gates, the features and the kinds.

Claim detection looks at a sentence many ways: lower-cased, as written words (the gates, the
word families, the verb test), as ``\\w+`` words (where cue, phrase and risk patterns may
start). ``Scan`` makes each view once, so that no step splits or lower-cases the sentence again.
"""

from __future__ import annotations

import re

from checker.claims.cues import has_finite_verb, lower
from checker.claims.lexicon import Lexicon
from checker.claims.matcher import WORD_RE
from checker.words import word_list

QUOTES_RE = re.compile('["\u201c\u201d]')
"""Double quotation marks, blanked out before phrases are matched."""


class Scan:
    """The views of one sentence, each made once."""

    def __init__(self, text: str, written: list[str] | None = None) -> None:
        self.text = text
        self.lowered = lower(text)
        """``text`` lower-cased, keeping its length (``cues.lower``)."""
        self.written = word_list(text) if written is None else written
        """Its words as written (``checker.words.word_list``)."""
        self.words = [w.lower().replace("\u2019", "'") for w in self.written]
        """The written words lower-cased, with typographic apostrophes made plain."""
        self.capitals = frozenset(i for i, w in enumerate(self.written) if i and w[:1].isupper())
        """The indexes of the words (after the first) written with a capital."""
        self.text_words: list[str] = WORD_RE.findall(self.lowered)
        """The ``\\w+`` words of the lower-cased text (where patterns may start)."""
        self._finite: bool | None = None

    @property
    def unquoted(self) -> str:
        """``lowered`` with double quotation marks blanked out (for the word families'
        phrases; the same words, as quotes are not word characters)."""
        return QUOTES_RE.sub(" ", self.lowered)

    def finite_verb(self, lexicon: Lexicon) -> bool:
        """Whether the words hold a finite verb (``cues.has_finite_verb``), worked out once."""
        if self._finite is None:
            self._finite = bool(self.words) and has_finite_verb(self.words, lexicon, self.capitals)
        return self._finite
