"""Spelling quality on real misspellings injected into clean health sentences, beside Hunspell.

Run:
    python bench/bench_spelling_injected.py            # score the saved set
    python bench/bench_spelling_injected.py --build    # rebuild bench/data/spelling_injected.tsv
    python bench/bench_spelling_injected.py --misses   # also list what the checker missed

The set (bench/data/spelling_injected.tsv, saved so runs are reproducible):
- sentences: plain prose sentences (10-40 words, no digits or brackets) sampled from MedQuAD
  articles (../shared/data/corpus/medquad, NIH text) other than NIDDK, whose text is damaged;
  no spelling filter is applied, so both spellers meet the same rare terms;
- misspellings: codespell's dictionary (Wikipedia's lists of common misspellings, unambiguous
  entries) and the misspelled words of a patient-forum set (../shared/data/misspellings,
  AnneDirkson/SpellingCorpus, BSD-3-Clause) with corrections written by us (FORUM below). A
  misspelling replaces one occurrence of its correction in a sentence.
- parts: "tuning" (misspellings the list may contain, used while developing) and "held-out"
  (codespell entries whose CRC32 is in scripts/build_misspellings.py's held-out bucket, never in
  rules/vocab/misspellings.txt and never looked at while tuning; held-out sentences come from
  other articles).

Measured per part, for the checker (SPL001-SPL003) and for plain Hunspell (the ``hunspell``
command with en_US + en_med_glut, Debian packages hunspell, hunspell-en-us, hunspell-en-med):
recall (the misspelled word is flagged), first suggestion right (among all misspellings) and
false alarms per 1,000 words of the clean sentences. The machine is shared: timings, if any,
are noisy; the quality figures are not.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from build_misspellings import codespell_dictionary, held_out, pairs  # noqa: E402

from checker.parsing import parse  # noqa: E402
from checker.source import SourceFile  # noqa: E402

DATA = ROOT / "bench" / "data" / "spelling_injected.tsv"
PER_PART = 600
SEED = 12
SENTENCE_RE = re.compile(r"^[A-Z][A-Za-z ,'\-]+\.$")
FIELDS = ["part", "source", "wrong", "right", "start", "clean", "injected"]
FORUM = {
    "frieinds": "friends", "kontrol": "control", "husbond": "husband", "glevac": "Gleevec",
    "toughts": "thoughts", "tollerate": "tolerate", "surgry": "surgery", "enought": "enough",
    "yeras": "years", "surgerys": "surgeries", "reoccourances": "reoccurrences",
    "compleatly": "completely", "diffinetly": "definitely", "reoccurrance": "reoccurrence",
    "ussually": "usually", "wheater": "whether", "tsken": "taken", "opnion": "opinion",
    "pottasium": "potassium", "esle": "else", "explane": "explain", "oncolgy": "oncology",
    "suspious": "suspicious", "gleevic": "Gleevec", "diagosed": "diagnosed",
    "resectected": "resected", "metastisized": "metastasized", "sutant": "Sutent",
    "gleevac": "Gleevec", "tims": "times", "ovarie": "ovary",
}  # fmt: skip


def shared_dir() -> Path | None:
    """../shared (or $CHECKER_SHARED, or the shared folder above the worktrees)."""
    override = os.environ.get("CHECKER_SHARED")
    candidates = [Path(override)] if override else []
    candidates += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((c for c in candidates if (c / "data").is_dir()), None)


# ---------------------------------------------------------------------------- building the set


def sentences(corpus: Path, held: bool) -> list[str]:
    """Plain prose sentences of the non-NIDDK articles of one part (articles split by CRC32)."""
    out = []
    for path in sorted(corpus.glob("*.md")):
        if path.name.startswith("niddk-") or (zlib.crc32(path.name.encode()) % 3 == 0) != held:
            continue
        doc = parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))
        for sentence in doc.sentences():
            text = sentence.text.strip()
            if SENTENCE_RE.match(text) and 10 <= len(text.split()) <= 40:
                out.append(text)
    return sorted(set(out))


def build(shared: Path) -> list[dict[str, str]]:
    """Both parts of the benchmark set."""
    codespell = pairs(codespell_dictionary())
    by_right: dict[str, list[tuple[str, str, bool]]] = {}
    for wrong, right in codespell.items():
        if " " not in right:
            by_right.setdefault(right, []).append((wrong, "codespell", held_out(wrong)))
    for wrong, right in FORUM.items():
        by_right.setdefault(right.lower(), []).append((wrong, "forum", held_out(wrong)))
    corpus = shared / "data" / "corpus" / "medquad"
    rows = []
    for part, held in (("tuning", False), ("held-out", True)):
        rows += _inject(part, held, sentences(corpus, held), by_right)
    return rows


def _inject(part, held, pool, by_right) -> list[dict[str, str]]:
    rng = random.Random(SEED + held)
    rng.shuffle(pool)
    used_wrong: set[str] = set()
    right_uses: dict[str, int] = {}
    rows = []
    for text in pool:
        options = []
        for m in re.finditer(r"[A-Za-z]+", text):
            lower = m.group().lower()
            for wrong, source, is_held in by_right.get(lower, ()):
                if is_held == held and wrong not in used_wrong and right_uses.get(lower, 0) < 2:
                    options.append((m, wrong, source))
        forum = [o for o in options if o[2] == "forum"]
        if not options:
            continue
        m, wrong, source = rng.choice(forum or options)
        typed = wrong.capitalize() if m.group()[:1].isupper() else wrong
        injected = text[: m.start()] + typed + text[m.end() :]
        used_wrong.add(wrong)
        right_uses[m.group().lower()] = right_uses.get(m.group().lower(), 0) + 1
        rows.append(
            {"part": part, "source": source, "wrong": typed, "right": m.group(),
             "start": str(m.start()), "clean": text, "injected": injected}
        )  # fmt: skip
        if len(rows) == PER_PART:
            break
    return rows


# ---------------------------------------------------------------------------- scoring


@dataclass
class Flag:
    """One flagged word of a sentence: its offset, text and suggestions."""

    start: int
    word: str
    suggestions: list[str]


def checker_flags(texts: list[str]) -> list[list[Flag]]:
    """SPL001-SPL003 findings of the checker on each text (one document per text)."""
    from checker.spelling import load_engine
    from checker.spelling.analysis import analyse

    engine = load_engine({})
    out = []
    for text in texts:
        doc = parse(SourceFile.from_text("s.md", text + "\n"))
        issues = [i for i in analyse(doc, engine) if i.code in ("SPL001", "SPL002", "SPL003")]
        out.append([Flag(i.token.start, i.token.text, i.suggestions) for i in issues])
    return out


def hunspell_flags(texts: list[str]) -> list[list[Flag]] | None:
    """Plain Hunspell's flags on each text (``hunspell -a -d en_US,en_med_glut``)."""
    if shutil.which("hunspell") is None:
        return None
    lines = "".join("^" + t + "\n" for t in texts)
    result = subprocess.run(
        ["hunspell", "-a", "-d", "en_US,en_med_glut"],
        input=lines, capture_output=True, text=True, check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"},
    )  # fmt: skip
    blocks = result.stdout.split("\n\n")
    out: list[list[Flag]] = []
    body = result.stdout.split("\n", 1)[1] if result.stdout.startswith("@") else result.stdout
    blocks = body.split("\n\n")
    for block in blocks[: len(texts)]:
        flags = []
        for line in block.splitlines():
            if line.startswith("&"):
                head, _, rest = line.partition(": ")
                _, word, _, offset = head.split()
                flags.append(Flag(int(offset) - 1, word, rest.split(", ")))
            elif line.startswith("#"):
                _, word, offset = line.split()
                flags.append(Flag(int(offset) - 1, word, []))
        out.append(flags)
    return out


def score(rows: list[dict[str, str]], clean, injected) -> dict[str, float]:
    """Recall, first-suggestion accuracy and false alarms per 1,000 clean words."""
    hits = firsts = 0
    misses = []
    for row, flags in zip(rows, injected, strict=True):
        start = int(row["start"])
        flag = next((f for f in flags if f.start == start), None)
        hits += flag is not None
        right = flag is not None and flag.suggestions[:1] == [row["right"]]
        firsts += right
        if not right:
            misses.append((row, flag))
    words = sum(len(r["clean"].split()) for r in rows)
    alarms = [f.word for flags in clean for f in flags]
    return {
        "recall": hits / len(rows),
        "first": firsts / len(rows),
        "false_per_1000": len(alarms) / words * 1000,
        "alarms": alarms,
        "misses": misses,
        "n": len(rows),
        "words": words,
    }


def main() -> None:
    """Build the set when asked (or when missing), then print both spellers' figures."""
    shared = shared_dir()
    if "--build" in sys.argv or not DATA.is_file():
        if shared is None:
            print("skipped: ../shared not found, cannot build the set")
            return
        rows = build(shared)
        DATA.parent.mkdir(parents=True, exist_ok=True)
        with DATA.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, FIELDS, delimiter="\t", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {len(rows)} rows to {DATA}")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for part in ("tuning", "held-out"):
        chosen = [r for r in rows if r["part"] == part]
        clean = [r["clean"] for r in chosen]
        injected = [r["injected"] for r in chosen]
        print(f"\n{part}: {len(chosen)} misspellings in {len(chosen)} sentences, "
              f"{sum(len(c.split()) for c in clean):,} clean words")  # fmt: skip
        print(f"{'':10} {'recall':>8} {'1st right':>10} {'false/1k':>9}")
        results = {"checker": score(chosen, checker_flags(clean), checker_flags(injected))}
        hun_clean, hun_injected = hunspell_flags(clean), hunspell_flags(injected)
        if hun_clean is not None and hun_injected is not None:
            results["hunspell"] = score(chosen, hun_clean, hun_injected)
        else:
            print("hunspell: not installed (apt-get install hunspell), skipped")
        for name, r in results.items():
            print(f"{name:10} {r['recall']:8.3f} {r['first']:10.3f} {r['false_per_1000']:9.3f}")
        if "--misses" in sys.argv:
            r = results["checker"]
            print("checker false alarms:", sorted(r["alarms"]))
            for row, flag in r["misses"]:
                got = "not flagged" if flag is None else f"suggested {flag.suggestions[:3]}"
                print(f"  {row['source']:9} {row['wrong']:>18} -> {row['right']:<16} {got}")


if __name__ == "__main__":
    main()
