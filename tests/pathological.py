"""Inputs that once made the checker slow, hungry or crash (the hardening issue's list).

Shared by tests/test_hardening_limits.py (each case must finish, bounded) and
bench/fuzz_profile.py --pathological (prints time and memory per case).
"""

from __future__ import annotations

import random
from collections.abc import Callable

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typos(size: int) -> str:
    rng = random.Random(16)
    words = []
    total = 0
    while total < size:
        word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 10)))
        words.append(word)
        total += len(word) + 1
    return " ".join(words) + "\n"


def _html_table(rows: int, cols: int) -> str:
    row = "<tr>" + "".join(f"<td>cell {c} text</td>" for c in range(cols)) + "</tr>"
    return "<table>" + row * rows + "</table>\n"


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "long-word-20k": ("a.md", lambda: "a" * 20_000 + "\n"),
    "capitalised-word-x10000": ("a.md", lambda: "Qwertyfoo " * 10_000 + "\n"),
    "hyphenated-90k": ("a.md", lambda: "-".join(["a"] * 45_000) + "\n"),
    "unclosed-p-x10000": ("a.html", lambda: "<p>hello world " * 10_000),
    "unclosed-li-x10000": ("a.html", lambda: "<ul>" + "<li>item text" * 8_000),
    "unclosed-tags": ("a.html", lambda: "<div><span><b><i><em>text " * 3_000),
    "html-table-90k": ("a.html", lambda: _html_table(300, 15)),
    "repeated-word-80k": ("a.md", lambda: "the " * 20_000 + "\n"),
    "dense-typos-110k": ("a.md", lambda: _typos(110_000)),
    "line-1mb": ("a.md", lambda: "word " * 200_000 + "\n"),
    "deep-list-quote-long-line": (
        "a.md",
        lambda: "- " * 3_000 + "x\n\n" + ">" * 3_000 + " q\n\n" + "w" * 200_000 + "\n",
    ),
}
"""name -> (file name, text builder)."""
