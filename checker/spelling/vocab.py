"""The vocabularies besides Hunspell: the shipped drug lexicon and the clinic's word lists.

- ``checker/data/drugs.tsv``: generic and brand drug names (built by
  scripts/build_drug_lexicon.py from MedlinePlus and DrugBank).
- ``rules/vocab/drugs.txt``: drug names the lexicon lacks (a capitalised name is a brand).
- ``rules/vocab/accept.txt``: words to accept; ``rules/vocab/reject.txt``: words to flag
  (``term -> preferred``); ``rules/vocab/variants.txt``: US/UK spelling pairs;
  ``rules/vocab/misspellings.txt``: common misspellings and their correction (``wrong -> right``,
  built by scripts/build_misspellings.py from codespell's dictionary, plus our own entries).
- ``rules/spelling.yml``: units, hyphen prefixes, function words, combining forms, compound
  endings, plural endings, credit markers and the decision thresholds.
"""

from __future__ import annotations

import functools
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checker.resources import RulesDataError, load_word_list, load_yaml, rules_files
from checker.spelling.dictionary import cache_dir
from checker.spelling.store import remembered

DRUG_LEXICON = Path(__file__).resolve().parents[1] / "data" / "drugs.tsv"
LOCAL_DRUGS = "vocab/drugs.txt"
MISSPELLINGS = "vocab/misspellings.txt"


@dataclass(frozen=True)
class DrugLexicon:
    """Generic names (lower case) and brand names (as written, with their capital)."""

    generics: frozenset[str]
    brands: dict[str, str]
    """Lower-cased brand -> brand as written ("spravato" -> "Spravato")."""
    buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    """Names by first two letters (lower case) and length, for the near-miss search."""

    def knows(self, word: str) -> bool:
        """Whether ``word`` is a generic (any case) or a brand written as the brand is."""
        lower = word.lower()
        return lower in self.generics or self.brands.get(lower) == word


def load_drug_lexicon(path: Path = DRUG_LEXICON, cache: Path | None = None) -> DrugLexicon:
    """Read the drug lexicon TSV (``term<TAB>kind<TAB>sources``; ``#`` lines are comments)
    and the clinic's own drug names (rules/vocab/drugs.txt: a capitalised name is a brand).

    Read once per process for the same file and names (spelling and claim detection both
    ask for it), and kept compiled in the spelling cache folder (``cache``, else the default
    one) by the content of both: a fifth of the time of reading the TSV.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise RulesDataError(f"{path}: cannot read the drug lexicon: {exc}") from exc
    return _drug_lexicon(path, stamp, load_word_list(LOCAL_DRUGS), cache or cache_dir())


@functools.lru_cache(maxsize=4)
def _drug_lexicon(path: Path, stamp: int, local: tuple[str, ...], cache: Path) -> DrugLexicon:
    """The drug lexicon of ``path`` (as of ``stamp``) and the ``local`` drug names."""
    generics, brands, buckets = remembered(
        cache,
        "drugs",
        [path],
        lambda: _compile_lexicon(path, local),
        lambda found: isinstance(found, tuple) and len(found) == 3,
        "\n".join(local),
    )
    return DrugLexicon(frozenset(generics), brands, buckets)


def _compile_lexicon(
    path: Path, local: tuple[str, ...]
) -> tuple[list[str], dict[str, str], dict[tuple[str, int], list[str]]]:
    """The generics, brands and near-miss buckets of ``DrugLexicon``, in a form ``marshal``
    stores."""
    generics: set[str] = set()
    brands: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesDataError(f"{path}: cannot read the drug lexicon: {exc}") from exc
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        term, _, rest = line.partition("\t")
        if rest.startswith("brand"):
            brands[term.lower()] = term
        else:
            generics.add(term.lower())
    for term in local:
        if term[:1].isupper():
            brands[term.lower()] = term
        else:
            generics.add(term.lower())
    names = [*generics, *brands.values()]
    buckets: dict[tuple[str, int], list[str]] = {}
    for name in names:
        if name.isascii():
            buckets.setdefault((name[:2].lower(), len(name)), []).append(name)
    return sorted(generics), brands, buckets


@dataclass(frozen=True)
class Vocabulary:
    """The clinic's word lists and the spelling data of rules/spelling.yml."""

    accept: frozenset[str] = frozenset()
    reject: dict[str, str] = field(default_factory=dict)
    """Lower-cased rejected term -> preferred form ("" when none is given)."""
    variants: dict[str, str] = field(default_factory=dict)
    """Lower-cased spelling -> the pair's key (its US spelling)."""
    units: frozenset[str] = frozenset()
    hyphen_prefixes: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    combining_forms: tuple[str, ...] = ()
    compound_endings: tuple[str, ...] = ()
    plural_bases_ending: tuple[str, ...] = ()
    plural_endings: tuple[tuple[str, str], ...] = ()
    """Greek and Latin plural endings and their singular ("oses" -> "osis")."""
    credit_markers: tuple[str, ...] = ()
    name_cues: tuple[str, ...] = ()
    misspellings: Mapping[str, str] = field(default_factory=dict)
    """Lower-cased common misspelling -> its correction ("recieve" -> "receive")."""

    def accepts(self, word: str) -> bool:
        """Whether the accept list has ``word`` (lower-case entries match any case)."""
        return word in self.accept or word.lower() in self.accept


def load_vocabulary(cache: Path | None = None) -> Vocabulary:
    """Read accept.txt, reject.txt, variants.txt, misspellings.txt and spelling.yml from the
    rules folder (the misspellings, 41,000 lines, kept parsed in the spelling cache folder
    ``cache`` by the content of their files)."""
    data = load_yaml("spelling.yml") or {}
    if not isinstance(data, dict):
        raise RulesDataError("rules/spelling.yml must be a mapping of lists")
    return Vocabulary(
        accept=frozenset(load_word_list("vocab/accept.txt")),
        reject=_reject(load_word_list("vocab/reject.txt")),
        variants=_variants(load_word_list("vocab/variants.txt")),
        units=frozenset(_strings(data, "units")),
        hyphen_prefixes=frozenset(w.lower() for w in _strings(data, "hyphen_prefixes")),
        function_words=frozenset(w.lower() for w in _strings(data, "function_words")),
        combining_forms=tuple(sorted(_strings(data, "combining_forms"), key=len, reverse=True)),
        compound_endings=tuple(_strings(data, "compound_endings")),
        plural_bases_ending=tuple(_strings(data, "plural_bases_ending")),
        plural_endings=_pairs(data, "plural_endings"),
        credit_markers=tuple(w.lower() for w in _strings(data, "credit_markers")),
        name_cues=tuple(w.lower() for w in _strings(data, "name_cues")),
        misspellings=Misspellings(
            *remembered(
                cache,
                "misspellings",
                rules_files(MISSPELLINGS),
                lambda: Misspellings.compact(_misspellings(load_word_list(MISSPELLINGS))),
                _compact_text,
            )
        ),
    )


class Misspellings(Mapping[str, str]):
    """Common misspellings and their corrections as one text of sorted ``wrong NUL right``
    lines and the lines' offsets, looked up by bisection. Read in about a millisecond (a
    dictionary of the 41,000 entries takes 15 ms); only words no list knows are looked up."""

    def __init__(self, text: str, starts: bytes) -> None:
        self.text = text
        self.starts = array("I")
        self.starts.frombytes(starts)

    @staticmethod
    def compact(mapping: dict[str, str]) -> tuple[str, bytes]:
        """The text and offsets of ``mapping`` (entries may not hold a NUL or a newline)."""
        lines = [f"{wrong}\0{right}" for wrong, right in sorted(mapping.items())]
        if any(line.count("\0") != 1 or "\n" in line for line in lines):
            raise RulesDataError(f"rules/{MISSPELLINGS}: an entry holds a NUL or a newline")
        starts, offset = array("I"), 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        return "\n".join(lines), starts.tobytes()

    def _key(self, index: int) -> str:
        start = self.starts[index]
        return self.text[start : self.text.index("\0", start)]

    def __getitem__(self, word: str) -> str:
        index = bisect_left(range(len(self.starts)), word, key=self._key)
        if index == len(self.starts) or self._key(index) != word:
            raise KeyError(word)
        start = self.text.index("\0", self.starts[index]) + 1
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)]

    def __iter__(self) -> Iterator[str]:
        return map(self._key, range(len(self.starts)))

    def __len__(self) -> int:
        return len(self.starts)


def _compact_text(found: object) -> bool:
    """Whether a stored value has the shape of ``Misspellings.compact``'s."""
    return (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], str)
        and isinstance(found[1], bytes)
    )


def _strings(data: dict, key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise RulesDataError(f"rules/spelling.yml: {key} must be a list")
    return [str(v) for v in value]


def _pairs(data: dict, key: str) -> tuple[tuple[str, str], ...]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise RulesDataError(f"rules/spelling.yml: {key} must be a mapping")
    return tuple((str(k), str(v)) for k, v in value.items())


def _reject(lines: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        term, _, preferred = line.partition("->")
        if term.strip():
            out[term.strip().lower()] = preferred.strip()
    return out


def _misspellings(lines: tuple[str, ...]) -> dict[str, str]:
    """``wrong -> right`` lines as a mapping; a line without a correction is a data error."""
    out: dict[str, str] = {}
    for line in lines:
        wrong, arrow, right = line.partition("->")
        if not arrow or not wrong.strip() or not right.strip():
            raise RulesDataError(f"rules/{MISSPELLINGS}: expected 'wrong -> right', got {line!r}")
        out[wrong.strip().lower()] = right.strip()
    return out


def _variants(lines: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        parts = line.lower().split()
        if len(parts) != 2:
            raise RulesDataError(f"rules/vocab/variants.txt: expected 'us uk', got {line!r}")
        us, uk = parts
        for suffix in ("", "s"):
            out[us + suffix] = us
            out[uk + suffix] = us
    return out
