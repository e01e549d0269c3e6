"""``--fix`` on the seed article changes exactly the known defects, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SEED_MD, SEED_TXT, run_cli

from checker import fixes
from checker.config import Config, load_config
from checker.engine import RunResult, run
from checker.rules import all_rules

REPEATED_ITEM = "Increase in blood pressure"
# Fixes of rules built by other issues, expected once those rules are registered.
SPELLING_FIXES = {"SPL002": ("takenunder", "taken under"), "SPL003": ("Spavato", "Spravato")}
SEEDS = {"md": SEED_MD, "txt": SEED_TXT}


def expected_bytes(seed: Path) -> bytes:
    """The seed with the repeated bullet's line removed and the registered spelling fixes."""
    lines = seed.read_bytes().decode("utf-8").splitlines(keepends=True)
    repeats = [
        i for i in range(1, len(lines)) if lines[i] == lines[i - 1] and REPEATED_ITEM in lines[i]
    ]
    assert len(repeats) == 1, "the seed has one repeated bullet"
    del lines[repeats[0]]
    text = "".join(lines)
    codes = {r.code for r in all_rules()}
    for code, (wrong, right) in SPELLING_FIXES.items():
        if code in codes:
            assert text.count(wrong) == 1
            text = text.replace(wrong, right)
    return text.encode("utf-8")


@pytest.fixture(scope="module")
def config() -> Config:
    """The project's own configuration (every rule)."""
    return load_config(cwd=ROOT)


@pytest.fixture(scope="module", params=sorted(SEEDS))
def fixed_seed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, config: Config
) -> tuple[Path, Path, RunResult]:
    """A copy of a seed after one ``--fix`` with every rule, and the report that follows."""
    seed = SEEDS[request.param]
    copy = tmp_path_factory.mktemp("seed") / seed.name
    shutil.copyfile(seed, copy)
    first = run([str(copy)], config)
    after = fixes.fix_and_recheck(
        first, config, lambda: run([str(copy)], config), unsafe=False, narrow=None
    )
    return seed, copy, after


def test_fix_on_seed_changes_only_the_known_defects(
    fixed_seed: tuple[Path, Path, RunResult],
) -> None:
    seed, copy, after = fixed_seed
    assert copy.read_bytes() == expected_bytes(seed)
    left = {f.rule for f in after.findings}  # the report lists what is left after fixing
    assert "DUP001" not in left and not left & set(SPELLING_FIXES)
    assert not [f for f in after.findings if f.fix and f.fix.applicability == "safe"]


def test_second_fix_on_seed_changes_nothing(
    fixed_seed: tuple[Path, Path, RunResult], config: Config
) -> None:
    _, copy, _ = fixed_seed
    before = copy.read_bytes()
    outcome = fixes.fix_documents(run([str(copy)], config), config)
    assert outcome.changed == [] and fixes.write_all(outcome) == 0
    assert copy.read_bytes() == before


def test_cli_fix_on_seed_copy(tmp_path: Path) -> None:
    copy = tmp_path / SEED_MD.name
    shutil.copyfile(SEED_MD, copy)
    out = run_cli("check", "--select", "DUP", "--fix", "-q", copy.name, cwd=tmp_path)
    assert "Fixed 1 problem in 1 file." in out.stderr
    assert copy.read_text(encoding="utf-8").count(REPEATED_ITEM) == 1


def test_seed_sources_are_untouched() -> None:
    for seed in SEEDS.values():
        assert seed.read_text(encoding="utf-8").count(REPEATED_ITEM) == 2
