"""Several texts in one LanguageTool request, and the matches split back per text.

Each text is followed by a paragraph break (:data:`SEPARATOR`), which LanguageTool's
sentence splitter always ends a sentence at, so each text's sentences stay its own. A match is given
back to the text it starts in, with its offset made relative to that text; a match that would
reach past the end of its text into the separator or the next text cannot exist when the text
is sent alone and is dropped (see docs/grammar.md, Batching).
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from checker.grammar.client import GrammarMatch

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Batch:
    """Texts joined for one request: which texts, and where each starts in the joined text."""

    indices: tuple[int, ...]
    """Positions of the joined texts in the caller's list."""
    starts: tuple[int, ...]
    """Offset of each joined text in :attr:`text`."""
    lengths: tuple[int, ...]
    text: str

    def split(self, matches: Sequence[GrammarMatch]) -> list[list[GrammarMatch]]:
        """The matches of the joined text, one list per joined text, offsets per text."""
        out: list[list[GrammarMatch]] = [[] for _ in self.indices]
        for match in matches:
            slot = bisect.bisect_right(self.starts, match.offset) - 1
            if slot < 0:
                continue
            offset = match.offset - self.starts[slot]
            if offset + match.length > self.lengths[slot]:
                continue  # reaches into the separator: not a match of the text on its own
            out[slot].append(dataclasses.replace(match, offset=offset))
        return out


def make_batches(texts: Sequence[str], indices: Sequence[int], max_chars: int) -> list[Batch]:
    """``texts[i]`` for ``i`` in ``indices``, in order, joined into batches of at most
    ``max_chars`` characters (a longer text is a batch of its own).

    Every text, the last one too, is followed by the separator, so each text has the same
    right-hand context wherever it lands in a batch (LanguageTool's rules look past the end
    of a sentence: "disorder. ." is flagged at the end of a text, not before a line break),
    and a block's cached matches never depend on its neighbours.
    """
    batches: list[Batch] = []
    group: list[int] = []
    size = 0
    for i in indices:
        cost = len(texts[i]) + len(SEPARATOR)
        if group and size + cost > max_chars:
            batches.append(_join(texts, group))
            group, size = [], 0
        group.append(i)
        size += cost
    if group:
        batches.append(_join(texts, group))
    return batches


def _join(texts: Sequence[str], group: Sequence[int]) -> Batch:
    starts: list[int] = []
    position = 0
    for i in group:
        starts.append(position)
        position += len(texts[i]) + len(SEPARATOR)
    joined = "".join(texts[i] + SEPARATOR for i in group)
    lengths = tuple(len(texts[i]) for i in group)
    return Batch(tuple(group), tuple(starts), lengths, joined)
