"""The fact base: the starter file loads; bad entries are errors naming their line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.facts.base import FactBaseError, load_fact_base
from checker.resources import DEFAULT_RULES_DIR

MINIMAL = """\
value_types:
  year: {kind: year}
  route:
    kind: category
    values:
      nasal spray: [nasal sprays]
snippets:
  verb: 'approved'
attributes:
  approval:
    label: approval year
    type: year
    applies_to: [drug]
    patterns:
      - '\\b{verb}\\s+in\\s+{value}'
entities:
  - name: esketamine
    kind: drug
    aliases: [Spravato]
facts:
  - entity: esketamine
    attribute: approval
    value: 2019
    source: https://www.fda.gov/example
    reviewed: 2026-01-31
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(FactBaseError) as caught:
        load_fact_base(write(tmp_path, text))
    return str(caught.value)


def test_starter_base_has_the_seed_facts_with_sources() -> None:
    base = load_fact_base(DEFAULT_RULES_DIR / "facts.yml")
    expected = {
        ("ketamine", "fda_approval"): "1970",
        ("ketamine", "first_use"): "1960s",
        ("esketamine", "fda_approval"): "2019, 2020",
        ("esketamine", "route"): "nasal spray",
        ("Matthew Perry", "death_year"): "2023",
    }
    for key, label in expected.items():
        fact = base.fact(*key)
        assert fact is not None, key
        assert fact.value.label == label
        assert fact.source.startswith("https://")
        assert isinstance(fact.reviewed, dt.date)
    assert "Spravato" in base.entities["esketamine"].aliases
    assert "Ketalar" in base.entities["ketamine"].aliases


def test_minimal_base_loads_and_expands_snippets(tmp_path: Path) -> None:
    base = load_fact_base(write(tmp_path, MINIMAL))
    assert base.attributes["approval"].patterns == ("\\b(?:approved)\\s+in\\s+{value}",)
    assert base.fact("esketamine", "approval").line == 21


# Lines of MINIMAL: 4 route's kind, 12 approval's type, 15 its pattern, 19 the entity's
# aliases, 21-25 the fact (entity, attribute, value, source, reviewed).
@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("value: 2019", "value: next year", 23, "not a year"),
        ("attribute: approval\n", "attribute: approvel\n", 22, "unknown attribute 'approvel'"),
        ("entity: esketamine\n", "entity: ketamine\n", 21, "unknown entity 'ketamine'"),
        ("source: https://www.fda.gov/example", "source: the FDA", 24, "source must be the URL"),
        ("reviewed: 2026-01-31", "reviewed: last week", 25, "reviewed must be a date"),
        ("type: year", "type: decade", 12, "unknown type"),
        ("{verb}\\s+in", "{verb}\\s+in(", 15, "bad regular expression"),
        ("\\s+in\\s+{value}", "\\s+in\\s+", 15, "exactly one {value}"),
        ("{verb}", "{verbs}", 15, "unknown placeholder {verbs}"),
        ("kind: drug", "kind: drug\n    colour: blue", 19, "unknown key 'colour'"),
        (
            "aliases: [Spravato]",
            "aliases: [Spravato]\n  - name: ketamine\n    kind: drug\n    aliases: [spravato]",
            22,
            "alias 'spravato' already names 'esketamine'",
        ),
        ("kind: category", "kind: colour", 4, "kind must be one of"),
    ],
)
def test_bad_entries_name_their_line(tmp_path: Path, old, new, line, words) -> None:
    assert old in MINIMAL
    message = error_for(tmp_path, MINIMAL.replace(old, new, 1))
    assert f"facts.yml:{line}:" in message
    assert words in message


def test_duplicate_fact_names_both_lines(tmp_path: Path) -> None:
    facts = MINIMAL[MINIMAL.index("  - entity: esketamine") :]
    message = error_for(tmp_path, MINIMAL + facts)
    assert "facts.yml:26:" in message and "first at line 21" in message


def test_missing_file_and_bad_yaml_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(FactBaseError, match="fact base not found"):
        load_fact_base(tmp_path / "absent.yml")
    assert "not valid YAML" in error_for(tmp_path, "attributes: [unclosed\n")


def test_fact_value_must_apply_to_the_entity_kind(tmp_path: Path) -> None:
    text = MINIMAL.replace("kind: drug\n    aliases", "kind: person\n    aliases")
    assert "does not apply to a person" in error_for(tmp_path, text)


def test_without_knowledge_keeps_patterns_only() -> None:
    base = load_fact_base(DEFAULT_RULES_DIR / "facts.yml").without_knowledge()
    assert not base.entities and not base.facts
    assert base.attributes["prevalence"].generic
