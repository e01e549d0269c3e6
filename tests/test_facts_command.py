"""``checker facts``: what the checker believes each article states, in text and JSON."""

from __future__ import annotations

import json

from conftest import SEED_MD, run_cli


def test_facts_text_lists_the_seed_statements() -> None:
    result = run_cli("facts", str(SEED_MD))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = [
        ":9:99: ketamine | FDA approval year | 1970 | agrees with fact base",
        ":9:59: ketamine | first clinical use | 1960s | agrees with fact base",
        ":22:43: Matthew Perry | year of death | 2023 | agrees with fact base",
        "esketamine | route of administration | nasal spray | agrees with fact base",
    ]
    for wanted in expected:
        assert any(wanted in line for line in lines), wanted
    assert lines[-1].endswith("statements")


def test_facts_json_has_exact_offsets(tmp_path) -> None:
    text = SEED_MD.read_text(encoding="utf-8")
    article = tmp_path / "mutated.md"
    article.write_text(text.replace("approval in 1970", "approval in 1972"), encoding="utf-8")
    result = run_cli("facts", "--format", "json", str(article))
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["facts"]
    approval = next(r for r in rows if r["attribute"] == "fda_approval")
    source = article.read_text(encoding="utf-8")
    assert source[approval["offset"] : approval["offset"] + approval["length"]] == "1972"
    assert approval["entity"] == "ketamine" and approval["status"] == "fact base: 1970"
    assert approval["normalised"] == {
        "dimension": "year",
        "low": 1972,
        "high": 1972,
        "approximate": False,
    }
    decade = next(r for r in rows if r["attribute"] == "first_use")
    assert (decade["normalised"]["low"], decade["normalised"]["high"]) == (1960, 1969)


def test_facts_reports_a_bad_fact_base_with_its_line(tmp_path) -> None:
    (tmp_path / "facts.yml").write_text("facts:\n  - entity: nobody\n", encoding="utf-8")
    (tmp_path / "checker.toml").write_text('[facts]\nbase = "facts.yml"\n', encoding="utf-8")
    result = run_cli("facts", str(SEED_MD), cwd=tmp_path)
    assert result.returncode == 2
    assert "facts.yml:2: fact: unknown entity 'nobody'" in result.stderr
