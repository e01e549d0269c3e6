"""Every regular expression of checker/ and rules/ against inputs made to trigger catastrophic
backtracking: each scan of a 4,000-character adversarial string must stay linear.

Patterns are collected by introspection: compiled patterns held by checker's modules (at
module level, or in a tuple, list or dict there), the compiled claim lexicon, and every string
of rules/*.yml that compiles as a pattern and uses pattern syntax.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import time
from pathlib import Path

import yaml

import checker

ROOT = Path(__file__).resolve().parents[1]
SIZE = 4_000
LIMIT_SECONDS = 0.1
"""A linear scan of 4,000 characters takes about a millisecond, a quadratic one a second."""
CHARS = ["a", "A", "1", ".", "-", "_", "'", " ", "\n", "@", ":", "/", "(", ")", "[", "]", "<",
         ">", "*", "#", "|", ",", "!", "\u00e9", "\u2019", "\t", "&", ";", "="]  # fmt: skip
PAIRS = ["a", "A", " ", ".", "-", "1", "(", "'", "\n"]
SYNTAX = re.compile(r"\\[a-zA-Z]|\(\?|[\[\]|*+?{}]")


def _module_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(checker.__path__, "checker."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # an optional dependency of a command: nothing to guard here
            continue
        for name, value in vars(module).items():
            values = value.values() if isinstance(value, dict) else value
            items = (
                values if isinstance(values, tuple | list) or isinstance(value, dict) else [value]
            )
            for i, item in enumerate(items):
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found[f"{info.name}.{name}[{i}]"] = item
    return found


def _walk(value: object, where: str, found: dict[str, re.Pattern[str]], depth: int = 0) -> None:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            found[where] = value
    elif depth < 4 and isinstance(value, tuple | list | frozenset | set):
        for i, item in enumerate(value):
            _walk(item, f"{where}[{i}]", found, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{where}[{key!r}]", found, depth + 1)
    elif depth < 4 and hasattr(value, "__dict__") and not isinstance(value, type):
        for key, item in vars(value).items():
            _walk(item, f"{where}.{key}", found, depth + 1)


def _lexicon_patterns() -> dict[str, re.Pattern[str]]:
    from checker.claims.lexicon import load_lexicon

    found: dict[str, re.Pattern[str]] = {}
    _walk(load_lexicon(), "claims lexicon", found)
    return found


def _strings(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _rule_patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for path in sorted((ROOT / "rules").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, text in enumerate(_strings(data)):
            if not SYNTAX.search(text):
                continue
            try:
                found[f"rules/{path.name} #{i}"] = re.compile(text, re.IGNORECASE)
            except re.error:
                continue  # prose that looks like a pattern
    return found


def _inputs(pattern: re.Pattern[str]) -> list[str]:
    out = [c * SIZE for c in CHARS]
    out += [(a + b) * (SIZE // 2) for a, b in itertools.combinations(PAIRS, 2)]
    out += ["a" * SIZE + "!", "a " * (SIZE // 2) + "!", "a." * (SIZE // 2) + "@"]
    for word in sorted(set(re.findall(r"[A-Za-z]{3,}", pattern.pattern)))[:4]:
        out += [(word + sep) * (SIZE // (len(word) + 1)) for sep in (" ", "-", ".", "")]
    return out


PATTERNS = {**_module_patterns(), **_lexicon_patterns(), **_rule_patterns()}


def test_patterns_were_found():
    assert len(PATTERNS) > 50
    assert any(name.startswith("rules/") for name in PATTERNS)
    assert any(name.startswith("claims lexicon") for name in PATTERNS)


def test_no_pattern_backtracks_catastrophically():
    slow = []
    for name, pattern in PATTERNS.items():
        for text in _inputs(pattern):
            began = time.perf_counter()
            for _ in pattern.finditer(text):
                pass
            took = time.perf_counter() - began
            if took > LIMIT_SECONDS:
                slow.append(f"{name} {pattern.pattern[:80]!r} on {text[:12]!r}...: {took:.1f} s")
                break
    assert not slow, "\n".join(slow)
