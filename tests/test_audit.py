"""``checker audit``: the same findings as ``checker check``, on a real embedded Dask cluster;
no article lost to a killed worker or a failing task."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
from conftest import CORPUS, checker_executable, run_cli

from checker.audit.cluster import connect, gather

PASSAGE = (
    "Most people with this condition live a normal life span when the thyroid gland is "
    "treated early, and regular blood tests every six to twelve months show whether the "
    "dose of the medicine still fits the body's needs."
)
SOURCED = (
    "Research shows that ketamine relieves depression within hours in some adults "
    "([NIH](https://www.nih.gov/ketamine))."
)
BARE = "Research shows that ketamine relieves depression within hours in some adults."


def _article(title: str, *paragraphs: str) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_archive(root: Path, corpus_sample: int = 0) -> Path:
    """A small archive in two sections with cross-article repeats, contradictions and a
    claim sourced in one article and bare in another (plus MedQuAD articles when present)."""
    (root / "thyroid").mkdir(parents=True)
    (root / "mood").mkdir()
    (root / "thyroid" / "graves.md").write_text(
        _article(
            "Graves disease",
            PASSAGE,
            "Achondroplasia occurs in 1 in 15,000 newborns.",
        )
    )
    (root / "thyroid" / "hypo.md").write_text(
        _article(
            "Hypothyroidism",
            "Intro.",
            PASSAGE.replace("six to twelve", "six or twelve"),
            "Achondroplasia occurs in 1 in 90,000 newborns.",
        )
    )
    (root / "thyroid" / "quiet.md").write_text(
        _article("Quiet", f"<!-- checker-disable DUP005 -->\n{PASSAGE}\n<!-- checker-enable -->")
    )
    (root / "mood" / "ketamine.md").write_text(_article("Ketamine", SOURCED))
    (root / "mood" / "depression.md").write_text(_article("Depression", BARE))
    (root / "mood" / "broken.md").write_bytes(b"# Bad\n\n\xff\xfe not text\n")
    if corpus_sample and CORPUS.is_dir():
        paths = sorted(CORPUS.glob("*.md"))
        for path in paths[:: max(1, len(paths) // corpus_sample)][:corpus_sample]:
            shutil.copy(path, root / "thyroid" / path.name)
    elif corpus_sample:
        for i in range(corpus_sample):
            body = " ".join(f"Patients in group {i}-{j} had {j * i + 3} visits." for j in range(40))
            (root / "mood" / f"gen-{i:04d}.md").write_text(_article(f"Generated {i}", body))
    return root


def _files(report: str) -> list[dict]:
    return json.loads(report)["files"]


def test_audit_reports_exactly_what_check_reports(tmp_path):
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: checking the written articles only")
    archive = write_archive(tmp_path / "site", corpus_sample=24)
    checked = run_cli("check", "--format", "json", "--fail-on", "never", str(archive))
    audited = run_cli(
        "audit", "--workers", "2", "--format", "json", "--fail-on", "never", str(archive)
    )
    assert checked.returncode == 0, checked.stderr
    assert audited.returncode == 0, audited.stderr
    assert _files(audited.stdout) == _files(checked.stdout)
    assert json.loads(audited.stdout)["engines"] == json.loads(checked.stdout)["engines"]
    found = {
        (Path(f["path"]).name, x["rule"]) for f in _files(audited.stdout) for x in f["findings"]
    }
    for expected in [
        ("graves.md", "DUP005"),
        ("hypo.md", "DUP005"),
        ("graves.md", "FCT003"),
        ("hypo.md", "FCT003"),
        ("depression.md", "CLM004"),
        ("broken.md", "INP001"),
    ]:
        assert expected in found
    assert ("quiet.md", "DUP005") not in found  # inline suppression, applied after the reduce
    assert "articles on 2 worker(s)" in audited.stderr


def _workers(parent: psutil.Process) -> list[psutil.Process]:
    """The audit's Dask worker processes (spawned children running multiprocessing)."""
    out = []
    for child in parent.children(recursive=True):
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                out.append(child)
        except psutil.Error:
            continue
    return out


def test_a_worker_killed_mid_run_loses_no_article(tmp_path):
    archive = write_archive(tmp_path / "site", corpus_sample=800)
    select = ["--select", "DUP,CLM,FCT,STR,STY"]
    expected = run_cli("check", "--format", "json", "--fail-on", "never", *select, str(archive))
    assert expected.returncode == 0, expected.stderr
    out = tmp_path / "audit.json"
    args = ["audit", "--workers", "2", "--format", "json", "-o", str(out), "--fail-on", "never"]
    proc = subprocess.Popen(
        [checker_executable(), *args, *select, str(archive)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1"},
    )
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    victims: list[psutil.Process] = []
    while time.monotonic() < deadline and proc.poll() is None:
        victims = [w for w in _workers(parent) if w.cpu_times().user > 2.0]
        if len(victims) >= 1:
            break
        time.sleep(0.2)
    assert victims, "no busy worker process found"
    killed = victims[0].pid
    os.kill(killed, signal.SIGKILL)
    assert proc.poll() is None, "the audit finished before the worker was killed"
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    assert _files(out.read_text()) == _files(expected.stdout)


def _fails_on_bad(batch: list[tuple[str, str]], tag: str):
    from checker.audit.summary import ArticleSummary, BatchResult

    if any("bad" in name for name, _ in batch):
        raise RuntimeError(f"{tag}: this batch always fails")
    return BatchResult([ArticleSummary(name) for name, _ in batch])


def test_a_task_that_keeps_failing_becomes_inp002_for_each_of_its_articles():
    """The real cluster runs a task that raises (a fake task: a real check cannot be made to
    fail on purpose); after the retries its articles are reported, not dropped."""
    work = [[("a.md", "a.md"), ("b.md", "b.md")], [("bad1.md", "x"), ("bad2.md", "y")]]
    with connect(None, 1) as client:
        gathered = gather(client, _fails_on_bad, work, "boom", retries=1)
    by_path = {s.path: s for s in gathered.summaries}
    assert sorted(by_path) == ["a.md", "b.md", "bad1.md", "bad2.md"]
    assert by_path["a.md"].findings == []
    for name in ("bad1.md", "bad2.md"):
        (finding,) = by_path[name].findings
        assert finding.rule == "INP002"
        assert "after 1 retries" in finding.message and "always fails" in finding.message
    assert gathered.failed_batches == 1


def test_bad_usage_is_an_error(tmp_path):
    result = run_cli("audit", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "missing" in result.stderr
    assert run_cli("audit", "--workers", "0", str(tmp_path)).returncode == 2
    assert run_cli("audit", "--format", "nope", str(tmp_path)).returncode == 2
