"""LanguageTool unavailable: not installed, failing to start, dying mid-run, timing out.

A fake server simulates the failures that a real one cannot be made to show on demand;
everything that should work is tested against the real server in test_grammar_server.py.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from grammar_fixtures import FakeLanguageTool, cli_env, run_checker

from checker.grammar import GrammarEngine, GrammarRequiredError, build_settings

TEXTS = ["This is a apple.", "Their is a problem.", "You should of known."]


def _engine(mode: str = "auto", **options: object) -> GrammarEngine:
    return GrammarEngine(build_settings(None, {"cache": False, **options}, mode=mode, environ={}))


def _fake_java(tmp_path: Path) -> tuple[Path, Path]:
    """A 'java' that fails at once, and a jar folder that looks complete."""
    jars = tmp_path / "jars"
    jars.mkdir()
    (jars / "languagetool-server-0.0.jar").write_bytes(b"")
    java = tmp_path / "java"
    java.write_text("#!/bin/sh\necho 'Error: Could not find or load main class' >&2\nexit 1\n")
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    return java, jars


def test_missing_java_is_reported_not_raised() -> None:
    engine = _engine(java="/nonexistent/bin/java")
    assert engine.check_texts(TEXTS) == [[], [], []]
    assert engine.status == "unavailable: java not found"


def test_missing_jars_are_reported(tmp_path: Path) -> None:
    engine = _engine(jars=str(tmp_path))
    engine.check_texts(TEXTS)
    assert engine.status.startswith("unavailable: LanguageTool jars not found in")


def test_server_that_fails_to_start(tmp_path: Path) -> None:
    java, jars = _fake_java(tmp_path)
    engine = _engine(java=str(java), jars=str(jars))
    engine.check_texts(TEXTS)
    assert engine.status.startswith("unavailable: LanguageTool server exited with code 1")
    assert "Could not find or load main class" in engine.status
    with pytest.raises(GrammarRequiredError, match="exited with code 1"):
        _engine("required", java=str(java), jars=str(jars)).check_texts(TEXTS)


def test_no_server_at_configured_url() -> None:
    engine = _engine(url="http://127.0.0.1:9")
    engine.check_texts(TEXTS)
    assert engine.status.startswith("unavailable: no LanguageTool server answers at")


def test_timeout_is_reported() -> None:
    with FakeLanguageTool(answers=1, hang=5) as fake:
        engine = _engine(url=fake.url, timeout=0.5, workers=1)
        engine.check_texts(TEXTS)
    assert engine.status == "unavailable: LanguageTool request timed out after 0.5s"


def test_server_dying_mid_run_auto_and_required() -> None:
    # batch_chars=1: one text per request, so the server dies between the texts
    with FakeLanguageTool(answers=2, die=True) as fake:
        engine = _engine(url=fake.url, workers=1, batch_chars=1)
        results = engine.check_texts(TEXTS)
    assert results == [[], [], []]
    assert engine.status.startswith("unavailable: LanguageTool server at")
    assert "stopped answering" in engine.status
    with FakeLanguageTool(answers=2, die=True) as fake:
        engine = _engine("required", url=fake.url, workers=1, batch_chars=1)
        with pytest.raises(GrammarRequiredError, match="stopped answering"):
            engine.check_texts(TEXTS)


def _articles(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(count):
        (folder / f"a{i}.md").write_text(f"Paragraph {i} is fine.\n\nAnother one {i}.\n")
    config = tmp_path / "checker.toml"
    config.write_text('select = ["GRM"]\n\n[languagetool]\ncache = false\nworkers = 1\n')
    return folder


def test_cli_auto_finishes_and_says_grammar_was_not_checked(tmp_path: Path) -> None:
    folder = _articles(tmp_path, 3)
    with FakeLanguageTool(answers=2, die=True) as fake:
        env = cli_env(CHECKER_LANGUAGETOOL_URL=fake.url)
        out = run_checker("check", "--format", "json", str(folder), cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["engines"]["languagetool"].startswith("unavailable: LanguageTool server at")
    text = run_checker(
        "check",
        str(folder),
        cwd=tmp_path,
        env=cli_env(CHECKER_LANGUAGETOOL_URL="http://127.0.0.1:9"),
    )
    assert "Note: languagetool unavailable: no LanguageTool server answers" in text.stdout


def test_cli_required_exits_2_when_server_dies_mid_run(tmp_path: Path) -> None:
    folder = _articles(tmp_path, 3)
    with FakeLanguageTool(answers=2, die=True) as fake:
        env = cli_env(CHECKER_LANGUAGETOOL_URL=fake.url)
        out = run_checker("check", "--require-grammar", str(folder), cwd=tmp_path, env=env)
    assert out.returncode == 2
    assert "LanguageTool is unavailable" in out.stderr and "stopped answering" in out.stderr


def test_cli_required_exits_2_when_java_is_missing(tmp_path: Path) -> None:
    folder = _articles(tmp_path, 1)
    config = tmp_path / "checker.toml"
    config.write_text(config.read_text() + 'java = "/nonexistent/bin/java"\n')
    env = cli_env(CHECKER_LANGUAGETOOL_HOME=str(tmp_path))  # no warm server, no cache here
    out = run_checker("check", "--require-grammar", str(folder), cwd=tmp_path, env=env)
    assert out.returncode == 2 and "java not found" in out.stderr
