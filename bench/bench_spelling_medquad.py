"""Spelling false alarms on the MedQuAD corpus: findings per 1,000 words, by source.

Run: python bench/bench_spelling_medquad.py [--list]. MedQuAD (2,491 NIH articles, in
../shared/data/corpus/medquad) is well-edited text, so nearly every spelling finding there is a
false alarm; NIDDK articles lost their dashes in the source ("metabolismthe"), so their
run-together findings are real and they are counted apart. Prints a skip reason when the corpus
is absent.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from checker.parsing import parse
from checker.source import SourceFile
from checker.spelling import load_engine
from checker.spelling.analysis import analyse

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """../shared (or $CHECKER_SHARED, or the shared folder above the worktrees)."""
    override = os.environ.get("CHECKER_SHARED")
    candidates = [Path(override)] if override else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((c for c in candidates if (c / "data").is_dir()), None)


def main() -> None:
    """Print findings per 1,000 words for each source and overall."""
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/data/corpus/medquad not found")
        return
    engine = load_engine({})
    words: Counter[str] = Counter()
    found: Counter[str] = Counter()
    listing = []
    for path in sorted((shared / "data" / "corpus" / "medquad").glob("*.md")):
        source = path.name.split("-", 1)[0]
        doc = parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))
        words[source] += doc.words()
        issues = analyse(doc, engine)
        found[source] += len(issues)
        listing += [f"{path.name}\t{i.code}\t{i.token.text}\t{i.suggestions[:1]}" for i in issues]
    for source in sorted(words):
        rate = found[source] / words[source] * 1000
        print(f"{source:20} {words[source]:>9,} words {found[source]:>5} findings {rate:6.3f}/1k")
    total_w, total_f = sum(words.values()), sum(found.values())
    clean_w = total_w - words["niddk"]
    clean_f = total_f - found["niddk"]
    for name, w, f in (("all", total_w, total_f), ("all but niddk", clean_w, clean_f)):
        print(f"{name:20} {w:>9,} words {f:>5} findings {f / w * 1000:6.3f}/1k")
    if "--list" in sys.argv:
        print("\n".join(listing))


if __name__ == "__main__":
    main()
