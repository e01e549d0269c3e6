"""A claim's kind and risk tier, and the reason in an editor's words.

Reads ``extra_kinds``, ``risk``, ``info_kinds`` and ``background_why`` of rules/claims.yml:

- an ``error`` entry (absolute safety, cure, "works for everyone", guarantees) makes the claim
  an error of kind ``absolute``;
- a comparison (``risk.comparative``) naming a treatment is an error of kind ``comparative``
  ("compares two named treatments");
- regulatory wording (FDA approval, clearance, boxed warnings) gives kind ``regulatory``;
- otherwise the strongest cue's kind, else ``background`` (info).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.claims.features import SentenceFeatures
from checker.claims.lexicon import RULES_FILE, Lexicon, lower_pattern, pattern_store
from checker.claims.matcher import WORD_RE, PrefixGate
from checker.claims.scan import Scan
from checker.regexcache import PatternStore
from checker.resources import RulesDataError, load_yaml, rules_file

ERROR, WARNING, INFO = "error", "warning", "info"
RISK_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
MIN_CUE_WEIGHT = 0.3


@dataclass(frozen=True)
class Verdict:
    """A claim's kind, risk tier, the reason and the words that gave it."""

    kind: str
    risk: str
    why: str
    evidence: tuple[str, ...] = ()
    absolute: bool = False
    """An ``error`` entry matched: the sentence is a claim whatever the model says."""


@dataclass(frozen=True)
class ErrorRule:
    """An ``error`` entry of ``risk``: its name, kind, reason and pattern."""

    name: str
    kind: str
    why: str
    regex: re.Pattern[str]
    negatable: bool = False


@dataclass(frozen=True)
class RiskRules:
    """The compiled ``risk`` section."""

    errors: tuple[ErrorRule, ...]
    comparative: re.Pattern[str]
    comparative_why: tuple[str, str]
    regulatory: re.Pattern[str]
    regulatory_why: str
    info_kinds: frozenset[str]
    background_why: str
    labels: dict[str, str]
    negation: re.Pattern[str] | None = None
    gate: PrefixGate = field(default_factory=lambda: PrefixGate([]))
    """Which patterns may match a sentence: the errors' in order, then comparative, then
    regulatory (by their literal starts; the others cannot match and are not searched)."""


def risk_rules() -> RiskRules:
    """The risk rules of the rules folder in use (compiled once per file)."""
    return _compile(rules_file(RULES_FILE))


@functools.lru_cache(maxsize=4)
def _compile(path: Path) -> RiskRules:
    data = load_yaml(RULES_FILE)
    store = pattern_store(data)
    try:
        risk = data["risk"]
        comparative, regulatory = risk["comparative"], risk["regulatory"]
        patterns = [s["pattern"] for s in risk["error"].values()]
        patterns += [comparative["pattern"], regulatory["pattern"]]
        return RiskRules(
            errors=tuple(_error(n, s, store) for n, s in risk["error"].items()),
            comparative=_regex(comparative["pattern"], store),
            comparative_why=(str(comparative["why_two"]), str(comparative["why_one"])),
            regulatory=_regex(regulatory["pattern"], store),
            regulatory_why=str(regulatory["why"]),
            info_kinds=frozenset(data.get("info_kinds", [])),
            background_why=str(data.get("background_why", "background fact")),
            labels={str(k): str(v) for k, v in data.get("extra_kinds", {}).items()},
            negation=_negation(data.get("negations", []), store),
            gate=PrefixGate([lower_pattern(str(p)) for p in patterns]),
        )
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise RulesDataError(f"{path}: bad risk rules: {exc!r}") from exc


def _error(name: str, spec: dict[str, Any], store: PatternStore) -> ErrorRule:
    regex = _regex(spec["pattern"], store)
    return ErrorRule(name, str(spec["kind"]), str(spec["why"]), regex, bool(spec.get("negatable")))


def _negation(words: list[str], store: PatternStore) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(str(w).lower()) for w in words)
    return store.compile(f"(?:(?<![\\w'])(?:{alternatives})(?!\\w)|n't)")


def _regex(pattern: str, store: PatternStore) -> re.Pattern[str]:
    return store.compile(f"(?<!\\w)(?:{lower_pattern(pattern)})(?!\\w)")


def classify(
    text: str, found: SentenceFeatures, lexicon: Lexicon, *, scan: Scan | None = None
) -> Verdict:
    """The kind, risk tier and reason of a sentence judged to be a claim (``scan``: its
    ``Scan``, when already made)."""
    rules = risk_rules()
    lowered = text.lower()
    if scan is not None and lowered == scan.lowered:
        text_words = scan.text_words
    else:
        text_words = WORD_RE.findall(lowered)
    maybe = rules.gate.candidates_for(lowered, text_words)
    comparative, regulatory = len(rules.errors), len(rules.errors) + 1
    for number, rule in enumerate(rules.errors):
        match = rule.regex.search(lowered) if number in maybe else None
        if match and rule.negatable and _denied(lowered[: match.start()], rules):
            continue
        if match:
            cue = text[match.start() : match.end()]
            return Verdict(rule.kind, ERROR, f"{rule.why}: '{cue}'", (cue,), absolute=True)
    treatments = found.treatments
    match = rules.comparative.search(lowered) if comparative in maybe else None
    if match and treatments:
        two, one = rules.comparative_why
        named = ", ".join(treatments[:2])
        why = f"{two if len(treatments) > 1 else one}: {named}"
        return Verdict("comparative", ERROR, why, (text[match.start() : match.end()],))
    match = rules.regulatory.search(lowered) if regulatory in maybe else None
    if match:
        cue = text[match.start() : match.end()]
        return Verdict("regulatory", WARNING, f"{rules.regulatory_why}: '{cue}'", (cue,))
    cues = [c for c in found.cues if c.weight >= MIN_CUE_WEIGHT]
    if match := rules.comparative.search(lowered) if not cues and comparative in maybe else None:
        cue = text[match.start() : match.end()]
        return Verdict("comparative", WARNING, f"'{cue}'", (cue,))
    if cues:
        best = cues[0]
        risk = INFO if best.kind in rules.info_kinds else WARNING
        return Verdict(best.kind, risk, f"'{best.text}'", tuple(c.text for c in cues))
    return Verdict("background", INFO, rules.background_why)


def _denied(before: str, rules: RiskRules) -> bool:
    """Whether a negation comes before the match ("there is no cure", "nothing works for all")."""
    return rules.negation is not None and rules.negation.search(before) is not None


def kind_label(kind: str, lexicon: Lexicon) -> str:
    """The label of a kind (a cue kind of the lexicon or one of ``extra_kinds``)."""
    if kind in lexicon.kinds:
        return lexicon.kinds[kind].label
    return risk_rules().labels.get(kind, kind)
