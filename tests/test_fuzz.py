"""Property-based fuzzing of the whole pipeline (grammar off), bounded to stay quick.

The long run is bench/fuzz_profile.py (--cases 100000); the generators and invariants are
tests/fuzzing.py.
"""

from __future__ import annotations

import pytest
from fuzzing import GENERATORS, Checker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def checker() -> Checker:
    """One started pipeline for every example."""
    return Checker()


def _assert_ok(checker: Checker, name: str, data: str | bytes) -> None:
    outcome = checker.outcome(name, data)
    assert outcome.ok, (outcome, data)


@pytest.mark.parametrize("kind", list(GENERATORS))
@FUZZ
@given(rng=st.randoms(use_true_random=False))
def test_generated_articles_keep_every_invariant(checker, kind, rng):
    name, generate = GENERATORS[kind]
    _assert_ok(checker, name, generate(rng))


@FUZZ
@given(text=st.text(max_size=300))
def test_any_unicode_text_keeps_every_invariant(checker, text):
    for name in ("a.md", "a.html", "a.txt"):
        _assert_ok(checker, name, text)


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_keep_every_invariant(checker, data):
    _assert_ok(checker, "a.md", data)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_5mb_line_is_checked_or_refused_cleanly(checker, newline):
    text = "# Title" + newline + newline + ("word " * 1_000_000) + newline
    outcome = checker.outcome("a.md", text.encode("utf-8"), fixes=False)
    assert outcome.ok, outcome
