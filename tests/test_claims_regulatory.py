"""CLM005: the regulatory wording pack of rules/regulatory.yml."""

from __future__ import annotations

import pytest
from conftest import SEED_MD
from helpers import assert_positions, parse_text

from checker.claims.regulatory import find, load_pack
from checker.config import Config
from checker.engine import check_documents

FLAGGED = [
    ("This miracle serum erases wrinkles overnight.", "miracle", "warning"),
    ("A revolutionary breakthrough in hair restoration.", "breakthrough", "warning"),
    ("We offer guaranteed results or your money back.", "guaranteed_results", "error"),
    ("Weight loss is guaranteed within 30 days.", "guaranteed_results", "error"),
    ("Our peel is clinically proven to fade dark spots.", "clinically_proven", "warning"),
    ("Dental implants are a risk-free way to replace teeth.", "risk_free", "error"),
    ("Our TMS machine is FDA approved for OCD.", "fda_device_approved", "warning"),
    ("IV ketamine is FDA approved for depression.", "off_label.ketamine", "error"),
    ("Both ketamine and Spravato are FDA approved for depression.", "off_label.ketamine", "error"),
    ("Spravato is FDA approved for PTSD.", "off_label.esketamine", "error"),
    ("Ozempic is FDA approved for weight loss.", "off_label.semaglutide_ozempic", "error"),
    ("Metformin has been approved by the FDA for PCOS.", "off_label.metformin", "error"),
]

NOT_FLAGGED = [
    "Spravato is FDA approved for treatment-resistant depression in adults.",
    "Esketamine was approved by the FDA in 2019 for treatment-resistant depression.",
    "Ketamine is not FDA approved for depression; clinics use it off-label.",
    "Ketamine was approved by the FDA in 1970 as an anesthetic.",
    "Wegovy is FDA approved for chronic weight management.",
    "TMS is FDA cleared for major depression.",
    "Cold compresses have never been scientifically proven to speed healing.",
    "Results vary from person to person.",
]


@pytest.mark.parametrize(("sentence", "rule", "severity"), FLAGGED)
def test_regulated_wording_is_found_with_its_reason(sentence, rule, severity):
    hits = find(sentence)
    assert rule in [h.rule for h in hits], hits
    hit = next(h for h in hits if h.rule == rule)
    assert hit.severity == severity
    assert len(hit.message) > 40 and hit.suggestion
    assert sentence[hit.start : hit.end].strip()


@pytest.mark.parametrize("sentence", NOT_FLAGGED)
def test_accurate_wording_is_not_flagged(sentence):
    assert find(sentence) == []


def test_every_entry_of_the_pack_names_its_reason():
    pack = load_pack()
    assert len(pack.wording) >= 5 and len(pack.products) >= 3
    assert all(len(r.reason) > 30 for r in pack.wording)
    assert all(len(p.reason) > 30 and p.approved_for for p in pack.products)


def _findings(markdown: str, tmp_path):
    doc = parse_text(markdown, str(tmp_path / "article.md"))
    result = check_documents([doc], Config(root=tmp_path, select=["CLM005"]))
    for finding in result.findings:
        assert_positions(finding, doc.source.text)
    return doc, result.findings


def test_findings_point_at_the_phrase(tmp_path):
    text = "# Ketamine\n\nOur IV ketamine infusions are FDA approved for depression.\n"
    doc, findings = _findings(text, tmp_path)
    assert [(f.line, f.column, f.severity.value) for f in findings] == [(3, 31, "error")]
    start = doc.source.text.index("FDA approved")
    assert doc.source.text[start : start + 12] == "FDA approved"


def test_clinically_proven_with_a_citation_is_not_flagged(tmp_path):
    cited = "The gel is clinically proven to reduce scarring ([trial](https://doi.org/10.1/x)).\n"
    assert _findings(cited, tmp_path)[1] == []
    bare = "The gel is clinically proven to reduce scarring.\n"
    assert len(_findings(bare, tmp_path)[1]) == 1


def test_the_seed_article_uses_no_regulated_wording(tmp_path):
    assert _findings(SEED_MD.read_text(encoding="utf-8"), tmp_path)[1] == []
