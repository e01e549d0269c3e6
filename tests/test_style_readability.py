"""Readability: STY001 reading-level and STY002 long-sentence, their settings and corpus rates."""

from __future__ import annotations

import random
import statistics

import pytest
from conftest import SEED_MD
from helpers import parse_text

from checker.checks.style import article_grade, fk_grade, score
from checker.config import from_mapping
from checker.engine import check_documents
from checker.errors import ConfigError

EASY = " ".join(["The cat sat on the mat. It was a good cat."] * 12)
LONG = (
    "Patients who receive the infusion in a clinic are watched by a nurse for two hours, "
    "because the drug can raise blood pressure and cause dizziness, and the nurse writes "
    "down every change so that the doctor can adjust the dose."
)


def run(text: str, name: str = "article.md", **config):
    settings = {"select": ["STY"], **config}
    return check_documents([parse_text(text, name)], from_mapping(settings)).findings


@pytest.fixture(scope="module")
def seed_findings():
    return run(SEED_MD.read_text(encoding="utf-8"), str(SEED_MD))


def test_flesch_kincaid_formula():
    assert fk_grade(100, 5, 150) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert fk_grade(0, 0, 0) == 0.0


def test_seed_grade_is_reported_once_with_the_figure(seed_findings):
    (finding,) = [f for f in seed_findings if f.rule == "STY001"]
    grade = finding.data["grade"]
    assert 8 < grade < 16
    assert f"grade {grade:.1f}" in finding.message and "target 8" in finding.message
    assert finding.excerpt == "Is Ketamine Therapy Addictive? Understanding the Risks."
    assert len(finding.data["hardest"]) == 3 == len(finding.related)
    hardest = finding.data["hardest"]
    assert [h["grade"] for h in hardest] == sorted((h["grade"] for h in hardest), reverse=True)
    assert all(h["grade"] > grade for h in hardest)
    assert f"line {hardest[0]['line']}" in finding.message


def test_grade_counts_prose_only():
    doc = parse_text("# An extraordinarily complicated pharmacological heading\n\n" + EASY)
    scored = score(doc)
    assert all(s.sentence.block.kind.value == "paragraph" for s in scored)
    assert article_grade(scored) < 2


def test_easy_and_short_articles_are_not_reported():
    assert run("# Title\n\n" + EASY) == []
    assert run("# Title\n\nKetamine causes pharmacological dissociation.") == []


def test_target_grade_and_min_words_are_configurable(seed_findings):
    seed = SEED_MD.read_text(encoding="utf-8")
    grade = next(f for f in seed_findings if f.rule == "STY001").data["grade"]
    assert not [f for f in run(seed, style={"target-grade": grade + 1}) if f.rule == "STY001"]
    assert not [f for f in run(seed, style={"min_words": 5000}) if f.rule == "STY001"]


def test_long_sentence_is_reported_at_the_sentence():
    text = "# Title\n\nShort one. " + LONG + " Another short one.\n"
    (finding,) = run(text, select=["STY002"])
    assert finding.excerpt == LONG
    assert finding.data == {"words": 41, "limit": 30}
    assert run(text, select=["STY002"], style={"long-sentence-words": 45}) == []


def test_long_sentences_in_headings_and_captions_are_not_reported():
    text = f"# {LONG}\n\n![{LONG}](a.jpg)\n"
    assert run(text, select=["STY002"]) == []


def test_seed_long_sentences(seed_findings):
    long = [f for f in seed_findings if f.rule == "STY002"]
    assert [f.data["words"] for f in long] == [32, 36, 31, 33]
    assert all(f.severity.value == "info" for f in long)


@pytest.mark.parametrize("code", ["STY001", "STY002"])
def test_each_rule_can_be_turned_off(code):
    seed = SEED_MD.read_text(encoding="utf-8")
    found = run(seed, rules={code: {"enabled": False}})
    assert code not in {f.rule for f in found}
    assert found, "the other style rule still runs"


def test_severity_is_configurable():
    text = "# Title\n\n" + LONG
    (finding,) = run(text, select=["STY002"], rules={"STY002": {"severity": "warning"}})
    assert finding.severity.value == "warning"


def test_unknown_or_mistyped_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown key 'target'"):
        run("# T\n\n" + LONG, style={"target": 6})
    with pytest.raises(ConfigError, match="long_sentence_words must be int"):
        run("# T\n\n" + LONG, style={"long-sentence-words": "thirty"})


def test_html_articles_are_graded_the_same_way():
    page = f"<h1>Title</h1><p>{LONG}</p><ul><li>{LONG}</li></ul>"
    found = run(page, "page.html", select=["STY002"])
    assert len(found) == 2 and {f.excerpt for f in found} == {LONG}


def test_corpus_grades_and_long_sentence_rate(corpus):
    """MedQuAD (NIH patient pages): grades are plausible and STY002 stays a few per 1,000 words."""
    files = sorted(corpus.glob("*.md"))
    sample = random.Random(8).sample(files, 150)
    docs = [parse_text(p.read_text(encoding="utf-8"), str(p)) for p in sample]
    grades = [article_grade(score(d)) for d in docs if sum(s.words for s in score(d)) >= 100]
    median = statistics.median(grades)
    print(f"medquad sample: median grade {median:.1f}, n={len(grades)}")
    assert 8 < median < 14
    found = check_documents(docs, from_mapping({"select": ["STY002"]})).findings
    words = sum(d.words() for d in docs)
    rate = 1000 * len(found) / words
    print(f"STY002: {rate:.2f} per 1,000 words")
    assert rate < 5


def test_references_sections_are_not_prose_for_readability():
    entry = "- " + LONG + "\n"
    assert run(f"# T\n\nShort.\n\n## References\n\n{entry}", select=["STY002"]) == []
    custom = f"# T\n\nShort.\n\n## Quellen\n\n{entry}"
    assert len(run(custom, select=["STY002"])) == 1
    names = {"reference_headings": ["Quellen"]}
    assert run(custom, select=["STY002"], structure=names) == []
