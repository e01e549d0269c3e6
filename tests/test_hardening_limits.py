"""The hardening issue's pathological inputs finish, bounded, with no crash.

All cases run in one child process limited to 2 GB of address space, so a blow-up in memory
fails the test instead of the machine. The bound per case here is loose (the suite shares the
machine); bench/fuzz_profile.py --pathological prints the real time and memory figures.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from pathological import CASES

TESTS = Path(__file__).resolve().parent
SECONDS_PER_CASE = 30.0
ADDRESS_SPACE = 2_000_000_000

SCRIPT = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from fuzzing import Checker
from pathological import CASES
checker = Checker()
checker.outcome("warm.md", "Warm up.\\n", fixes=False)
for name, (file_name, build) in CASES.items():
    text = build()
    began = time.perf_counter()
    outcome = checker.outcome(file_name, text, fixes=False)
    print(json.dumps({"name": name, "seconds": time.perf_counter() - began,
                      "crashes": outcome.crashes[:1], "positions": outcome.positions[:1]}),
          flush=True)
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def test_every_pathological_case_finishes_bounded_without_a_crash():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(TESTS)],
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_CASE * len(CASES) + 60,
        preexec_fn=_limit,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert [r["name"] for r in rows] == list(CASES)
    for row in rows:
        assert row["crashes"] == [] and row["positions"] == [], row
        assert row["seconds"] < SECONDS_PER_CASE, row
