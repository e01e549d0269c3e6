"""A later fix pass never edits text an earlier pass wrote: fixes cannot cascade, and a fix
whose result another fix wants to edit is withdrawn, so a second ``--fix`` changes nothing."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from checker.findings import Edit, Fix
from checker.fixes import apply_edits, fix_id, written_spans


def _fix(offset: int, length: int, replacement: str) -> Fix:
    return Fix(edits=[Edit(offset, length, replacement)], applicability="safe")


def test_written_spans_follow_the_edits() -> None:
    text = "aa bb cc dd"
    fixes = [_fix(0, 2, "xxxx"), _fix(6, 2, ""), _fix(9, 0, "yy")]
    after = apply_edits(text, fixes)
    assert after == "xxxx bb  yydd"
    spans = written_spans([(fix_id(0, f), f) for f in fixes], [])
    assert [after[a:b] for a, b, _ in spans] == ["xxxx", "yy"]
    assert [key for _, _, key in spans] == [fix_id(0, fixes[0]), fix_id(0, fixes[2])]


def test_earlier_written_spans_move_with_later_edits() -> None:
    text = "one TWO three"
    fixes = [_fix(0, 3, "1"), _fix(8, 5, "3!")]
    after = apply_edits(text, fixes)
    earlier = (4, 7, fix_id(0, _fix(4, 3, "TWO")))
    spans = written_spans([(fix_id(1, f), f) for f in fixes], [earlier])
    assert after[spans[1][0] : spans[1][1]] == "TWO"
    assert [after[a:b] for a, b, _ in spans] == ["1", "TWO", "3!"]
    assert spans[1][2] == earlier[2]


def test_unsafe_spelling_fixes_are_not_merged_by_the_repeated_word_fix(tmp_path: Path) -> None:
    article = tmp_path / "fish.md"
    article.write_text("# Fish\n\nEat mahi mahi twice a week. The the fish is good.\n")
    out = run_cli(
        "check", "--no-grammar", "--no-cache", "--fix", "--unsafe-fixes", "--fail-on", "never",
        str(article),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    fixed = article.read_text()
    # the repeated "The" (original text) went; the spelling fixes that would have made
    # "mahi mahi" a repeated word were withdrawn, so the fish keeps its name
    assert fixed == "# Fish\n\nEat mahi mahi twice a week. The fish is good.\n", fixed


def _fix_twice(article: Path, *flags: str) -> tuple[str, str]:
    texts = []
    for _ in range(2):
        out = run_cli("check", "--no-grammar", "--no-cache", "--fix", "--fail-on", "never",
                      *flags, str(article))  # fmt: skip
        assert out.returncode == 0, out.stderr
        texts.append(article.read_text())
    return texts[0], texts[1]


def test_a_fix_that_makes_a_repeated_word_is_withdrawn(tmp_path: Path) -> None:
    article = tmp_path / "typo.md"
    text = "# Care\n\nRest after the teh procedure. Drink watter often.\n"
    article.write_text(text)
    first, second = _fix_twice(article, "--unsafe-fixes")
    # "teh" -> "the" would make "the the": that fix is withdrawn, the other typo is fixed
    assert "the teh procedure" in first, first
    assert "watter" not in first and "water" in first, first
    assert second == first, "a second --fix changed the text again"
