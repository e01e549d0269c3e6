"""Compare the findings of two JSON reports (``checker check --format json -o FILE``).

    python scripts/compare_reports.py BEFORE.json AFTER.json [--show 30]

A finding is compared by (file name, rule, line, column, message); repeats count. Prints the
totals, the findings only in either report and a per-rule count of the differences; exits 1
when the reports differ. Used to show that a change (a faster pattern, a refactor) keeps every
finding of a corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

Key = tuple[str, str, int, int, str]


def findings(path: Path) -> Counter[Key]:
    """The findings of one report, keyed by file name, rule, line, column and message."""
    report = json.loads(path.read_text(encoding="utf-8"))
    return Counter(
        (Path(file["path"]).name, f["rule"], f["line"], f["column"], f["message"])
        for file in report["files"]
        for f in file["findings"]
    )


def compare(before: Counter[Key], after: Counter[Key], show: int) -> list[str]:
    """Report lines: totals, then up to ``show`` findings only in each report, per rule."""
    gone, new = before - after, after - before
    lines = [
        f"{sum(before.values()):,} vs {sum(after.values()):,} findings:"
        f" {sum(gone.values()):,} only in the first, {sum(new.values()):,} only in the second"
    ]
    for mark, part in (("-", gone), ("+", new)):
        lines += [f"  {mark} {key}" for key in sorted(part)[:show]]
        rules = Counter(key[1] for key in part.elements())
        if rules:
            lines.append(f"  {mark} by rule: " + ", ".join(f"{r} {n}" for r, n in rules.items()))
    return lines


def main() -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=30, help="differences listed per side")
    args = parser.parse_args()
    before, after = findings(args.before), findings(args.after)
    print("\n".join(compare(before, after, args.show)))
    return 0 if before == after else 1


if __name__ == "__main__":
    sys.exit(main())
