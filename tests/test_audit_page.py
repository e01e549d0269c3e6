"""The audit summary page: what an editor-in-chief reads (sections, repeats, contradictions)."""

from __future__ import annotations

from test_audit import PASSAGE, write_archive

from checker.audit.page import render_page, sections_of
from checker.audit.run import attach_sources, audit
from checker.config import Config


def test_sections_are_top_folders_or_shared_file_name_prefixes():
    flat = ["c/ghr-0001-a.md", "c/ghr-0002-b.md", "c/niddk-0001-c.md", "c/niddk-0002-d.md"]
    assert sections_of(flat) == {
        "c/ghr-0001-a.md": "ghr",
        "c/ghr-0002-b.md": "ghr",
        "c/niddk-0001-c.md": "niddk",
        "c/niddk-0002-d.md": "niddk",
    }
    nested = ["site/a/x.md", "site/a/y.md", "site/b/z.md", "site/lonely-post.md"]
    assert sections_of(nested) == {
        "site/a/x.md": "a",
        "site/a/y.md": "a",
        "site/b/z.md": "b",
        "site/lonely-post.md": "(top level)",
    }


def test_page_shows_worst_articles_repeats_contradictions_and_sections(tmp_path):
    archive = write_archive(tmp_path / "site")
    done = audit([str(archive)], Config(select=["DUP", "FCT", "CLM"]), workers=1)
    attach_sources(done.result, documents=False)  # as the command does: excerpts from files
    page = render_page(done)
    assert page.startswith("<!doctype html>") and "<script" not in page
    for heading in ("Worst articles", "Most repeated passages", "Contradictions between",
                    "Unsourced claims by section"):  # fmt: skip
        assert heading in page
    assert PASSAGE[:60] in page  # the repeated passage, once, with its three places
    assert page.count(PASSAGE[:60]) == 1
    assert "thyroid/graves.md:3" in page and "thyroid/hypo.md:5" in page
    assert "Achondroplasia" in page and "“1 in 15,000” (1)" in page
    assert "<td>mood</td>" in page and "<td>thyroid</td>" in page
    assert "broken.md" in page  # an unreadable article still counts (and ranks)
