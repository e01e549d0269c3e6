"""Long fuzz run of the whole pipeline, in-process (grammar off).

    .venv/bin/python bench/fuzz_profile.py --cases 100000 --jobs 2
    .venv/bin/python bench/fuzz_profile.py --pathological   # time and memory per known case

Generates Markdown, HTML, plain-text and raw-byte articles (tests/fuzzing.py) from seeds
0..cases-1 and checks the invariants there: no exception and no INP002 (crashes), each
finding's excerpt and line:column match its offset (wrong positions), safe fixes stay on
their lines, settle and re-parse (fix problems; checked every ``--fix-every`` cases). A case
over ``--hang`` seconds counts as a hang. Prints the counts and the first failing seeds; fix
cascades (a second round fixing text the first wrote, left after checker/fixes.py has
withdrawn the fixes that caused them) are counted apart.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import GENERATORS, Checker  # noqa: E402

KINDS = list(GENERATORS)
WARM_UP = Path(__file__).resolve().parents[1] / "articles" / "is-ketamine-therapy-addictive.md"
"""Checked (and fixed) once per process before any timed case: the first use of a lazily
loaded resource (spelling suggestions, the fact base) is start-up, not a hang."""
_warm: list[bool] = []


def _work(args: tuple[int, int, int, float]) -> dict[str, object]:
    start, stop, fix_every, hang = args
    checker = Checker()
    if not _warm:
        checker.outcome(WARM_UP.name, WARM_UP.read_text(encoding="utf-8"), fixes=True)
        _warm.append(True)
    counts = {"cases": 0, "crashes": 0, "hangs": 0, "positions": 0, "fixes": 0, "cascades": 0}
    failures: list[str] = []
    slowest = (0.0, -1)
    for seed in range(start, stop):
        name, generate = GENERATORS[KINDS[seed % len(KINDS)]]
        data = generate(random.Random(seed))
        began = time.perf_counter()
        outcome = checker.outcome(name, data, fixes=seed % fix_every == 0)
        took = time.perf_counter() - began
        slowest = max(slowest, (took, seed))
        counts["cases"] += 1
        counts["hangs"] += took > hang
        counts["cascades"] += bool(outcome.cascades)
        for kind in ("crashes", "positions", "fixes"):
            found = getattr(outcome, kind)
            counts[kind] += bool(found)
            if found and len(failures) < 20:
                failures.append(f"seed {seed} ({KINDS[seed % len(KINDS)]}): {kind}: {found[0]}")
    return {"counts": counts, "failures": failures, "slowest": slowest}


def fuzz(cases: int, jobs: int, fix_every: int, hang: float) -> int:
    """Run the cases on ``jobs`` processes and print the totals; 1 when anything failed."""
    began = time.perf_counter()
    step = max(1, -(-cases // (jobs * 20)))
    chunks = [(s, min(s + step, cases), fix_every, hang) for s in range(0, cases, step)]
    totals = {"cases": 0, "crashes": 0, "hangs": 0, "positions": 0, "fixes": 0, "cascades": 0}
    failures: list[str] = []
    slowest = (0.0, -1)
    with multiprocessing.Pool(jobs) as pool:
        for part in pool.imap_unordered(_work, chunks):
            for key, value in part["counts"].items():  # type: ignore[union-attr]
                totals[key] += value
            failures += part["failures"]  # type: ignore[arg-type]
            slowest = max(slowest, part["slowest"])  # type: ignore[type-var]
            print(f"  {totals['cases']:,} cases done", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - began
    print(
        f"cases {totals['cases']:,}  crashes {totals['crashes']}  hangs {totals['hangs']}"
        f" (over {hang:g} s)  wrong positions {totals['positions']}"
        f"  fix problems {totals['fixes']} (fixes checked every {fix_every} cases)"
        f"  refused fix cascades {totals['cascades']}"
    )
    print(
        f"{seconds:.0f} s on {jobs} process(es);"
        f" slowest case {slowest[0]:.2f} s (seed {slowest[1]})"
    )
    for line in failures[:20]:
        print("  " + line)
    bad = totals["crashes"] + totals["hangs"] + totals["positions"] + totals["fixes"]
    return 1 if bad else 0


def pathological() -> int:
    """Time and peak memory of each case of the hardening issue."""
    from pathological import CASES

    checker = Checker()
    checker.outcome("warm.md", "Warm up.\n", fixes=False)
    for name, (file_name, build) in CASES.items():
        text = build()
        began = time.perf_counter()
        outcome = checker.outcome(file_name, text, fixes=False)
        took = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        state = "ok" if outcome.ok else f"FAILED {outcome.crashes[:1]} {outcome.positions[:1]}"
        print(
            f"{name:28} {len(text) / 1000:7.0f} KB {took:7.2f} s  peak RSS {peak:5.0f} MB  {state}"
        )
    return 0


def main() -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--fix-every", type=int, default=10)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds that make a hang")
    parser.add_argument("--pathological", action="store_true")
    args = parser.parse_args()
    if args.pathological:
        return pathological()
    return fuzz(args.cases, args.jobs, args.fix_every, args.hang)


if __name__ == "__main__":
    sys.exit(main())
