"""A later fix pass never edits text an earlier pass wrote: fixes cannot cascade."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from checker.findings import Edit, Fix
from checker.fixes import apply_edits, written_spans


def _fix(offset: int, length: int, replacement: str) -> Fix:
    return Fix(edits=[Edit(offset, length, replacement)], applicability="safe")


def test_written_spans_follow_the_edits() -> None:
    text = "aa bb cc dd"
    fixes = [_fix(0, 2, "xxxx"), _fix(6, 2, ""), _fix(9, 0, "yy")]
    after = apply_edits(text, fixes)
    assert after == "xxxx bb  yydd"
    spans = written_spans(fixes, [])
    assert [after[a:b] for a, b in spans] == ["xxxx", "yy"]


def test_earlier_written_spans_move_with_later_edits() -> None:
    text = "one TWO three"
    fixes = [_fix(0, 3, "1"), _fix(8, 5, "3!")]
    after = apply_edits(text, fixes)
    spans = written_spans(fixes, [(4, 7)])
    assert after[spans[1][0] : spans[1][1]] == "TWO"
    assert [after[a:b] for a, b in spans] == ["1", "TWO", "3!"]


def test_unsafe_spelling_fixes_are_not_merged_by_the_repeated_word_fix(tmp_path: Path) -> None:
    article = tmp_path / "fish.md"
    article.write_text("# Fish\n\nEat mahi mahi twice a week. The the fish is good.\n")
    out = run_cli(
        "check", "--no-grammar", "--no-cache", "--fix", "--unsafe-fixes", "--fail-on", "never",
        str(article),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    fixed = article.read_text()
    # each spelling fix touched only its own word; the repeated "The" (original text) went
    assert "The the" not in fixed
    words = fixed.split("\n")[2].split()
    assert words[0] == "Eat" and words[3:5] == ["twice", "a"] and len(words) == 10, fixed
