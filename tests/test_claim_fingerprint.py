"""CLM004's claim fingerprint: citations are stripped, wording folded, and the work is linear."""

from __future__ import annotations

import time

import pytest

from checker.checks.claims_corpus import fingerprint, strip_citations

BARE = "Ketamine eases depression within hours."


@pytest.mark.parametrize(
    "sourced",
    [
        "Ketamine eases depression within hours [1].",
        "Ketamine eases depression within hours (Smith et al., 2021).",
        "Ketamine eases depression within hours (NIMH).",
        "Ketamine [^note] eases depression within hours.",
        "Ketamine eases depression (Berman 2000) within hours.",
    ],
)
def test_a_sourced_copy_and_a_bare_copy_share_the_fingerprint(sourced: str) -> None:
    assert fingerprint(sourced) == fingerprint(BARE)


def test_a_parenthetical_in_the_middle_is_wording_not_a_citation() -> None:
    text = "Ketamine (a dissociative anaesthetic) eases depression [2]."
    assert "dissociative anaesthetic" in strip_citations(text)
    assert "[2]" not in strip_citations(text)
    assert fingerprint(text) != fingerprint("Ketamine eases depression.")
    # a reference inside a kept parenthetical is still stripped
    assert strip_citations("It helps (see [3] here) a lot.") == "It helps (see   here) a lot."


@pytest.mark.parametrize("run", ["()" * 20_000, "[" * 40_000, "(" * 40_000, "(a" * 20_000])
def test_long_bracket_runs_are_linear(run: str) -> None:
    # the closing-parenthetical look-ahead once scanned to the end from every parenthesis:
    # 40 KB of "()" took 15 s
    began = time.perf_counter()
    fingerprint("Studies show that ketamine works " + run + ".")
    assert time.perf_counter() - began < 2.0
