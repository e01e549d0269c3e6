"""CLM001 reports claims from `min-risk` up; background facts stay in the review queue."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

ARTICLE = (
    "# Psoriasis\n\n"
    "Psoriasis is a long-term disease of the immune system.\n\n"
    "Our cream cures psoriasis in every patient, with no side effects.\n"
)


def _clm001(tmp_path: Path, config: str) -> list[dict]:
    (tmp_path / "checker.toml").write_text(config, encoding="utf-8")
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    out = run_cli(
        "check", "--no-grammar", "--no-cache", "--select", "CLM001", "--format", "json",
        "--fail-on", "never", "post.md", cwd=tmp_path,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return [f for file in json.loads(out.stdout)["files"] for f in file["findings"]]


def test_background_facts_are_not_reported_by_default(tmp_path: Path) -> None:
    findings = _clm001(tmp_path, "")
    assert [(f["line"], f["data"]["risk"]) for f in findings] == [(5, "error")]


def test_min_risk_info_reports_background_facts(tmp_path: Path) -> None:
    findings = _clm001(tmp_path, '[claims]\nmin-risk = "info"\n')
    assert [(f["line"], f["data"]["kind"], f["severity"]) for f in findings] == [
        (3, "background", "info"),
        (5, findings[1]["data"]["kind"], "error"),
    ]


def test_background_facts_stay_in_the_review_queue(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    out = run_cli("claims", "--format", "json", "post.md", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Psoriasis is a long-term disease" in out.stdout


def test_a_bad_min_risk_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "checker.toml").write_text('[claims]\nmin-risk = "low"\n', encoding="utf-8")
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    out = run_cli("check", "--no-grammar", "post.md", cwd=tmp_path)
    assert out.returncode == 2
    assert "min-risk must be one of error, warning, info" in out.stderr
