"""Structure: STR001 missing-references, STR002 missing-review-metadata, STR003 heading-order,
STR004 broken-reference, their settings, and how often they fire on the corpus."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from conftest import ROOT, SEED_MD
from helpers import check_text, parse_text

from checker.config import from_mapping
from checker.engine import check_documents

SEED_HTML = ROOT / "tests" / "fixtures" / "is-ketamine-therapy-addictive.html"
CLAIMS = "Research shows that 40 percent of patients improve. Studies found fewer side effects."


def run(text: str, name: str = "article.md", select=("STR",), **config):
    settings = {"select": list(select), **config}
    return check_documents([parse_text(text, name)], from_mapping(settings)).findings


def codes(found) -> list[str]:
    return [f.rule for f in found]


def recent(days: int = 30) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def reviewed(days: int = 30, reviewer: str = "reviewed_by", date: str = "last_reviewed") -> str:
    return f"---\n{reviewer}: Dr. Jane Doe, MD\n{date}: {recent(days)}\n---\n"


@pytest.mark.parametrize("path", [SEED_MD, SEED_HTML])
def test_seed_fires_str001_and_str002_once_and_no_str003(path):
    found = run(path.read_text(encoding="utf-8"), str(path))
    counts = Counter(codes(found))
    assert counts["STR001"] == 1 and counts["STR002"] == 1
    assert counts["STR003"] == 0 and counts["STR004"] == 0
    for finding in found:
        assert finding.excerpt == "Is Ketamine Therapy Addictive? Understanding the Risks."


# STR001 ----------------------------------------------------------------------------------
def test_claims_without_references_are_reported_once():
    (finding,) = run(f"# Title\n\n{CLAIMS}\n", select=["STR001"])
    assert finding.excerpt == "Title" and finding.data["claims"] >= 1
    assert "no references section" in finding.message


@pytest.mark.parametrize(
    "references",
    [
        "## References\n\n1. Smith J. A study. 2020.\n",
        "## 5. Sources\n\n- CDC\n",
        "Sources: CDC; NIH.\n",
    ],
)
def test_a_references_section_or_sources_line_satisfies_str001(references):
    assert run(f"# Title\n\n{CLAIMS}\n\n{references}", select=["STR001"]) == []


def test_footnotes_satisfy_str001():
    text = f"# Title\n\n{CLAIMS}[^1]\n\n[^1]: Smith J. A study. 2020.\n"
    assert run(text, select=["STR001"]) == []


def test_links_to_other_sites_need_references():
    text = "# Title\n\nSee [this page](https://example.org/page) for more.\n"
    (finding,) = run(text, select=["STR001"])
    assert finding.data["links"] == 1
    quiet = {"links_need_references": False}
    assert run(text, select=["STR001"], structure=quiet) == []
    assert run("# Title\n\nCall [us](/contact) today.\n", select=["STR001"]) == []


def test_reference_heading_names_are_configurable():
    text = f"# Title\n\n{CLAIMS}\n\n## Quellen\n\n- RKI\n"
    assert codes(run(text, select=["STR001"])) == ["STR001"]
    names = {"reference_headings": ["Quellen"]}
    assert run(text, select=["STR001"], structure=names) == []


# STR002 ----------------------------------------------------------------------------------
def test_reviewer_and_recent_date_satisfy_str002():
    assert run(reviewed() + "# Title\n\nText.\n", select=["STR002"]) == []


def test_missing_reviewer_is_named():
    text = f"---\nlast_reviewed: {recent()}\n---\n# Title\n\nText.\n"
    (finding,) = run(text, select=["STR002"])
    assert finding.message == "no medical reviewer (reviewed_by)"
    assert finding.data == {"missing": ["reviewer"]}


def test_common_aliases_are_accepted():
    text = reviewed(reviewer="Medically-Reviewed-By", date="review date") + "# T\n\nText.\n"
    assert run(text, select=["STR002"]) == []


def test_old_review_date_is_reported_at_the_date():
    text = reviewed(days=400) + "# Title\n\nText.\n"
    (finding,) = run(text, select=["STR002"])
    assert finding.excerpt == recent(400) and finding.line == 3
    assert finding.data["age_days"] == 400
    assert run(text, select=["STR002"], structure={"review_interval_days": 500}) == []


def test_review_date_that_is_not_a_date():
    text = "---\nreviewed_by: Dr. A\nlast_reviewed: soon\n---\n# Title\n\nText.\n"
    (finding,) = run(text, select=["STR002"])
    assert finding.excerpt == "soon" and "not a date" in finding.message


def test_written_dates_and_custom_keys():
    date = (dt.date.today() - dt.timedelta(days=10)).strftime("%B %d, %Y")
    text = f"---\nchecked_by: Dr. A\nchecked: {date}\n---\n# Title\n\nText.\n"
    assert codes(run(text, select=["STR002"])) == ["STR002"]
    keys = {"reviewer_keys": ["checked_by"], "review_date_keys": ["checked"]}
    assert run(text, select=["STR002"], structure=keys) == []


def test_html_meta_tags_carry_review_metadata():
    head = (
        f'<meta name="reviewed-by" content="Dr. A"><meta name="last-reviewed" content="{recent()}">'
    )
    assert run(f"<head>{head}</head><h1>T</h1><p>Text.</p>", "p.html", select=["STR002"]) == []


# STR003 ----------------------------------------------------------------------------------
def test_skipped_heading_level():
    text = "# Title\n\n## Part\n\n#### Detail\n\n## Next\n\n### Fine\n"
    (finding,) = run(text, select=["STR003"])
    assert finding.excerpt == "Detail"
    assert finding.message == "heading level 4 follows level 2 (skips level 3)"


def test_second_top_level_heading():
    (finding,) = run("# Title\n\nText.\n\n# Another title\n", select=["STR003"])
    assert finding.excerpt == "Another title" and "second top-level" in finding.message


def test_first_heading_may_have_any_level_and_html_headings_count():
    assert run("## Part\n\n### Sub\n\n## Next\n", select=["STR003"]) == []
    (finding,) = run("<h1>T</h1><h2>A</h2><h4>B</h4>", "p.html", select=["STR003"])
    assert finding.excerpt == "B"


# STR004 ----------------------------------------------------------------------------------
def test_numbered_citation_without_reference():
    text = "# T\n\nKetamine helps [1]. It is safe [3].\n\n## References\n\n1. Smith.\n"
    (finding,) = run(text, select=["STR004"])
    assert finding.excerpt == "[3]" and "no matching reference" in finding.message


def test_reference_nobody_cites():
    text = "# T\n\nKetamine helps [1, 2].\n\n## References\n\n1. Smith.\n2. Jones.\n3. Lee.\n"
    (finding,) = run(text, select=["STR004"])
    assert finding.excerpt == "Lee." and finding.message == "reference 3 is never cited"


def test_reference_list_without_numbered_citations_is_fine():
    text = "# T\n\nKetamine helps.\n\n## References\n\n- Smith.\n- Jones.\n"
    assert run(text, select=["STR004"]) == []


def test_markdown_footnotes_undefined_and_unused():
    text = "# T\n\nA claim[^1] and another[^9].\n\n[^1]: Cited.\n[^2]: Not cited.\n"
    found = run(text, select=["STR004"])
    assert sorted((f.excerpt, f.message) for f in found) == [
        ("[^2]:", "footnote 2 is never cited"),
        ("[^9]", "footnote [^9] has no matching reference or footnote"),
    ]


def test_html_citations_match_their_notes():
    page = (
        "<h1>T</h1><p>One.<sup>[1]</sup> Two.<sup>[4]</sup></p>"
        '<ol class="footnotes"><li>First.</li><li>Second.</li></ol>'
    )
    found = run(page, "p.html", select=["STR004"])
    assert sorted(f.message for f in found) == [
        "citation [4] has no matching reference or footnote",
        "footnote 2 is never cited",
    ]
    assert {f.excerpt for f in found} == {"<sup>[4]</sup>", "Second."}


@pytest.mark.parametrize("code", ["STR001", "STR002", "STR003", "STR004"])
def test_each_rule_can_be_turned_off(code):
    text = "# T\n\nHelps [3].\n\n# Again\n\n#### Deep\n\n" + CLAIMS + "\n"
    assert code in codes(run(text))
    found = run(text, rules={code: {"enabled": False}})
    assert code not in codes(found) and found


def test_unknown_structure_setting_is_a_config_error():
    from checker.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown key 'review_days'"):
        run("# T\n\nText.\n", structure={"review-days": 3})


def test_corpus_counts(corpus):
    """MedQuAD pages have no front matter and no references: STR001/STR002 fire at most once per
    article; the outline and citation rules stay silent."""
    files = sorted(corpus.glob("*.md"))
    sample = random.Random(4).sample(files, 150)
    docs = [parse_text(p.read_text(encoding="utf-8"), str(p)) for p in sample]
    found = check_documents(docs, from_mapping({"select": ["STR"]})).findings
    counts = Counter(codes(found))
    print(f"medquad sample of {len(docs)}: {dict(counts)}")
    per_file = Counter((f.path, f.rule) for f in found)
    assert max(per_file.values()) == 1
    assert counts["STR002"] == len(docs)
    assert counts["STR003"] + counts["STR004"] <= 2


def test_cue_words_stand_in_when_claim_detection_is_absent(monkeypatch):
    import sys

    from checker.rules import all_rules

    all_rules()  # load every check module first: the claims checks import the package
    monkeypatch.setitem(sys.modules, "checker.claims", None)  # import fails as if not installed
    (finding,) = run(f"# Title\n\n{CLAIMS}\n\nA plain sentence.\n", select=["STR001"])
    assert finding.data == {"claims": 2, "links": 0, "detected_by": "cue words"}
    assert run("# Title\n\nA plain sentence about cats.\n", select=["STR001"]) == []


def test_schema_org_review_metadata_in_json_ld():
    data = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "MedicalWebPage", '
        '"reviewedBy": {"@type": "Person", "name": "Dr. A"}, "lastReviewed": "%s"}]}'
    )
    page = '<head><script type="application/ld+json">%s</script></head><h1>T</h1><p>x</p>'
    assert run(page % (data % recent()), "p.html", select=["STR002"]) == []
    (finding,) = run(page % (data % recent(800)), "p.html", select=["STR002"])
    assert finding.excerpt == "T" and finding.data["age_days"] == 800


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Medically reviewed by Dr. Jane Doe, MD on {date}", []),
        ("Reviewed by: Dr. Jane Doe | Last updated: {date}", []),
        ("Your results are reviewed by a doctor within two days.", ["reviewer", "review date"]),
        ("Medically reviewed by Dr. Jane Doe, MD", ["review date"]),
    ],
)
def test_byline_in_plain_text_counts_as_review_metadata(byline: str, expected: list[str]) -> None:
    when = (dt.date.today() - dt.timedelta(days=30)).strftime("%B %-d, %Y")
    text = f"Caring for Your Skin\n\n{byline.format(date=when)}\n\nWash gently every day.\n"
    found = check_text(text, "post.txt", select=["STR002"]).findings
    assert [f.data.get("missing") for f in found] == ([expected] if expected else [])


def test_stale_byline_date_is_reported() -> None:
    text = "Caring for Your Skin\n\nMedically reviewed by Dr. Jane Doe on March 1, 2020\n\nText.\n"
    (finding,) = check_text(text, "post.txt", select=["STR002"]).findings
    assert "2020-03-01" in finding.message
