"""Configuration discovery, validation, per-file ignores, severities and inline suppression."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import findings, parse_text

from checker.config import find_config_file, from_mapping, load_config
from checker.engine import check_documents
from checker.errors import ConfigError
from checker.sentences import sentence_bounds


def test_found_upward_from_working_directory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nfail-on = "warning"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config_file(nested) == tmp_path / "pyproject.toml"
    assert load_config(cwd=nested).fail_on == "warning"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(tmp_path) is None or find_config_file(tmp_path) != (
        tmp_path / "pyproject.toml"
    )


def test_checker_toml_wins_and_accepts_underscores(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text("fail_on = 'info'\nmax_file_size = 10\n")
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nfail-on = "warning"\n')
    config = load_config(cwd=tmp_path)
    assert (config.fail_on, config.max_file_size) == ("info", 10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fail-on": "sometimes"}, "fail-on must be one of"),
        ({"select": 3}, "select must be a list of strings"),
        ({"max-file-size": -1}, "positive"),
        ({"rules": {"DUP001": {"severity": "fatal"}}}, "severity must be one of"),
        ({"rules": {"DUP001": {"enabled": "yes"}}}, "enabled must be true or false"),
        ({"rules-path": "does/not/exist"}, "not a folder"),
        ({"grammar": "maybe"}, "grammar must be one of"),
        ({"languagetool": 3}, "must be a table"),
    ],
)
def test_bad_values_are_clear_errors(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_mapping(data)


def test_unknown_rule_option_is_an_error() -> None:
    config = from_mapping({"rules": {"DUP002": {"treshold": 0.5}}})
    with pytest.raises(ConfigError, match="unknown option 'treshold'"):
        check_documents([parse_text("- a\n")], config)


def test_severity_override_and_disable() -> None:
    doc = parse_text("- Nausea\n- Nausea\n\nSee the the doctor.\n")
    config = from_mapping(
        {
            "select": ["DUP"],
            "rules": {"DUP001": {"severity": "info"}, "DUP004": {"enabled": False}},
        }
    )
    found = check_documents([doc], config).findings
    assert [(f.rule, f.severity.value) for f in found] == [("DUP001", "info")]


def test_per_file_ignores(tmp_path: Path) -> None:
    config = from_mapping(
        {"select": ["DUP"], "per-file-ignores": {"legacy/*.md": ["DUP001"]}},
        tmp_path / "checker.toml",
    )
    text = "- Nausea\n- Nausea\n"
    legacy = parse_text(text, str(tmp_path / "legacy" / "old.md"))
    fresh = parse_text(text, str(tmp_path / "new.md"))
    result = check_documents([legacy, fresh], config)
    assert [(Path(f.path).name, f.rule) for f in result.findings] == [("new.md", "DUP001")]


def test_inline_suppression_regions_lines_and_file() -> None:
    text = (
        "<!-- checker-disable DUP004 -->\n"
        "The the start.\n"
        "<!-- checker-enable DUP004 -->\n\n"
        "Then then middle.\n\n"
        "<!-- checker-disable-next-line repeated-word -->\n"
        "And and next line.\n\n"
        "Or or last line.\n"
    )
    found = findings(text, select=["DUP004"])
    assert [f.line for f in found] == [5, 10]
    assert findings("<!-- checker-disable-file DUP -->\n\nThe the end.\n", select=["DUP"]) == []
    assert findings("<!-- checker-disable -->\n\nThe the end.\n", select=["DUP"]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ketamine vs. esketamine differ. Both work.", 2),
        ("Use e.g. a spray. Or an IV.", 2),
        ("Dr. Smith said so. He was right.", 2),
        ("The dose was 2.5 mg. It worked.", 2),
        ('She said "it helps." Then she left.', 2),
        ("Is it addictive? Not usually. Ask your doctor!", 3),
        ("J. Smith wrote it in the U.S. in 1970.", 1),
    ],
)
def test_sentence_splitting(text: str, expected: int) -> None:
    assert len(sentence_bounds(text)) == expected


def _finding(rule: str):
    from checker.findings import Finding, Severity

    return Finding(rule, "grammar", "grammar", Severity.WARNING, "a.md", 1, 1, 1, 2, 0, 1, "m", "x")


def test_sub_codes_can_be_selected_and_ignored() -> None:
    from checker.engine import active_rules
    from checker.filters import keep

    ignoring = from_mapping({"ignore": ["GRM:OUTSIDE_OF"]})
    assert "GRM" in [r.code for r in active_rules(ignoring)]
    assert not keep(_finding("GRM:OUTSIDE_OF"), ignoring, None)
    assert keep(_finding("GRM:EN_A_VS_AN"), ignoring, None)
    only = from_mapping({"select": ["GRM:EN_A_VS_AN"]})
    assert [r.code for r in active_rules(only)] == ["GRM"]
    assert keep(_finding("GRM:EN_A_VS_AN"), only, None)
    assert not keep(_finding("GRM:OUTSIDE_OF"), only, None)
    assert keep(_finding("GRM:OUTSIDE_OF"), from_mapping({"select": ["GRM"]}), None)
