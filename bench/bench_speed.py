"""Benchmark: whole-process speed of ``checker check`` against Vale, in one command.

Prints, each measured in this one run (wall time, user+sys CPU time of the process and its
workers, and the peak RSS of the largest single process):

1. grammar off, N MedQuAD articles (default 500), no result cache: ``--jobs 1`` and
   ``--jobs 2``, and Vale (bench/vale/.vale.ini: a spelling rule and a few substitution and
   repetition rules) on the same files; the ratios checker/Vale and jobs 2/jobs 1;
2. the result cache: a cold run, then a re-run of the unchanged corpus;
3. one article on its own, result cache off and on (start-up);
4. grammar on (unless ``--no-grammar``): a warm server (``checker server start``, then W other
   articles, default 200, checked through it first so its JIT has compiled the hot code) and a
   cold grammar cache (paragraph cache and result cache off) on M articles (default 100), and
   the server's CPU time and resident memory.

CPU-based rates (articles per CPU second) are printed beside the wall-clock ones: on a shared
machine wall time depends on the other jobs, CPU time much less.

Usage: ``python bench/bench_speed.py [--articles N] [--grammar-articles M]
[--grammar-warmup W] [--no-grammar] [CORPUS]``. Vale is looked for on PATH and in ~/go/bin
(build it with ``go install github.com/vale-cli/vale/v3/cmd/vale@v3.21.0``); without it
proselint is the peer when installed, else the peer rows are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHECKER = Path(sys.executable).with_name("checker")
MEDQUAD = ("shared", "data", "corpus", "medquad")
DEFAULT_CORPUS = next(
    (p.joinpath(*MEDQUAD) for p in HERE.parents if p.joinpath(*MEDQUAD).is_dir()),
    ROOT.parent.joinpath(*MEDQUAD),
)
VALE_CONFIG = HERE / "vale" / ".vale.ini"
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "rss_mb": use.ru_maxrss / 1024, "rc": done.returncode,
                  "err": done.stderr.decode(errors="replace")[-500:]}))
"""


@dataclass
class Measured:
    """One command's figures."""

    label: str
    wall: float
    cpu: float
    rss_mb: float
    count: int

    @property
    def rate(self) -> float:
        """Articles per second of wall time."""
        return self.count / self.wall if self.wall else 0.0

    @property
    def cpu_rate(self) -> float:
        """Articles per second of CPU time (user + sys, all processes)."""
        return self.count / self.cpu if self.cpu else 0.0

    def row(self) -> str:
        """A table row."""
        per = 1000 * self.cpu / self.count if self.count else 0.0
        return (
            f"{self.label:<44} {self.wall:7.2f} s {self.rate:8.1f}/s  {self.cpu:7.2f} s CPU "
            f"{per:6.2f} ms/article {self.cpu_rate:7.1f}/CPU-s  {self.rss_mb:6.0f} MB"
        )


def child_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of a measured run: ours plus ``env``, with bytecode caching on (an
    installed package has its bytecode compiled; ``PYTHONDONTWRITEBYTECODE`` would make every
    run compile every module again)."""
    merged = {**os.environ, **env}
    merged.pop("PYTHONDONTWRITEBYTECODE", None)
    return merged


def measure(label: str, cmd: list[str], count: int, env: dict[str, str]) -> Measured:
    """Run ``cmd`` in a fresh measuring process (so peak RSS is this command's own)."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd],
        capture_output=True,
        text=True,
        env=child_env(env),
        check=True,
    )
    data = json.loads(out.stdout)
    if data["rc"] not in (0, 1):
        print(f"  ! {label}: exit {data['rc']}: {data['err']}")
    return Measured(label, data["wall"], data["cpu"], data["rss_mb"], count)


def best(runs: int, label: str, cmd: list[str], count: int, env: dict[str, str]) -> Measured:
    """The fastest (by wall time) of ``runs`` measurements."""
    return min((measure(label, cmd, count, env) for _ in range(runs)), key=lambda m: m.wall)


def peer_command(files: Path) -> tuple[str, list[str]] | None:
    """Vale with bench/vale's configuration, else proselint, else None."""
    vale = shutil.which("vale") or str(Path.home() / "go" / "bin" / "vale")
    if Path(vale).is_file():
        return "vale", [vale, "--config", str(VALE_CONFIG), "--output", "line", str(files)]
    proselint = shutil.which("proselint") or str(Path(sys.executable).with_name("proselint"))
    if Path(proselint).is_file():
        return "proselint", [proselint, *map(str, sorted(files.glob("*.md")))]
    return None


def check(*args: str) -> list[str]:
    """A ``checker check`` command line."""
    return [str(CHECKER), "check", "--fail-on", "never", "-q", *args]


def ratio(name: str, value: float, target: float, higher: bool = True) -> None:
    """Print a ratio or figure with its target."""
    ok = value >= target if higher else value <= target
    sign = ">=" if higher else "<="
    print(f"  {name:<58} {value:9.2f}   target {sign} {target:g}   {'met' if ok else 'NOT met'}")


def grammar_off(files: Path, count: int, env: dict[str, str], cache: Path) -> dict[str, Measured]:
    """Section 1-3 figures."""
    out: dict[str, Measured] = {}
    peer = peer_command(files)
    if peer is not None:
        out["peer"] = best(2, f"{peer[0]} (bench/vale config)", peer[1], count, env)
    else:
        print("  (no Vale or proselint found: peer rows skipped)")
    base = ["--no-grammar", str(files)]
    out["jobs1"] = best(
        2, "checker --jobs 1 --no-cache", check("--jobs", "1", "--no-cache", *base), count, env
    )
    out["jobs2"] = best(
        2, "checker --jobs 2 --no-cache", check("--jobs", "2", "--no-cache", *base), count, env
    )
    cached_env = {**env, "CHECKER_CACHE_DIR": str(cache)}
    out["cold"] = measure(
        "checker (default jobs), cold result cache", check(*base), count, cached_env
    )
    out["warm"] = best(
        3, "checker, re-run, unchanged corpus (cached)", check(*base), count, cached_env
    )
    one = str(next(iter(sorted(files.glob("*.md")))))
    single = ["--no-grammar", one]
    out["one_cold"] = best(3, "one article, --no-cache", check("--no-cache", *single), 1, env)
    measure("(warm the cache for the next row)", check(*single), 1, cached_env)
    out["one_warm"] = best(3, "one article, cached", check(*single), 1, cached_env)
    return out


def grammar_on(
    files: Path, count: int, env: dict[str, str], work: Path, warmup: int = 0
) -> Measured | None:
    """Section 4: a warm server, cold caches; prints the server's CPU time and memory.

    A server is warm once it has checked ``warmup`` other articles (the ones after the measured
    ``count``): its JIT has compiled the hot code, as for a server kept running between runs.
    """
    config = work / "checker.toml"
    config.write_text("[languagetool]\ncache = false\n", encoding="utf-8")
    started = subprocess.run([str(CHECKER), "server", "start"], capture_output=True, text=True)
    if started.returncode != 0:
        print(f"  (grammar rows skipped: {started.stderr.strip() or started.stdout.strip()})")
        return None
    try:
        articles = sorted(files.glob("*.md"))
        subset = _copy(articles[:count], work / "grammar")
        common = ["--no-cache", "--require-grammar", "--config", str(config)]
        if warmup:
            warm = _copy(articles[count : count + warmup], work / "warm-up")
            warmed = measure("(warm the server: other articles)", check(*common, str(warm)), 0, env)
            print(f"  warm-up: {len(list(warm.iterdir()))} other articles, {warmed.wall:.1f} s")
        args = [*common, str(subset)]
        before = _server_cpu()
        result = measure("checker, grammar on, warm server, cold caches", check(*args), count, env)
        used = _server_cpu() - before
        print(
            f"  server CPU: {used:.2f} s, {1000 * used / count:.0f} ms/article (load-independent)"
        )
        print(f"  server memory: {_server_memory()}")
        return result
    finally:
        subprocess.run([str(CHECKER), "server", "stop"], capture_output=True, check=False)


def _copy(paths: list[Path], folder: Path) -> Path:
    """``folder`` holding copies of ``paths``."""
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def _server_cpu() -> float:
    """User + system CPU seconds of the warm server's JVM so far (0 if unknown)."""
    from checker.grammar.server import read_state

    state = read_state()
    try:
        fields = Path(f"/proc/{state.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (AttributeError, OSError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_memory() -> str:
    from checker.grammar.server import read_state

    state = read_state()
    if state is None:
        return "unknown (no state file)"
    try:
        status = Path(f"/proc/{state.pid}/status").read_text()
    except OSError:
        return "unknown"
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    rss, hwm = fields.get("VmRSS", "?").strip(), fields.get("VmHWM", "?").strip()
    return f"RSS {rss}, peak {hwm} (pid {state.pid})"


def main() -> None:
    """Run every section and print the figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--grammar-articles", type=int, default=100)
    parser.add_argument("--grammar-warmup", type=int, default=200)
    parser.add_argument("--no-grammar", action="store_true")
    opts = parser.parse_args()
    if not opts.corpus.is_dir():
        print(f"corpus not found: {opts.corpus} (skipping)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        work = Path(tmp)
        files = work / "articles"
        files.mkdir()
        paths = sorted(opts.corpus.glob("*.md"))[: opts.articles]
        for path in paths:
            shutil.copy(path, files / path.name)
        count = len(paths)
        env = {"CHECKER_CACHE_DIR": str(work / "lexicons")}
        subprocess.run(check("--no-grammar", str(paths[0])), env=child_env(env), check=False)
        print(f"{count} MedQuAD articles, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        print(f"{'':<44} {'wall':>9} {'rate':>10}  {'CPU':>11} {'':>17} {'':>13}  peak RSS")
        figures = grammar_off(files, count, env, work / "cache")
        for item in figures.values():
            print(item.row())
        grammar = None
        if not opts.no_grammar:
            grammar = grammar_on(files, opts.grammar_articles, env, work, opts.grammar_warmup)
        if grammar is not None:
            print(grammar.row())
        _ratios(figures, grammar)


def _ratios(f: dict[str, Measured], grammar: Measured | None) -> None:
    print("ratios and targets (wall-clock unless marked CPU):")
    best_run = min(f["jobs1"], f["jobs2"], key=lambda m: m.wall)
    ratio("grammar off, articles/s (best of --jobs 1/2)", best_run.rate, 300)
    if "peer" in f:
        ratio("checker / peer throughput (wall)", best_run.rate / f["peer"].rate, 2)
        ratio("checker / peer throughput (CPU)", f["jobs2"].cpu_rate / f["peer"].cpu_rate, 2)
    ratio("peak RSS per process, MB", max(f["jobs1"].rss_mb, f["jobs2"].rss_mb), 300, False)
    ratio("cached re-run, articles/s", f["warm"].rate, 1000)
    ratio("--jobs 2 / --jobs 1 speed-up (wall)", f["jobs1"].wall / f["jobs2"].wall, 1.7)
    ratio("one article, no cache, seconds", f["one_cold"].wall, 0.3, False)
    ratio("one article, cached, seconds", f["one_warm"].wall, 0.3, False)
    if grammar is not None:
        ratio("grammar on, warm server, cold caches, articles/s", grammar.rate, 10)


if __name__ == "__main__":
    main()
