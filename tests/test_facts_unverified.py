"""The psychiatric fact base: every fact catches a wrong value at its exact place; checkable
statements the base cannot check are FCT005 "unverified fact" findings and `checker facts` rows.
"""

from __future__ import annotations

import json

import pytest
from conftest import run_cli
from helpers import assert_positions, parse_text

from checker.config import Config
from checker.engine import check_documents
from checker.facts.base import Fact, FactBase, load_fact_base
from checker.findings import Finding
from checker.resources import rules_file

BASE: FactBase = load_fact_base(rules_file("facts.yml"))
WRONG_ROUTE = {"oral": "nasal spray", "nasal spray": "pill", "intravenous": "pill"}
SCHEDULES = ("I", "II", "III", "IV", "V")


def run(text: str, select: tuple[str, ...] = ("FCT",)) -> list[Finding]:
    doc = parse_text(text, "article.md")
    return check_documents([doc], Config(select=list(select))).findings


def wrong_statement(fact: Fact) -> tuple[str, str]:
    """A sentence stating a value the fact rules out, and that value as written."""
    name = fact.entity[0].upper() + fact.entity[1:]
    value = fact.value
    if fact.attribute == "dea_schedule":
        wrong = next(s for s in SCHEDULES if s not in value.categories)
        return f"{name} is a Schedule {wrong} controlled substance.", wrong
    if fact.attribute == "route":
        wrong = WRONG_ROUTE[sorted(value.categories)[0]]
        return f"{name} is taken as a {wrong}.", wrong
    if fact.attribute == "dose":
        wrong = f"{round(value.hi * 1000 * 10)} mg"
        return f"The usual dose of {name} is {wrong}.", wrong
    wrong = str(int(value.hi) + 3)
    templates = {
        "fda_approval": "{name} was approved by the FDA in {wrong}.",
        "first_use": "{name} was first used in {wrong}.",
        "death_year": "{name} died in {wrong}.",
        "boxed_warning": "The boxed warning for {name} was added in {wrong}.",
    }
    return templates[fact.attribute].format(name=name, wrong=wrong), wrong


FACTS = sorted(BASE.facts.values(), key=lambda f: f.line)


def test_the_base_has_at_least_40_sourced_reviewed_facts() -> None:
    assert len(FACTS) >= 40
    for fact in FACTS:
        assert fact.source.startswith("https://") and fact.reviewed.year >= 2026


@pytest.mark.parametrize("fact", FACTS, ids=[f"{f.entity}-{f.attribute}" for f in FACTS])
def test_a_wrong_value_is_caught_at_its_exact_place(fact: Fact) -> None:
    sentence, wrong = wrong_statement(fact)
    text = f"# Notes\n\nSome text first.\n\n{sentence}\n"
    found = [f for f in run(text) if f.rule == "FCT001"]
    assert len(found) == 1, (sentence, [f.message for f in run(text)])
    finding = found[0]
    assert finding.offset == text.index(wrong, text.index(sentence))
    assert finding.length == len(wrong) and finding.excerpt == wrong
    assert (finding.line, finding.column) == (5, sentence.index(wrong) + 1)
    assert fact.source in finding.message
    assert_positions(finding, text)


def test_tms_cleared_in_2010_is_flagged_with_2008() -> None:
    text = "# TMS\n\nThe FDA cleared TMS for depression in 2010.\n"
    finding = next(f for f in run(text) if f.rule == "FCT001")
    assert finding.excerpt == "2010" and (finding.line, finding.column) == (3, 39)
    assert "is 2008" in finding.message and finding.suggestions == ["2008"]


def test_an_approval_for_another_indication_is_unverified_not_wrong() -> None:
    text = (
        "# TMS\n\nTMS was cleared for OCD in 2018.\n\n"
        "Zoloft was approved by the FDA for the treatment of PTSD in 1999.\n\n"
        "Prozac was approved for depression in 1987.\n"
    )
    found = run(text)
    assert [f.rule for f in found] == ["FCT005", "FCT005"]
    assert [f.excerpt for f in found] == ["2018", "1999"]
    assert "sertraline" in found[1].message and "not 'ptsd'" in found[1].message


UNVERIFIED = [
    ("Auvelix was approved by the FDA in 2022.", "2022", "Auvelix", "fda_approval"),
    ("The FDA cleared the Flow headset in 2022 for depression.", "2022", "", "fda_approval"),
    ("Zorbafil is a Schedule IV drug.", "IV", "Zorbafil", "dea_schedule"),
    ("A 2019 study found that 70% of patients improved.", "70%", "Ketamine clinic", "study_share"),
    ("About 30 percent of people responded in a 2021 trial.", "30 percent", "", "study_share"),
    ("The usual dose of sertraline is 50 mg a day.", "50 mg", "sertraline", "dose"),
    ("ECT was cleared by the FDA in 2018.", "2018", "electroconvulsive therapy", "fda_approval"),
]


@pytest.mark.parametrize(("sentence", "value", "subject", "attribute"), UNVERIFIED)
def test_checkable_statements_the_base_cannot_check_are_unverified(
    sentence: str, value: str, subject: str, attribute: str
) -> None:
    text = f"# Ketamine clinic\n\n{sentence}\n"
    found = run(text)
    assert [f.rule for f in found] == ["FCT005"], [f.message for f in found]
    finding = found[0]
    assert finding.severity.value == "info" and finding.message.startswith("unverified fact")
    assert finding.excerpt == value and finding.data["attribute"] == attribute
    if subject:
        assert finding.data["entity"] == subject
    assert_positions(finding, text)


NOT_CHECKABLE = [
    "Many people feel better after a few sessions of therapy.",
    "About 60% of the adult body is water.",
    "The study was published in 2019 by researchers in Boston.",
    "Ask your doctor about the dose that is right for you.",
    "Schedule a consult with our clinical team.",
    "Sertraline is one of the most prescribed antidepressants.",
]


@pytest.mark.parametrize("sentence", NOT_CHECKABLE)
def test_other_sentences_are_not_unverified_facts(sentence: str) -> None:
    assert run(f"# Notes\n\n{sentence}\n", ("FCT005",)) == []


def test_checker_facts_lists_unverified_statements(tmp_path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# TMS\n\nTMS was cleared for OCD in 2018.\n", encoding="utf-8")
    result = run_cli("facts", "--format", "json", str(article))
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)["facts"]
    assert row["status"] == "unverified (not in fact base)" and row["qualifier"] == "ocd"
    assert row["entity"] == "transcranial magnetic stimulation" and row["text"] == "2018"


WORDINGS = [
    ("In 2009, the FDA cleared the first TMS device for depression.", "2009", "FCT001"),
    ("Esketamine has been FDA-approved since 2017.", "2017", "FCT001"),
    ("Adderall is classified as a Schedule III stimulant.", "III", "FCT001"),
    ("Antidepressants have carried a black box warning since 2001.", "2001", "FCT001"),
    ("The FDA approved Zulresso in March 2018 for postpartum depression.", "2018", "FCT001"),
    ("Lexapro (escitalopram) was approved in 2003.", "2003", "FCT001"),
    ("Spravato was approved in 2020 for adults with depression and suicidal thoughts.", "", ""),
    ("In 2008, the FDA cleared the first TMS device for depression.", "", ""),
    ("Abilify was approved as an add-on treatment for depression in 2007.", "2007", "FCT005"),
]


@pytest.mark.parametrize(("sentence", "value", "rule"), WORDINGS)
def test_other_wordings_of_checked_facts(sentence: str, value: str, rule: str) -> None:
    text = f"# Notes\n\n{sentence}\n"
    found = [f for f in run(text) if f.rule != "FCT005" or rule == "FCT005"]
    assert [(f.rule, f.excerpt) for f in found] == ([(rule, value)] if rule else [])
    for f in found:
        assert_positions(f, text)
