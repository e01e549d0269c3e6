"""Regression tests for the hardening issue: inputs and faults that once crashed, hung,
pointed at the wrong text or lost text."""

from __future__ import annotations

from helpers import assert_positions, check_text, parse_text

from checker.claims.support import domain_of


def _crashes(result) -> list[str]:
    return [f.message for f in result.findings if f.rule == "INP002"]


def test_bare_address_before_a_reference_marker_is_no_crash_and_keeps_the_marker():
    text = (
        "Studies show that ketamine is effective, according to www.nimh.nih.gov[1].\n\n"
        "## References\n\n1. NIMH, https://www.nimh.nih.gov/health\n"
    )
    result = check_text(text, select=["CLM", "STR"])
    assert _crashes(result) == []
    links = [link.url for b in parse_text(text).blocks for link in b.links]
    assert "http://www.nimh.nih.gov" in links
    for finding in result.findings:
        assert_positions(finding, text)


def test_a_malformed_address_has_no_domain():
    assert domain_of("https://www.nimh.nih.gov[1].") is None
    assert domain_of("http://[::1") is None
