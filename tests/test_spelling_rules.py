"""The four spelling rules on real sentences, the seed article, the skip list and the fixes."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEED_MD, SEED_TXT, run_cli
from helpers import apply_edits, assert_positions, findings, parse_text

from checker.config import Config
from checker.engine import check_documents

SPL = ["SPL"]


def spl(text: str, name: str = "article.md"):
    """Spelling findings of ``text``, each checked for exact positions."""
    found = findings(text, name, SPL)
    for finding in found:
        assert_positions(finding, text)
    return found


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT], ids=["md", "txt"])
def test_seed_has_exactly_the_two_known_errors(path):
    text = path.read_text(encoding="utf-8")
    found = findings(text, path.name, SPL)
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [
        ("SPL002", "takenunder", "taken under"),
        ("SPL003", "Spavato", "Spravato"),
    ]
    for finding in found:
        assert_positions(finding, text)
        assert finding.fix is not None and finding.fix.applicability == "safe"
        fixed = apply_edits(text, finding)
        expected = text.replace(finding.excerpt, finding.suggestions[0], 1)
        assert fixed == expected
    assert findings(apply_edits(apply_edits(text, found[1]), found[0]), path.name, SPL) == []


def test_fix_command_repairs_seed_copy(tmp_path):
    copy = tmp_path / SEED_MD.name
    shutil.copy(SEED_MD, copy)
    result = run_cli("check", "--select", "SPL", "--fix", str(copy), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = copy.read_text(encoding="utf-8")
    original = SEED_MD.read_text(encoding="utf-8")
    expected = original.replace("takenunder", "taken under").replace("Spavato", "Spravato")
    assert fixed == expected


def test_unknown_word_with_ranked_suggestions():
    found = spl("Patients who tollerate the drug well can continue.\n")
    assert [f.rule for f in found] == ["SPL001"]
    assert found[0].excerpt == "tollerate"
    assert found[0].suggestions[0] == "tolerate"
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"


def test_unknown_word_in_heading_list_item_and_caption():
    text = (
        "# Recieving care\n\n- Frequent headahces\n\n"
        "![A nurse prepares an infuzion.](a.jpg)\n*Photo: Unsplash/somephotographer*\n"
    )
    found = spl(text)
    assert sorted(f.excerpt for f in found) == ["Recieving", "headahces", "infuzion"]


def test_run_together_words():
    found = spl("The tablets are best taken with food, but foodsinto the mix may help.\n")
    assert [(f.rule, f.suggestions[0]) for f in found] == [("SPL002", "foods into")]


def test_closed_compounds_are_not_run_together():
    assert spl("A microdeletion in the germline causes sleeplike episodes.\n") == []


def test_drug_near_miss_and_brand_case():
    found = spl("She was given ketamin first and spravato later.\n")
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [
        ("SPL003", "ketamin", "ketamine"),
        ("SPL003", "spravato", "Spravato"),
    ]
    assert "capital" in found[1].message


def test_capitalised_names_are_left_alone():
    text = "Researchers at the Juravinski center and Dr. Wilhelmsen studied Aarskog syndrome.\n"
    assert spl(text) == []


def test_us_uk_variants_are_inconsistent():
    text = (
        "Ketamine was developed as an anesthetic. Anesthetics are safe. "
        "An anaesthetic dose is larger.\n"
    )
    found = spl(text)
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [
        ("SPL004", "anaesthetic", "anesthetic")
    ]
    assert found[0].related and found[0].severity == "warning"


def test_case_variants_of_a_drug_mid_sentence():
    text = (
        "Doctors prescribe esketamine for depression. Many prefer esketamine to pills. "
        "The nasal spray contains Esketamine as its active ingredient.\n"
    )
    found = spl(text)
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [
        ("SPL004", "Esketamine", "esketamine")
    ]


def test_sentence_start_capital_is_not_a_case_variant():
    assert spl("Esketamine is a nasal spray. Doctors prescribe esketamine.\n") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Read more at https://example.org/ketamin-guide or write to info@clinik.example.",
        "Run `ketamin --dose` to see the dose.",
        "It was first used in the 1960s and 1970s, on the 3rd and 21st days.",
        "Take 25 mg or 2 mL twice daily, 120 mmHg at most.",
        "PTSD and NMDA receptors, BRCA1 and HbA1c levels, mRNA vaccines.",
        "Ketamine-related harms and non-medical use are well-known.",
        "The brain’s reward system and the patient's needs.",
    ],
)
def test_skip_list(sentence):
    assert spl(sentence + "\n") == []


def test_photo_credit_is_not_checked_but_description_is():
    text = "![Portrait of a nurce](a.jpg)\n*Photo: Unsplash/mangospaceship*\n"
    assert [f.excerpt for f in spl(text)] == ["nurce"]


def test_plain_text_seed_positions_match_markdown():
    md = findings(SEED_MD.read_text(encoding="utf-8"), SEED_MD.name, SPL)
    txt = findings(SEED_TXT.read_text(encoding="utf-8"), SEED_TXT.name, SPL)
    assert [(f.line, f.column) for f in md] == [(f.line, f.column) for f in txt]


def test_ambiguous_split_gets_an_unsafe_fix():
    found = spl("Nausea andare common after the infusion.\n")
    assert [(f.rule, f.suggestions[:2]) for f in found] == [("SPL002", ["and are", "an dare"])]
    assert found[0].fix is not None and found[0].fix.applicability == "unsafe"


def test_no_fix_when_the_word_spans_markup():
    text = "The dose is taken**under** supervision.\n"
    found = spl(text)
    assert [f.rule for f in found] == ["SPL002"]
    assert found[0].fix is None  # replacing the span would drop the emphasis markers


def test_names_are_checked_with_check_names():
    text = "She works at the Hopsital with Dr. Wilhelmsen.\n"
    config = Config(select=["SPL"], sections={"spelling": {"check_names": True}})
    found = check_documents([parse_text(text)], config).findings
    assert spl(text) == []  # by default a capitalised word in mid-sentence is a name
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("Hopsital", "Hospital")]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Ozempik", "Ozempic"), ("Zoloftt", "Zoloft"), ("Salih", None), ("Rican", None)],
)
def test_capitalised_brand_near_misses(word: str, expected: str | None) -> None:
    from helpers import findings

    text = f"# Title\n\nMy doctor prescribed {word} for me last year.\n"
    found = findings(text, select=["SPL"])
    if expected is None:
        assert found == []
    else:
        assert [(f.rule, f.suggestions[0]) for f in found] == [("SPL003", expected)]
