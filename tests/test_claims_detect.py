"""Claim detection on the seed article (Markdown and plain text) and on unseen sentences."""

from __future__ import annotations

import pytest
from conftest import SEED_MD, SEED_TXT
from helpers import parse_text

from checker.claims import assess, detect, load_lexicon
from checker.document import Document

# (fragment of the sentence, acceptable kinds, a cue that must be reported)
MUST_FLAG = [
    (
        "Association of America called the treatment a rising star",
        {"attribution", "comparative"},
        "called",
    ),
    ("as answers to the growing rates of depression", {"statistic"}, "growing rates"),
    ("then achieved FDA approval in 1970", {"history", "regulatory"}, "approval"),
    ("research dating back to the 1970s found that", {"research", "history"}, "found"),
    ("It blocks a receptor called NMDA", {"mechanism"}, "blocks a receptor"),
    ("rapid and long-lasting improvements in mood", {"efficacy"}, "improvements"),
    ("often provides rapid relief", {"efficacy", "comparative"}, "relief"),
    ("not generally considered to be a highly addictive substance", {"safety"}, "addictive"),
    ("research indicates that ketamine does not cause long-term", {"research"}, "indicates"),
    ("documented cases of tolerance and dependence", {"research"}, "documented cases"),
    ("ketamine-related death in 2023", {"history"}, "2023"),
    ("ensures careful dosing and monitoring", {"safety"}, "risk"),
    ("generally safe when takenunder medical supervision", {"safety"}, "generally safe"),
    ("generally safe under medical supervision, some side effects", {"safety"}, "generally safe"),
    ("are effective treatments for treatment-resistant", {"efficacy"}, "effective"),
    ("higher potency and stronger affinity", {"comparative", "efficacy"}, "higher potency"),
    ("sometimes called the \u201cwild west\u201d", {"attribution", "comparative"}, "wild west"),
]

MUST_NOT_FLAG = [
    "A closer look at the safety concerns",
    "This article will explore",
    "This is why medical supervision is essential.",
    "Watch out for these warning signs",
    "Frequent cravings for ketamine",
    "Using ketamine in higher doses",
    "Seeking ketamine from non-medical sources",
    "Experiencing withdrawal symptoms",
    "Dizziness",
    "Increase in blood pressure",
    "Dissociative effects",
    "Increase in heart rate",
    "there is no single \u201cright\u201d way",
    "A licensed medical provider can help determine",
    "including Is ketamine therapy addictive?",
    "So, is ketamine safe?",
    "Can it lead to dependence or addiction?",
    "The best approach isn\u2019t just about receiving the drug",
    "Interested in learning more",
    "Schedule a consult with our clinical team",
]


def _seed(path) -> Document:
    return parse_text(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(scope="module", params=[SEED_MD, SEED_TXT], ids=["markdown", "text"])
def seed_claims(request):
    doc = _seed(request.param)
    return doc, detect(doc)


def _find(claims, fragment: str):
    hits = [c for c in claims if fragment in c.text]
    return hits[0] if hits else None


@pytest.mark.parametrize(
    ("fragment", "kinds", "cue"), MUST_FLAG, ids=[m[0][:30] for m in MUST_FLAG]
)
def test_seed_claims_are_flagged_with_a_sensible_kind(seed_claims, fragment, kinds, cue):
    _, claims = seed_claims
    claim = _find(claims, fragment)
    assert claim is not None, f"not flagged: {fragment!r}"
    assert claim.kind in kinds
    assert any(cue.lower() in c.lower() for c in claim.cues), claim.cues
    assert claim.score >= load_lexicon().threshold
    assert claim.support.status == "none"
    assert claim.risk in ("error", "warning", "info") and claim.why


@pytest.mark.parametrize("fragment", MUST_NOT_FLAG)
def test_seed_non_claims_are_not_flagged(seed_claims, fragment):
    doc, claims = seed_claims
    assert any(fragment in s.text for s in doc.sentences(prose_only=False)), fragment
    assert _find(claims, fragment) is None


def test_headings_and_captions_are_never_claims():
    doc = _seed(SEED_MD)
    claims = detect(doc)
    assert all(c.sentence.block.is_prose for c in claims)
    # The title is a heading and would score as a claim ("addictive") if it were prose.
    assert not any("Understanding the Risks" in c.text for c in claims)
    assert not any("Unsplash" in c.text or "Mixed media" in c.text for c in claims)


def test_claim_spans_slice_to_the_sentence():
    doc = _seed(SEED_MD)
    for claim in detect(doc):
        start, end = claim.source_span()
        source = doc.source.text[start:end]
        assert " ".join(source.split()).startswith(" ".join(claim.text.split())[:20])


UNSEEN_CLAIMS = [
    ("Clinical trials have shown that the drug lowers blood pressure in most adults.", "research"),
    ("About 30 percent of adults in the United States have high blood pressure.", "statistic"),
    ("Aspirin was first synthesized in 1897 by a chemist at Bayer.", "history"),
    ("The vaccine is highly effective against severe illness.", "efficacy"),
    ("Lithium may reduce the risk of suicide in people with bipolar disorder.", "safety"),
    ("Statins work by blocking an enzyme the liver needs to make cholesterol.", "mechanism"),
    ("The American Heart Association recommends that adults limit their salt intake.", None),
    ("Melatonin is safer than most prescription sleep aids for older adults.", "comparative"),
]


@pytest.mark.parametrize(("sentence", "kind"), UNSEEN_CLAIMS)
def test_rules_generalise_to_unseen_claims(sentence, kind):
    found = assess(sentence, load_lexicon())
    assert found.is_claim, (found.score, found.cues, found.excluded)
    if kind:
        assert found.kind == kind


UNSEEN_NON_CLAIMS = [
    "Talk to your doctor before you stop taking any medicine.",
    "In this article we will explore the causes of migraine.",
    "What are the side effects of statins?",
    "Call our office to book an appointment with our specialists.",
    "Swelling of the ankles",
    "We are open from nine to five on weekdays.",
    "Book your appointment today.",
    "Ready to feel like yourself again?",
    "If your symptoms get worse, call the clinic right away.",
]


@pytest.mark.parametrize("sentence", UNSEEN_NON_CLAIMS)
def test_advice_questions_and_fragments_are_not_claims(sentence):
    assert not assess(sentence, load_lexicon()).is_claim


def test_list_item_fragments_without_a_verb_are_not_claims_but_full_items_are():
    doc = parse_text(
        "Risks:\n\n"
        "- Higher rates of infection after surgery\n"
        "- Smoking increases the risk of lung cancer by 20 percent.\n"
    )
    texts = [c.text for c in detect(doc)]
    assert texts == ["Smoking increases the risk of lung cancer by 20 percent."]


def test_hedged_claims_still_need_a_source_and_are_marked_hedged():
    lexicon = load_lexicon()
    plain = assess("Ketamine relieves depression within hours.", lexicon)
    hedged = assess("Ketamine might relieve depression within hours.", lexicon)
    assert plain.is_claim and hedged.is_claim
    assert hedged.hedged and not plain.hedged
