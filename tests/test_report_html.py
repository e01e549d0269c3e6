"""The HTML report's markup: self-contained, escaped, highlights at the exact spans."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import SEED_MD, run_cli

from checker.config import Config
from checker.engine import RunResult, run
from checker.report import ReportOptions
from checker.report.html import render

HOSTILE = (
    "# Title <script>window.__pwned = 1</script>\n\n"
    'A paragraph with <img src=x onerror="window.__pwned=2"> and [a link](javascript:alert(3))\n'
    'and <a href="javascript:alert(4)" onclick="window.__pwned=4">this</a> &amp; </style>\n'
    "</textarea> <!-- a comment --> the the end.\n\n"
    '- Item <b onmouseover="window.__pwned=5">bold</b>\n'
    '- Item <b onmouseover="window.__pwned=5">bold</b>\n'
)


class Page(HTMLParser):
    """The parts of the page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.lines: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._stack: list[str] = []
        self._mark: tuple[str, list[str]] | None = None
        self._raw: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "span" and a.get("class") == "tx":
            self.lines.append("")
            self._stack.append("tx")
        elif tag == "mark":
            self._mark = (a.get("data-f") or "", [])
        elif tag in ("script", "style"):
            self._raw = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._mark is not None:
            self.marks.append((self._mark[0], "".join(self._mark[1])))
            self._mark = None
        elif tag == "span" and self._stack:
            self._stack.pop()
        elif tag in ("script", "style") and self._raw is not None:
            (self.scripts if tag == "script" else self.styles).append("".join(self._raw))
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.append(data)
            return
        if self._stack:
            self.lines[-1] += data
        if self._mark is not None:
            self._mark[1].append(data)


def _page(result: RunResult) -> tuple[Page, str]:
    html = render(result, ReportOptions())
    page = Page()
    page.feed(html)
    return page, html


def _ids(page: Page) -> dict[str, str]:
    """Finding id -> the text of all its marks, in order."""
    out: dict[str, str] = {}
    for ids, text in page.marks:
        for fid in ids.split():
            out[fid] = out.get(fid, "") + text
    return out


def _check_spans(result: RunResult, page: Page) -> int:
    texts = _ids(page)
    checked = 0
    for i, file in enumerate(result.files):
        for j, finding in enumerate(file.findings):
            expected = finding.excerpt.replace("\r", "").replace("\n", "")
            assert texts.get(f"f{i}-{j}", "") == expected, (finding.rule, finding.excerpt)
            checked += 1
    return checked


def test_article_text_is_reproduced_exactly_and_marks_cover_each_excerpt(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.md"
    crlf.write_bytes(SEED_MD.read_bytes().replace(b"\n", b"\r\n"))
    result = run([str(SEED_MD), str(crlf)], Config(select=["DUP", "SPL"]))
    page, _ = _page(result)
    source = SEED_MD.read_text(encoding="utf-8").splitlines()
    shown = [line.replace("\u200b", "") for line in page.lines]
    assert shown == source + source
    assert _check_spans(result, page) == len(result.findings) >= 4


def test_overlapping_and_nested_findings_split_cleanly(tmp_path: Path) -> None:
    result = run([str(SEED_MD)], Config(select=["DUP001"]))
    base = result.files[0].findings[0]  # "Increase in blood pressure" on line 52
    text = result.files[0].document.source.text
    extra = []
    for start, end, cat in (
        (-20, 8, "grammar"),
        (9, 14, "claim"),
        (20, 40, "style"),
        (5, 5, "fact"),
    ):
        offset = base.offset + start
        extra.append(
            dataclasses.replace(
                base,
                offset=offset,
                length=end - start,
                excerpt=text[offset : base.offset + end],
                category=cat,
                rule=f"X{cat}",
            )
        )
    result.files[0].findings.extend(extra)
    page, html = _page(result)
    assert _check_spans(result, page) == 5
    assert len(page.marks) >= 7  # the spans cut each other into pieces
    claim_marks = [t for t in page.tags if t[0] == "mark" and "claim" in (t[1]["class"] or "")]
    assert claim_marks and "needs review" in html
    point = [t for t in page.tags if t[0] == "mark" and "pt" in (t[1]["class"] or "")]
    assert len(point) == 1  # the zero-length finding is a point marker


def test_hostile_article_is_escaped_and_page_is_self_contained(tmp_path: Path) -> None:
    article = tmp_path / "hostile.md"
    article.write_text(HOSTILE)
    result = run([str(article)], Config(select=["DUP"]))
    assert {f.rule for f in result.findings} >= {"DUP001", "DUP004"}
    page, html = _page(result)
    assert len(page.scripts) == 1 and len(page.styles) == 1
    assert "__pwned" not in page.scripts[0]
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert (
            tag not in ("img", "a", "b", "iframe", "textarea")
            or tag == "a"
            and attrs.get("href", "").startswith("#")
        ), (tag, attrs)
        for name in ("src", "href", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http", "//", "javascript")), (tag, attrs)
    assert [line.replace("\u200b", "") for line in page.lines] == HOSTILE.splitlines()
    _check_spans(result, page)


def test_csp_allows_exactly_the_inline_script_and_style() -> None:
    page, html = _page(run([str(SEED_MD)], Config(select=["DUP"])))
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp
    for kind, body in (("script", page.scripts[0]), ("style", page.styles[0])):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in csp
    assert html.index("Content-Security-Policy") < html.index("<style>")


def test_index_counts_and_filters() -> None:
    result = run([str(SEED_MD)], Config(select=["DUP"]))
    page, html = _page(result)
    assert re.search(
        r'<a href="#a0">[^<]*is-ketamine-therapy-addictive.md</a> <span class="total"'
        r' data-article="a0">2</span>',
        html,
    )
    boxes = [(a["data-filter"], a["value"]) for t, a in page.tags if t == "input"]
    assert ("category", "duplicate") in boxes and ("severity", "error") in boxes
    assert ("category", "spelling") not in boxes  # only categories that occur


def test_cli_writes_html_file(tmp_path: Path) -> None:
    out = run_cli(
        "check", "--select", "DUP", "--format", "html", "-o", "r.html", str(SEED_MD), cwd=tmp_path
    )
    assert out.returncode == 1
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
