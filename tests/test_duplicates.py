"""Duplicate checks on the seed article and on real sentences."""

from __future__ import annotations

import pytest
from conftest import SEED_MD, SEED_TXT
from helpers import apply_edits, assert_positions, findings


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT], ids=["md", "txt"])
def test_seed_repeated_bullet(path) -> None:
    text = path.read_text(encoding="utf-8")
    found = findings(text, path.name, select=["DUP"])
    dup001 = [f for f in found if f.rule == "DUP001"]
    assert len(dup001) == 1
    finding = dup001[0]
    assert finding.excerpt == "Increase in blood pressure"
    assert finding.line == 52
    assert finding.column == (3 if path.suffix == ".md" else 5)
    assert finding.related[0].line == 51
    assert finding.severity.value == "error"
    assert_positions(finding, text)
    fixed = apply_edits(text, finding)
    assert fixed.count("Increase in blood pressure") == 1
    assert len(fixed.splitlines()) == len(text.splitlines()) - 1
    assert findings(fixed, path.name, select=["DUP001"]) == []


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT], ids=["md", "txt"])
def test_seed_near_duplicate_item(path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [f for f in findings(text, path.name, select=["DUP"]) if f.rule == "DUP002"]
    assert [f.excerpt for f in found] == ["Dissociative effects"]
    assert found[0].severity.value == "warning"
    assert found[0].fix is None
    assert "Dissociation" in found[0].message
    assert_positions(found[0], text)


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT], ids=["md", "txt"])
def test_corrected_seed_has_no_duplicates(path) -> None:
    text = path.read_text(encoding="utf-8")
    bullet = "- " if path.suffix == ".md" else "  \u2022 "
    corrected = text.replace(f"{bullet}Increase in blood pressure\n", "", 1).replace(
        f"{bullet}Dissociative effects\n", ""
    )
    assert corrected.count("Increase in blood pressure") == 1
    assert findings(corrected, path.name, select=["DUP"]) == []


def test_parallel_items_are_not_near_duplicates() -> None:
    text = (
        "- Red blood cells carry oxygen to the tissues\n"
        "- White blood cells fight infection in the body\n"
        "- Genetic Testing Registry: Noonan syndrome 1\n"
        "- Genetic Testing Registry: Noonan syndrome 2\n"
        "- MedlinePlus Encyclopedia: Hearing loss\n"
        "- MedlinePlus Encyclopedia: Age-related hearing loss\n"
        "- Increase in heart rate\n"
        "- Increase in blood pressure\n"
    )
    assert findings(text, select=["DUP"]) == []


def test_near_duplicate_long_items() -> None:
    text = (
        "- Feeling tired and weak during the day\n"
        "- Feelings of being tired and weak during the day\n"
    )
    found = findings(text, select=["DUP002"])
    assert len(found) == 1 and found[0].line == 2


def test_items_in_different_lists_are_not_compared() -> None:
    text = "- Nausea\n- Fever\n\nSome text.\n\n- Nausea\n- Chills\n"
    assert findings(text, select=["DUP001"]) == []


def test_duplicate_sentence_exact_and_near() -> None:
    text = (
        "Ketamine was approved for anesthesia in the United States in 1970.\n\n"
        "Other text goes here to separate things.\n\n"
        "Ketamine was approved for anesthesia in the United States in 1970.\n\n"
        "Ketamine was approved for use in anesthesia in the United States in 1970.\n"
    )
    found = findings(text, select=["DUP003"])
    assert [f.line for f in found] == [5, 7]
    assert "repeats the sentence at line 1" in found[0].message
    assert "nearly" in found[1].message
    for f in found:
        assert_positions(f, text)


def test_repeated_paragraph_reported_once() -> None:
    para = "The kidneys filter the blood. They remove waste and extra water from the body."
    text = f"{para}\n\nSomething else entirely is said here.\n\n{para}\n"
    found = findings(text, select=["DUP003"])
    assert len(found) == 1
    assert "paragraph" in found[0].message and found[0].line == 5


def test_short_sentences_are_not_compared() -> None:
    assert findings("Call your doctor.\n\nCall your doctor.\n", select=["DUP003"]) == []


def test_repeated_word_and_fix() -> None:
    text = "Talk to the the doctor about it.\n"
    found = findings(text, select=["DUP004"])
    assert len(found) == 1
    assert found[0].excerpt == "the the"
    assert (found[0].line, found[0].column) == (1, 9)
    assert apply_edits(text, found[0]) == "Talk to the doctor about it.\n"


def test_repeated_word_allowed_and_markup() -> None:
    assert findings("He had had enough. I know that that is true.\n", select=["DUP004"]) == []
    found = findings("See the **the** doctor.\n", select=["DUP004"])
    assert len(found) == 1 and found[0].fix is None


def test_dup002_threshold_is_configurable() -> None:
    from helpers import parse_text

    from checker.config import from_mapping
    from checker.engine import check_documents

    text = "- Feeling tired and weak during the day\n- Feeling tired and weak at night\n"
    doc = parse_text(text)
    loose = from_mapping({"select": ["DUP002"], "rules": {"DUP002": {"threshold": 0.3}}})
    assert len(check_documents([doc], loose).findings) == 1
    strict = from_mapping({"select": ["DUP002"]})
    assert check_documents([doc], strict).findings == []


def test_parallel_sentences_that_differ_in_a_key_word_are_not_repeats() -> None:
    text = (
        "Bethlem myopathy is typically inherited in an autosomal dominant manner, as are some "
        "cases of the intermediate form.\n\n"
        "Ullrich myopathy is typically inherited in an autosomal recessive manner, as are some "
        "cases of the intermediate form.\n\n"
        "Health care providers should treat people with chronic hepatitis B before they "
        "develop cirrhosis.\n\n"
        "Health care providers should treat people with chronic hepatitis C before they "
        "develop cirrhosis.\n"
    )
    assert findings(text, select=["DUP003"]) == []
