"""FCT001-FCT004 on the seed and its mutations: exactly the expected finding, exactly placed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_MD, SEED_TXT
from helpers import assert_positions, parse_text

from checker.config import Config
from checker.engine import check_documents
from checker.errors import ConfigError
from checker.findings import Finding

SEED = SEED_MD.read_text(encoding="utf-8")
APPROVAL = "achieved FDA approval in 1970."


def run(articles: dict[str, str], **facts: object) -> list[Finding]:
    config = Config(select=["FCT"], ignore=["FCT005"])  # FCT005: tests/test_facts_unverified.py
    if facts:
        config.sections["facts"] = dict(facts)
    docs = [parse_text(text, name) for name, text in articles.items()]
    return check_documents(docs, config).findings


def only(found: list[Finding]) -> Finding:
    assert len(found) == 1, [f"{f.rule} {f.path}:{f.line} {f.message}" for f in found]
    return found[0]


SEED_HTML = SEED_TXT.with_suffix(".html")


@pytest.mark.parametrize("path", [SEED_MD, SEED_TXT, SEED_HTML], ids=["markdown", "text", "html"])
def test_seed_has_no_fact_findings(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not found")
    assert run({path.name: path.read_text(encoding="utf-8")}) == []


def test_seed_in_both_formats_agrees_across_articles() -> None:
    texts = {SEED_MD.name: SEED, SEED_TXT.name: SEED_TXT.read_text(encoding="utf-8")}
    assert run(texts) == []


def test_changed_approval_year_contradicts_the_fact_base() -> None:
    text = SEED.replace(APPROVAL, APPROVAL.replace("1970", "1972"))
    finding = only(run({"a.md": text}))
    assert finding.rule == "FCT001" and finding.severity.value == "error"
    assert finding.offset == text.index("1972") and finding.excerpt == "1972"
    assert "1970" in finding.message and "https://dailymed.nlm.nih.gov" in finding.message
    assert finding.suggestions == ["1970"]
    assert_positions(finding, text)


def test_second_approval_year_is_inconsistent_in_the_article() -> None:
    text = SEED.replace(APPROVAL, APPROVAL + " It was approved in 1975.")
    finding = only(run({"a.md": text}))
    assert finding.rule == "FCT002"
    assert finding.offset == text.index("1975") and finding.length == 4
    assert finding.related[0].offset == text.index("1970")
    assert_positions(finding, text)


def test_inconsistency_without_a_fact_base_entry() -> None:
    text = "# Drug X\n\nZorbex was approved by the FDA in 1990.\n\nZorbex was approved in 1992.\n"
    finding = only(run({"a.md": text}))
    assert finding.rule == "FCT002" and finding.excerpt == "1992"
    assert '"1990" at 3:' in finding.message


def test_second_article_calling_spravato_a_pill_contradicts_the_route() -> None:
    pill = "# Spravato\n\nSpravato is taken as a pill once a day.\n"
    found = run({"seed.md": SEED, "pill.md": pill})
    finding = only(found)
    assert (finding.rule, finding.path, finding.excerpt) == ("FCT001", "pill.md", "pill")
    assert "nasal spray" in finding.message
    assert_positions(finding, pill)


def test_spavato_fixed_to_spravato_still_resolves_to_esketamine() -> None:
    fixed = SEED.replace("Spavato", "Spravato")
    assert run({"a.md": fixed}) == []
    wrong = fixed.replace("Spravato esketamine nasal spray", "Spravato tablets")
    finding = only(run({"a.md": wrong}))
    assert finding.rule == "FCT001" and finding.excerpt == "tablets"
    assert "esketamine" in finding.message


def test_articles_disagreeing_about_an_unknown_fact() -> None:
    one = "# Zorbex\n\nZorbex was approved by the FDA in 1990.\n"
    two = "# Notes\n\nSome text.\n\nZorbex was approved by the FDA in 1994.\n"
    found = run({"one.md": one, "two.md": two})
    assert sorted((f.rule, f.path, f.excerpt) for f in found) == [
        ("FCT003", "one.md", "1990"),
        ("FCT003", "two.md", "1994"),
    ]
    first = next(f for f in found if f.path == "one.md")
    assert first.severity.value == "warning"
    assert "two.md:5:" in first.message
    assert first.related[0].path == "two.md" and first.related[0].line == 5


def test_agreeing_articles_and_fact_base_facts_give_no_fct003() -> None:
    one = "# A\n\nZorbex was approved by the FDA in the 1990s.\n"
    two = "# B\n\nZorbex was approved by the FDA in 1994.\n"
    assert run({"one.md": one, "two.md": two}) == []
    three = "# C\n\nKetamine was approved by the FDA in 1972.\n"
    assert [f.rule for f in run({"seed.md": SEED, "c.md": three})] == ["FCT001"]


def test_generic_prevalence_disagreement_across_articles() -> None:
    one = "# Achondroplasia\n\nAchondroplasia affects 1 in 20,000 people.\n"
    two = "# Short stature\n\nAchondroplasia affects 1 in 90,000 people.\n"
    three = "# Dwarfism\n\nAchondroplasia affects about 1 in 22,000 people.\n"
    found = run({"one.md": one, "two.md": two, "three.md": three})
    assert sorted(f.path for f in found) == ["one.md", "three.md", "two.md"]
    two_finding = next(f for f in found if f.path == "two.md")
    assert "one.md:3:" in two_finding.message and "three.md:3:" in two_finding.message
    in_japan = "# Other\n\nAchondroplasia affects 1 in 90,000 people in Japan.\n"
    assert run({"one.md": one, "japan.md": in_japan}) == [], "other population"


def test_stale_fact_is_reported_once_per_article() -> None:
    found = run({"a.md": SEED}, today="2030-01-01")
    assert {f.rule for f in found} == {"FCT004"}
    assert all(f.severity.value == "info" for f in found)
    assert len(found) == 4, "ketamine x2, Perry, esketamine route (not its approval)"
    assert "last reviewed" in found[0].message
    assert run({"a.md": SEED}, today="2027-01-01", review_interval_days=3650) == []


def test_facts_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        run({"a.md": SEED}, colour="red")
    with pytest.raises(ConfigError, match="review-interval-days"):
        run({"a.md": SEED}, review_interval_days=0)
    with pytest.raises(ConfigError, match="today must be a date"):
        run({"a.md": SEED}, today="soon")


def test_custom_fact_base_path(tmp_path: Path) -> None:
    base = (Path(__file__).parents[1] / "rules" / "facts.yml").read_text(encoding="utf-8")
    (tmp_path / "facts.yml").write_text(base.replace("value: 1970", "value: 1972"))
    config = Config(select=["FCT001"], root=tmp_path)
    config.sections["facts"] = {"base": "facts.yml"}
    found = check_documents([parse_text(SEED, "a.md")], config).findings
    assert only(found).excerpt == "1970"


def test_dose_is_compared_with_units() -> None:
    right = "# Spravato\n\nThe usual dose of Spravato is 0.056 g per session.\n"
    assert run({"a.md": right}) == []
    wrong = "# Spravato\n\nThe usual dose of Spravato is 250 mg per session.\n"
    finding = only(run({"a.md": wrong}))
    assert (finding.rule, finding.excerpt) == ("FCT001", "250 mg")
    assert "28 to 84 mg" in finding.message


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Ketamine is a Schedule III controlled substance.", None),
        ("Ketamine is a Schedule 3 non-narcotic drug.", None),
        ("Since 1999 ketamine has been in Schedule III.", None),
        ("Ketamine is a Schedule I drug.", "FCT001"),
        ("Spravato is given on a dosing schedule 2 times a week.", None),
    ],
)
def test_dea_schedule(sentence: str, rule: str | None) -> None:
    found = run({"a.md": f"# Ketamine\n\n{sentence}\n"})
    assert [f.rule for f in found] == ([rule] if rule else [])
