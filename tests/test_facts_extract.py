"""Extraction: aliases, case, anaphora, generic subjects, qualifiers, negation, positions."""

from __future__ import annotations

import pytest
from conftest import SEED_MD, SEED_TXT
from helpers import parse_text

from checker.facts.base import load_fact_base
from checker.facts.extract import UNNAMED, Extractor, Statement, topic_acronyms
from checker.resources import DEFAULT_RULES_DIR


@pytest.fixture(scope="module")
def base():
    return load_fact_base(DEFAULT_RULES_DIR / "facts.yml")


@pytest.fixture(scope="module")
def extractor(base) -> Extractor:
    return Extractor(base)


@pytest.fixture(scope="module")
def generic(base) -> Extractor:
    return Extractor(base.without_knowledge())


def extract(x: Extractor, text: str, name: str = "a.md") -> list[Statement]:
    return x.extract(parse_text(text, name))


def facts(statements: list[Statement]) -> list[tuple[str, str, str]]:
    return [(s.subject.key, s.attribute.name, s.value.label) for s in statements]


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT], ids=["markdown", "text"])
def test_seed_statements_at_exact_places(extractor: Extractor, path) -> None:
    text = path.read_text(encoding="utf-8")
    found = extract(extractor, text, path.name)
    got = {(s.subject.key, s.attribute.name, s.value.label, s.text) for s in found}
    assert ("ketamine", "fda_approval", "1970", "1970") in got
    assert ("ketamine", "first_use", "1960s", "1960s") in got
    assert ("Matthew Perry", "death_year", "2023", "2023") in got
    assert ("esketamine", "route", "nasal spray", "nasal spray") in got
    approval = next(s for s in found if s.attribute.name == "fda_approval")
    assert approval.start == text.index("approval in 1970") + len("approval in ")
    for s in found:
        assert text[s.start : s.end] == s.text


def test_aliases_resolve_to_their_entity(extractor: Extractor) -> None:
    found = extract(extractor, "Spravato is a nasal spray. Ketalar was approved in 1970.\n")
    assert facts(found) == [
        ("esketamine", "route", "nasal spray"),
        ("ketamine", "fda_approval", "1970"),
    ]
    assert found[0].via == '"Spravato"'


def test_misspelled_brand_is_not_an_alias_but_the_fixed_one_is(extractor: Extractor) -> None:
    assert extractor.mentions("Spavato esketamine nasal spray")[0].entity.name == "esketamine"
    assert [m.entity.name for m in extractor.mentions("Spavato is new")] == []
    assert [m.entity.name for m in extractor.mentions("Spravato is new")] == ["esketamine"]


def test_generic_names_match_any_case_but_esketamine_is_not_ketamine(extractor) -> None:
    names = [m.entity.name for m in extractor.mentions("KETAMINE, Ketamine and esketamine")]
    assert names == ["ketamine", "ketamine", "esketamine"]


def test_case_sensitive_alias(extractor: Extractor) -> None:
    assert [m.entity.name for m in extractor.mentions("Perry died")] == ["Matthew Perry"]
    assert extractor.mentions("a perry is a pear cider") == []


def test_pronoun_refers_to_the_previous_sentence_entity(extractor: Extractor) -> None:
    found = extract(extractor, "Ketamine is an anesthetic. It was approved in 1975.\n")
    assert facts(found) == [("ketamine", "fda_approval", "1975")]
    assert "previous sentence" in found[0].via
    found = extract(extractor, "Spravato is new. The drug is taken as a pill.\n")
    assert facts(found) == [("esketamine", "route", "oral")]


def test_ambiguous_pronoun_is_not_resolved(extractor: Extractor) -> None:
    text = "Ketamine and esketamine are related. It was approved in 1975.\n"
    # still a checkable statement (FCT005 lists it), about no subject, compared with nothing
    assert [s.subject for s in extract(extractor, text)] == [UNNAMED]


def test_pronoun_without_antecedent_is_not_resolved(extractor: Extractor) -> None:
    found = extract(extractor, "The weather was fine. It was approved in 1975.\n")
    assert [s.subject for s in found] == [UNNAMED]


def test_nearest_entity_before_the_value_not_in_an_aside(extractor: Extractor) -> None:
    text = "Spravato, a form of ketamine, was approved by the FDA in 2019.\n"
    assert facts(extract(extractor, text)) == [("esketamine", "fda_approval", "2019")]


def test_attribute_applies_only_to_its_kind(extractor: Extractor) -> None:
    text = "Matthew Perry\u2019s ketamine-related death in 2023 was a shock.\n"
    assert facts(extract(extractor, text)) == [("Matthew Perry", "death_year", "2023")]


def test_negated_and_foreign_statements_are_skipped(extractor: Extractor) -> None:
    assert extract(extractor, "Spravato is not taken as a pill.\n") == []
    assert extract(extractor, "Ketamine was approved in Europe in 1972.\n") == []


def test_year_wording_variants(extractor: Extractor) -> None:
    found = extract(extractor, "Ketamine was approved by the FDA in the year 1970.\n")
    assert facts(found) == [("ketamine", "fda_approval", "1970")]
    assert found[0].text == "1970"


def test_generic_subject_at_sentence_start(generic: Extractor) -> None:
    text = "# Achondroplasia\n\nAchondroplasia affects about 1 in 20,000 people worldwide.\n"
    found = extract(generic, text)
    assert facts(found) == [("achondroplasia", "prevalence", "1 in 20,000")]
    assert found[0].value.approx and found[0].qualifier == ""


def test_topic_anaphor_and_qualifier(generic: Extractor) -> None:
    text = "# Canavan disease\n\nIn Japan, the condition occurs in 1 in 6,400 newborns.\n"
    found = extract(generic, text)
    assert facts(found) == [("canavan disease", "birth_incidence", "1 in 6,400")]
    assert found[0].qualifier == "japan"


def test_acronym_of_the_subject(generic: Extractor) -> None:
    assert "EDS" in topic_acronyms("Ehlers-Danlos syndrome")
    text = "# Barth syndrome\n\nBarth syndrome (BTHS) is rare. BTHS is an X-linked disorder.\n"
    found = extract(generic, text)
    assert facts(found) == [
        ("barth syndrome", "inheritance", "X-linked dominant or X-linked recessive")
    ]


def test_generic_subject_does_not_run_past_a_verb(generic: Extractor) -> None:
    text = "MPAN is a rare condition that affects fewer than 1 in 1 million people.\n"
    assert extract(generic, text) == []


def test_empty_base_keys_generic_patterns_by_name(generic: Extractor) -> None:
    found = extract(generic, "Ketamine was approved by the FDA in 1970. It is an IV drug.\n")
    assert facts(found) == [("ketamine", "fda_approval", "1970")]
    assert not found[0].subject.known, "no fact-base entity: keyed by the written name"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Spravato (esketamine) nasal spray was approved by the FDA in March 2019.",
            [("esketamine", "route", "nasal spray"), ("esketamine", "fda_approval", "2019")],
        ),
        ("In 2019, the FDA approved Spravato.", [("esketamine", "fda_approval", "2019")]),
        (
            "Ketamine was approved in 1970, and esketamine was approved in 2019.",
            [("ketamine", "fda_approval", "1970"), ("esketamine", "fda_approval", "2019")],
        ),
        ("Perry died on October 28, 2023.", [("Matthew Perry", "death_year", "2023")]),
        ("Spravato is used with an oral antidepressant.", []),
        ("Spravato is given in a certified clinic.", []),
    ],
)
def test_clinic_wordings(extractor: Extractor, sentence: str, expected) -> None:
    assert facts(extract(extractor, sentence + "\n")) == expected
