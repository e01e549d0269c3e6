"""How likely a slip is: a keyboard- and sound-aware weighted edit distance.

The distance from what was typed to what was meant is a Damerau-Levenshtein distance whose
costs follow how people misspell: a doubled or undoubled letter, two neighbours swapped, a key
next to the right one and one vowel for another cost less than other edits, and the sound-alike
confusions of rules/spelling.yml (``confusions``: "ph" for "f", "k" for "c", "-able" for
"-ible", "sh" for "ti" ...) cost less than the letter edits they stand for. Lower is likelier:
a cost is roughly minus the log of the slip's probability, in "one plain edit" units.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VOWELS = frozenset("aeiouy")
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEAR_KEY = 0.85
VOWEL_FOR_VOWEL = 0.85
PLAIN = 1.0
INSERTED = 0.85
INSERTED_DOUBLE = 0.5
DROPPED = 0.8
DROPPED_DOUBLE = 0.5
SWAPPED = 0.6
MAX_TYPED = 4096


def _neighbours() -> dict[str, frozenset[str]]:
    pos = {c: (r, i) for r, row in enumerate(KEYBOARD_ROWS) for i, c in enumerate(row)}
    out: dict[str, frozenset[str]] = {}
    for c, (r, i) in pos.items():
        near = {
            d for d, (r2, i2) in pos.items() if d != c and abs(r - r2) <= 1 and abs(i - i2) <= 1
        }
        out[c] = frozenset(near)
    return out


NEIGHBOURS = _neighbours()


def substitution_cost(a: str, b: str) -> float:
    """Cost of typing ``a`` where ``b`` was meant."""
    if a == b:
        return 0.0
    if a in VOWELS and b in VOWELS:
        return VOWEL_FOR_VOWEL
    if b in NEIGHBOURS.get(a, ()):
        return NEAR_KEY
    return PLAIN


class _Substitutions(dict):
    """``substitution_cost(typed, b)`` by ``b``, computed on first use."""

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed

    def __missing__(self, meant: str) -> float:
        cost = self[meant] = substitution_cost(self.typed, meant)
        return cost


_SUBSTITUTIONS: dict[str, _Substitutions] = {}


def _costs(typed: str) -> _Substitutions:
    """The substitution costs of typing ``typed`` for each letter (memoised per letter)."""
    found = _SUBSTITUTIONS.get(typed)
    if found is None:
        if len(_SUBSTITUTIONS) >= MAX_TYPED:
            _SUBSTITUTIONS.clear()
        found = _SUBSTITUTIONS[typed] = _Substitutions(typed)
    return found


@dataclass(frozen=True)
class Confusion:
    """A sound-alike slip: ``typed`` written where ``meant`` was meant, at ``cost``."""

    typed: str
    meant: str
    cost: float


def parse_confusions(lines: Iterable[str]) -> tuple[Confusion, ...]:
    """``"typed meant cost"`` lines (``_`` for nothing) as confusions, both ways when marked
    with ``<>`` instead of a single space-separated pair ("ph <> f 0.4")."""
    out: list[Confusion] = []
    for line in lines:
        parts = line.split()
        both = len(parts) == 4 and parts[1] == "<>"
        if both:
            parts = [parts[0], parts[2], parts[3]]
        if len(parts) != 3:
            raise ValueError(f"confusion {line!r}: expected 'typed meant cost' or 'a <> b cost'")
        typed, meant = (p.replace("_", "") for p in parts[:2])
        cost = float(parts[2])
        out.append(Confusion(typed, meant, cost))
        if both:
            out.append(Confusion(meant, typed, cost))
    return tuple(out)


class ErrorModel:
    """The weighted distance, with the confusions of rules/spelling.yml."""

    def __init__(self, confusions: Iterable[Confusion] = ()) -> None:
        self.confusions = tuple(c for c in confusions if c.typed != c.meant)
        self._typed: dict[str, tuple[tuple[Confusion, list[int]], ...]] = {}

    def variants(self, word: str) -> set[str]:
        """Strings one sound-alike confusion away from ``word`` (candidate spellings)."""
        out = set()
        for c in self.confusions:
            if not c.typed:
                continue
            start = word.find(c.typed)
            while start >= 0:
                out.add(word[:start] + c.meant + word[start + len(c.typed) :])
                start = word.find(c.typed, start + 1)
        return out

    def _rule_steps(self, typed: str, meant: str) -> dict[tuple[int, int], list[tuple]]:
        """The confusion steps that apply: end cell -> [(start cell, cost)]."""
        steps: dict[tuple[int, int], list[tuple]] = {}
        for c, t_ends in self._in_typed(typed):
            for j in _ends(meant, c.meant):
                for i in t_ends:
                    start = (i - len(c.typed), j - len(c.meant))
                    steps.setdefault((i, j), []).append((start, c.cost))
        return steps

    def _in_typed(self, typed: str) -> tuple[tuple[Confusion, list[int]], ...]:
        """The confusions whose typed side occurs in ``typed``, with where it ends there
        (remembered: one typed word is compared with many candidates)."""
        found = self._typed.get(typed)
        if found is None:
            if len(self._typed) >= MAX_TYPED:
                self._typed.clear()
            pairs = ((c, _ends(typed, c.typed)) for c in self.confusions)
            found = self._typed[typed] = tuple((c, ends) for c, ends in pairs if ends)
        return found

    def distance(self, typed: str, meant: str) -> float:
        """Weighted Damerau-Levenshtein distance from what was typed to what was meant.

        The table is filled row by row with the costs that do not depend on the cell
        computed once (substitutions per letter of ``typed``, drops per column, confusion
        steps per end row): the same sums and minima as the plain recurrence, far fewer calls.
        """
        n, m = len(typed), len(meant)
        steps = self._rows(typed, meant) if self.confusions else {}
        dropped = [0.0] + [_dropped(meant, j) for j in range(1, m + 1)]
        row = [0.0] * (m + 1)
        for j in range(1, m + 1):
            row[j] = row[j - 1] + dropped[j]
        table = [row]
        substitutions = {a: list(map(_costs(a).__getitem__, meant)) for a in set(typed)}
        for i in range(1, n + 1):
            prev = row
            inserted = _inserted(typed, i)
            row = [prev[0] + inserted] * (m + 1)
            table.append(row)
            a = typed[i - 1]
            subs = substitutions[a]
            before = typed[i - 2] if i > 1 else ""
            earlier = table[i - 2] if i > 1 else prev
            here = steps.get(i)
            left = row[0]
            for j in range(1, m + 1):
                b = meant[j - 1]
                best = prev[j - 1] + subs[j - 1]
                cost = prev[j] + inserted
                if cost < best:
                    best = cost
                cost = left + dropped[j]
                if cost < best:
                    best = cost
                if before == b and j > 1 and a == meant[j - 2] and a != b:
                    cost = earlier[j - 2] + SWAPPED
                    if cost < best:
                        best = cost
                if here is not None:
                    for (si, sj), step in here.get(j, ()):
                        cost = table[si][sj] + step
                        if cost < best:
                            best = cost
                row[j] = left = best
        return row[m]

    def _rows(self, typed: str, meant: str) -> dict[int, dict[int, list[tuple]]]:
        """``_rule_steps`` by end row, then end column."""
        out: dict[int, dict[int, list[tuple]]] = {}
        for (i, j), found in self._rule_steps(typed, meant).items():
            out.setdefault(i, {})[j] = found
        return out


def _inserted(typed: str, i: int) -> float:
    """Cost of the extra letter ``typed[i-1]`` (cheap when it doubles the letter before)."""
    return INSERTED_DOUBLE if i >= 2 and typed[i - 2] == typed[i - 1] else INSERTED


def _dropped(meant: str, j: int) -> float:
    """Cost of leaving out ``meant[j-1]`` (cheap when it is the second of a double)."""
    return DROPPED_DOUBLE if j >= 2 and meant[j - 2] == meant[j - 1] else DROPPED


def _ends(text: str, part: str) -> list[int]:
    """The end offsets of each occurrence of ``part`` in ``text`` (every gap when empty)."""
    if not part:
        return list(range(len(text) + 1))
    out = []
    start = text.find(part)
    while start >= 0:
        out.append(start + len(part))
        start = text.find(part, start + 1)
    return out
