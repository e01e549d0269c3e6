"""The claims ledger: approving, staleness after rewording, typography, bad ledgers, saving."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import SEED_MD
from helpers import assert_positions, parse_text

from checker.claims.ledger import Entry, Ledger, LedgerError, claim_key, load_ledger
from checker.cli import main
from checker.config import Config
from checker.engine import check_documents

SENTENCE = (
    "Unlike traditional antidepressants, which can take weeks to work, ketamine therapy for "
    "anxiety and depression often provides rapid relief\u2014sometimes within hours."
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "seed.md").write_text(
        SEED_MD.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def _ledger(project: Path, *entries: dict) -> Path:
    path = project / "claims.yml"
    path.write_text(yaml.safe_dump({"claims": list(entries)}, allow_unicode=True), "utf-8")
    return path


def _entry(claim: str = SENTENCE, status: str = "supported", **extra) -> dict:
    return {"article": "articles/seed.md", "claim": claim, "status": status, **extra}


def _findings(project: Path, text: str | None = None):
    path = project / "articles" / "seed.md"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    doc = parse_text(path.read_text(encoding="utf-8"), str(path))
    result = check_documents([doc], Config(root=project, select=["CLM"]))
    for finding in result.findings:
        assert_positions(finding, doc.source.text)
    return result.findings


def _about_relief(findings, code: str):
    return [f for f in findings if f.rule == code and "rapid relief" in f.excerpt]


def test_claim_key_folds_typography_and_wrapping_but_not_wording():
    wrapped = SENTENCE.replace(" which ", "\n   which ").replace("\u2014", " - ")
    curly = "Ketamine isn\u2019t \u201caddictive\u201d."
    assert claim_key(wrapped) == claim_key(SENTENCE)
    assert claim_key(curly) == claim_key('Ketamine isn\'t "addictive"')
    assert claim_key(SENTENCE.replace("often", "usually")) != claim_key(SENTENCE)


def test_approved_claim_is_no_longer_flagged(project):
    assert _about_relief(_findings(project), "CLM001")
    _ledger(project, _entry(sources=["https://www.nimh.nih.gov/x"], reviewer="ed"))
    findings = _findings(project)
    assert not _about_relief(findings, "CLM001")
    assert not [f for f in findings if f.rule == "CLM003"]
    assert [f for f in findings if f.rule == "CLM001"]  # the other claims still are


def test_not_a_claim_clears_and_needs_source_keeps_the_finding(project):
    _ledger(project, _entry(status="not-a-claim"))
    assert not _about_relief(_findings(project), "CLM001")
    _ledger(project, _entry(status="needs-source"))
    kept = _about_relief(_findings(project), "CLM001")
    assert len(kept) == 1 and "needs a source" in kept[0].message


def test_approval_survives_rewrapping_and_typography(project):
    _ledger(project, _entry())
    text = (project / "articles" / "seed.md").read_text(encoding="utf-8")
    rewrapped = text.replace(
        "which can take weeks to work, ketamine", "which can take weeks to work,\nketamine"
    ).replace("rapid relief\u2014sometimes", "rapid relief \u2013 sometimes")
    assert rewrapped != text
    findings = _findings(project, rewrapped)
    assert not _about_relief(findings, "CLM001")
    assert not [f for f in findings if f.rule == "CLM003"]


def test_rewording_an_approved_claim_makes_it_stale(project):
    _ledger(project, _entry(reviewer="jane", date="2026-11-01"))
    text = (project / "articles" / "seed.md").read_text(encoding="utf-8")
    findings = _findings(project, text.replace("often provides rapid", "always provides rapid"))
    stale = _about_relief(findings, "CLM003")
    assert len(stale) == 1
    assert "jane" in stale[0].message and "2026-11-01" in stale[0].message
    assert stale[0].excerpt.startswith("Unlike traditional")
    assert _about_relief(findings, "CLM001")


def test_stale_review_found_when_the_reworded_sentence_is_no_longer_a_claim(project):
    _ledger(project, _entry(claim="This makes it a valuable option for individuals."))
    findings = _findings(project)
    stale = [f for f in findings if f.rule == "CLM003"]
    assert [f.excerpt for f in stale] == [
        "This makes it a valuable option for individuals with treatment-resistant depression."
    ]


def test_unrelated_ledger_entry_is_not_stale(project):
    _ledger(project, _entry(claim="Aspirin thins the blood and prevents some heart attacks."))
    assert not [f for f in _findings(project) if f.rule == "CLM003"]


def _check_exit(project: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "articles", "--select", "CLM"])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("claims: [unclosed\n", "not valid YAML"),
        ("- just a list\n", "mapping with a 'claims' list"),
        (yaml.safe_dump({"claims": [_entry(status="approved")]}), "status 'approved'"),
        (yaml.safe_dump({"claims": [{"article": "articles/seed.md"}]}), "'claim' is missing"),
        (yaml.safe_dump({"claims": [_entry(colour="red")]}), "unknown field(s) colour"),
        (
            yaml.safe_dump({"claims": [{**_entry(), "article": "articles/gone.md"}]}),
            "names article 'articles/gone.md', which does not exist",
        ),
    ],
)
def test_bad_ledger_is_a_clear_error_naming_the_file(project, monkeypatch, content, problem):
    (project / "claims.yml").write_text(content, encoding="utf-8")
    code, output = _check_exit(project, monkeypatch)
    assert code == 2
    assert "claims.yml" in output and problem in output
    assert "Traceback" not in output


def test_configured_ledger_path_is_used(project, monkeypatch):
    (project / "editorial").mkdir()
    (project / "checker.toml").write_text(
        '[tool.checker.claims]\nledger = "editorial/ledger.yml"\n', encoding="utf-8"
    )
    entry = {**_entry(), "article": "../articles/seed.md"}
    (project / "editorial" / "ledger.yml").write_text(yaml.safe_dump({"claims": [entry]}))
    monkeypatch.chdir(project)
    args = ["check", "articles", "--select", "CLM001", "--fail-on", "never"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "rapid relief" not in result.output
    assert "unsupported" in result.output


def test_unknown_claims_config_key_is_a_config_error(project, monkeypatch):
    (project / "checker.toml").write_text("[tool.checker.claims]\nledgr = 'x.yml'\n")
    code, output = _check_exit(project, monkeypatch)
    assert code == 2 and "ledgr" in output


def test_save_is_atomic_and_round_trips(project, monkeypatch):
    path = project / "claims.yml"
    ledger = Ledger(path)
    ledger.record(Entry("articles/seed.md", SENTENCE, "supported", ["https://fda.gov/a"], "ed"))
    ledger.save()
    again = load_ledger(path)
    assert [(e.claim, e.status, e.sources) for e in again.entries] == [
        (SENTENCE, "supported", ["https://fda.gov/a"])
    ]
    before = path.read_text(encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    again.record(Entry("articles/seed.md", "Another claim here.", "not-a-claim"))
    with pytest.raises(OSError):
        again.save()
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in project.iterdir()) == ["articles", "claims.yml"]


def test_record_replaces_the_entry_for_the_same_claim(project):
    ledger = Ledger(project / "claims.yml")
    ledger.record(Entry("articles/seed.md", SENTENCE, "needs-source"))
    ledger.record(Entry("articles/seed.md", SENTENCE.replace("\u2014", " - "), "supported"))
    assert [e.status for e in ledger.entries] == ["supported"]


def test_missing_ledger_is_empty_and_load_errors_are_ledger_errors(project):
    assert load_ledger(project / "nothing.yml").entries == []
    bad = project / "bad.yml"
    bad.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(LedgerError, match="bad.yml"):
        load_ledger(bad)


def test_severity_per_kind_is_configurable(project):
    path = project / "articles" / "seed.md"
    doc = parse_text(path.read_text(encoding="utf-8"), str(path))
    config = Config(root=project, select=["CLM001"])
    config.sections["claims"] = {"severity": {"efficacy": "info", "history": "error"}}
    found = check_documents([doc], config).findings
    by_kind = {f.data["kind"]: f.severity.value for f in found}
    assert by_kind["efficacy"] == "info" and by_kind["history"] == "error"
    assert by_kind["safety"] == "warning"


def test_bad_severity_is_a_config_error(project, monkeypatch):
    (project / "checker.toml").write_text(
        "[tool.checker.claims]\nseverity = { efficacy = 'loud' }\n", encoding="utf-8"
    )
    code, output = _check_exit(project, monkeypatch)
    assert code == 2 and "severity.efficacy" in output


def test_explain_tells_an_editor_how_to_resolve_a_claim():
    result = CliRunner().invoke(main, ["explain", "CLM001"])
    assert result.exit_code == 0
    assert "unsupported-claim" in result.output and "Category: claim" in result.output
    assert "How to resolve one" in result.output and "checker review" in result.output
    for code in ("CLM002", "CLM003"):
        assert CliRunner().invoke(main, ["explain", code]).exit_code == 0


def test_entries_match_articles_named_in_any_equivalent_way(project):
    ledger = Ledger(project / "claims.yml")
    absolute = str(project / "articles" / "seed.md")
    for name in ("articles/seed.md", "./articles/../articles/seed.md", absolute):
        ledger.entries = [Entry(name, SENTENCE, "supported")]
        assert ledger.lookup(absolute, SENTENCE) is not None, name
    assert ledger.article_key(absolute) == "articles/seed.md"
