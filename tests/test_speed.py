"""Parallel checking and the result cache: same findings whatever the route, exact invalidation,
a robust cache store. (Throughput is measured by bench/bench_speed.py, not here.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import textstat
from conftest import CORPUS, SEED_MD, SEED_TXT, run_cli

from checker import cache as cache_module
from checker import syllables
from checker.cache import ResultCache
from checker.config import Config, RuleSettings
from checker.engine import run
from checker.findings import Severity
from checker.parsing import parse
from checker.resources import DEFAULT_RULES_DIR
from checker.source import SourceFile

SAMPLE = 40


def _articles(tmp_path: Path) -> Path:
    """A folder with the seed article (Markdown and text) and a corpus sample when present."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_MD, folder / SEED_MD.name)
    shutil.copy(SEED_TXT, folder / SEED_TXT.name)
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.md"))[::50][:SAMPLE]:
            shutil.copy(path, folder / path.name)
    else:
        print(f"corpus not found at {CORPUS}: checking the seed article only")
    return folder


def _report(folder: Path, env: dict, *args: str) -> dict:
    out = run_cli("check", "--no-grammar", "--format", "json", *args, str(folder), env=env)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_json_identical_across_jobs_and_cache(tmp_path: Path) -> None:
    folder = _articles(tmp_path)
    env = {"CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    serial = _report(folder, env, "--jobs", "1", "--no-cache")
    assert serial["summary"]["findings"] > 0
    assert any(f["findings"] for f in serial["files"] if f["path"].endswith(SEED_MD.name))
    runs = {
        "jobs 2, no cache": _report(folder, env, "--jobs", "2", "--no-cache"),
        "jobs 2, cold cache": _report(folder, env, "--jobs", "2"),
        "jobs 2, warm cache": _report(folder, env, "--jobs", "2"),
        "jobs 1, warm cache": _report(folder, env, "--jobs", "1"),
    }
    for name, report in runs.items():
        assert report == serial, f"{name} differs from the serial run without cache"
    assert any((tmp_path / "cache" / "results").glob("??/*")), "nothing was cached"


def _sources(tmp_path: Path, count: int = 6) -> Path:
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    shutil.copy(SEED_MD, folder / SEED_MD.name)
    text = SEED_MD.read_text(encoding="utf-8")
    for i in range(count - 1):
        (folder / f"a{i}.md").write_text(f"# Article {i}\n\n{text[:1500]}\n", encoding="utf-8")
    return folder


def _summary(result) -> list[tuple]:
    return [(f.path, f.rule, f.offset, f.length, f.message) for f in result.findings]


def _run(folder: Path, config: Config, cache: ResultCache, jobs: int = 1):
    before = cache.hits
    result = run([str(folder)], config, jobs=jobs, cache=cache)
    return result, cache.hits - before


def test_cache_hits_when_nothing_changed_and_misses_for_a_changed_article(tmp_path: Path) -> None:
    folder = _sources(tmp_path)
    store = ResultCache(tmp_path / "results")
    config = Config(grammar="off")
    first, hits = _run(folder, config, store)
    assert hits == 0 and store.writes == 7  # six articles and the corpus rules' findings
    again, hits = _run(folder, config, store)
    assert hits == 7
    assert _summary(again) == _summary(first)
    (folder / "a0.md").write_text("# Changed\n\nThe the patient was seen.\n", encoding="utf-8")
    changed, hits = _run(folder, config, store)
    assert hits == 5
    assert any(f.path.endswith("a0.md") and f.rule == "DUP004" for f in changed.findings)
    assert _summary(changed) == _summary(run([str(folder)], config, jobs=1))


@pytest.mark.parametrize(
    "change",
    [
        lambda c: setattr(c, "select", ["DUP", "SPL"]),
        lambda c: setattr(c, "ignore", ["STY002"]),
        lambda c: c.rules.update({"DUP002": RuleSettings(options={"threshold": 0.95})}),
        lambda c: c.rules.update({"DUP001": RuleSettings(severity=Severity.INFO)}),
        lambda c: c.sections.update({"style": {"target_grade": 12}}),
    ],
    ids=["select", "ignore", "option", "severity", "module-table"],
)
def test_cache_misses_when_the_configuration_changes(tmp_path: Path, change) -> None:
    folder = _sources(tmp_path, 2)
    store = ResultCache(tmp_path / "results")
    _run(folder, Config(grammar="off"), store)
    _, hits = _run(folder, Config(grammar="off"), store)
    assert hits == 3
    config = Config(grammar="off")
    change(config)
    _, hits = _run(folder, config, store)
    assert hits == 0


def test_grammar_settings_are_part_of_the_key(monkeypatch) -> None:
    off = cache_module.run_fingerprint(Config(grammar="off"))
    assert cache_module.run_fingerprint(Config(grammar="auto")) != off
    monkeypatch.setenv("CHECKER_LANGUAGETOOL_URL", "http://127.0.0.1:1")
    assert cache_module.run_fingerprint(Config(grammar="off")) != off


def test_cache_misses_when_rule_data_changes(tmp_path: Path) -> None:
    folder = _sources(tmp_path, 2)
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    store = ResultCache(tmp_path / "results")
    config = Config(grammar="off", rules_path=rules)
    _run(folder, config, store)
    _, hits = _run(folder, config, store)
    assert hits == 3
    accept = rules / "vocab" / "accept.txt"
    accept.write_text(accept.read_text(encoding="utf-8") + "\nzzyzxword\n", encoding="utf-8")
    _, hits = _run(folder, config, store)
    assert hits == 0


def test_cache_misses_when_the_version_changes(tmp_path: Path, monkeypatch) -> None:
    folder = _sources(tmp_path, 2)
    store = ResultCache(tmp_path / "results")
    config = Config(grammar="off")
    _run(folder, config, store)
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    _, hits = _run(folder, config, store)
    assert hits == 0


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path: Path) -> None:
    folder = _sources(tmp_path, 3)
    store = ResultCache(tmp_path / "results")
    config = Config(grammar="off")
    first, _ = _run(folder, config, store)
    entries = sorted((tmp_path / "results").glob("??/*"))
    assert len(entries) == 4  # three articles and the corpus rules' findings
    entries[0].write_bytes(b"garbage")
    entries[1].write_bytes(entries[1].read_bytes()[:-10])  # truncated
    again, hits = _run(folder, config, store)
    assert hits == 2
    assert _summary(again) == _summary(first)
    _, hits = _run(folder, config, store)
    assert hits == 4, "corrupt entries were not rewritten"


def test_cache_size_is_bounded(tmp_path: Path) -> None:
    store = ResultCache(tmp_path / "results", max_bytes=20_000)
    for i in range(40):
        store.put(f"{i:064x}", "x" * 1000)
    store.prune()
    total = sum(p.stat().st_size for p in (tmp_path / "results").glob("??/*"))
    assert 0 < total <= 20_000


def test_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = ResultCache(blocker / "results")
    folder = _sources(tmp_path, 2)
    result, hits = _run(folder, Config(grammar="off"), store)
    assert hits == 0 and store.writes == 0 and result.findings


def test_cache_clean_command(tmp_path: Path) -> None:
    folder = _sources(tmp_path, 2)
    env = {"CHECKER_CACHE_DIR": str(tmp_path / "cache")}
    run_cli("check", "--no-grammar", "-q", str(folder), env=env)
    info = run_cli("cache", "info", env=env)
    assert "3 cached result(s)" in info.stdout  # two articles and the corpus rules' findings
    clean = run_cli("cache", "clean", env=env)
    assert clean.returncode == 0 and "removed 3 cached result(s)" in clean.stdout
    assert "0 cached result(s)" in run_cli("cache", "info", env=env).stdout


def test_no_grammar_contradicts_require_grammar() -> None:
    out = run_cli("check", "--no-grammar", "--require-grammar", str(SEED_MD))
    assert out.returncode == 2 and "contradict" in out.stderr


def test_syllable_counts_match_textstat() -> None:
    texts = [SEED_MD.read_text(encoding="utf-8")]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))[:30]]
    checked = 0
    for text in texts:
        doc = parse(SourceFile.from_text("a.md", text))
        for sentence in doc.sentences():
            words = sentence.text.split()
            if words:
                assert syllables.count(words) == textstat.syllable_count(" ".join(words)), words
                checked += 1
    assert checked > 50


def test_passage_signatures_and_bands_match_datasketch() -> None:
    """DUP005 computes MinHash and LSH banding in numpy (datasketch's import costs a second):
    the signatures and the candidate pairs must be datasketch's."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    from checker.checks import passages as dup005

    settings = dup005.PassageSettings(0.8, 12, 5, 16, 4)
    texts = [SEED_MD.read_text(encoding="utf-8")]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.md"))[:60]]
    made = [
        p
        for i, text in enumerate(texts)
        for p in dup005.document_passages(parse(SourceFile.from_text(f"{i}.md", text)), settings)
    ]
    found = dup005.signed(made, settings.num_perm)  # a process's first article is unsigned
    assert len(found) > 20
    lsh = MinHashLSH(num_perm=settings.num_perm, params=(settings.bands, settings.rows))
    expected: set[tuple[int, int]] = set()
    for i, passage in enumerate(found):
        reference = MinHash(num_perm=settings.num_perm, seed=dup005.SEED, hashfunc=int)
        reference.update_batch(passage.shingles.tolist())
        assert (reference.hashvalues.astype("uint32") == passage.signature).all()
        minhash = LeanMinHash(seed=dup005.SEED, hashvalues=passage.signature.astype("uint64"))
        expected |= {(j, i) for j in lsh.query(minhash)}
        lsh.insert(i, minhash)
    signatures = np.stack([p.signature for p in found])
    got = {(u, v) for u, v in dup005.candidate_pairs(signatures, settings).tolist()}
    assert len(expected) > 5
    assert got == expected


def test_unchanged_corpus_reuses_the_corpus_rules_findings(tmp_path: Path, monkeypatch) -> None:
    from checker import engine

    folder = _sources(tmp_path, 3)
    store = ResultCache(tmp_path / "results")
    config = Config(grammar="off")
    first, _ = _run(folder, config, store)
    calls: list[str] = []
    original = engine._corpus_findings
    monkeypatch.setattr(
        engine, "_corpus_findings", lambda r, *a: calls.append(r.code) or original(r, *a)
    )
    again, hits = _run(folder, config, store)
    assert hits == 4 and calls == []  # 3 articles and the corpus entry
    assert _summary(again) == _summary(first)
    (folder / "a0.md").write_text("# Changed\n\nA new text.\n", encoding="utf-8")
    _run(folder, config, store)
    assert "FCT003" in calls
