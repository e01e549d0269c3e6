"""The audit summary page (``--summary-html``): what an editor-in-chief reads first.

One self-contained HTML file (no scripts, no external assets): the archive at a glance, the
worst articles, the most repeated passages, the contradictions between articles, and the
unsourced claims per section. A section is an article's top folder under the audited root;
in a flat folder, the leading word of the file names when several articles share it (the
MedQuAD source: ``ghr-0000001-...``).
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from checker.audit.run import Audit
from checker.engine import FileResult
from checker.findings import Finding

WEIGHTS = {"error": 5.0, "warning": 2.0, "info": 0.5}
"""How much a finding of each severity adds to an article's score (worst articles)."""
TOP = 15
UNSOURCED = ("CLM001", "CLM004")


@dataclass
class Section:
    """Counts for one section of the archive."""

    name: str
    articles: int = 0
    words: int = 0
    unsourced: int = 0
    sourced_elsewhere: int = 0
    findings: int = 0

    @property
    def per_thousand(self) -> float:
        """Unsourced claims per 1,000 words."""
        return 1000 * self.unsourced / self.words if self.words else 0.0


def common_root(paths: Iterable[str]) -> str:
    """The folder every path is under ('' for none)."""
    folders = [os.path.dirname(os.path.abspath(p)) for p in paths]
    return os.path.commonpath(folders) if folders else ""


def sections_of(paths: list[str]) -> dict[str, str]:
    """Each path's section: its top folder under the common root, else a shared file-name
    prefix (the word before the first '-' or '_'), else '(top level)'."""
    rel = _relative(paths, common_root(paths))
    prefixes = Counter(_prefix(r) for r in rel.values() if os.sep not in r)
    out: dict[str, str] = {}
    for path, relative in rel.items():
        if os.sep in relative:
            out[path] = relative.split(os.sep, 1)[0]
        else:
            prefix = _prefix(relative)
            out[path] = prefix if prefixes[prefix] >= 2 else "(top level)"
    return out


def _relative(paths: list[str], root: str) -> dict[str, str]:
    return {p: os.path.relpath(os.path.abspath(p), root) if root else p for p in paths}


def _prefix(name: str) -> str:
    stem = os.path.splitext(name)[0]
    for sep in ("-", "_"):
        stem = stem.split(sep, 1)[0]
    return stem.lower()


def score(file: FileResult) -> float:
    """An article's weight of findings (errors count most)."""
    return sum(WEIGHTS.get(f.severity.value, 0) for f in file.findings)


def render_page(done: Audit) -> str:
    """The page as one self-contained HTML document."""
    files = done.result.files
    root = common_root(f.path for f in files)
    rel = _relative([f.path for f in files], root)
    words = {s.path: s.words for s in done.summaries}
    parts = [
        _head(root),
        _glance(done, files, words),
        _worst(files, rel),
        _passages(files, rel),
        _contradictions(files, rel),
        _sections(files, words),
        "</main></body></html>\n",
    ]
    return "".join(parts)


def _head(root: str) -> str:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Archive audit: {escape(root or 'articles')}</title><style>{CSS}</style></head>"
        f"<body><main><header><h1>Archive audit</h1><p class='where'>{escape(root)}</p></header>"
    )


def _glance(done: Audit, files: list[FileResult], words: dict[str, int]) -> str:
    findings = [f for file in files for f in file.findings]
    by_sev = Counter(f.severity.value for f in findings)
    rules = Counter(f.rule for f in findings)
    clean = sum(1 for f in files if not f.findings)
    unreadable = sum(1 for f in files if any(x.category == "input" for x in f.findings))
    cards = [
        (f"{len(files):,}", "articles", f"{sum(words.values()):,} words"),
        (f"{by_sev['error']:,}", "errors",
         f"{by_sev['warning']:,} warnings, {by_sev['info']:,} info"),
        (f"{rules['DUP005']:,}", "repeated passages", "paragraphs found in other articles"),
        (f"{rules['FCT003']:,}", "contradictions", "statements other articles contradict"),
        (f"{rules['CLM001'] + rules['CLM004']:,}", "unsourced claims",
         f"{rules['CLM004']:,} sourced in another article"),
        (f"{clean:,}", "clean articles", f"{unreadable:,} could not be checked"),
    ]  # fmt: skip
    html = "".join(
        f"<div class='card'><div class='big'>{n}</div><div class='label'>{escape(label)}</div>"
        f"<div class='sub'>{escape(sub)}</div></div>"
        for n, label, sub in cards
    )
    top_rules = ", ".join(f"{code} {n:,}" for code, n in rules.most_common(8))
    return (
        f"<section><div class='cards'>{html}</div><p class='note'>Checked on {done.workers} "
        f"worker(s) in {done.seconds:.0f} s. Most frequent rules: {escape(top_rules)}.</p>"
        "</section>"
    )


def _worst(files: list[FileResult], rel: dict[str, str]) -> str:
    ranked = sorted((f for f in files if f.findings), key=lambda f: (-score(f), f.path))[:TOP]
    rows = []
    for file in ranked:
        sev = Counter(f.severity.value for f in file.findings)
        rules = Counter(f.rule for f in file.findings).most_common(3)
        rows.append(
            f"<tr><td class='path'>{escape(rel[file.path])}</td><td class='n err'>"
            f"{sev['error']}</td><td class='n warn'>{sev['warning']}</td><td class='n'>"
            f"{sev['info']}</td><td>{escape(', '.join(f'{r} ×{n}' for r, n in rules))}</td></tr>"
        )
    return _table_section(
        "Worst articles",
        "Ranked by findings weighted by severity (error 5, warning 2, info 0.5).",
        ["Article", "Errors", "Warnings", "Info", "Main problems"],
        rows,
    )


def _passages(files: list[FileResult], rel: dict[str, str]) -> str:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for file in files:
        for f in file.findings:
            if f.rule == "DUP005":
                groups[f.data.get("group", f"{f.path}:{f.line}")].append(f)
    merged = {}
    for found in groups.values():
        members = sorted({p for f in found for p in (f"{f.path}:{f.line}", *f.data["others"])})
        merged[tuple(members)] = found[0]
    ranked = sorted(merged.items(), key=lambda g: (-g[1].data.get("articles", 0), g[0]))[:TOP]
    rows = []
    for members, f in ranked:
        shown = [_rel_place(m, rel) for m in members[:4]]
        more = f" and {len(members) - 4} more" if len(members) > 4 else ""
        rows.append(
            f"<tr><td class='n'>{f.data.get('articles', 0)}</td><td><blockquote>"
            f"{escape(_clip(f.excerpt))}</blockquote><div class='places'>"
            f"{escape(', '.join(shown))}{escape(more)}</div></td></tr>"
        )
    return _table_section(
        "Most repeated passages",
        "Paragraphs that appear, word for word or nearly, in several articles. Fix them "
        "together, or list deliberate boilerplate in rules/boilerplate.yml.",
        ["Articles", "Passage and where it is"],
        rows,
    )


def _contradictions(files: list[FileResult], rel: dict[str, str]) -> str:
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for file in files:
        for f in file.findings:
            if f.rule == "FCT003":
                groups[(f.data.get("entity", ""), f.data.get("attribute", ""))].append(f)
    ranked = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))[:TOP]
    rows = []
    for (entity, attribute), found in ranked:
        values = Counter(f.excerpt for f in found)
        stated = "; ".join(f"“{v}” ({n})" for v, n in values.most_common(4))
        where = ", ".join(_rel_place(f"{f.path}:{f.line}", rel) for f in found[:3])
        more = f" and {len(found) - 3} more" if len(found) > 3 else ""
        rows.append(
            f"<tr><td>{escape(entity)}</td><td>{escape(attribute.replace('_', ' '))}</td>"
            f"<td>{escape(stated)}</td><td class='places'>{escape(where + more)}</td></tr>"
        )
    return _table_section(
        "Contradictions between articles",
        "The same fact stated with different values in different articles (FCT003).",
        ["Subject", "Fact", "Values stated (articles)", "Where"],
        rows,
    )


def _sections(files: list[FileResult], words: dict[str, int]) -> str:
    names = sections_of([f.path for f in files])
    table: dict[str, Section] = {}
    for file in files:
        section = table.setdefault(names[file.path], Section(names[file.path]))
        section.articles += 1
        section.words += words.get(file.path, 0)
        section.findings += len(file.findings)
        section.unsourced += sum(1 for f in file.findings if f.rule in UNSOURCED)
        section.sourced_elsewhere += sum(1 for f in file.findings if f.rule == "CLM004")
    rows = [
        f"<tr><td>{escape(s.name)}</td><td class='n'>{s.articles:,}</td><td class='n'>"
        f"{s.words:,}</td><td class='n'>{s.unsourced:,}</td><td class='n'>"
        f"{s.per_thousand:.1f}</td><td class='n'>{s.sourced_elsewhere:,}</td></tr>"
        for s in sorted(table.values(), key=lambda s: (-s.per_thousand, s.name))
    ]
    return _table_section(
        "Unsourced claims by section",
        "Claims that cite no source (CLM001), including those another article does source "
        "(CLM004).",
        [
            "Section",
            "Articles",
            "Words",
            "Unsourced claims",
            "Per 1,000 words",
            "Sourced elsewhere",
        ],
        rows,
    )


def _rel_place(place: str, rel: dict[str, str]) -> str:
    path, _, line = place.rpartition(":")
    return f"{rel.get(path, path)}:{line}"


def _clip(text: str, most: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rsplit(" ", 1)[0] + " …"


def _table_section(title: str, note: str, headers: list[str], rows: list[str]) -> str:
    """A titled section with a note and a table; "Nothing found." spans an empty table."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    empty = f"<tr><td colspan='{len(headers)}' class='none'>Nothing found.</td></tr>"
    return (
        f"<section><h2>{title}</h2><p class='note'>{note}</p><table><thead><tr>{head}</tr>"
        f"</thead><tbody>{''.join(rows) or empty}</tbody></table></section>"
    )


CSS = """
:root { --ink: #1d2430; --muted: #5b6675; --line: #dfe3ea; --err: #b3261e; --warn: #9a6700;
  --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #f6f7f9; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
header h1 { margin: 0; font-size: 28px; }
.where { margin: 2px 0 18px; color: var(--muted); font-family: ui-monospace, monospace; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin: 0 0 18px; }
h2 { margin: 0 0 4px; font-size: 19px; }
.note { margin: 0 0 10px; color: var(--muted); font-size: 13.5px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin-bottom: 10px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.big { font-size: 26px; font-weight: 650; }
.label { font-weight: 600; }
.sub { color: var(--muted); font-size: 13px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line);
  padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.err { color: var(--err); font-weight: 600; }
td.warn { color: var(--warn); }
td.path, .places { font-family: ui-monospace, monospace; font-size: 12.5px; word-break: break-all; }
.places { color: var(--muted); }
blockquote { margin: 0 0 4px; padding-left: 10px; border-left: 3px solid var(--accent); }
td.none { color: var(--muted); font-style: italic; }
@media print { body { background: #fff; } section { break-inside: avoid; } }
"""
