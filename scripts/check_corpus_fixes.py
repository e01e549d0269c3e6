"""Check every MedQuAD article's safe fixes: each edit stays on its finding's lines, the fixes
settle, the fixed text parses and a second --fix changes nothing (tests/fuzzing.py).

    .venv/bin/python scripts/check_corpus_fixes.py [CORPUS_DIR] [--limit N]

Reads the corpus from ../shared (or CHECKER_SHARED); prints articles with fixes, the edits
checked and every problem. Exit 1 when there is one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import Checker  # noqa: E402


def main() -> int:
    """Command line."""
    shared = Path(os.environ.get("CHECKER_SHARED", ROOT.parent / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(shared / "data/corpus/medquad"))
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    paths = sorted(Path(args.corpus).glob("*.md"))[: args.limit or None]
    if not paths:
        print(f"no articles in {args.corpus}")
        return 0
    checker = Checker()
    began = time.perf_counter()
    problems = 0
    with_fixes = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        outcome = checker.outcome(path.name, text)
        result, _ = checker.run(path.name, text)
        with_fixes += any(f.fix is not None for f in result.findings)
        for line in outcome.crashes + outcome.positions + outcome.fixes:
            problems += 1
            print(f"{path.name}: {line}")
    seconds = time.perf_counter() - began
    print(f"{len(paths)} articles, {with_fixes} with fixes, {problems} problems, {seconds:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
