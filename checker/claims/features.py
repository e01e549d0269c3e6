"""The weak features the claims model scores a sentence by.

Every feature is a number from 0 to 1 computed from the sentence's text and its block kind,
using only data of rules/claims.yml: the cue families (``cue:<kind>``, the strongest cue
weight of each kind), the word families (``fam:<name>``, their match count capped and
scaled), the sentence's form (question, fragment, list item, length) and a few combinations
("a number about a health subject", "a comparison naming a treatment"). The weights that
combine them live in rules/claims-model.json (``checker.claims.model``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.claims.cues import CueMatch, find_cues
from checker.claims.lexicon import RULES_FILE, Lexicon, compile_cue, expand, pattern_store
from checker.claims.matcher import PrefixGate, lower_pattern, word_only_all
from checker.claims.scan import Scan
from checker.regexcache import PatternStore
from checker.resources import RulesDataError, load_yaml, rules_file
from checker.words import stem

START_SKIP = frozenset({"please", "so", "then", "also", "first", "now", "next", "finally", "and"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "you're", "you'll", "you've"})
SHORT_WORDS, LONG_WORDS = 6, 25
CUE_KINDS = ("research", "efficacy", "safety", "mechanism", "statistic", "history", "attribution")
FACTS_MEMO = 200_000
"""Words whose ``WordFacts`` are remembered (the memo starts again beyond it)."""


@dataclass(frozen=True)
class Family:
    """A word family: stems of whole words and a pattern of phrases, counted up to ``cap``."""

    name: str
    stems: frozenset[str]
    phrases: re.Pattern[str] | None
    cap: int
    at_start: bool
    word_only: bool = False
    """Every match of ``phrases`` is one whole word: judged word by word, memoised."""


@dataclass(frozen=True)
class WordFacts:
    """What the features need to know of one lower-cased word (worked out once per word)."""

    stem: str
    families: tuple[int, ...]
    """The numbers of the (not ``at_start``) families that list its stem."""
    drug: bool
    """Whether it ends like a generic drug name and is not a common substance."""


@dataclass(frozen=True)
class FeatureSpec:
    """The word families and treatment names of rules/claims.yml, compiled."""

    families: tuple[Family, ...]
    treatments: re.Pattern[str]
    drug_suffix: re.Pattern[str]
    common: frozenset[str]
    brands: frozenset[str]
    kinds: tuple[str, ...]
    phrase_gate: PrefixGate
    """Which families' phrase patterns can match a sentence (by their literal starts)."""
    by_stem: dict[str, tuple[int, ...]]
    """Stem -> the numbers of the (not ``at_start``) families that list it."""
    treatment_gate: PrefixGate
    """Whether ``treatments`` may match a lower-cased ASCII sentence (pattern number 0)."""

    def names(self) -> list[str]:
        """Every feature name, in a fixed order (the model file lists the same)."""
        return list(self._names)

    @functools.cached_property
    def _names(self) -> tuple[str, ...]:
        form = ["question", "list_item", "short", "long", "finite_verb", "starts_you", "you"]
        form += ["exclaim", "named_treatment"]
        combos = ["health_assertion", "number_health", "treatment_effect", "comparative_named"]
        combos += ["universal_claim", "you_instruction", "no_health_content"]
        cues = [f"cue:{k}" for k in self.kinds]
        return tuple(form + cues + [f"fam:{f.name}" for f in self.families] + combos)

    @functools.cached_property
    def zeros(self) -> dict[str, float]:
        """Every feature at 0 (copied for each sentence)."""
        return dict.fromkeys(self._names, 0.0)

    @functools.cached_property
    def no_hits(self) -> dict[str, tuple[str, ...]]:
        """Every family without a hit, in order (copied for each sentence)."""
        return {f.name: () for f in self.families}

    @functools.cached_property
    def with_phrases(self) -> frozenset[int]:
        """The numbers of the families that have phrases (not judged word by word)."""
        return frozenset(
            n for n, f in enumerate(self.families) if f.phrases is not None and not f.word_only
        )

    @functools.cached_property
    def _phrase_words(self) -> dict[str, tuple[int, ...]]:
        return {}

    def phrase_word(self, word: str) -> tuple[int, ...]:
        """The ``word_only`` families whose phrases match ``word`` (a ``\\w+`` word of
        lower-cased text) as a whole, memoised."""
        found = self._phrase_words.get(word)
        if found is None:
            if len(self._phrase_words) > FACTS_MEMO:
                self._phrase_words.clear()
            found = tuple(
                n
                for n, f in enumerate(self.families)
                if f.word_only and f.phrases is not None and f.phrases.fullmatch(word)
            )
            self._phrase_words[word] = found
        return found

    @functools.cached_property
    def at_start(self) -> frozenset[int]:
        """The numbers of the ``at_start`` families (judged by the first word)."""
        return frozenset(n for n, f in enumerate(self.families) if f.at_start)

    @functools.cached_property
    def _facts(self) -> dict[str, WordFacts]:
        return {}

    def word_facts(self, word: str) -> WordFacts:
        """The ``WordFacts`` of a lower-cased word (memoised)."""
        found = self._facts.get(word)
        if found is None:
            if len(self._facts) > FACTS_MEMO:
                self._facts.clear()
            word_stem = stem(word)
            drug = word not in self.common and _drug_like(self, word)
            found = WordFacts(word_stem, self.by_stem.get(word_stem, ()), drug)
            self._facts[word] = found
        return found

    @functools.cached_property
    def family_keys(self) -> tuple[str, ...]:
        """``fam:<name>`` of each family, in order."""
        return tuple(f"fam:{f.name}" for f in self.families)


@dataclass(frozen=True)
class SentenceFeatures:
    """A sentence's feature values, its cues and the treatment names it mentions."""

    values: dict[str, float]
    cues: tuple[CueMatch, ...]
    treatments: tuple[str, ...]
    words: tuple[str, ...]
    hits: dict[str, tuple[str, ...]]
    """Family name -> the texts that matched it (for messages)."""


def load_spec(lexicon: Lexicon) -> FeatureSpec:
    """The feature spec of the rules folder in use (compiled once per file)."""
    return _compile(rules_file(RULES_FILE), tuple(lexicon.kinds))


@functools.lru_cache(maxsize=4)
def _compile(path: Path, kinds: tuple[str, ...]) -> FeatureSpec:
    data = load_yaml(RULES_FILE)
    where = f"{path}: families"
    store = pattern_store(data)
    try:
        specs = data["families"]
        inner = [_phrases_pattern(s) for s in specs.values()]
        only = word_only_all(inner)
        families = tuple(
            _family(name, spec, f"{where}.{name}", store, words)
            for (name, spec), words in zip(specs.items(), only, strict=True)
        )
        names = [str(t) for t in data.get("named_treatments", [])]
        alternatives = "|".join(names)
        treatments = store.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        treatment_gate = PrefixGate([lower_pattern(alternatives)], ascii_only=True)
        common = frozenset(str(w).lower() for w in data.get("common_substances", []))
        suffix = store.compile(f"[a-z]{{3,}}{data.get('drug_suffixes', '(?!)')}")
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise RulesDataError(f"{where}: bad feature families: {exc!r}") from exc
    return FeatureSpec(
        families,
        treatments,
        suffix,
        common,
        _brands(),
        kinds,
        PrefixGate(inner),
        _stem_index(families),
        treatment_gate,
    )


def _phrases_pattern(spec: dict[str, Any]) -> str | None:
    """The pattern (before ``compile_cue`` wraps it) of a family's phrases, if it has any."""
    phrases = spec.get("phrases") or []
    return lower_pattern(expand("|".join(f"(?:{p})" for p in phrases))) if phrases else None


def _stem_index(families: tuple[Family, ...]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for number, family in enumerate(families):
        if not family.at_start:
            for word_stem in family.stems:
                index.setdefault(word_stem, []).append(number)
    return {k: tuple(v) for k, v in index.items()}


def _family(
    name: str, spec: dict[str, Any], where: str, store: PatternStore, only_words: bool
) -> Family:
    """One family (``only_words``: ``word_only`` of its phrases' pattern)."""
    stems = frozenset(stem(str(w).lower()) for w in spec.get("words", []))
    phrases = spec.get("phrases") or []
    pattern = compile_cue("|".join(f"(?:{p})" for p in phrases), where, store)
    return Family(
        name=name,
        stems=stems,
        phrases=pattern if phrases else None,
        cap=int(spec.get("cap", 2)),
        at_start=bool(spec.get("at_start", False)),
        word_only=only_words,
    )


@functools.cache
def _brands() -> frozenset[str]:
    """Brand names of the shipped drug lexicon as written ("Spravato"), 5 letters or more."""
    from checker.spelling.vocab import load_drug_lexicon

    brands = load_drug_lexicon().brands.values()
    return frozenset(b for b in brands if len(b) >= 5 and b.isalpha() and b[:1].isupper())


def extract(
    text: str,
    lexicon: Lexicon,
    *,
    block_kind: str = "paragraph",
    written: list[str] | None = None,
    scan: Scan | None = None,
) -> SentenceFeatures:
    """The features of one sentence (``block_kind``: paragraph, list_item, table_cell...;
    ``written``: its words as written, ``word_list(text)``, when already known; ``scan``:
    its ``Scan``, when already made)."""
    spec = load_spec(lexicon)
    if scan is None:
        scan = Scan(text, written)
    words, text_words, unquoted = scan.words, scan.text_words, scan.unquoted
    facts = [spec.word_facts(w) for w in words]
    cues = find_cues(scan.lowered, lexicon, original=text, words=text_words)
    values = spec.zeros.copy()
    maybe = spec.phrase_gate.candidates_for(unquoted, text_words)
    hits = _all_family_hits(spec, words, facts, unquoted, maybe, text_words)
    for family, key in zip(spec.families, spec.family_keys, strict=True):
        found = hits[family.name]
        if found:  # the others stay 0
            values[key] = min(len(found), family.cap) / family.cap
    for cue in cues:
        key = f"cue:{cue.kind}"
        values[key] = max(values[key], cue.weight)
    no_names = text.isascii() and 0 not in spec.treatment_gate.candidates_for(
        scan.lowered, text_words
    )
    treatments = _treatments(text, words, spec, scan.written, no_names=no_names, facts=facts)
    _form(values, text, words, block_kind, lexicon, scan.written, scan=scan)
    values["named_treatment"] = min(len(treatments), 2) / 2
    _combinations(values, hits)
    return SentenceFeatures(values, cues, treatments, tuple(words), hits)


def _all_family_hits(
    spec: FeatureSpec,
    words: list[str],
    facts: list[WordFacts],
    unquoted: str,
    maybe: set[int],
    text_words: list[str],
) -> dict[str, tuple[str, ...]]:
    """Family name -> its hits: listed words (in order), then matched phrases (in order);
    ``facts``: each word's ``FeatureSpec.word_facts``; ``maybe``: the families whose phrases
    may match (``FeatureSpec.phrase_gate``); ``text_words``: the ``\\w+`` words of the text
    (the phrases of a ``word_only`` family match whole ones)."""
    by_word: dict[int, list[str]] = {}
    for word, word_facts in zip(words, facts, strict=True):
        for number in word_facts.families:
            by_word.setdefault(number, []).append(word)
    by_phrase: dict[int, list[str]] = {}
    for word in text_words:
        for number in spec.phrase_word(word):
            by_phrase.setdefault(number, []).append(word)
    hits = spec.no_hits.copy()
    families = spec.families
    numbers = by_word.keys() | by_phrase.keys() | (maybe & spec.with_phrases) | spec.at_start
    for number in sorted(numbers):
        family = families[number]
        if family.at_start:
            hits[family.name] = _start_hit(family, words, facts)
            continue
        found = by_word.get(number, [])
        if family.word_only:
            found = found + by_phrase.get(number, [])
        elif family.phrases is not None and number in maybe:
            found = found + [m.group() for m in family.phrases.finditer(unquoted)]
        hits[family.name] = tuple(found)
    return hits


def _start_hit(family: Family, words: list[str], facts: list[WordFacts]) -> tuple[str, ...]:
    """An ``at_start`` family's hit: the first word (after lead-in words) when it is listed."""
    first = next((i for i, w in enumerate(words) if w not in START_SKIP), None)
    if first is None or (first > 0 and words[first - 1] == "and"):
        return ()
    return (words[first],) if facts[first].stem in family.stems else ()


def _treatments(
    text: str,
    words: list[str],
    spec: FeatureSpec,
    written: list[str],
    no_names: bool = False,
    facts: list[WordFacts] | None = None,
) -> tuple[str, ...]:
    """The treatments ``text`` names (``no_names``: the gate found no ``named_treatments``
    start in it, so that pattern is not searched; ``facts``: the words' ``word_facts``)."""
    named = [] if no_names else [m.group() for m in spec.treatments.finditer(text)]
    if facts is None:
        facts = [spec.word_facts(w) for w in words]
    named += [w for w, word_facts in zip(words, facts, strict=True) if word_facts.drug]
    named += [w for w in written[1:] if w in spec.brands]
    unique = list(dict.fromkeys(n.lower() for n in named))
    # "ketamine therapy" and "ketamine" name one treatment.
    kept = [n for n in unique if not any(n != m and n in m for m in unique)]
    lowered = text.lower()
    return tuple(sorted(kept, key=lambda n: (lowered.find(n), n)))


def _drug_like(spec: FeatureSpec, word: str) -> bool:
    """Whether ``word`` ends like a generic drug name (``drug_suffixes``)."""
    return _ends_like_a_drug(spec.drug_suffix, word)


@functools.lru_cache(maxsize=100_000)
def _ends_like_a_drug(suffix: re.Pattern[str], word: str) -> bool:
    """``suffix.fullmatch(word)``, memoised: the same words recur in every article."""
    return suffix.fullmatch(word) is not None


def _form(
    values: dict[str, float],
    text: str,
    words: list[str],
    block_kind: str,
    lexicon: Lexicon,
    written: list[str],
    scan: Scan | None = None,
) -> None:
    if scan is None:
        scan = Scan(text, written)
    stripped = text.rstrip(" \"'\u201d\u2019)]")
    values["question"] = float(stripped.endswith("?"))
    values["exclaim"] = float(stripped.endswith("!"))
    values["list_item"] = float(block_kind == "list_item")
    values["short"] = float(len(words) < SHORT_WORDS)
    values["long"] = float(len(words) > LONG_WORDS)
    values["finite_verb"] = float(scan.finite_verb(lexicon))
    values["starts_you"] = float(bool(words) and words[0] in SECOND_PERSON)
    values["you"] = float(any(w in SECOND_PERSON for w in words))


def _combinations(values: dict[str, float], hits: dict[str, tuple[str, ...]]) -> None:
    def has(name: str) -> bool:
        return bool(hits.get(name))

    health = has("condition_terms") or has("treatment_terms") or values["named_treatment"] > 0
    effect = has("effect_verbs") or any(
        values[k] >= 0.5 for k in ("cue:efficacy", "cue:safety", "cue:mechanism")
    )
    verb = values["finite_verb"] > 0
    values["health_assertion"] = float(verb and health and not values["question"])
    values["number_health"] = float(has("numbers") and (health or has("population")))
    values["treatment_effect"] = float(
        effect and (has("treatment_terms") or values["named_treatment"] > 0)
    )
    comparing = has("comparative") or has("superlative") or values.get("cue:comparative", 0) > 0
    values["comparative_named"] = float(comparing and values["named_treatment"] > 0)
    values["universal_claim"] = float(has("universal") and (effect or health))
    values["you_instruction"] = float(has("instruction") and values["fam:clinic_voice"] == 0)
    strong_cue = any(values[f"cue:{k}"] >= 0.5 for k in CUE_KINDS if f"cue:{k}" in values)
    values["no_health_content"] = float(
        not (health or has("population") or has("numbers") or has("effect_verbs") or strong_cue)
    )
