"""The HTML review report (``--format html --output report.html``): one self-contained page.

Each article is shown line by line from its source text with every finding highlighted at its
exact span (overlapping findings split the text into pieces, each listing the findings that
cover it), coloured by category, explained on hover or focus and in a side list, with filters
by category and severity. Claims that need review are marked distinctly.

Everything taken from an article is HTML-escaped, and the page's Content-Security-Policy
allows only its own inline style and script (by hash): an article's ``<script>``, event
handlers or ``javascript:`` links stay inert text.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape

from checker import __version__
from checker.document import BlockKind, Document
from checker.engine import FileResult, RunResult
from checker.findings import CATEGORIES, Finding
from checker.report import ReportOptions, counts

FORMAT = "html"
SEVERITIES = ("error", "warning", "info")


@dataclass
class Entry:
    """A finding with its id on the page."""

    id: str
    finding: Finding

    @property
    def priority(self) -> tuple[int, int, str]:
        """Which finding colours a piece of text several findings cover: worst, then innermost."""
        return (-self.finding.severity.rank, self.finding.length, self.id)


def _asset(name: str) -> str:
    from importlib import resources  # imports tempfile and more: only for an HTML report

    return resources.files("checker.report").joinpath("assets", name).read_text("utf-8")


def _hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render(result: RunResult, options: ReportOptions) -> str:
    """The whole page."""
    style, script = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src 'sha256-{_hash(style)}'; script-src 'sha256-{_hash(script)}'; "
        "base-uri 'none'; form-action 'none'"
    )
    entries = [
        [Entry(f"f{i}-{j}", f) for j, f in enumerate(file.findings)]
        for i, file in enumerate(result.files)
    ]
    articles = [_article(i, file, entries[i]) for i, file in enumerate(result.files)]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        "<title>checker review report</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        f"{_header(result)}\n{_filters(result)}\n{_index(result)}\n"
        f"<main>\n{''.join(articles)}</main>\n"
        '<div id="tip" role="tooltip" hidden></div>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def _header(result: RunResult) -> str:
    c = counts(result)
    engines = "".join(
        f"<li>{escape(name)}: {escape(status)}; its checks did not run</li>"
        for name, status in sorted(result.engines.items())
        if status != "ok"
    )
    notes = f'<ul class="engines">{engines}</ul>' if engines else ""
    return (
        f"<header><h1>Review report</h1><p>checker {escape(__version__)}: "
        f"{c['findings']} finding(s) in {c['files']} article(s): "
        f'<span class="sev-error">{c["error"]} error(s)</span>, '
        f'<span class="sev-warning">{c["warning"]} warning(s)</span>, '
        f'<span class="sev-info">{c["info"]} info</span>.</p>{notes}</header>'
    )


def _filters(result: RunResult) -> str:
    present = Counter(f.category for f in result.findings)
    levels = Counter(f.severity.value for f in result.findings)
    cats = "".join(
        _checkbox("category", cat, f"{cat} ({present[cat]})") for cat in CATEGORIES if present[cat]
    )
    sevs = "".join(_checkbox("severity", s, f"{s} ({levels[s]})") for s in SEVERITIES)
    return (
        '<nav class="filters" aria-label="Filters">'
        f"<fieldset><legend>Category</legend>{cats or 'none'}</fieldset>"
        f"<fieldset><legend>Severity</legend>{sevs}</fieldset></nav>"
    )


def _checkbox(kind: str, value: str, label: str) -> str:
    return (
        f'<label class="chip cat-{value}"><input type="checkbox" checked '
        f'data-filter="{kind}" value="{value}"> {escape(label)}</label>'
    )


def _index(result: RunResult) -> str:
    rows = []
    for i, file in enumerate(result.files):
        by_sev = Counter(f.severity.value for f in file.findings)
        claims = sum(1 for f in file.findings if f.category == "claim")
        badges = "".join(
            f'<span class="count sev-{s}" title="{s}">{by_sev[s]}</span>'
            for s in SEVERITIES
            if by_sev[s]
        )
        if claims:
            badges += f'<span class="count claim" title="claims to review">{claims} claim(s)</span>'
        rows.append(
            f'<li><a href="#a{i}">{escape(file.path)}</a> '
            f'<span class="total" data-article="a{i}">{len(file.findings)}</span> {badges}</li>'
        )
    return (
        f'<nav class="index" aria-label="Articles"><h2>Articles</h2><ol>{"".join(rows)}</ol></nav>'
    )


def _article(index: int, file: FileResult, entries: list[Entry]) -> str:
    if not entries:
        body = '<p class="clean">No findings: the text is not repeated here.</p>'
    elif file.document is None:
        body = '<p class="unreadable">This article could not be read; see the findings.</p>'
    else:
        body = _text(file.document, entries)
    items = "".join(_item(e) for e in entries) or '<li class="none">No findings.</li>'
    return (
        f'<section class="article" id="a{index}" aria-labelledby="h{index}">'
        f'<h2 id="h{index}">{escape(file.path)} '
        f'<span class="total" data-article="a{index}">{len(entries)}</span></h2>'
        f'<div class="cols"><div class="text">{body}</div>'
        f'<aside><h3>Findings</h3><ol class="flist">{items}</ol></aside></div></section>\n'
    )


def _item(entry: Entry) -> str:
    f = entry.finding
    suggestion = (
        f'<div class="sugg">Suggestion: {escape(", ".join(f.suggestions[:3]))}</div>'
        if f.suggestions
        else ""
    )
    fix = ""
    if f.fix is not None:
        kind = "safe" if f.fix.applicability == "safe" else "unsafe"
        fix = f'<div class="fix">{kind} fix available</div>'
    review = '<span class="review">needs review</span> ' if f.category == "claim" else ""
    return (
        f'<li class="fi" id="{entry.id}" data-cat="{escape(f.category)}" '
        f'data-sev="{f.severity.value}" tabindex="-1">'
        f'<a class="where" href="#m-{entry.id}">{f.line}:{f.column}</a> '
        f'<code class="rule cat-{escape(f.category)}">{escape(f.rule)}</code> '
        f'<span class="sev sev-{f.severity.value}">{f.severity.value}</span> {review}'
        f'<div class="msg">{escape(f.message)}</div>{suggestion}{fix}</li>'
    )


def _text(doc: Document, entries: list[Entry]) -> str:
    """The article's lines, with findings marked at their exact spans."""
    source = doc.source
    text = source.text
    starts: dict[int, list[Entry]] = defaultdict(list)
    ends: dict[int, list[Entry]] = defaultdict(list)
    points: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        start = max(0, min(entry.finding.offset, len(text)))
        end = max(start, min(entry.finding.offset + entry.finding.length, len(text)))
        if end > start:
            starts[start].append(entry)
            ends[end].append(entry)
        else:
            points[start].append(entry)
    cuts = {0, len(text), *starts, *ends, *points}
    for line in range(1, source.line_count + 1):
        cuts.update((source.line_start(line), source.line_end(line)))
    return _lines(doc, sorted(cuts), starts, ends, points)


def _lines(
    doc: Document,
    cuts: list[int],
    starts: dict[int, list[Entry]],
    ends: dict[int, list[Entry]],
    points: dict[int, list[Entry]],
) -> str:
    text = doc.source.text
    styles = _line_classes(doc)
    active: set[str] = set()
    by_id: dict[str, Entry] = {}
    opened: set[str] = set()
    lines: list[str] = []
    current: list[str] = []
    for i, pos in enumerate(cuts):
        for entry in ends.get(pos, ()):
            active.discard(entry.id)
        for entry in starts.get(pos, ()):
            active.add(entry.id)
            by_id[entry.id] = entry
        current.extend(_point(e) for e in points.get(pos, ()))
        piece = text[pos : cuts[i + 1]] if i + 1 < len(cuts) else ""
        if "\n" in piece:
            lines.append(_line(len(lines) + 1, current, styles))
            current = []
        elif piece.strip("\r"):
            cover = sorted((by_id[x] for x in active), key=lambda e: e.priority)
            current.append(_piece(piece, cover, opened))
    if current or not text.endswith("\n"):
        lines.append(_line(len(lines) + 1, current, styles))
    return '<div class="lines">\n' + "\n".join(lines) + "\n</div>"


def _line_classes(doc: Document) -> dict[int, str]:
    """Heading lines get ``h`` classes; front matter lines ``meta``."""
    out: dict[int, str] = {}
    source = doc.source
    if doc.metadata_span:
        first, _ = source.position(doc.metadata_span[0])
        last, _ = source.position(max(doc.metadata_span[1] - 1, doc.metadata_span[0]))
        out.update(dict.fromkeys(range(first, last + 1), "meta"))
    for block in doc.blocks:
        if block.kind is BlockKind.HEADING:
            first, _ = source.position(block.source_start)
            last, _ = source.position(block.source_end)
            out.update(dict.fromkeys(range(first, last + 1), f"h h{min(block.level or 2, 4)}"))
    return out


def _line(number: int, pieces: list[str], styles: dict[int, str]) -> str:
    cls = f"ln {styles[number]}" if number in styles else "ln"
    body = "".join(pieces) or "\u200b"
    return (
        f'<div class="{cls}"><span class="no">{number}</span><span class="tx">{body}</span></div>'
    )


def _piece(text: str, cover: list[Entry], opened: set[str]) -> str:
    if not cover:
        return escape(text)
    top = cover[0].finding
    anchors = [e.id for e in cover if e.id not in opened]
    opened.update(anchors)
    anchor = f' id="m-{anchors[0]}"' if anchors else ""
    extra = "".join(f'<span class="anchor" id="m-{a}"></span>' for a in anchors[1:])
    claim = " claim" if any(e.finding.category == "claim" for e in cover) else ""
    return (
        f'{extra}<mark class="f{claim}"{anchor} tabindex="0" '
        f'data-f="{" ".join(e.id for e in cover)}" data-cat="{escape(top.category)}" '
        f'data-sev="{top.severity.value}">{escape(text)}</mark>'
    )


def _point(entry: Entry) -> str:
    f = entry.finding
    claim = " claim" if f.category == "claim" else ""
    return (
        f'<mark class="f pt{claim}" id="m-{entry.id}" tabindex="0" data-f="{entry.id}" '
        f'data-cat="{escape(f.category)}" data-sev="{f.severity.value}"></mark>'
    )
