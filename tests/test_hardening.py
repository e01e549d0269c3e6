"""Regression tests for the hardening issue: inputs and faults that once crashed, hung,
pointed at the wrong text or lost text."""

from __future__ import annotations

import bisect
import errno
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from conftest import SEED_MD, checker_executable, run_cli
from grammar_fixtures import FakeLanguageTool, cli_env, run_checker
from helpers import assert_positions, check_text, findings, parse_text

from checker import yamlsafe
from checker.atomic import atomic_write
from checker.claims.ledger import LedgerError, load_ledger
from checker.claims.support import domain_of
from checker.config import Config
from checker.engine import Pipeline, RunResult
from checker.grammar.cache import ParagraphCache
from checker.grammar.client import GrammarMatch
from checker.source import SourceFile


def check_file(text: str, name: str = "article.md", config: Config | None = None) -> RunResult:
    """Run every rule (grammar off) over ``text`` as the engine runs a file: parse errors too."""
    pipeline = Pipeline.start(config or Config(grammar="off"))
    return pipeline.finish([pipeline.check_source(SourceFile.from_text(name, text))])


def _crashes(result) -> list[str]:
    return [f.message for f in result.findings if f.rule == "INP002"]


def test_bare_address_before_a_reference_marker_is_no_crash_and_keeps_the_marker():
    text = (
        "Studies show that ketamine is effective, according to www.nimh.nih.gov[1].\n\n"
        "## References\n\n1. NIMH, https://www.nimh.nih.gov/health\n"
    )
    result = check_text(text, select=["CLM", "STR"])
    assert _crashes(result) == []
    links = [link.url for b in parse_text(text).blocks for link in b.links]
    assert "http://www.nimh.nih.gov" in links
    for finding in result.findings:
        assert_positions(finding, text)


def test_a_malformed_address_has_no_domain():
    assert domain_of("https://www.nimh.nih.gov[1].") is None
    assert domain_of("http://[::1") is None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` with ``\\r\\n``, ``\\r`` and ``\\n`` each ending a line."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def test_a_file_with_cr_line_breaks_reports_real_lines():
    text = "# Title\r\rThe the cat sat.\r\r- item one\r- item one\r"
    found = {f.rule: f for f in findings(text, select=["DUP"])}
    assert (found["DUP004"].line, found["DUP004"].column) == (3, 1)
    assert (found["DUP001"].line, found["DUP001"].column) == (6, 3)
    for finding in found.values():
        assert text[finding.offset : finding.offset + finding.length] == finding.excerpt
        assert _line_col(text, finding.offset) == (finding.line, finding.column)
    source = SourceFile.from_text("a.md", text)
    assert source.newline == "\r"
    assert source.line_text(3) == "The the cat sat."


def test_an_unknown_marked_section_in_html_does_not_shift_later_columns():
    for text in (
        "<p>Some text <![ x ]> here the the end.</p>\n",
        "<p>Some text <![1 x ]> here the the end.</p>\n",
        "<p>Some\rtext\r<![ x ]> here the the end.</p>\r",
    ):
        (finding,) = findings(text, name="a.html", select=["DUP004"])
        assert finding.excerpt.lower() == "the the"
        assert text[finding.offset : finding.offset + finding.length] == finding.excerpt
        assert _line_col(text, finding.offset) == (finding.line, finding.column)


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, prev = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_front_matter_is_an_input_finding_not_a_hang():
    text = f"---\n{_alias_bomb()}---\n# Title\n\nText here.\n"
    assert len(text.encode()) < 500
    result = check_file(text)
    inputs = [f for f in result.findings if f.rule.startswith("INP")]
    assert [f.rule for f in inputs] == ["INP001"]
    assert "aliases expand" in inputs[0].message


def test_ordinary_anchors_still_load():
    assert yamlsafe.load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_an_alias_bomb_in_the_claims_ledger_is_a_clear_error_and_the_file_is_kept(tmp_path):
    ledger = tmp_path / "claims-ledger.yml"
    ledger.write_text("claims: []\n" + _alias_bomb(), encoding="utf-8")
    before = ledger.read_bytes()
    with pytest.raises(LedgerError, match="claims-ledger.yml.*line [0-9]+: aliases expand"):
        load_ledger(ledger)
    assert ledger.read_bytes() == before


def _project(tmp_path, rules: dict[str, str]) -> None:
    (tmp_path / "rules").mkdir()
    for name, text in rules.items():
        (tmp_path / "rules" / name).write_text(text, encoding="utf-8")
    (tmp_path / "checker.toml").write_text('rules-path = "rules"\ngrammar = "off"\n')
    items = (
        "- Feeling tired and weak during the day\n"
        "- Feelings of being tired and weak during the day\n"
    )
    (tmp_path / "post.md").write_text(f"# Title\n\n{items}", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("duplicates.yml", "generic_words:\n", "'generic_words' must be a list"),
        ("claims.yml", "- a list\n", "the file must be a mapping"),
        ("spelling.yml", "thresholds: 3\n", "'thresholds' must be a mapping"),
    ],
)
def test_a_rule_data_file_of_the_wrong_shape_is_a_config_error_naming_it(
    tmp_path, name, text, message
):
    _project(tmp_path, {name: text})
    done = run_cli("check", "post.md", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"rules/{name}: {message}" in done.stderr
    assert "INP002" not in done.stdout and "Traceback" not in done.stderr


def test_an_empty_project_duplicates_file_keeps_dup002_on(tmp_path):
    _project(tmp_path, {"duplicates.yml": ""})
    done = run_cli("check", "--select", "DUP002", "--format", "json", "post.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # DUP002 is a warning
    assert '"rule": "DUP002"' in done.stdout


def test_languagetool_dying_mid_run_names_the_articles_left_without_grammar(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.md").write_text(f"Paragraph {i} is fine.\n\nAnother one {i}.\n")
    config = 'select = ["GRM"]\n\n[languagetool]\ncache = false\nworkers = 1\n'
    (tmp_path / "checker.toml").write_text(config)
    # one answer for the version query and one for a0's two paragraphs (blocks are batched
    # per request, checker/grammar/batch.py), then the server dies
    with FakeLanguageTool(answers=2, die=True) as fake:
        env = cli_env(CHECKER_LANGUAGETOOL_URL=fake.url)
        out = run_checker("check", "--format", "json", str(folder), cwd=tmp_path, env=env)
    with FakeLanguageTool(answers=2, die=True) as fake:
        env = cli_env(CHECKER_LANGUAGETOOL_URL=fake.url)
        text = run_checker("check", "--no-color", str(folder), cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    unchecked = sorted(
        Path(file["path"]).name
        for file in report["files"]
        if any(f["rule"] == "GRM:NOT_CHECKED" for f in file["findings"])
    )
    assert unchecked == ["a1.md", "a2.md"]
    assert text.stdout.count("GRM:NOT_CHECKED grammar not checked") == 2


def test_languagetool_never_available_is_one_note_not_a_finding_per_article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("Paragraph is fine.\n")
    (tmp_path / "checker.toml").write_text('select = ["GRM"]\n')
    env = cli_env(CHECKER_LANGUAGETOOL_URL="http://127.0.0.1:9")
    out = run_checker("check", "--no-color", str(folder), cwd=tmp_path, env=env)
    assert "NOT_CHECKED" not in out.stdout
    assert "Note: languagetool unavailable" in out.stdout


def test_a_corrupt_grammar_cache_is_rebuilt_and_caches_again(tmp_path, capsys):
    path = tmp_path / "paragraphs.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    cache = ParagraphCache(path)
    match = GrammarMatch("R", "C", "grammar", "m", ("x",), 0, 1)
    cache.put_many([("key", [match])])
    cache.close()
    assert "is corrupt" in capsys.readouterr().err
    again = ParagraphCache(path)
    assert again.get_many(["key"]) == {"key": [match]}
    again.close()


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full device here")
def test_a_full_disk_is_a_clear_error_and_exit_2():
    for args, stdout in ((["-o", "/dev/full"], None), ([], "/dev/full")):
        with open(stdout or os.devnull, "w") as sink:
            done = subprocess.run(
                [checker_executable(), "check", "--select", "DUP", *args, str(SEED_MD)],
                stdout=sink,
                stderr=subprocess.PIPE,
                text=True,
                timeout=300,
            )
        assert done.returncode == 2, done.stderr
        assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert Path("/dev/full").is_char_device()  # the device is written to, never replaced


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch):
    report = tmp_path / "report.txt"
    report.write_text("old report\n")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # a full disk shows when the data is flushed
    with pytest.raises(OSError, match="No space"):
        atomic_write(report, b"new report\n" * 100_000)
    monkeypatch.undo()
    assert report.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_atomic_write_follows_a_symbolic_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    atomic_write(link, b"new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_dup001_never_deletes_items_of_a_second_list_after_a_blank_line():
    text = (
        "Early symptoms:\n\n- nausea\n- sweating\n- weakness\n\n- hypoglycemia\n- sweating\n"
        "- weakness\n"
    )
    assert findings(text, select=["DUP001"]) == []  # two lists, which CommonMark joins
    loose = findings("- nausea\n\n- sweating\n\n- nausea\n", select=["DUP001"])
    assert [f.fix.applicability for f in loose if f.fix] == ["unsafe"]
    tight = findings("- nausea\n- sweating\n- sweating\n", select=["DUP001"])
    assert tight[0].fix is not None and tight[0].fix.applicability == "safe"
    crlf = findings("- nausea\r\n- sweating\r\n- sweating\r\n", select=["DUP001"])
    assert crlf[0].fix is not None and crlf[0].fix.applicability == "safe"


def test_a_temp_file_left_by_a_killed_write_is_removed_by_the_next_write(tmp_path):
    stale = tmp_path / ".checker-abc123.tmp"
    stale.write_bytes(b"half a file")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".checker-live.tmp"  # another process writing right now: kept
    fresh.write_bytes(b"in progress")
    atomic_write(tmp_path / "post.md", b"text\n")
    assert not stale.exists() and fresh.exists()
    assert (tmp_path / "post.md").read_bytes() == b"text\n"


KILLED_WRITER = """
import os, sys, time
from checker import atomic

def stopped(fd):  # the data is written and the file locked: wait here to be killed
    print("writing", flush=True)
    time.sleep(600)

os.fsync = stopped
atomic.atomic_write(sys.argv[1], b"new text\\n" * 1000)
"""


def test_a_writer_killed_mid_write_leaves_a_temp_file_the_next_write_removes(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"old text\n")
    python = Path(checker_executable()).with_name("python")
    writer = subprocess.Popen(
        [str(python), "-c", KILLED_WRITER, str(post)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        (temp,) = tmp_path.glob(".checker-*.tmp")
        old = time.time() - 60
        os.utime(temp, (old, old))  # a long write: older than the grace time, but locked
        atomic_write(tmp_path / "other.md", b"other\n")
        assert temp.exists(), "the temporary file of a live writer was removed"
    finally:
        writer.kill()
        writer.wait()
    assert post.read_bytes() == b"old text\n"  # the killed write changed nothing
    assert temp.exists()
    atomic_write(tmp_path / "other.md", b"again\n")
    assert not temp.exists(), "the temporary file of a killed writer was kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.md", "post.md"]


def test_near_duplicate_items_compare_each_distinct_text_once(monkeypatch):
    from checker.checks import duplicates

    calls = []
    real = duplicates._near
    monkeypatch.setattr(duplicates, "_near", lambda *a: calls.append(1) or real(*a))
    text = "".join("- item text\n" for _ in range(3000)) + "- Nausea\n- Feeling nauseous\n"
    found = findings(text, select=["DUP002"])
    assert [(f.line, f.excerpt) for f in found] == [(3002, "Feeling nauseous")]
    assert "line 3001" in found[0].message
    assert len(calls) < 10_000  # 3,000 copies of one item: not 4.5 million comparisons
