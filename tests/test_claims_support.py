"""Support detection: links (trusted and not), footnotes, numbered references, author-year."""

from __future__ import annotations

from conftest import SEED_MD
from helpers import assert_positions, parse_text

from checker.claims import detect
from checker.config import Config
from checker.document import PLACEHOLDER
from checker.engine import check_documents

CLAIM = "Ketamine often provides rapid relief from depression within hours."
OTHER = "Doctors see many patients."


def _support(markdown: str, fragment: str = "rapid relief"):
    claims = [c for c in detect(parse_text(markdown)) if fragment in c.text]
    assert claims, f"claim {fragment!r} not detected"
    return claims[0].support


def _codes(markdown: str, tmp_path) -> list[tuple[str, str]]:
    """(rule, message + the sentence the finding covers) of each CLM finding."""
    doc = parse_text(markdown, str(tmp_path / "article.md"))
    result = check_documents([doc], Config(root=tmp_path, select=["CLM"]))
    for finding in result.findings:
        assert_positions(finding, doc.source.text)
    text = doc.source.text
    return [(f.rule, f"{f.message} | {_covered(f, text)}") for f in result.findings]


def _covered(finding, text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: finding.line - 1]) + finding.column - 1
    end = sum(len(x) for x in lines[: finding.end_line - 1]) + finding.end_column - 1
    return text[start:end]


def test_unsupported_claim_has_no_support():
    assert _support(CLAIM).status == "none"


def test_trusted_link_in_the_sentence_supports_it():
    support = _support(CLAIM[:-1] + " ([NIMH](https://www.nimh.nih.gov/health/ketamine)).")
    assert support.status == "supported"
    assert support.scope == "sentence"
    assert support.citations[0].domain == "nimh.nih.gov"


def test_doi_and_pubmed_links_are_trusted():
    for url in ("https://doi.org/10.1000/xyz", "https://pubmed.ncbi.nlm.nih.gov/123/"):
        assert _support(f"{CLAIM[:-1]} [study]({url}).").status == "supported"


def test_untrusted_link_is_weak_support_naming_the_domain():
    support = _support(f"{CLAIM[:-1]} ([blog](https://ketamine-blog.example.com/post)).")
    assert support.status == "weak"
    assert support.weak_domains == ["ketamine-blog.example.com"]


def test_link_elsewhere_in_the_paragraph_supports_the_sentence():
    text = f"{CLAIM} {OTHER} See the [FDA label](https://www.fda.gov/x)."
    support = _support(text)
    assert (support.status, support.scope) == ("supported", "paragraph")


def test_internal_links_are_not_citations():
    assert _support(f"{CLAIM[:-1]} ([details](/ketamine-faq)).").status == "none"


def test_footnote_with_definition_supports_the_claim():
    text = f"{CLAIM}[^1]\n\n[^1]: Smith J. Ketamine and depression. JAMA Psychiatry. 2020.\n"
    support = _support(text)
    assert support.status == "supported"
    assert support.citations[0].form == "footnote"


def test_footnote_without_definition_is_not_support():
    assert _support(f"{CLAIM}[^9]\n").status == "none"


def test_footnote_to_an_untrusted_site_is_weak():
    text = f"{CLAIM}[^2]\n\n[^2]: [A blog post](https://someblog.example.org/k).\n"
    assert _support(text).status == "weak"


def test_footnote_definitions_are_not_claims_themselves():
    text = f"{CLAIM}[^1]\n\n[^1]: A 2019 study found that 70 percent of patients improved.\n"
    claims = detect(parse_text(text))
    assert [c.text.replace(PLACEHOLDER, "") for c in claims] == [CLAIM]


def test_numbered_reference_resolving_to_references_section():
    text = (
        f"{CLAIM[:-1]} [1].\n\n## References\n\n"
        "1. Smith J, et al. Ketamine for depression. N Engl J Med. 2020.\n"
        "2. Jones K. Studies show 40 percent of patients respond. 2021.\n"
    )
    doc = parse_text(text)
    claims = detect(doc)
    assert [c.support.status for c in claims] == ["supported"]
    assert claims[0].support.citations[0].form == "reference"


def test_numbered_reference_without_a_references_section_is_not_support():
    assert _support(f"{CLAIM[:-1]} [3].\n").status == "none"


def test_numbered_reference_beyond_the_list_is_not_support():
    text = f"{CLAIM[:-1]} [7].\n\n## Sources\n\n1. Smith J. Title. 2020.\n"
    assert _support(text).status == "none"


def test_author_year_citations_support_the_claim():
    assert _support(f"{CLAIM[:-1]} (Zarate et al., 2006).").status == "supported"
    assert _support(f"Zarate and Singh (2006) reported that {CLAIM[0].lower()}{CLAIM[1:]}").status
    narrative = _support(f"As Berman et al. (2000) noted, {CLAIM[0].lower()}{CLAIM[1:]}")
    assert narrative.status == "supported"


def test_seed_sentence_with_a_trusted_link_is_no_longer_flagged(tmp_path):
    seed = SEED_MD.read_text(encoding="utf-8")
    sentence = "often provides rapid relief—sometimes within hours."
    assert sentence in seed
    before = _codes(seed, tmp_path)
    assert any(code == "CLM001" and "rapid relief" in msg for code, msg in before)
    trusted = seed.replace(
        sentence, sentence[:-1] + " ([NIMH](https://www.nimh.nih.gov/news/ketamine))."
    )
    after = _codes(trusted, tmp_path)
    assert not any("rapid relief" in msg for _, msg in after)
    assert len(after) == len(before) - 1


def test_seed_sentence_with_an_untrusted_link_becomes_weak_support(tmp_path):
    seed = SEED_MD.read_text(encoding="utf-8")
    sentence = "often provides rapid relief—sometimes within hours."
    untrusted = seed.replace(
        sentence, sentence[:-1] + " ([source](https://www.ketamine-news.example.com/a))."
    )
    found = _codes(untrusted, tmp_path)
    weak = [msg for code, msg in found if code == "CLM002"]
    assert len(weak) == 1
    assert "ketamine-news.example.com" in weak[0] and "rapid relief" in weak[0]
    assert not any(code == "CLM001" and "rapid relief" in msg for code, msg in found)


def test_configured_trusted_domain_turns_weak_into_supported(tmp_path):
    text = f"{CLAIM[:-1]} ([journal](https://journal.example.org/a))."
    config = Config(root=tmp_path, select=["CLM"])
    config.sections["claims"] = {"trusted_domains": ["journal.example.org"]}
    result = check_documents([parse_text(text, str(tmp_path / "a.md"))], config)
    assert result.findings == []
