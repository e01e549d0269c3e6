"""``checker claims`` in each format and ``checker review`` driven through its prompts."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import SEED_MD, run_cli

from checker.cli import main

RELIEF = "often provides rapid relief"


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "seed.md").write_text(
        SEED_MD.read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _json_claims(*args: str) -> dict:
    result = _invoke("claims", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _entries(project: Path) -> list[dict]:
    path = project / "claims.yml"
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]


def test_claims_json_lists_every_claim_with_location(project):
    data = _json_claims("articles")
    claims = data["claims"]
    assert len(claims) >= 17
    source = (project / "articles" / "seed.md").read_text(encoding="utf-8").splitlines()
    for row in claims:
        assert set(row) >= {"kind", "score", "support", "ledger", "line", "column", "cues"}
        assert row["support"] == "none" and row["ledger"] == "unreviewed"
        line = source[row["line"] - 1]
        assert line[row["column"] - 1 :].startswith(row["claim"][:15])
    relief = [r for r in claims if RELIEF in r["claim"]]
    assert relief[0]["kind"] in ("efficacy", "comparative")
    assert {r["risk"] for r in claims} <= {"error", "warning", "info"}
    ranks = [{"error": 0, "warning": 1, "info": 2}[r["risk"]] for r in claims]
    assert ranks == sorted(ranks), "the queue lists the highest risk first"
    assert data["stale"] == []


def test_claims_text_format(project):
    result = _invoke("claims", "articles")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    relief = [i for i, line in enumerate(lines) if RELIEF in line][0]
    assert "comparative" in lines[relief - 1] and "support=none" in lines[relief - 1]
    assert "error" in lines[relief - 1] and "compares a named treatment" in lines[relief - 1]
    assert lines[relief - 1].startswith("articles/seed.md:")
    assert "need a source or a review" in lines[-1]


def test_claims_csv_format(project):
    result = _invoke("claims", "articles", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0].keys() >= {"path", "line", "kind", "score", "support", "ledger", "claim"}
    assert len(rows) == len(_json_claims("articles")["claims"])
    assert any(RELIEF in r["claim"] and r["kind"] == "comparative" for r in rows)
    assert rows[0]["risk"] == "error" and rows[0]["why"]


def test_claims_without_paths_and_without_articles_folder_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _invoke("claims")
    assert result.exit_code == 2 and "articles/" in result.output


def test_review_records_answers_and_the_queue_shrinks(project):
    total = len(_json_claims("articles", "--open")["claims"])
    answers = "s\nhttps://www.nimh.nih.gov/ketamine\nread the review\nn\n\nk\nr\n\nq\n"
    result = _invoke("review", "articles/seed.md", "--reviewer", "jane", input=answers)
    assert result.exit_code == 0, result.output
    assert f"{total} claim(s) to review" in result.output
    assert "3 answer(s) saved" in result.output
    entries = _entries(project)
    assert [e["status"] for e in entries] == ["supported", "not-a-claim", "needs-source"]
    assert entries[0]["sources"] == ["https://www.nimh.nih.gov/ketamine"]
    assert entries[0]["note"] == "read the review"
    assert {e["reviewer"] for e in entries} == {"jane"}
    assert all(e["article"] == "articles/seed.md" for e in entries)
    open_now = _json_claims("articles", "--open")["claims"]
    assert len(open_now) == total - 2  # the needs-source claim still needs an editor
    again = _invoke("review", "articles/seed.md", input="q\n")
    assert f"{total - 3} claim(s) to review" in again.output


def test_review_shows_the_claim_in_context(project):
    result = _invoke("review", "articles/seed.md", input="q\n")
    assert "[1/" in result.output and "line 5" in result.output
    assert ">>> " in result.output and " <<<" in result.output
    assert " claim, score " in result.output and "background fact" in result.output


def test_review_quitting_with_end_of_input_keeps_what_was_answered(project):
    result = _invoke("review", "articles/seed.md", input="n\nnot really\ns\n")
    assert result.exit_code == 0, result.output
    assert "1 answer(s) saved" in result.output
    entries = _entries(project)
    assert [(e["status"], e["note"]) for e in entries] == [("not-a-claim", "not really")]


def test_review_asks_again_about_a_reworded_claim(project):
    article = project / "articles" / "seed.md"
    _invoke("review", "articles/seed.md", input="k\n" * 6 + "s\nhttps://fda.gov/x\n\nq\n")
    (entry,) = _entries(project)
    reworded = entry["claim"].split()[0] + " clearly " + " ".join(entry["claim"].split()[1:])
    article.write_text(article.read_text("utf-8").replace(entry["claim"], reworded), "utf-8")
    queue = _invoke("claims", "articles", "--format", "json")
    assert len(json.loads(queue.output)["stale"]) == 1
    skips = "k\n" * 20
    result = _invoke("review", "articles/seed.md", input=skips)
    assert "approved earlier as supported" in result.output
    answer = _invoke("review", "articles/seed.md", input=_answer_for(result.output))
    assert answer.exit_code == 0
    (new,) = _entries(project)
    assert new["claim"] == reworded and new["status"] == "not-a-claim"


def _answer_for(output: str) -> str:
    """Skip up to the stale claim, mark it not a claim, then quit."""
    blocks = re.split(r"\n\[(?=\d+/)", output)[1:]
    position = next(i for i, b in enumerate(blocks) if "approved earlier" in b)
    return "k\n" * position + "n\n\nq\n"


def test_review_of_a_missing_article_is_a_usage_error(project):
    result = _invoke("review", "articles/nope.md")
    assert result.exit_code == 2 and "nope.md" in result.output


def test_review_as_a_real_subprocess_with_stdin(project):
    answers = "s\nhttps://pubmed.ncbi.nlm.nih.gov/123/\nchecked\nn\n\nq\n"
    args = ("review", "articles/seed.md", "--reviewer", "sam")
    run = run_cli(*args, cwd=project, stdin=answers.encode())
    assert run.returncode == 0, run.stderr
    assert "2 answer(s) saved" in run.stdout
    entries = _entries(project)
    assert [(e["status"], e["reviewer"]) for e in entries] == [
        ("supported", "sam"),
        ("not-a-claim", "sam"),
    ]
    check = run_cli("check", "articles", "--select", "CLM", "--format", "json", cwd=project)
    flagged = {f["excerpt"] for f in json.loads(check.stdout)["files"][0]["findings"]}
    assert entries[0]["claim"] not in flagged and entries[1]["claim"] not in flagged


def test_review_subprocess_interrupted_mid_answer_keeps_earlier_answers(project):
    run = run_cli("review", "articles/seed.md", "--reviewer", "sam", cwd=project, stdin=b"n\n\ns\n")
    assert run.returncode == 0, run.stderr
    assert "1 answer(s) saved" in run.stdout
    assert [e["status"] for e in _entries(project)] == ["not-a-claim"]
    assert not [p for p in project.iterdir() if p.name.startswith(".claims-")]
