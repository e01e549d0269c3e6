"""Spelling recall and suggestions: the error model, frequency ranking, the far search, the
list of common misspellings, hyphenated parts, and medical words that must stay quiet."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import apply_edits, assert_positions, findings

from checker.spelling import load_engine
from checker.spelling.errormodel import ErrorModel, parse_confusions
from checker.spelling.suggest import MAX_SUGGEST_LENGTH

sys.path.insert(0, str(ROOT / "scripts"))
from build_misspellings import held_out, pairs  # noqa: E402

BENCH_SET = ROOT / "bench" / "data" / "spelling_injected.tsv"


def spl(text: str):
    """Spelling findings of ``text``, each checked for exact positions."""
    found = findings(text, "article.md", ["SPL"])
    for finding in found:
        assert_positions(finding, text)
    return found


@pytest.fixture(scope="module")
def engine():
    return load_engine({})


@pytest.mark.parametrize(
    ("typo", "right"), [("alot", "a lot"), ("recieve", "receive"), ("definately", "definitely")]
)
def test_common_misspellings_have_their_correction_and_a_safe_fix(typo, right):
    text = f"Patients {typo} care and we will see them.\n"
    found = spl(text)
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [("SPL001", typo, right)]
    assert found[0].fix is not None and found[0].fix.applicability == "safe"
    assert apply_edits(text, found[0]) == text.replace(typo, right)


def test_listed_misspelling_follows_capitalisation():
    found = spl("Alot of people feel better.\n")
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("Alot", "A lot")]


def test_frequency_breaks_ties_between_equally_close_words(engine):
    # "win", "wit" and "with" are all one edit from "witn"; "with" is by far the commonest.
    assert engine.suggester.candidates("witn")[0].word == "with"
    assert engine.suggester.candidates("anad")[0].word == "and"


@pytest.mark.parametrize(
    ("typed", "likely", "unlikely"),
    [
        ("fone", "phone", "bone"),  # ph/f sounds alike; f and b are not neighbours
        ("responsable", "responsible", "responsa"),  # -able/-ible
        ("recieve", "receive", "relieve"),  # ie/ei
        ("teh", "the", "ten"),  # swapped neighbours
        ("tomorow", "tomorrow", "tomato"),  # a single letter for a double
    ],
)
def test_error_model_prefers_likely_slips(engine, typed, likely, unlikely):
    model = engine.suggester.model
    assert model.distance(typed, likely) < model.distance(typed, unlikely)


def test_confusion_costs_less_than_the_letter_edits_it_stands_for():
    plain = ErrorModel()
    sounds = ErrorModel(parse_confusions(["f <> ph 0.4"]))
    assert sounds.distance("fysician", "physician") == pytest.approx(0.4)
    assert plain.distance("fysician", "physician") > 1.0
    assert sounds.distance("phish", "fish") == pytest.approx(0.4)
    with pytest.raises(ValueError, match="expected"):
        parse_confusions(["f ph"])


@pytest.mark.parametrize(
    ("typo", "right"), [("simptums", "symptoms"), ("rythem", "rhythm"), ("speshal", "special")]
)
def test_far_misspellings_of_common_words_are_found(engine, typo, right):
    assert engine.suggester.far(typo)[0].word == right


@pytest.mark.parametrize(("typo", "right"), [("sirjery", "surgery"), ("medisin", "medicine")])
def test_far_misspelling_reported_when_not_on_the_list(engine, typo, right):
    # Two slips or sounds from a common word, and on no list.
    assert typo not in engine.speller.vocab.misspellings
    found = spl(f"After the {typo} she felt better.\n")
    assert [(f.rule, f.excerpt, f.suggestions[0]) for f in found] == [("SPL001", typo, right)]


def test_short_acronyms_of_the_medical_dictionary_are_not_words_in_lower_case():
    # en_med lists "CNA", "MOR" and "HSA": in lower case they are slips for common words.
    found = spl("You cna take mor of it.\n")
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("cna", "can"), ("mor", "more")]


def test_lower_cased_medical_name_doubted_next_to_a_common_word():
    found = spl("We weill call you tomorrow.\n")
    assert [f.excerpt for f in found] == ["weill"]
    assert "will" in found[0].suggestions[:2]


def test_unknown_part_of_a_hyphenated_word_is_reported_at_its_place():
    text = "It improves health-ralated quality of life.\n"
    found = spl(text)
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("ralated", "related")]
    assert apply_edits(text, found[0]) == text.replace("ralated", "related")


def test_hyphenated_names_and_foreign_phrases_stay_quiet():
    assert spl("Children with Donnai-Barrow syndrome or cri-du-chat syndrome grow.\n") == []


def test_run_together_split_ranked_by_the_frequency_of_its_parts(engine):
    splits = engine.suggester.splits("isthe", 3)
    assert splits[0] == ("is", "the")
    found = spl("The treatment isthe same for adults.\n")
    assert [(f.rule, f.suggestions[0]) for f in found] == [("SPL002", "is the")]


def test_medical_and_drug_vocabulary_stays_quiet():
    text = (
        "Esketamine and ketamine treat depression; sitosterolemia, hypercalciuria and "
        "neurodegeneration are rare. Adalimumab, pembrolizumab and semaglutide are drugs. "
        "Thrombocytopenia, cholecystectomy and electroencephalography are common terms.\n"
    )
    assert spl(text) == []


def test_no_suggestions_for_very_long_words(engine):
    word = "pneumonoultramicroscopicsilicovolcanoconiosisxyzabc"
    assert len(word) > MAX_SUGGEST_LENGTH
    start = time.perf_counter()
    assert engine.suggester.candidates(word) == ()
    assert engine.suggester.far(word) == ()
    assert engine.suggester.distant(word) == ()
    assert time.perf_counter() - start < 0.5


def test_build_script_keeps_only_unambiguous_entries(tmp_path):
    source = tmp_path / "dictionary.txt"
    source.write_text("recieve->receive\nalot->a lot, allot,\nabbout->about\nX1->y\n")
    assert pairs(source) == {"recieve": "receive", "abbout": "about"}


def test_shipped_list_leaves_the_held_out_misspellings_out(engine):
    listed = engine.speller.vocab.misspellings
    assert len(listed) > 10000
    assert not any(held_out(w) for w in listed if w not in ("alot",))
    assert all(not engine.speller.known(w) for w in list(listed)[:2000])


def test_benchmark_set_is_saved_and_split():
    if not BENCH_SET.is_file():
        pytest.skip(f"benchmark set not built at {BENCH_SET}")
    with Path(BENCH_SET).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    parts = {r["part"] for r in rows}
    assert parts == {"tuning", "held-out"}
    assert sum(r["part"] == "held-out" for r in rows) >= 600
    for row in rows:
        start = int(row["start"])
        assert row["injected"][start : start + len(row["wrong"])] == row["wrong"]
        assert held_out(row["wrong"]) == (row["part"] == "held-out")


def test_the_misspelt_part_among_two_unknown_parts_is_reported():
    # "valosin" is a rare protein name, "conteining" a slip: only the slip is reported.
    text = "It makes a valosin-conteining protein.\n"
    found = spl(text)
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("conteining", "containing")]


def test_a_closed_compound_is_still_a_typo_when_a_common_word_is_clearly_meant(engine):
    # "simptums" cuts into "simp" + "tums", yet "symptoms" is far likelier.
    assert engine.speller.two_words("simptums")
    import dataclasses

    vocab = engine.speller.vocab
    engine.speller.vocab = dataclasses.replace(vocab, misspellings={})
    try:
        found = spl("Early simptums include fever.\n")
    finally:
        engine.speller.vocab = vocab
    assert [(f.excerpt, f.suggestions[0]) for f in found] == [("simptums", "symptoms")]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("It was an njury to the knee.\n", "injury"),
        ("It was a njury to the knee.\n", "jury"),
        ("It is an ocan view.\n", "ocean"),
    ],
)
def test_the_article_before_the_word_orders_close_suggestions(text, first):
    found = spl(text)
    assert len(found) == 1 and found[0].suggestions[0] == first
