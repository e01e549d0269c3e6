"""Baselines: written by `checker baseline`, matched on rule, path and text, not lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED_MD, run_cli

from checker.baseline import Baseline, write
from checker.config import Config
from checker.engine import run
from checker.errors import UsageError

ARTICLE = (
    "# Side effects\n\n"
    "- Dissociation\n"
    "- Increase in blood pressure\n"
    "- Increase in blood pressure\n"
    "- Nausea\n"
)
CONFIG = Config(select=["DUP"])


def _rules(result) -> list[tuple[str, str]]:
    return [(f.rule, f.excerpt) for f in result.findings]


def test_baseline_hides_known_findings_after_unrelated_edits(tmp_path: Path) -> None:
    article = tmp_path / "articles" / "a.md"
    article.parent.mkdir()
    article.write_text(ARTICLE)
    baseline_file = tmp_path / "baseline.json"
    assert write(run([str(article)], CONFIG), str(baseline_file)) == 1
    data = json.loads(baseline_file.read_text())
    assert data["findings"] == [
        {
            "rule": "DUP001",
            "path": "articles/a.md",
            "text": "Increase in blood pressure",
            "count": 1,
        }
    ]
    # Lines move: a new paragraph above, the list re-indented further down.
    article.write_text("Intro paragraph added later.\n\nAnother one.\n\n" + ARTICLE)
    filtered, hidden = Baseline(str(baseline_file)).filter(run([str(article)], CONFIG))
    assert hidden == 1 and filtered.findings == []


def test_new_findings_are_reported_even_with_the_same_text(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE)
    baseline_file = tmp_path / "b.json"
    write(run([str(article)], CONFIG), str(baseline_file))
    article.write_text(ARTICLE + "- Increase in blood pressure\n- Nausea\n")
    filtered, hidden = Baseline(str(baseline_file)).filter(run([str(article)], CONFIG))
    assert hidden == 1
    assert _rules(filtered) == [
        ("DUP001", "Increase in blood pressure"),
        ("DUP001", "Nausea"),
    ]
    assert filtered.findings[0].line == 7  # the extra one, not the accepted first repeat


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path: Path) -> None:
    article = tmp_path / "site" / "a.md"
    article.parent.mkdir()
    article.write_text(ARTICLE)
    baseline_file = tmp_path / "site" / "ci" / "baseline.json"
    baseline_file.parent.mkdir()
    out = run_cli("baseline", "a.md", "-o", "ci/baseline.json", cwd=article.parent)
    assert out.returncode == 0, out.stderr
    assert "Wrote" in out.stdout
    assert json.loads(baseline_file.read_text())["findings"][0]["path"] == "../a.md"
    # Checked from another folder, the same article still matches.
    out = run_cli(
        "check", "--select", "DUP", "--baseline", str(baseline_file), str(article), cwd=tmp_path
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "accepted by the baseline" in out.stderr


def test_seed_baseline_round_trip(tmp_path: Path) -> None:
    copy = tmp_path / SEED_MD.name
    shutil.copyfile(SEED_MD, copy)
    out = run_cli("baseline", "--select", "DUP", copy.name, "-o", "b.json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("# Is Ketamine", "# Is Ketamine\n\nA new intro.\n\n#", 1))
    out = run_cli(
        "check",
        "--select",
        "DUP",
        "--baseline",
        "b.json",
        "--format",
        "json",
        copy.name,
        cwd=tmp_path,
    )
    assert json.loads(out.stdout)["summary"]["findings"] == 0


def test_fix_respects_the_baseline(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(ARTICLE)
    write(run([str(article)], CONFIG), str(tmp_path / "b.json"))
    out = run_cli("check", "--select", "DUP", "--baseline", "b.json", "--fix", "a.md", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert article.read_text() == ARTICLE  # the accepted finding is not "fixed"


@pytest.mark.parametrize("content", ["not json", '{"version": 99, "findings": []}', "{}"])
def test_bad_baseline_is_a_usage_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(UsageError, match="cannot read baseline"):
        Baseline(str(bad))


def test_bad_baseline_exits_2_without_traceback(tmp_path: Path) -> None:
    out = run_cli("check", "--baseline", str(tmp_path / "missing.json"), str(SEED_MD))
    assert out.returncode == 2 and "cannot read baseline" in out.stderr
    assert "Traceback" not in out.stderr
