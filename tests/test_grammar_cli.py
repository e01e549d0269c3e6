"""The CLI with its own LanguageTool JVM: never a stray JVM; the warm server between runs."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from conftest import checker_executable
from grammar_fixtures import child_jvms, cli_env, require_lt, run_checker, running, wait_for

from checker.grammar.paths import jar_dir

ARTICLE = "This is a apple.\n\n- You *really* should of known.\n"


def _setup(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """An article, a config selecting GRM with its own cache folder, and a clean env."""
    require_lt()
    (tmp_path / "article.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "checker.toml").write_text(
        f'select = ["GRM"]\n\n[languagetool]\njars = "{jar_dir()}"\n', encoding="utf-8"
    )
    env = cli_env(CHECKER_LANGUAGETOOL_HOME=str(tmp_path / "lt-home"))
    return tmp_path / "article.md", env


def _start_cli(article: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], list[int]]:
    """Start `checker check` and return it with the JVM(s) it started."""
    proc = subprocess.Popen(
        [checker_executable(), "check", "--no-color", str(article)],
        cwd=article.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    jvms: list[int] = []
    assert wait_for(lambda: bool(jvms.extend(child_jvms(proc.pid)) or jvms), 60), (
        "the CLI never started a LanguageTool JVM"
    )
    return proc, jvms


def test_no_jvm_left_after_the_cli_exits(tmp_path: Path) -> None:
    article, env = _setup(tmp_path)
    proc, jvms = _start_cli(article, env)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "GRM:EN_A_VS_AN" in out and "GRM:MODAL_OF" in out
    assert not any(running(pid) for pid in jvms)


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"]
)
def test_no_jvm_left_when_the_cli_is_interrupted(tmp_path: Path, sig: signal.Signals) -> None:
    article, env = _setup(tmp_path)
    proc, jvms = _start_cli(article, env)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert wait_for(lambda: not any(running(pid) for pid in jvms), 15), f"JVM left after {sig!r}"


def test_warm_server_is_kept_between_runs_and_used(tmp_path: Path) -> None:
    article, env = _setup(tmp_path)
    config = str(tmp_path / "checker.toml")
    try:
        started = run_checker("server", "start", "--config", config, cwd=tmp_path, env=env)
        assert started.returncode == 0, started.stderr
        assert "running at http://127.0.0.1:" in started.stdout
        status = run_checker("server", "status", cwd=tmp_path, env=env)
        assert status.returncode == 0 and "running" in status.stdout
        proc = subprocess.Popen(
            [checker_executable(), "check", str(article)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        out, _ = proc.communicate(timeout=120)
        assert "GRM:MODAL_OF" in out
    finally:
        stopped = run_checker("server", "stop", cwd=tmp_path, env=env)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    after = run_checker("server", "status", cwd=tmp_path, env=env)
    assert after.returncode == 1 and "no LanguageTool server running" in after.stdout
