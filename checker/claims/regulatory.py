"""Regulatory wording (CLM005): the rule pack of rules/regulatory.yml, compiled and matched.

Two parts, both data:

- ``wording``: phrases regulators single out ("miracle", "breakthrough", "guaranteed results",
  "clinically proven" without a citation, "risk-free", "FDA approved" for a cleared device),
  each with its reason, suggestion and severity;
- ``off_label``: products with the uses they are FDA approved for; "FDA approved" next to a
  product and a use it is not approved for (ketamine for depression) is flagged unless the
  sentence itself says the use is off-label.

Pure text in, matches out; ``checker.checks.claims`` turns them into findings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.claims.matcher import WORD_RE, PrefixGate, heads_of, lower_pattern
from checker.regexcache import PatternStore
from checker.resources import RulesDataError, load_yaml, rules_file

RULES_FILE = "regulatory.yml"


@dataclass(frozen=True)
class WordingRule:
    """One entry of ``wording``."""

    name: str
    regex: re.Pattern[str]
    reason: str
    suggestion: str
    severity: str
    unless_cited: bool = False
    when: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Product:
    """One entry of ``off_label``: a product, what it is approved for, the uses it is not."""

    name: str
    regex: re.Pattern[str]
    approved_for: str
    off_label: re.Pattern[str]
    reason: str
    severity: str


@dataclass(frozen=True)
class RegulatoryPack:
    """The compiled rules/regulatory.yml."""

    wording: tuple[WordingRule, ...]
    approved: re.Pattern[str]
    admits: re.Pattern[str]
    products: tuple[Product, ...]
    gate: PrefixGate = PrefixGate([])
    """Which of the wording patterns, then ``approved``, may match an ASCII sentence."""


@dataclass(frozen=True)
class Hit:
    """A match in a sentence: the rule, ``start:end`` in the sentence, and what to say."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str
    severity: str
    needs_no_citation: bool = False


def load_pack() -> RegulatoryPack:
    """The pack of the rules folder in use (compiled once per file)."""
    return _compile(rules_file(RULES_FILE))


@functools.lru_cache(maxsize=4)
def _compile(path: Path) -> RegulatoryPack:
    data = load_yaml(RULES_FILE)
    store = PatternStore("claims-regulatory", repr(data))  # compiled code kept between runs
    try:
        patterns = [str(s["pattern"]) for s in data["wording"].values()] + [data["approved"]]
        return RegulatoryPack(
            wording=tuple(_wording(n, s, store) for n, s in data["wording"].items()),
            approved=_regex(data["approved"], store),
            admits=_regex(data["admits"], store),
            products=tuple(_product(n, s, store) for n, s in data.get("off_label", {}).items()),
            gate=PrefixGate([lower_pattern(str(p)) for p in patterns], ascii_only=True),
        )
    except (KeyError, TypeError, AttributeError, re.error) as exc:
        raise RulesDataError(f"{path}: bad regulatory rules: {exc!r}") from exc


def _regex(pattern: str, store: PatternStore) -> re.Pattern[str]:
    return store.compile(f"(?<![\\w-])(?:{pattern})(?![\\w-])", re.IGNORECASE)


def _optional(pattern: Any, store: PatternStore) -> re.Pattern[str] | None:
    return store.compile(str(pattern), re.IGNORECASE) if pattern else None


def _wording(name: str, spec: dict[str, Any], store: PatternStore) -> WordingRule:
    return WordingRule(
        name=name,
        regex=_regex(spec["pattern"], store),
        reason=str(spec["reason"]),
        suggestion=str(spec.get("suggestion", "")),
        severity=str(spec.get("severity", "warning")),
        unless_cited=bool(spec.get("unless_cited", False)),
        when=_optional(spec.get("when"), store),
        unless=_optional(spec.get("unless"), store),
    )


def _product(name: str, spec: dict[str, Any], store: PatternStore) -> Product:
    return Product(
        name=name,
        regex=_regex(spec["product"], store),
        approved_for=str(spec["approved_for"]),
        off_label=_regex(spec["off_label"], store),
        reason=str(spec["reason"]),
        severity=str(spec.get("severity", "error")),
    )


def find(text: str, pack: RegulatoryPack | None = None) -> list[Hit]:
    """Every regulatory hit in one sentence, in order of position."""
    pack = pack or load_pack()
    maybe = _may_match(text, pack)
    hits = [
        h
        for number, rule in enumerate(pack.wording)
        if (maybe is None or number in maybe) and (h := _wording_hit(rule, text))
    ]
    if maybe is None or len(pack.wording) in maybe:
        hits += _off_label(text, pack)
    return sorted(hits, key=lambda h: (h.start, h.rule))


def _may_match(text: str, pack: RegulatoryPack) -> set[int] | None:
    """The patterns that may match ``text`` (None: all of them, for text that is not ASCII).

    The patterns ignore case: in ASCII text that is matching the lower-cased text (elsewhere
    Unicode case folding has more to it, "ſ" matches "s").
    """
    if not text.isascii():
        return None
    lowered = text.lower()
    words = WORD_RE.findall(lowered)
    return pack.gate.candidates(lowered, heads_of(words), frozenset(words))


def _wording_hit(rule: WordingRule, text: str) -> Hit | None:
    match = rule.regex.search(text)
    if match is None:
        return None
    if rule.when is not None and not rule.when.search(text):
        return None
    if rule.unless is not None and rule.unless.search(text):
        return None
    phrase = match.group()
    return Hit(
        rule=rule.name,
        start=match.start(),
        end=match.end(),
        message=f'regulatory wording "{phrase}": {rule.reason}',
        suggestion=rule.suggestion,
        severity=rule.severity,
        needs_no_citation=rule.unless_cited,
    )


def _off_label(text: str, pack: RegulatoryPack) -> list[Hit]:
    approved = pack.approved.search(text)
    if approved is None or pack.admits.search(text):
        return []
    hits = []
    for product in pack.products:
        named = product.regex.search(text)
        use = product.off_label.search(text)
        if named is None or use is None:
            continue
        hits.append(
            Hit(
                rule=f"off_label.{product.name}",
                start=approved.start(),
                end=approved.end(),
                message=f'"{approved.group()}" for an off-label use ({named.group()} for '
                f"{use.group()}): {product.reason}",
                suggestion=f"say the use is off-label; {named.group()} is FDA approved for "
                f"{product.approved_for}",
                severity=product.severity,
            )
        )
    return hits
