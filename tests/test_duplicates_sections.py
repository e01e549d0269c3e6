"""DUP001 compares items within a section of a list: lead-in items and a blank line in an
otherwise tight list start a new one (flattened CMS exports of nested or adjacent lists)."""

from __future__ import annotations

import pytest
from helpers import findings

FLATTENED = (
    "- Early symptoms include\n- nausea\n- sweating\n- dizziness\n"
    "- The symptoms of late dumping syndrome include\n- hypoglycemia\n- sweating\n- dizziness\n"
)
COLON = "- Causes:\n- stress\n- poor sleep\n- Triggers:\n- stress\n- caffeine\n"
WITH = (
    "- A provider diagnoses primary amyloidosis with\n- urinalysis\n- blood tests\n"
    "- A provider diagnoses dialysis-related amyloidosis with\n- urinalysis\n- imaging tests\n"
)
TWO_TIGHT_LISTS = "- nausea\n- sweating\n- dizziness\n\n- hypoglycemia\n- sweating\n"


@pytest.mark.parametrize("text", [FLATTENED, COLON, WITH, TWO_TIGHT_LISTS])
def test_repeats_in_parallel_sections_are_not_duplicates(text: str) -> None:
    assert findings(text, select=["DUP001"]) == []


def test_a_repeat_within_a_section_is_still_reported() -> None:
    text = FLATTENED.replace("- hypoglycemia\n", "- hypoglycemia\n- hypoglycemia\n")
    found = findings(text, select=["DUP001"])
    assert [(f.line, f.excerpt) for f in found] == [(7, "hypoglycemia")]


def test_a_uniformly_loose_list_is_one_section() -> None:
    text = "- nausea\n\n- sweating\n\n- nausea\n"
    found = findings(text, select=["DUP001"])
    assert [(f.line, f.excerpt) for f in found] == [(5, "nausea")]
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"


def test_an_item_ending_in_a_lead_in_word_mid_sentence_is_no_lead_in() -> None:
    text = "- nausea\n- things you like\n- nausea\n"
    assert [f.line for f in findings(text, select=["DUP001"])] == [3]
