"""The package outside the checkout: a wheel in a fresh venv, `checker setup`, layered rules.

The wheel test is slow (one `python -m build` and one venv with the wheel's dependencies from
PyPI, about a minute); it is built once per session and shared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_MD, run_cli
from grammar_fixtures import lt_missing_reason

from checker import resources
from checker.grammar.fetch import artifacts, fetch, sha256_of
from checker.grammar.paths import jar_dir, pinned_version
from checker.grammar.settings import URL_ENV


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=env, timeout=900, check=False
    )


@pytest.fixture(scope="session")
def wheel_venv(tmp_path_factory) -> Path:
    """A fresh venv (outside the repository) with the wheel `python -m build` makes."""
    out = tmp_path_factory.mktemp("wheel")
    built = _run(sys.executable, "-m", "build", "--outdir", str(out / "dist"), str(ROOT), cwd=out)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((out / "dist").glob("checker-*.whl"))
    venv = out / "venv"
    assert _run(sys.executable, "-m", "venv", str(venv), cwd=out).returncode == 0
    installed = _run(str(venv / "bin" / "pip"), "install", "-q", str(wheel), cwd=out)
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv


def _linked_jars(home: Path) -> None:
    """A LanguageTool home whose jars link to the checkout's (so `checker setup` only verifies)."""
    dest = home / pinned_version()
    dest.mkdir(parents=True)
    for jar in jar_dir().glob("*.jar"):
        (dest / jar.name).symlink_to(jar)


def _findings(stdout: str) -> list[tuple]:
    report = json.loads(stdout)
    return [
        (f["rule"], f["line"], f["column"], f["message"])
        for file in report["files"]
        for f in file["findings"]
    ]


def test_wheel_in_a_fresh_venv_matches_the_checkout(wheel_venv, tmp_path):
    reason = lt_missing_reason()
    if reason:
        pytest.skip(f"LanguageTool cannot run here: {reason}")
    _linked_jars(tmp_path / "lt")
    env = {
        **os.environ,
        "CHECKER_LANGUAGETOOL_HOME": str(tmp_path / "lt"),
        "CHECKER_SPELLING_CACHE": str(tmp_path / "spelling"),
    }
    env.pop("VIRTUAL_ENV", None)
    env.pop(URL_ENV, None)  # the installed checker starts LanguageTool from the set-up jars
    work = tmp_path / "site"
    work.mkdir()
    shutil.copy(SEED_MD, work / "article.md")
    setup = _run(str(wheel_venv / "bin" / "checker"), "setup", cwd=work, env=env)
    assert setup.returncode == 0, setup.stderr
    assert f"{len(artifacts())} jars verified" in setup.stdout
    args = ("check", "--require-grammar", "--format", "json", "article.md")
    installed = _run(str(wheel_venv / "bin" / "checker"), *args, cwd=work, env=env)
    assert installed.returncode == 1, installed.stderr
    checkout = run_cli(*args, cwd=work)
    assert checkout.returncode == 1, checkout.stderr
    found = _findings(installed.stdout)
    assert found == _findings(checkout.stdout)
    assert {"DUP001", "SPL003", "CLM001"} <= {f[0] for f in found}
    assert any(f[0].startswith("GRM:") for f in found)


def test_wheel_ships_the_rule_data(wheel_venv):
    code = "from checker import resources; print(resources.DEFAULT_RULES_DIR)"
    out = _run(str(wheel_venv / "bin" / "python"), "-c", code, cwd=wheel_venv)
    shipped = Path(out.stdout.strip())
    assert shipped.parts[-2:] == ("checker", "_rules") and "site-packages" in shipped.parts
    expected = {p.relative_to(ROOT / "rules") for p in (ROOT / "rules").rglob("*") if p.is_file()}
    assert {p.relative_to(shipped) for p in shipped.rglob("*") if p.is_file()} >= expected


def test_setup_downloads_and_verifies_missing_jars(tmp_path):
    small = [a for a in artifacts() if a.size < 60_000][:2]
    assert len(small) == 2
    good = tmp_path / small[0].filename
    (tmp_path / small[1].filename).write_bytes(b"not a jar")  # damaged: fetched again
    try:
        result = fetch(tmp_path, small)
    except Exception as exc:  # Maven Central unreachable from this machine
        pytest.skip(f"Maven Central unreachable: {exc}")
    assert result.downloaded == 2 and good.is_file()
    assert [sha256_of(tmp_path / a.filename) for a in small] == [a.sha256 for a in small]
    again = fetch(tmp_path, small)
    assert again.downloaded == 0 and again.kept == 2


def test_artifact_list_matches_the_pom():
    pom = (ROOT / "tools" / "languagetool" / "pom.xml").read_text(encoding="utf-8")
    assert f"<languagetool.version>{pinned_version()}</languagetool.version>" in pom
    names = {a.filename for a in artifacts()}
    assert f"languagetool-server-{pinned_version()}.jar" in names
    present = {p.name for p in jar_dir().glob("*.jar")}
    if present:  # the checkout's Maven fetch and the shipped list name the same jars
        assert names == present


def test_missing_jars_name_the_setup_command(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("He go to the clinic every days.\n", encoding="utf-8")
    env = {"CHECKER_LANGUAGETOOL_HOME": str(tmp_path / "none"), URL_ENV: ""}
    out = run_cli("check", "--require-grammar", "--select", "GRM", "a.md", cwd=tmp_path, env=env)
    assert out.returncode == 2 and "checker setup" in out.stderr


@pytest.fixture
def project_rules(tmp_path):
    """A project rules folder with a two-word vocabulary and one YAML override."""
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "accept.txt").write_text("Zorvexa\n!alright\n", encoding="utf-8")
    (tmp_path / "duplicates.yml").write_text("extend_generic_words: [manifestation]\n")
    yield tmp_path
    resources.set_rules_dir(None)


def test_project_rules_layer_over_the_shipped_ones(project_rules):
    shipped = resources.load_word_list("vocab/accept.txt")
    resources.set_rules_dir(project_rules)
    merged = resources.load_word_list("vocab/accept.txt")
    assert merged[-1] == "Zorvexa" and set(shipped) - {"alright"} <= set(merged)
    generic = resources.load_yaml("duplicates.yml")["generic_words"]
    assert generic[-1] == "manifestation" and "symptom" in generic
    assert "stop_words" in resources.load_yaml("duplicates.yml")  # shipped keys kept


def test_merge_replaces_scalars_and_lists_and_merges_mappings():
    base = {"a": 1, "b": [1, 2], "c": {"x": 1, "y": 2}}
    over = {"a": 2, "b": [3], "c": {"y": 3}, "extend_d": ["z"]}
    assert resources.merge(base, over) == {"a": 2, "b": [3], "c": {"x": 1, "y": 3}, "d": ["z"]}


def test_a_rules_folder_beside_the_config_is_the_project_layer(tmp_path):
    (tmp_path / "rules" / "vocab").mkdir(parents=True)
    (tmp_path / "rules" / "vocab" / "accept.txt").write_text("zorvexa\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("The patient took zorvexa and zorvexia.\n", encoding="utf-8")
    out = run_cli("check", "--select", "SPL001", "--format", "json", "a.md", cwd=tmp_path)
    words = [f["excerpt"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert words == ["zorvexia"]
