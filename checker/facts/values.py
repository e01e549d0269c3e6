"""Values stated in text, normalised so that they compare as values, not strings.

A value is an interval ``[lo, hi]`` in a dimension ("year", "ratio", a unit's dimension such
as "mass") or a set of categories ("nasal spray"). "1970" is ``[1970, 1970]``, "the 1960s" is
``[1960, 1969]``, "1,000 mg" is ``[1, 1]`` gram, "1 in 15,000 to 40,000" is
``[1/40000, 1/15000]``. Two values agree when their intervals overlap (approximate values
widened by a tolerance) or their category sets share a member.

Value kinds (``year``, ``quantity``, ``ratio``, ``category``) are code; their vocabularies
(units, categories, modifier words) come from the fact base.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
SCALE = r"(?:\s+(?:thousand|million|billion))?"
YEAR = r"(?:1[5-9]|20)\d\d"
DASH = r"\s*(?:-|\u2013|\u2014|to)\s*"
YEAR_CORE = (
    rf"(?:(?:early|mid|late)[- ]?)?(?<![\d,.]){YEAR}(?:'?s)?(?:{DASH}{YEAR}(?:'?s)?)?(?!\d|,\d)"
)
RATIO_HEAD = r"(?:1|one)\s+(?:in|out\s+of|per)\s+"
RATIO_CORE = rf"{RATIO_HEAD}(?:{NUMBER}){SCALE}(?:{DASH}(?:{RATIO_HEAD})?(?:{NUMBER}){SCALE})?"
KINDS = ("year", "quantity", "ratio", "category")
PREFILTERS = {"year": re.compile(YEAR), "quantity": re.compile(r"\d"), "ratio": re.compile(r"\d")}
_YEAR_PART_RE = re.compile(rf"(?:(early|mid|late)[- ]?)?({YEAR})('?s)?")
LIST_SEPARATOR = r"(?!(?<=\s)\s)(?:\s*+,\s*+(?:or\s+|and\s+)?|\s++(?:or|and/or)\s+|\s*+/\s*+)"
"""Between two list terms; never starts inside a run of white space (linear)."""
LIST_SEPARATOR_RE = re.compile(LIST_SEPARATOR, re.IGNORECASE)
TOKEN_RE = re.compile(r"\w+")
"""Lower-cased sentence words for prefilters (category first words, attribute triggers)."""
_NUMBER_RE = re.compile(rf"({NUMBER})({SCALE})")


class BadValue(ValueError):
    """Text that does not read as a value of the expected kind."""


@dataclass(frozen=True)
class Unit:
    """A unit: its canonical symbol, dimension and factor to the dimension's base unit."""

    symbol: str
    dimension: str
    factor: float


@dataclass(frozen=True)
class Modifiers:
    """Words before a number that make it approximate, an upper bound or a lower bound."""

    approx: tuple[str, ...] = ()
    upper: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()

    def pattern(self) -> str:
        """A regex alternation of every modifier (longest first), or an impossible match."""
        # longest first, then alphabetical: the same text in every run (a set's order is not)
        words = sorted({*self.approx, *self.upper, *self.lower}, key=lambda w: (-len(w), w))
        if not words:
            return r"(?!x)x"
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    def kind_of(self, text: str) -> str:
        """``approx``, ``upper``, ``lower`` or ``""`` for a modifier as written."""
        key = " ".join(text.lower().split())
        for name in ("upper", "lower", "approx"):
            if key in getattr(self, name):
                return name
        return ""


@dataclass(frozen=True)
class Value:
    """A normalised value: an interval in a dimension, or a set of categories."""

    dimension: str
    lo: float = 0.0
    hi: float = 0.0
    label: str = ""
    approx: bool = False
    categories: frozenset[str] = field(default_factory=frozenset)
    terms: tuple[frozenset[str], ...] = ()

    def within(self, allowed: Value, tolerance: float = 0.0) -> bool:
        """Whether the fact base's ``allowed`` value admits this one.

        Every category term stated must be allowed ("nasal spray or tablet" is not, when
        only nasal spray is); a term that is broader ("X-linked") is allowed when one of its
        meanings is. Numbers must overlap, as for ``agrees``.
        """
        if self.terms and allowed.categories:
            return self.dimension == allowed.dimension and all(
                term & allowed.categories for term in self.terms
            )
        return self.agrees(allowed, tolerance)

    def agrees(self, other: Value, tolerance: float = 0.0) -> bool:
        """Whether two values can both be true (overlapping intervals or shared category)."""
        if self.dimension != other.dimension:
            return False
        if self.categories or other.categories:
            return bool(self.categories & other.categories)
        widen = tolerance if (self.approx or other.approx) else 0.0
        lo1, hi1 = _widen(self.lo, self.hi, widen)
        lo2, hi2 = _widen(other.lo, other.hi, widen)
        eps = 1e-9 * max(1.0, abs(hi1), abs(hi2)) if math.isfinite(hi1 + hi2) else 1e-9
        return lo1 <= hi2 + eps and lo2 <= hi1 + eps

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        if self.categories:
            return {"dimension": self.dimension, "categories": sorted(self.categories)}
        return {
            "dimension": self.dimension,
            "low": _json_number(self.lo),
            "high": _json_number(self.hi),
            "approximate": self.approx,
        }


def _json_number(x: float) -> float | int | None:
    if not math.isfinite(x):
        return None
    return int(x) if float(x).is_integer() else x


def _widen(lo: float, hi: float, tolerance: float) -> tuple[float, float]:
    return lo * (1 - tolerance), hi * (1 + tolerance)


def number(text: str) -> float:
    """``"15,000"`` -> 15000.0, ``"2 million"`` -> 2e6."""
    match = _NUMBER_RE.fullmatch(text.strip())
    if not match:
        raise BadValue(f"not a number: {text!r}")
    value = float(match.group(1).replace(",", ""))
    scale = match.group(2).strip().lower()
    return value * SCALE_WORDS.get(scale, 1.0)


def parse_year(text: str) -> Value:
    """A year, decade ("the early 1960s"), century ("1800s") or range ("1964-1966")."""
    parts = [_year_interval(m) for m in _YEAR_PART_RE.finditer(text)]
    if not parts or len(parts) > 2:
        raise BadValue(f"not a year: {text!r}")
    lo, hi = parts[0][0], parts[-1][1]
    if hi < lo:
        raise BadValue(f"year range runs backwards: {text!r}")
    label = " ".join(text.split())
    return Value("year", float(lo), float(hi), label)


def _year_interval(match: re.Match[str]) -> tuple[int, int]:
    part, year, plural = match.group(1), int(match.group(2)), match.group(3)
    if not plural:
        return year, year
    span = 100 if year % 100 == 0 else 10
    if year % span:
        return year, year
    if part is None:
        return year, year + span - 1
    third = span // 3
    offsets = {"early": (0, third), "mid": (third, 2 * third), "late": (2 * third, span - 1)}
    first, last = offsets[part.lower()]
    return year + first, year + last


def parse_quantity(text: str, units: dict[str, Unit]) -> Value:
    """A number or range with a unit: "1,000 mg" -> 1 g; "56 to 84 mg" -> [0.056, 0.084] g."""
    for alias in sorted(units, key=len, reverse=True):
        match = re.fullmatch(rf"(.+?)\s*{re.escape(alias)}", text.strip(), re.IGNORECASE)
        if match and _NUMBER_RE.match(match.group(1).strip()):
            unit = units[alias]
            lo, hi = _number_range(match.group(1))
            label = " ".join(text.split())
            return Value(unit.dimension, lo * unit.factor, hi * unit.factor, label)
    raise BadValue(f"not a quantity with a known unit: {text!r}")


def _number_range(text: str) -> tuple[float, float]:
    pieces = [p for p in re.split(DASH, text.strip()) if p.strip()]
    if not 1 <= len(pieces) <= 2:
        raise BadValue(f"not a number or range: {text!r}")
    values = [number(p) for p in pieces]
    return min(values), max(values)


def parse_ratio(text: str) -> Value:
    """ "1 in 15,000 to 40,000" -> [1/40000, 1/15000]; "one in 2 million" -> 5e-7."""
    match = re.fullmatch(rf"{RATIO_HEAD}(.+)", text.strip(), re.IGNORECASE)
    if not match:
        raise BadValue(f"not a ratio: {text!r}")
    lo, hi = _number_range(re.sub(RATIO_HEAD, "", match.group(1), flags=re.IGNORECASE))
    if lo <= 0:
        raise BadValue(f"ratio with a zero denominator: {text!r}")
    return Value("ratio", 1.0 / hi, 1.0 / lo, " ".join(text.split()))


def parse_category(text: str, vocabulary: dict[str, frozenset[str]], dimension: str) -> Value:
    """Category words ("tablets", "IV or nasal spray") mapped to canonical names."""
    terms: list[frozenset[str]] = []
    for piece in LIST_SEPARATOR_RE.split(text.strip()):
        key = " ".join(piece.lower().split())
        if key not in vocabulary:
            raise BadValue(f"not a known {dimension}: {piece!r}")
        terms.append(vocabulary[key])
    names = sorted(frozenset().union(*terms))
    label = " or ".join(" or ".join(sorted(t)) for t in terms) if len(terms) > 1 else ""
    return Value(
        dimension,
        label=label or " or ".join(names),
        categories=frozenset(names),
        terms=tuple(terms),
    )


def apply_modifier(value: Value, kind: str) -> Value:
    """The value as bounded or made approximate by a modifier word."""
    if kind == "approx":
        return replace(value, approx=True)
    if kind == "upper":
        return Value(value.dimension, 0.0, value.hi, f"at most {value.label}", value.approx)
    if kind == "lower":
        return Value(value.dimension, value.lo, math.inf, f"at least {value.label}", value.approx)
    return value


@dataclass(frozen=True)
class ValueType:
    """A named kind of value from the fact base: how to find it in text and read it."""

    name: str
    kind: str
    units: dict[str, Unit] = field(default_factory=dict)
    vocabulary: dict[str, frozenset[str]] = field(default_factory=dict)
    tolerance: float = 0.0

    def core_pattern(self) -> str:
        """The regex for the value itself (without modifier words)."""
        if self.kind == "year":
            return YEAR_CORE
        if self.kind == "ratio":
            return RATIO_CORE
        if self.kind == "quantity":
            aliases = sorted(self.units, key=len, reverse=True)
            unit = "|".join(re.escape(a) for a in aliases) or r"(?!x)x"
            return rf"(?:{NUMBER})(?:{DASH}(?:{NUMBER}))?\s*(?:{unit})(?![\w/])"
        words = sorted(self.vocabulary, key=len, reverse=True)
        term = (
            "(?:"
            + ("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!x)x")
            + r")\b"
        )
        return rf"{term}(?:{LIST_SEPARATOR}{term})*"

    def prefilter(self) -> Callable[[str, frozenset[str]], bool]:
        """A cheap test of a sentence (its text and lower-cased words) before the patterns."""
        if self.kind == "category":
            first_words = frozenset(TOKEN_RE.findall(w)[0] for w in self.vocabulary)
            return lambda _text, words: not first_words.isdisjoint(words)
        regex = PREFILTERS[self.kind]
        return lambda text, _words: regex.search(text) is not None

    def parse(self, text: str) -> Value:
        """Read ``text`` (as matched by ``core_pattern``) as a value of this type."""
        if self.kind == "year":
            return parse_year(text)
        if self.kind == "ratio":
            return parse_ratio(text)
        if self.kind == "quantity":
            return parse_quantity(text, self.units)
        return parse_category(text, self.vocabulary, self.name)
