"""The progress bar: drawn only on a terminal, never in CI or into a pipe."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import run_cli

from checker.config import Config
from checker.engine import run
from checker.progress import MIN_FILES, ProgressBar, line, wanted


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_when_the_bar_is_shown() -> None:
    assert wanted(Terminal(), MIN_FILES, env={"TERM": "xterm"})
    assert not wanted(Terminal(), MIN_FILES, env={"CI": "true"})
    assert not wanted(Terminal(), MIN_FILES, env={"TERM": "dumb"})
    assert not wanted(Terminal(), MIN_FILES - 1, env={})
    assert not wanted(io.StringIO(), MIN_FILES, env={})


def test_line_fits_the_width() -> None:
    text = line(5, 20, "articles/" + "x" * 200 + ".md", 60)
    assert text.startswith("[") and " 5/20 " in text and text.endswith(".md")
    assert len(text) <= 59
    assert line(20, 20, "a.md", 80).startswith("[" + "#" * 20 + "]")


def test_bar_follows_a_real_run_and_clears_itself(tmp_path: Path) -> None:
    for i in range(MIN_FILES):
        (tmp_path / f"a{i:02}.md").write_text(f"Article {i} has the the typo.\n")
    stream = Terminal()
    bar = ProgressBar(stream, env={})
    result = run([str(tmp_path)], Config(select=["DUP"]), progress=bar)
    out = stream.getvalue()
    assert len(result.files) == MIN_FILES
    assert f"{MIN_FILES}/{MIN_FILES}" in out and out.endswith("\r\x1b[2K")
    quiet = io.StringIO()
    run([str(tmp_path)], Config(select=["DUP"]), progress=ProgressBar(quiet, env={}))
    assert quiet.getvalue() == ""


def test_cli_output_to_a_pipe_has_no_bar(tmp_path: Path) -> None:
    for i in range(MIN_FILES):
        (tmp_path / f"a{i:02}.md").write_text(f"Article {i}.\n")
    out = run_cli("check", "--select", "DUP", str(tmp_path), cwd=tmp_path)
    assert "\r" not in out.stderr and "\x1b" not in out.stderr
