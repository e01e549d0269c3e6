"""Numbered citation labels (``[1, 3-5]``), shared by the HTML parser and the STR rules.

A module of its own so that the structure rules, which read every article's citations, do
not import the HTML parser (and ``html.parser``) for Markdown articles.
"""

from __future__ import annotations

import re

MAX_RANGE = 50


def citation_numbers(label: str) -> list[str]:
    """``"1, 3-5"`` -> ``["1", "3", "4", "5"]`` (ranges capped at 50 numbers)."""
    out: list[str] = []
    for part in re.split(r"\s*,\s*", label):
        bounds = re.split(r"\s*[\u2013\u2014-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            out.extend(str(n) for n in range(low, min(high, low + MAX_RANGE - 1) + 1))
        elif part.isdigit():
            out.append(part)
    return out
