"""Generated articles and the invariants every run must keep (tests/test_fuzz.py, and
bench/fuzz_profile.py for long runs).

Generators take a ``random.Random`` so the same code serves hypothesis (``st.randoms()``) and
the fast seeded loop of the profile. Invariants, for any input: no exception escapes and no
check crashes (an INP002 finding counts as a crash); each finding's excerpt is
``source[offset:offset + length]`` and its line:column is that offset's (``\\r\\n``, ``\\r``
and ``\\n`` each end a line); safe fixes touch only the lines of their finding, settle, leave
text that parses, and a second round changes nothing (a fix whose result another fix would
edit is withdrawn, checker/fixes.py); a fix of text the first round wrote that is still
left after the withdrawals run out is counted apart, as a cascade.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from checker.config import Config
from checker.engine import Pipeline, RunResult, check_documents
from checker.fixes import _rewrites, fix_documents
from checker.loader import decode
from checker.parsing import parse
from checker.source import SourceFile

WORDS = (
    "the a an of and to in is are was ketamine therapy depression patients doctor may can "
    "often rapid relief studies show effective safe symptoms nausea dizziness blood pressure "
    "increase treatment Spravato esketamine clinic hours week dose mg 10 2024 teh recieve "
    "seperate medcine the the Dr. Smith NIH www.nimh.nih.gov https://example.com/a(b) "
    "e-mail a-b-c x@y.org [1] [^1] mahi"
).split()
ODD = (
    "\u0301\u0308\u200b\u200c\u200d\u2060\ufeff\u202e\u202d\u061c\u05d0\u05d1\u0627\u0644"
    "\U0001f600\U0001f468\u200d\U0001f469\ufe0f\u00a0\u2028\u2029\x0b\x0c\x85\u00e9\u00df"
    "\ufffc\ufffd\t\r\r\n\n\\*_`#>-+|[]()!<>&;\"'"
)
MARKUP = (
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "```\n",
    "~~~",
    "    ",
    "| a | b |\n|---|---|\n",
    "**",
    "_",
    "`",
    "[",
    "](",
    ")",
    "[^1]",
    "\n[^1]: ",
    "<!--",
    "-->",
    "<!-- checker-disable SPL -->",
    "<!-- checker-disable-next-line -->",
    "---\n",
    "&amp;",
    "&#x1F600;",
    "&bogus;",
    "\\",
    "<br>",
    "<p>",
    "</p>",
    "<li>",
    "<![",
    "<!x",
    "<script>",
    "</script>",
    "<table><tr><td>",
    "\x00",
)
HTML_TAGS = (
    "<p>",
    "</p>",
    "<ul>",
    "<li>",
    "</li>",
    "<ol start=3>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "<div>",
    "<span>",
    "<b>",
    "</b>",
    "<a href='https://nih.gov'>",
    "</a>",
    "<h2>",
    "</h2>",
    "<![CDATA[x]]>",
    "<![ x ]>",
    "<!2>",
    "<!-- c -->",
    "<script>x</script>",
    "<style>",
    "<br/>",
    "&nbsp;",
    "&lt;",
    "&#0;",
    "&#xD800;",
    "<img alt='a b'>",
    "<pre>",
    "<code>",
    "</",
)


def _word(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "".join(rng.choice(ODD) for _ in range(rng.randint(1, 4)))
    word = rng.choice(WORDS)
    if rng.random() < 0.05:
        word = word.upper() if rng.random() < 0.5 else word.capitalize()
    return word


def markdown(rng: random.Random, size: int = 60) -> str:
    """A Markdown-ish article: words, block and inline markup, odd characters."""
    parts: list[str] = []
    if rng.random() < 0.2:
        parts.append(
            rng.choice(("---\ntitle: x\n---\n", "---\na: [\n---\n", "---\n", "---\nb: *x\n---\n"))
        )
    for _ in range(rng.randint(1, size)):
        roll = rng.random()
        if roll < 0.25:
            parts.append(rng.choice(MARKUP))
        elif roll < 0.3:
            parts.append(rng.choice(("- ", "> ", "  ")) * rng.randint(2, 40))
        else:
            parts.append(_word(rng))
        parts.append(rng.choice((" ", " ", " ", "", ". ", ", ", "\n")))
    return "".join(parts)


def html(rng: random.Random, size: int = 60) -> str:
    """An HTML-ish article: tags opened and left open, entities, words."""
    parts = []
    for _ in range(rng.randint(1, size)):
        parts.append(rng.choice(HTML_TAGS) if rng.random() < 0.35 else _word(rng))
        parts.append(rng.choice((" ", "", "\n", "\r\n", "\r", ". ")))
    return "".join(parts)


def plain(rng: random.Random, size: int = 60) -> str:
    """CMS-pasted plain text: lines, bullets, odd breaks."""
    lines = []
    for _ in range(rng.randint(1, size // 4 + 1)):
        bullet = rng.choice(("", "", "\u2022 ", "- ", "1) ", "Q: ", "A: "))
        lines.append(bullet + " ".join(_word(rng) for _ in range(rng.randint(0, 12))))
    return rng.choice(("\n", "\r\n", "\r", "\n\n")).join(lines)


def raw_bytes(rng: random.Random, size: int = 200) -> bytes:
    """Random bytes, sometimes UTF-16 or with a BOM or NUL."""
    roll = rng.random()
    if roll < 0.3:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, size)))
    text = markdown(rng, size // 4)
    if roll < 0.45:
        return text.encode("utf-16")
    if roll < 0.6:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8", "surrogatepass").replace(b"\n", b"\n\x00", rng.random() < 0.2)


GENERATORS: dict[str, tuple[str, Callable[[random.Random], str | bytes]]] = {
    "markdown": ("a.md", markdown),
    "html": ("a.html", html),
    "plain": ("a.txt", plain),
    "bytes": ("a.md", raw_bytes),
}


@dataclass
class Outcome:
    """What went wrong with one input (empty lists: nothing)."""

    crashes: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    cascades: list[str] = field(default_factory=list)
    """Fixes a second round would make on text the first round wrote (refused by design)."""

    @property
    def ok(self) -> bool:
        """Whether every invariant held."""
        return not (self.crashes or self.positions or self.fixes)


def line_starts(text: str) -> list[int]:
    """Offsets where lines start, with ``\\r\\n``, ``\\r`` and ``\\n`` each ending a line."""
    return [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` given the text's ``line_starts``."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


class Checker:
    """One started pipeline (grammar off) reused for many inputs."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config(grammar="off")
        self.pipeline = Pipeline.start(self.config)

    def run(self, name: str, data: str | bytes) -> tuple[RunResult, SourceFile | None]:
        """Check one input as the engine checks a file."""
        if isinstance(data, bytes):
            item = decode(name, data, self.config.max_file_size)
        else:
            item = SourceFile.from_text(name, data)
        result = self.pipeline.finish([self.pipeline.check_source(item)])
        return result, item if isinstance(item, SourceFile) else None

    def outcome(self, name: str, data: str | bytes, *, fixes: bool = True) -> Outcome:
        """Every invariant of one input."""
        out = Outcome()
        try:
            result, source = self.run(name, data)
        except Exception as exc:  # the invariant under test: nothing escapes
            out.crashes.append(f"{type(exc).__name__}: {exc}")
            return out
        out.crashes += [f.message for f in result.findings if f.rule == "INP002"]
        if source is None:
            return out
        text = source.text
        starts = line_starts(text)
        for f in result.findings:
            if text[f.offset : f.offset + f.length] != f.excerpt:
                out.positions.append(f"{f.rule} {f.offset}+{f.length}: excerpt {f.excerpt!r:.60}")
            elif line_col(starts, f.offset) != (f.line, f.column):
                out.positions.append(
                    f"{f.rule} at {f.line}:{f.column}, offset says {line_col(starts, f.offset)}"
                )
        if fixes and not out.crashes:
            out.fixes += self._fix_problems(result, source, out.cascades)
        return out

    def _fix_problems(
        self, result: RunResult, source: SourceFile, cascades: list[str]
    ) -> list[str]:
        problems = []
        for f in result.findings:
            if f.fix is None or f.fix.applicability != "safe":
                continue
            lo = source.line_start(f.line)
            hi = source.line_end(f.end_line, include_newline=True)
            for edit in f.fix.edits:
                if not lo <= edit.offset <= edit.offset + edit.length <= hi:
                    where = f"{edit.offset}+{edit.length}"
                    problems.append(
                        f"{f.rule} fix edits {where} outside lines {f.line}-{f.end_line}"
                    )
        if not any(f.fix is not None and f.fix.applicability == "safe" for f in result.findings):
            return problems
        run = fix_documents(result, self.config)
        problems += [f"fix: {f.problem}" for f in run.problems]
        for fixed in run.changed:
            try:
                doc = parse(
                    SourceFile(fixed.original.path, fixed.text, source.has_bom, source.newline)
                )
            except Exception as exc:
                problems.append(f"fixed text does not parse: {exc!r}")
                continue
            rechecked = check_documents([doc], self.config)
            again = fix_documents(rechecked, self.config)
            if not again.changed:
                continue
            left = [f for f in rechecked.findings if f.fix and f.fix.applicability == "safe"]
            if all(_rewrites(f.fix, fixed.written) for f in left if f.fix):
                cascades += [f"{f.rule} on text the first --fix wrote" for f in left]
            else:
                problems.append("a second --fix changed the text again")
        return problems
