"""Benchmark the grammar check: server start, per-article time, parallel throughput, cache.

Starts its own LanguageTool server (java + jars from tools/languagetool/fetch.sh) and uses a
throw-away paragraph cache. Prints:

* server start: until /v2/languages answers, and until the first (warm-up) check is done;
* one article (the seed) right after start (cold JIT) and again later (warm JIT), uncached;
* throughput over N corpus articles with 1 and with 2 parallel requests (2 cores here);
* a fully cached re-run of the same articles (no LanguageTool requests).

With ``--quality`` it instead runs the GRM check over 200 corpus articles and prints grammar
findings per 1,000 words by LanguageTool rule (for tuning rules/grammar.yml).
Usage: ``python bench/bench_grammar.py [--articles N] [--quality] [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

from checker.checks.grammar import prepare
from checker.config import from_mapping
from checker.document import Document
from checker.engine import run
from checker.grammar import GrammarEngine, GrammarSettings, build_settings
from checker.grammar.cache import ParagraphCache
from checker.grammar.paths import find_java, jar_dir, missing_install_reason, pinned_version
from checker.grammar.server import LocalServer
from checker.parsing import parse
from checker.source import SourceFile
from checker.words import iter_words

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "medquad"
SEED = ROOT / "articles" / "is-ketamine-therapy-addictive.md"


def load(path: Path) -> Document:
    """Parse one article."""
    return parse(SourceFile.from_text(str(path), path.read_text(encoding="utf-8")))


def texts_of(doc: Document) -> list[str]:
    """What the GRM check sends for a document: its prose blocks, placeholders replaced."""
    return [prepare(b.text.text).text for b in doc.prose_blocks() if b.text.text.strip()]


def word_count(docs: list[Document]) -> int:
    """Words of prose in the documents."""
    return sum(len(list(iter_words(t))) for d in docs for t in texts_of(d))


def sample(corpus: Path, count: int) -> list[Path]:
    """``count`` articles spread evenly over the sorted corpus."""
    paths = sorted(corpus.glob("*.md"))
    return paths[:: max(1, len(paths) // count)][:count]


def timed_check(settings: GrammarSettings, docs: list[Document], cache=None) -> tuple[float, int]:
    """Seconds to check the documents' texts with a fresh engine, and its request count."""
    engine = GrammarEngine(settings, cache)
    texts = [t for d in docs for t in texts_of(d)]
    began = time.perf_counter()
    engine.check_texts(texts)
    took = time.perf_counter() - began
    assert engine.status == "ok", engine.status
    return took, engine.stats.requests


def start_server() -> LocalServer:
    """Start a LanguageTool server for the benchmark and print its start times."""
    java = find_java()
    reason = missing_install_reason(jar_dir(), java)
    if reason or java is None:
        sys.exit(f"cannot benchmark: {reason}")
    server = LocalServer(java, jar_dir(), pinned_version(), GrammarSettings().java_options)
    server.start(timeout=300)
    print(f"LanguageTool {server.version}: answers after {server.ready_seconds:.1f}s, ", end="")
    print(f"first check done after {server.start_seconds:.1f}s")
    return server


def speed(args: argparse.Namespace) -> None:
    """The speed figures."""
    server = start_server()
    base = build_settings(None, {"url": server.url, "cache": False}, environ={})
    seed = [load(SEED)]
    seed_words = word_count(seed)
    took, _ = timed_check(base, seed)
    print(f"seed article ({seed_words} words) cold, uncached: {took:.2f}s")
    docs = [load(p) for p in sample(args.corpus, args.articles)]
    words = word_count(docs)
    for workers in (1, 2):
        settings = dataclasses.replace(base, workers=workers)
        took, requests = timed_check(settings, docs)
        rate = f"{len(docs) / took:.2f} articles/s, {words / took:,.0f} words/s"
        print(f"{len(docs)} articles ({words} words), {workers} parallel: {took:.1f}s ({rate})")
    took, _ = timed_check(base, seed)
    print(f"seed article warm, uncached: {took:.2f}s")
    with tempfile.TemporaryDirectory() as tmp:
        cached = dataclasses.replace(base, cache=True)
        timed_check(cached, docs, ParagraphCache(Path(tmp) / "c.sqlite3"))
        took, requests = timed_check(cached, docs, ParagraphCache(Path(tmp) / "c.sqlite3"))
        print(f"{len(docs)} articles fully cached: {took:.3f}s, {requests} LanguageTool requests")
    server.stop()


def quality(args: argparse.Namespace) -> None:
    """Grammar findings per 1,000 words over 200 corpus articles, by rule."""
    server = start_server()
    paths = sample(args.corpus, 200)
    options = {"url": server.url, "cache": False}
    result = run(
        [str(p) for p in paths], from_mapping({"select": ["GRM"], "languagetool": options})
    )
    docs = [f.document for f in result.files if f.document is not None]
    words = word_count(docs)
    per_k = 1000 * len(result.findings) / words
    print(
        f"{len(paths)} articles, {words} words: {len(result.findings)} findings, {per_k:.2f}/1000"
    )
    for rule, n in collections.Counter(f.rule for f in result.findings).most_common():
        print(f"{n:5d}  {1000 * n / words:6.3f}/1000  {rule}")
    server.stop()


def main() -> None:
    """Parse arguments and run the chosen benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--quality", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")
    (quality if args.quality else speed)(args)


if __name__ == "__main__":
    main()
