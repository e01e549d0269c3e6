"""The claim lexicons of rules/claims.yml, validated and compiled once per rules folder.

Patterns are matched against lower-cased text (their letters are lower-cased too).

Every word list, cue pattern, weight and threshold of claim detection lives in the YAML file;
this module only turns it into compiled patterns (see docs/claims.md for the file's format).
The patterns' compiled code is kept between runs (:func:`pattern_store`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.claims.matcher import CueMatcher, lower_pattern
from checker.claims.model import DEFAULT_MODEL, EMPTY, Model, load_model
from checker.regexcache import PatternStore
from checker.resources import RulesDataError, load_word_list, load_yaml, rules_file

RULES_FILE = "claims.yml"
GAP_RE = r"(?:\s+[\w'\u2019\-]+,?){0,5}\s+"
"""What `` ... `` in a pattern stands for: up to five words (with a trailing comma each)."""
QUOTE_RE = "[\"'\u201c\u2018]"
"""What ``{Q}`` in a pattern stands for: an opening quotation mark."""


@dataclass(frozen=True)
class Cue:
    """One cue pattern of a kind, with its weight."""

    kind: str
    pattern: str
    weight: float


@dataclass(frozen=True)
class Kind:
    """A kind of claim: its label, default severity and cues."""

    name: str
    label: str
    severity: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class Exclusion:
    """A sentence pattern that makes a sentence not a claim (a question, advice, ...)."""

    name: str
    description: str
    regex: re.Pattern[str]
    always: bool


@dataclass(frozen=True)
class Lexicon:
    """Everything claim detection reads from rules/claims.yml."""

    threshold: float
    fragment_max_words: int
    min_words: int
    stale_similarity: float
    hedges: re.Pattern[str]
    kinds: dict[str, Kind]
    cues: tuple[Cue, ...]
    matcher: CueMatcher
    exclusions: tuple[Exclusion, ...]
    auxiliaries: frozenset[str]
    determiners: frozenset[str]
    verb_forms: frozenset[str]
    verb_lemmas: frozenset[str]
    references_heading: re.Pattern[str]
    author_year: re.Pattern[str]
    numbered_reference: re.Pattern[str]
    trusted_domains: tuple[str, ...]
    trusted_source: str = ""
    model: Model = EMPTY
    more_verb_forms: frozenset[str] = frozenset()
    """Inflected forms of ``verb_list``: a verb after a name or a pronoun ("Botox relaxes")."""
    verb_stems: frozenset[str] = frozenset()
    """Bare verbs of ``verb_list``: a verb after a plural subject ("patients regain")."""
    plural_subjects: frozenset[str] = frozenset()

    def with_overrides(
        self, threshold: float | None = None, trusted_domains: list[str] | tuple[str, ...] = ()
    ) -> Lexicon:
        """A copy with a configured threshold and extra trusted domains."""
        domains = tuple(dict.fromkeys([*self.trusted_domains, *map(str.lower, trusted_domains)]))
        return replace(
            self,
            threshold=self.threshold if threshold is None else float(threshold),
            trusted_domains=domains,
        )


def load_lexicon() -> Lexicon:
    """The lexicon of the rules folder in use (compiled once per file)."""
    return _compile(rules_file(RULES_FILE))


@functools.lru_cache(maxsize=4)
def _compile(path: Path) -> Lexicon:
    data = load_yaml(RULES_FILE)
    where = str(path)
    if not isinstance(data, dict):
        raise RulesDataError(f"{where}: expected a mapping of settings")
    try:
        return _build(data, where)
    except (KeyError, TypeError, ValueError) as exc:
        raise RulesDataError(f"{where}: bad claim rules: {exc!r}") from exc


def pattern_store(data: Any) -> PatternStore:
    """Where the compiled code of the patterns of rules/claims.yml is kept between runs
    (``checker.regexcache``), keyed by the file's data (the project's layer merged in)."""
    return _store(repr(data))


@functools.lru_cache(maxsize=4)
def _store(key: str) -> PatternStore:
    return PatternStore("claims", key)


def _build(data: dict[str, Any], where: str) -> Lexicon:
    store = pattern_store(data)
    trusted = data.get("trusted_domains") or {}
    lemmas = frozenset(str(v).lower() for v in data.get("lexical_verbs", []))
    kinds = {name: _kind(name, spec) for name, spec in data["kinds"].items()}
    cues = tuple(cue for kind in kinds.values() for cue in kind.cues)
    model = load_model(str(data.get("model", DEFAULT_MODEL)))
    threshold = data.get("threshold")
    return Lexicon(
        model=model,
        threshold=model.threshold if threshold is None else float(threshold),
        fragment_max_words=int(data.get("fragment_max_words", 14)),
        min_words=int(data.get("min_words", 4)),
        stale_similarity=float(data.get("stale_similarity", 0.6)),
        hedges=compile_cue("|".join(f"(?:{h})" for h in data.get("hedges", [])), where, store),
        kinds=kinds,
        cues=cues,
        matcher=_matcher(cues, where, store),
        exclusions=tuple(
            _exclusion(n, s, where, store) for n, s in data.get("exclusions", {}).items()
        ),
        auxiliaries=frozenset(str(v).lower() for v in data.get("auxiliaries", [])),
        determiners=frozenset(str(v).lower() for v in data.get("determiners", [])),
        verb_forms=_verb_forms(lemmas) | {str(v).lower() for v in data.get("irregular_pasts", [])},
        more_verb_forms=_verb_forms(_more_verbs(data)),
        verb_lemmas=lemmas,
        verb_stems=_more_verbs(data) | lemmas,
        plural_subjects=frozenset(str(v).lower() for v in data.get("plural_subjects", [])),
        references_heading=_regex(data["references_headings"], where, re.IGNORECASE, store),
        author_year=_regex(data["author_year"], where, 0, store),
        numbered_reference=_regex(data["numbered_reference"], where, 0, store),
        trusted_domains=tuple(str(d).lower() for d in trusted.get("domains", [])),
        trusted_source=str(trusted.get("source", "")),
    )


def _more_verbs(data: dict[str, Any]) -> frozenset[str]:
    """The verb list named by ``verb_list`` (inflected forms count, bare forms do not)."""
    name = data.get("verb_list")
    return frozenset(load_word_list(str(name))) if name else frozenset()


def _kind(name: str, spec: dict[str, Any]) -> Kind:
    cues = tuple(Cue(name, str(c["pattern"]), float(c["weight"])) for c in spec["cues"])
    label = str(spec.get("label", name))
    return Kind(name, label, str(spec.get("severity", "warning")), cues)


def _matcher(cues: tuple[Cue, ...], where: str, store: PatternStore) -> CueMatcher:
    patterns = [lower_pattern(expand(cue.pattern)) for cue in cues]
    try:
        return CueMatcher(patterns, store)  # parses and compiles each pattern
    except re.error as exc:
        for cue, pattern in zip(cues, patterns, strict=True):  # which one, for the message
            _regex(pattern, f"{where}: kind {cue.kind}", 0)
        raise RulesDataError(f"{where}: bad cue pattern: {exc}") from exc


def _exclusion(name: str, spec: dict[str, Any], where: str, store: PatternStore) -> Exclusion:
    pattern = lower_pattern(expand(str(spec["pattern"])))
    return Exclusion(
        name=name,
        description=str(spec.get("description", name)),
        regex=_regex(pattern, f"{where}: exclusion {name}", 0, store),
        always=bool(spec.get("always", False)),
    )


def expand(pattern: str) -> str:
    """A cue pattern with its shorthands (`` ... ``, ``{Q}``) turned into regular syntax."""
    return pattern.replace(" ... ", GAP_RE).replace("{Q}", QUOTE_RE)


def compile_cue(pattern: str, where: str, store: PatternStore | None = None) -> re.Pattern[str]:
    """A whole-word pattern for lower-cased text; a clear error when it does not compile
    (``store``: where its compiled code is kept between runs)."""
    return _regex(f"(?<!\\w)(?:{lower_pattern(expand(pattern))})(?!\\w)", where, 0, store)


def _regex(
    pattern: str, where: str, flags: int, store: PatternStore | None = None
) -> re.Pattern[str]:
    try:
        return store.compile(pattern, flags) if store is not None else re.compile(pattern, flags)
    except re.error as exc:
        raise RulesDataError(f"{where}: bad pattern {pattern[:80]!r}: {exc}") from exc


def _verb_forms(lemmas: frozenset[str]) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in lemmas:
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        elif lemma.endswith("e"):
            forms |= {lemma + "s", lemma + "d"}
        else:
            forms |= {lemma + "s", lemma + "es", lemma + "ed"}
            if len(lemma) > 2 and lemma[-1] in "bdglmnpt" and lemma[-2] in "aeiou":
                forms.add(lemma + lemma[-1] + "ed")
    return frozenset(forms)
