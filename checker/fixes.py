"""Applying fixes: ``--fix``, ``--unsafe-fixes`` and ``--diff``.

Edits are character offsets into ``SourceFile.text`` (the decoded text without its BOM). Like
ruff, each pass applies every fix that does not overlap a fix already taken, then checks the
changed articles again and repeats until no fix is left (at most ``MAX_PASSES`` times); a file
whose fixes do not settle by then is left untouched. A later pass never edits text that an
earlier pass wrote, so fixes cannot cascade (two unsafe spelling fixes that make "mahi mahi"
into "magi magi" are not then merged into one word by the repeated-word fix). A fix whose
result another fix would want to edit is withdrawn instead, and the article is fixed again
from its original text without it (at most ``MAX_RESTARTS`` times): "the teh" keeps its typo
(reported, with its suggestion) rather than becoming "the the". So a second ``--fix`` finds
nothing left to do.

Writing keeps the BOM, the encoding (UTF-8) and the line endings (a replacement's ``\\n`` is
written as the file's own newline), goes through a temporary file in the same folder and
``os.replace``, and refuses a file whose bytes on disk are no longer the bytes that were
checked.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import click

from checker.atomic import atomic_write
from checker.config import Config
from checker.document import Document
from checker.engine import FileResult, RunResult, check_documents
from checker.findings import Edit, Finding, Fix
from checker.parsing import parse
from checker.source import BOM, SourceFile

MAX_PASSES = 10
MAX_RESTARTS = 5

FixId = tuple[int, tuple[tuple[int, int, str], ...]]
"""A fix as (pass number, its edits): the same in every restart up to that pass."""
WrittenSpan = tuple[int, int, FixId]
"""Where a fix's replacement stands in the current text, and which fix wrote it."""

Narrow = Callable[[RunResult], RunResult]


@dataclass
class FileFix:
    """The outcome of fixing one article."""

    original: SourceFile
    text: str
    applied: int = 0
    problem: str | None = None
    written: list[WrittenSpan] = field(default_factory=list)  # spans earlier passes wrote
    withdrawn: set[FixId] = field(default_factory=set)  # fixes whose result was to be re-edited
    passes: int = 0
    restarts: int = 0

    def restart(self, withdraw: set[FixId]) -> None:
        """Start again from the original text, without the fixes in ``withdraw``."""
        self.withdrawn |= withdraw
        self.text, self.applied, self.written, self.passes = self.original.text, 0, [], 0
        self.restarts += 1

    @property
    def changed(self) -> bool:
        """Whether the fixes changed the text."""
        return self.text != self.original.text


@dataclass
class FixRun:
    """The outcome of fixing every article of a run."""

    files: dict[str, FileFix] = field(default_factory=dict)

    @property
    def applied(self) -> int:
        """Number of fixes applied to files that are (or would be) written."""
        return sum(f.applied for f in self.changed)

    @property
    def changed(self) -> list[FileFix]:
        """Files whose text changed and that had no problem."""
        return [f for f in self.files.values() if f.changed and not f.problem]

    @property
    def problems(self) -> list[FileFix]:
        """Files left untouched, with the reason."""
        return [f for f in self.files.values() if f.problem]


def wanted(finding: Finding, unsafe: bool) -> Fix | None:
    """The finding's fix if the mode allows it (safe fixes always, unsafe ones on request)."""
    fix = finding.fix
    if fix is None or not fix.edits:
        return None
    if fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"):
        return fix
    return None


def _span(edit: Edit) -> tuple[int, int]:
    return edit.offset, edit.offset + edit.length


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two edit ranges collide (two insertions at one point collide too)."""
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def select_fixes(fixes: Iterable[Fix]) -> tuple[list[Fix], int]:
    """The fixes that can be applied together (in offset order), and how many were left out.

    A fix is taken when none of its edits overlaps another of its own edits or an edit of a
    fix already taken.
    """
    taken: list[Fix] = []
    spans: list[tuple[int, int]] = []
    left = 0
    for fix in sorted(fixes, key=lambda f: min(_span(e) for e in f.edits)):
        mine = sorted(_span(e) for e in fix.edits)
        clash = any(_overlaps(a, b) for a, b in zip(mine, mine[1:], strict=False))
        if clash or any(_overlaps(a, b) for a in mine for b in spans):
            left += 1
            continue
        taken.append(fix)
        spans.extend(mine)
    return taken, left


def fix_id(pass_number: int, fix: Fix) -> FixId:
    """The identity of ``fix`` when applied in pass ``pass_number``."""
    return pass_number, tuple((e.offset, e.length, e.replacement) for e in fix.edits)


def written_spans(
    fixes: Iterable[tuple[FixId, Fix]], earlier: Iterable[WrittenSpan], newline: str = "\n"
) -> list[WrittenSpan]:
    """Where, in the text after ``fixes`` are applied, the replacements of ``fixes`` and the
    ``earlier`` written spans (which no fix overlaps) now stand, each with its writer."""
    edits = sorted(((e, key) for key, f in fixes for e in f.edits), key=lambda p: _span(p[0]))
    sizes = [len(_with_newline(e.replacement, newline)) for e, _ in edits]
    spans: list[WrittenSpan] = []
    growth = 0
    for (edit, key), size in zip(edits, sizes, strict=True):
        if size:
            spans.append((edit.offset + growth, edit.offset + growth + size, key))
        growth += size - edit.length

    def shift(offset: int) -> int:
        return sum(
            n - e.length
            for (e, _), n in zip(edits, sizes, strict=True)
            if e.offset + e.length <= offset
        )

    moved = [(a + shift(a), b + shift(a), key) for a, b, key in earlier]
    return sorted(moved + spans)


def apply_edits(text: str, fixes: Iterable[Fix], newline: str = "\n") -> str:
    """Apply non-overlapping fixes to ``text``; replacements use ``newline`` for line breaks."""
    edits = sorted((e for f in fixes for e in f.edits), key=_span, reverse=True)
    for edit in edits:
        if not 0 <= edit.offset <= edit.offset + edit.length <= len(text):
            raise ValueError(f"edit {edit} lies outside the text ({len(text)} characters)")
        replacement = _with_newline(edit.replacement, newline)
        text = text[: edit.offset] + replacement + text[edit.offset + edit.length :]
    return text


def _with_newline(text: str, newline: str) -> str:
    if newline == "\n" or "\n" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\n", newline)


def encode(source: SourceFile, text: str | None = None) -> bytes:
    """The bytes of ``source`` (or of ``text`` in its place) as they are stored on disk."""
    body = source.text if text is None else text
    return ((BOM if source.has_bom else "") + body).encode("utf-8")


def fix_documents(
    result: RunResult, config: Config, *, unsafe: bool = False, narrow: Narrow | None = None
) -> FixRun:
    """Apply fixes in memory, pass after pass, to every article of ``result`` that has any.

    ``result`` holds the findings to fix; ``narrow`` (e.g. a baseline) is applied to the
    findings of each later pass in the same way.
    """
    outcome = FixRun()
    initial = {f.path: f for f in result.files if f.document is not None}
    pending = list(initial.values())
    while pending:
        changed_docs = _one_pass(pending, outcome, unsafe)
        if not changed_docs:
            break
        rechecked = check_documents(changed_docs, config)
        files = (narrow(rechecked) if narrow else rechecked).files
        pending = [
            file
            for checked in files
            if (file := _next(checked, outcome.files[checked.path], initial[checked.path], unsafe))
        ]
    return outcome


def _next(
    checked: FileResult, entry: FileFix, first: FileResult, unsafe: bool
) -> FileResult | None:
    """What to fix next in one article: its re-checked findings, its first findings again
    (restarted without the fixes whose result a new fix wanted to edit), or nothing."""
    writers = _cascading_writers(checked, entry, unsafe)
    if writers and entry.restarts < MAX_RESTARTS:
        entry.restart(writers)
        return first
    if entry.passes >= MAX_PASSES:
        if any(wanted(f, unsafe) for f in checked.findings):
            entry.problem = f"fixes did not settle after {MAX_PASSES} passes"
        return None
    return checked


def _cascading_writers(checked: FileResult, entry: FileFix, unsafe: bool) -> set[FixId]:
    """The fixes that wrote text that a fixable finding among ``checked``'s names or edits
    (the fix made the problem: "magi magi" flags both spelling fixes that wrote it)."""
    touched = [
        span
        for f in checked.findings
        if (fix := wanted(f, unsafe))
        for span in [(f.offset, f.offset + f.length), *map(_span, fix.edits)]
    ]
    return {key for a, b, key in entry.written if any(_overlaps(t, (a, b)) for t in touched)}


def _one_pass(pending: list[FileResult], outcome: FixRun, unsafe: bool) -> list[Document]:
    """Apply one round of non-overlapping fixes; return the re-parsed changed documents."""
    changed: list[Document] = []
    for file in pending:
        if file.document is None:
            continue
        source = file.document.source
        entry = outcome.files.setdefault(file.path, FileFix(source, source.text))
        fixes = [
            fix
            for f in file.findings
            if (fix := wanted(f, unsafe))
            and fix_id(entry.passes, fix) not in entry.withdrawn
            and not _rewrites(fix, entry.written)
        ]
        if not fixes:
            continue
        taken, _ = select_fixes(fixes)
        text = apply_edits(source.text, taken, source.newline)
        keyed = [(fix_id(entry.passes, fix), fix) for fix in taken]
        entry.written = written_spans(keyed, entry.written, source.newline)
        entry.text, entry.applied = text, entry.applied + len(taken)
        entry.passes += 1
        if text != source.text:
            changed.append(parse(SourceFile(file.path, text, source.has_bom, source.newline)))
    return changed


def _rewrites(fix: Fix, written: Iterable[WrittenSpan]) -> bool:
    """Whether ``fix`` would edit text that an earlier pass wrote."""
    return any(_overlaps(_span(e), (a, b)) for e in fix.edits for a, b, _ in written)


def write_fixed(fixed: FileFix) -> bool:
    """Write one fixed article atomically; refuse (and note why) if the file changed meanwhile."""
    path = fixed.original.path
    try:
        with open(path, "rb") as handle:
            on_disk = handle.read()
    except OSError as exc:
        fixed.problem = f"cannot read file again: {exc.strerror or exc}"
        return False
    if on_disk != encode(fixed.original):
        fixed.problem = "file changed since it was checked; not fixed"
        return False
    atomic_write(path, encode(fixed.original, fixed.text))
    return True


def unified_diff(fixed: FileFix) -> str:
    """The change to one article as a unified diff (``a/PATH`` to ``b/PATH``)."""
    path = fixed.original.path.replace(os.sep, "/")
    before = fixed.original.text.splitlines(keepends=True)
    after = fixed.text.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_all(run: FixRun) -> int:
    """Write every changed article; return how many were written."""
    return sum(write_fixed(f) for f in run.changed)


def diff_all(run: FixRun) -> str:
    """The unified diff of every article the fixes would change."""
    return "".join(unified_diff(f) for f in run.changed)


def show_diff(result: RunResult, config: Config, *, unsafe: bool, narrow: Narrow | None) -> int:
    """``--diff``: print what the fixes would change; 1 if anything would, else 0."""
    outcome = fix_documents(result, config, unsafe=unsafe, narrow=narrow)
    click.echo(diff_all(outcome), nl=False)
    click.echo(summary(outcome, wrote=False), nl=False, err=True)
    return 1 if outcome.changed else 0


def fix_and_recheck(
    result: RunResult,
    config: Config,
    recheck: Callable[[], RunResult],
    *,
    unsafe: bool,
    narrow: Narrow | None,
) -> RunResult:
    """``--fix``: write the fixes, then check again so the report lists what is left."""
    outcome = fix_documents(result, config, unsafe=unsafe, narrow=narrow)
    wrote = write_all(outcome)
    click.echo(summary(outcome, wrote=True), nl=False, err=True)
    return recheck() if wrote else result


def summary(run: FixRun, *, wrote: bool) -> str:
    """One line per refused file, then how many fixes were applied (or would be)."""
    lines = [f"{f.original.path}: {f.problem}" for f in run.problems]
    verb = "Fixed" if wrote else "Would fix"
    count = run.applied
    files = len(run.changed)
    lines.append(
        f"{verb} {count} problem{'s' if count != 1 else ''} "
        f"in {files} file{'s' if files != 1 else ''}."
    )
    return "\n".join(lines) + "\n"


def fix_stdin(
    result: RunResult,
    config: Config,
    stdin: tuple[str, bytes] | None,
    recheck: Callable[[tuple[str, bytes]], RunResult],
) -> RunResult:
    """``--fix -``: write standard input, fixed, to standard output (unchanged when it cannot
    be fixed or read), then check the fixed text so the report lists what is left."""
    assert stdin is not None
    name, data = stdin
    outcome = fix_documents(result, config)
    fixed = outcome.files.get(name)
    out = encode(fixed.original, fixed.text) if fixed and not fixed.problem else data
    click.get_binary_stream("stdout").write(out)
    click.echo(summary(outcome, wrote=True), nl=False, err=True)
    return recheck((name, out)) if out != data else result
