"""The claims model: its labelled set, the held-out scores, reproducible weights, kinds, risk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.claims import assess, load_lexicon
from checker.claims.features import load_spec
from checker.claims.training import evaluate, held_out, read_examples, split

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "claims-labelled.tsv"
MODEL = ROOT / "rules" / "claims-model.json"
CLINICS = ("ketamine", "tms", "weight", "derm", "dental", "chiro", "iv", "fert", "gp")


def _predict(example) -> bool:
    return assess(example.text, load_lexicon(), block_kind=example.block).is_claim


def test_labelled_set_is_large_varied_and_split_by_article():
    examples = read_examples(DATA)
    assert len(examples) >= 1500
    assert sum(e.source.startswith("medquad/") for e in examples) >= 1000
    clinic = {e.source.split("/")[1].split("-")[0] for e in examples if e.source.startswith("c")}
    assert set(CLINICS) <= clinic
    assert {e.label for e in examples} == {True, False}
    train, held = split(examples)
    assert 0.15 < len(held) / len(examples) < 0.35
    assert not {e.source for e in train} & {e.source for e in held}
    assert all(held_out(e.source) for e in held)


def test_held_out_precision_and_recall_reach_the_target():
    _, held = split(read_examples(DATA))
    scores = evaluate(held, _predict)
    print(f"held-out: {scores.line()}")
    assert scores.precision >= 0.85 and scores.recall >= 0.85


def test_the_fitting_script_reproduces_the_shipped_weights():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fit_claims.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "shipped model matches" in out.stdout


def test_the_model_file_scores_every_feature_and_says_how_it_was_fitted():
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    names = load_spec(load_lexicon()).names()
    assert sorted(model["weights"]) == sorted(names)
    assert 0 < model["threshold"] < 1
    assert model["meta"]["fitted_by"] == "scripts/fit_claims.py"
    assert model["meta"]["data_sha256"]


# Sentences of kinds of text the labelled set does not hold (written for this test).
UNSEEN = [
    ("Ketamine infusions cure depression in most patients.", "absolute", "error", "cure"),
    ("Sertraline has fewer side effects than fluoxetine.", "comparative", "error", "two named"),
    ("Medication works for everyone within two weeks.", "absolute", "error", "everyone"),
    ("Our laser facial is completely safe for every skin type.", "absolute", "error", "safety"),
    ("Results are guaranteed after three visits.", "absolute", "error", "guaranteed"),
    ("Invisalign straightens teeth faster than metal braces.", "comparative", "error", "named"),
    ("Roughly 12 percent of adults grind their teeth at night.", "statistic", "warning", "12"),
    ("A 2019 trial found that acupuncture eased hot flashes.", "research", "warning", "found"),
    ("Zepbound was approved by the FDA in 2023 for obesity.", "regulatory", "warning", "status"),
    ("Psoriasis is a long-term disease of the immune system.", "background", "info", "fact"),
]


@pytest.mark.parametrize(("sentence", "kind", "risk", "why"), UNSEEN)
def test_unseen_claims_get_a_kind_a_risk_and_a_reason(sentence, kind, risk, why):
    found = assess(sentence, load_lexicon())
    assert found.is_claim, (found.score, found.excluded)
    assert (found.kind, found.risk) == (kind, risk), found.why
    assert why.lower() in found.why.lower()


NOT_ASSERTIONS = [
    ("Does laser hair removal hurt?", "paragraph"),
    ("Is semaglutide right for me?", "paragraph"),
    ("Apply a thin layer of the cream twice a day.", "paragraph"),
    ("Bring your insurance card and a list of your medicines.", "paragraph"),
    ("If the pain spreads to your arm, call 911 immediately.", "paragraph"),
    ("Book your free consultation today.", "paragraph"),
    ("Call us to schedule your first infusion.", "paragraph"),
    ("Contact our front desk for pricing.", "paragraph"),
    ("Ketamine Cures Depression Fast", "heading"),
    ("Side Effects of Botox", "heading"),
    ("Swelling at the injection site", "list_item"),
    ("In this guide, we explain how TMS works.", "paragraph"),
]


@pytest.mark.parametrize(("sentence", "block"), NOT_ASSERTIONS)
def test_questions_instructions_calls_to_action_and_headings_are_never_claims(sentence, block):
    found = assess(sentence, load_lexicon(), block_kind=block)
    assert not found.is_claim, (found.score, found.why)


def test_clm001_severity_is_the_risk_tier_and_the_message_says_why(tmp_path):
    from helpers import parse_text

    from checker.config import Config
    from checker.engine import check_documents

    text = (
        "Our infusions have no side effects.\n\n"
        "Semaglutide works better than tirzepatide.\n\n"
        "Roughly 12 percent of adults grind their teeth at night.\n\n"
        "Psoriasis is a long-term disease of the immune system.\n"
    )
    doc = parse_text(text, str(tmp_path / "article.md"))
    config = Config(root=tmp_path, select=["CLM001"], sections={"claims": {"min_risk": "info"}})
    result = check_documents([doc], config)
    found = [(f.line, f.severity.value, f.message) for f in result.findings]
    assert [(line, severity) for line, severity, _ in found] == [
        (1, "error"),
        (3, "error"),
        (5, "warning"),
        (7, "info"),
    ]
    assert "absolute safety claim" in found[0][2]
    assert "compares two named treatments: semaglutide, tirzepatide" in found[1][2]


def test_explain_clm001_describes_the_features_and_the_model_file():
    from conftest import run_cli

    out = run_cli("explain", "CLM001")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    for words in ("rules/claims-model.json", "scripts/fit_claims.py", "logistic regression"):
        assert words in text
    assert "cue:efficacy" in text and "universal quantifiers" in text
