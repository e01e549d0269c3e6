"""What a medical article must carry: references (STR001), review metadata (STR002), a sound
heading outline (STR003) and citations that match their references (STR004).

Names and keys (reference-section headings, reviewer and review-date keys, claim cues) live in
rules/structure.yml and can be overridden per site in ``[tool.checker.structure]``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from checker.checks._site import anchor_block, site_settings
from checker.context import CheckContext
from checker.document import Block, BlockKind, Document
from checker.findings import Finding
from checker.parsing.citations import citation_numbers
from checker.resources import load_yaml
from checker.rules import rule
from checker.words import normalise

NUMBERED_CITATION_RE = re.compile(r"\[\s*(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\s*\]")
FOOTNOTE_TEXT_RE = re.compile(r"\[\^([^\]\s]+)\]")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
FENCE_RE = re.compile(r"^ {0,3}(```|~~~)", re.M)
ENTRY_NUMBER_RE = re.compile(r"^\s*\[?(\d{1,3})[\].)]\s")
LEADING_NUMBER_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+\.)\s+", re.I)
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%m/%d/%Y", "%Y/%m/%d")


# References sections ---------------------------------------------------------------------
def _names(values: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise(str(v)) for v in values)


def default_reference_headings() -> list[str]:
    """The reference-section names of rules/structure.yml."""
    return list(
        (load_yaml("structure.yml") or {}).get("settings", {}).get("reference_headings", [])
    )


def heading_name(block: Block) -> str:
    """A heading's text folded for comparison, without a leading section number."""
    return normalise(LEADING_NUMBER_RE.sub("", block.text.text))


def reference_heading(doc: Document, names: Iterable[str]) -> Block | None:
    """The heading that starts the references section, if any."""
    wanted = _names(names)
    for block in doc.blocks:
        if block.kind is BlockKind.HEADING and heading_name(block) in wanted:
            return block
    return None


def reference_blocks(doc: Document, names: Iterable[str] | None = None) -> list[Block]:
    """The blocks of the references section: after its heading, up to a heading as high."""
    heading = reference_heading(doc, default_reference_headings() if names is None else names)
    if heading is None:
        return []
    out = []
    for block in doc.blocks[heading.index + 1 :]:
        if block.kind is BlockKind.HEADING and block.level <= heading.level:
            break
        out.append(block)
    return out


def _labelled_sources(doc: Document, names: Iterable[str]) -> Block | None:
    """A paragraph that opens with a references label: "Sources: CDC; NIH"."""
    wanted = _names(names)
    for block in doc.blocks:
        head, colon, _ = block.text.text.partition(":")
        if block.kind is not BlockKind.HEADING and colon and normalise(head) in wanted:
            return block
    return None


def has_references(doc: Document, names: Iterable[str]) -> bool:
    """Whether the article has a references section, a sources line or footnotes."""
    return bool(
        doc.footnote_defs
        or reference_heading(doc, names) is not None
        or _labelled_sources(doc, names) is not None
    )


# STR001 ----------------------------------------------------------------------------------
def claim_sentences(doc: Document, ctx: CheckContext, settings: dict[str, Any]) -> tuple[int, str]:
    """How many claims the article makes (as the CLM rules see them), and how they were found."""
    try:
        import checker.claims  # noqa: F401  (absent from an install without the claims checks)
        from checker.checks.claims import run_claims
    except ImportError:
        return _cue_claims(doc, settings["claim_cues"]), "cue words"
    return len(run_claims(doc, ctx)), "claim detection"


def _cue_claims(doc: Document, cues: Iterable[str]) -> int:
    words = sorted((re.escape(str(c).lower()) for c in cues), key=len, reverse=True)
    if not words:
        return 0
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)")
    return sum(1 for s in doc.sentences() if pattern.search(s.text.lower()))


def external_links(doc: Document) -> int:
    """Links to other sites (absolute http(s) URLs)."""
    return sum(1 for link in doc.links if link.url.lower().startswith(("http://", "https://")))


@rule("STR001", "missing-references", category="structure", severity="warning")
def missing_references(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article makes claims (or links to sources) but has no references section.

    ## What it does
    Counts the article's claims (with the claims checks' detection when it is installed, else
    sentences holding a cue word from rules/structure.yml such as "research" or "percent")
    and its links to other sites. When there are at least `min_claims` claims (or any such
    link, unless `links_need_references` is off) and the article has no references section
    (a heading named in `reference_headings`), no "Sources:" line and no footnotes, it reports
    once, at the article's first heading.

    ## Why is this bad?
    Readers and reviewers cannot check a medical claim without its source; health-content
    standards ask every article to list its references.

    ## Example
    "Research indicates that ketamine does not cause long-term changes..." with no
    References section.

    ## Fix safety
    No automatic fix: add a References section listing the sources.

    ## Options
    In `[tool.checker.structure]`: `reference_headings`, `min_claims` (default 1),
    `links_need_references` (default true), `claim_cues`.
    """
    settings = site_settings(ctx, "structure")
    anchor = anchor_block(doc)
    if anchor is None or has_references(doc, settings["reference_headings"]):
        return
    claims, how = claim_sentences(doc, ctx, settings)
    links = external_links(doc) if settings["links_need_references"] else 0
    if claims < int(settings["min_claims"]) and not links:
        return
    found = [f"{claims} claim{'s' if claims != 1 else ''}"] if claims else []
    found += [f"{links} link{'s' if links != 1 else ''} to other sites"] if links else []
    yield ctx.finding(
        doc,
        anchor.source_start,
        anchor.source_end,
        f"the article makes {' and '.join(found)} but has no references section or footnotes",
        suggestions=["add a References section listing the sources of the claims"],
        data={"claims": claims, "links": links, "detected_by": how},
    )


# STR002 ----------------------------------------------------------------------------------
def _key(name: Any) -> str:
    return re.sub(r"[\s\-:.]+", "_", str(name).strip().lower())


def metadata_value(doc: Document, keys: Iterable[str]) -> tuple[str, Any] | None:
    """The first non-empty metadata value under one of ``keys`` (and the key as written)."""
    by_key = {_key(k): (str(k), v) for k, v in doc.metadata.items()}
    for key in keys:
        found = by_key.get(_key(key))
        if found is not None and found[1] not in (None, "", [], {}):
            return found
    return None


def parse_date(value: Any) -> dt.date | None:
    """A review date from YAML (a date) or text (ISO or a common written form)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def byline(
    doc: Document, patterns: Iterable[str], group: str, max_words: int
) -> tuple[str, Any] | None:
    """A reviewer or review date stated in a short byline block ("Medically reviewed by ...").

    Returns ``("byline", value)`` like ``metadata_value`` does for a front-matter key.
    """
    compiled = [re.compile(p) for p in patterns]
    for block in doc.blocks:
        text = block.text.text.strip(" *_")
        if len(text.split()) > max_words:
            continue
        for pattern in compiled:
            match = pattern.search(text)
            if match and match.group(group) and (group != "name" or match.start() == 0):
                return "byline", match.group(group).strip()
    return None


def _front_matter_span(doc: Document, key: str) -> tuple[int, int] | None:
    """Source offsets of ``key``'s value in the front matter."""
    if doc.metadata_span is None:
        return None
    start, end = doc.metadata_span
    pattern = re.compile(
        rf"^[ \t]*['\"]?{re.escape(key)}['\"]?[ \t]*:[ \t]*(\S[^\r\n]*?)[ \t]*$", re.M
    )
    match = pattern.search(doc.source.text, start, end)
    return match.span(1) if match else None


@rule("STR002", "missing-review-metadata", category="structure", severity="warning")
def missing_review_metadata(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article does not say who medically reviewed it and when, or the review is old.

    ## What it does
    Looks in the front matter (Markdown) or the `<meta name=...>` tags (HTML) for a medical
    reviewer (`reviewer_keys`, e.g. `reviewed_by`) and a last-reviewed date
    (`review_date_keys`, e.g. `last_reviewed`), and, for articles pasted without metadata, in
    a short byline such as "Medically reviewed by Dr. Jane Doe, MD on March 1, 2025"
    (`reviewer_line_patterns`, `review_date_patterns` in rules/structure.yml). Reports once,
    at the first heading, when either is missing, and at the date when it is not a date or is
    older than `review_interval_days`.

    ## Why is this bad?
    A trustworthy medical page names who reviewed it and when; health information goes out
    of date, and readers (and search engines) look for a recent clinical review.

    ## Example
        ---
        reviewed_by: Dr. Jane Doe, MD
        last_reviewed: 2025-03-01
        ---

    ## Fix safety
    No automatic fix: have the article reviewed and record the reviewer and date.

    ## Options
    In `[tool.checker.structure]`: `reviewer_keys`, `review_date_keys`,
    `review_interval_days` (default 365).
    """
    settings = site_settings(ctx, "structure")
    anchor = anchor_block(doc)
    if anchor is None:
        return
    reviewer = metadata_value(doc, settings["reviewer_keys"]) or byline(
        doc, settings["reviewer_line_patterns"], "name", settings["byline_max_words"]
    )
    reviewed = metadata_value(doc, settings["review_date_keys"]) or byline(
        doc, settings["review_date_patterns"], "date", settings["byline_max_words"]
    )
    missing = {}
    if reviewer is None:
        missing["reviewer"] = f"no medical reviewer ({settings['reviewer_keys'][0]})"
    if reviewed is None:
        missing["review date"] = f"no last-reviewed date ({settings['review_date_keys'][0]})"
    if missing:
        where = "the page's <meta> tags" if doc.format == "html" else "the front matter"
        yield ctx.finding(
            doc,
            anchor.source_start,
            anchor.source_end,
            " and ".join(missing.values()),
            suggestions=[f"record the medical reviewer and the review date in {where}"],
            data={"missing": list(missing)},
        )
    if reviewed is not None:
        yield from _stale(doc, ctx, anchor, reviewed, int(settings["review_interval_days"]))


def _stale(doc: Document, ctx: CheckContext, anchor: Block, reviewed, interval: int):
    key, value = reviewed
    date = parse_date(value)
    start, end = _front_matter_span(doc, key) or (anchor.source_start, anchor.source_end)
    if date is None:
        yield ctx.finding(doc, start, end, f"review date {str(value)!r} is not a date")
        return
    age = (dt.date.today() - date).days
    if age > interval:
        yield ctx.finding(
            doc,
            start,
            end,
            f"last medical review {date.isoformat()} is {age} days old "
            f"(review every {interval} days)",
            suggestions=["have the article reviewed again and update the date"],
            data={"reviewed": date.isoformat(), "age_days": age, "interval_days": interval},
        )


# STR003 ----------------------------------------------------------------------------------
@rule("STR003", "heading-order", category="structure", severity="warning")
def heading_order(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A heading skips a level, or the article has a second top-level heading.

    ## What it does
    Walks the headings in order. The first may have any level; after it, a heading may go at
    most one level deeper than the one before it (`##` then `####` skips `###`), and only one
    heading may be top-level (`#` or `<h1>`).

    ## Why is this bad?
    Screen readers, search engines and the CMS's table of contents rely on the outline; a
    skipped level or a second title usually means a heading was given the wrong level.

    ## Example
        # Title
        ### Side effects      <- skips level 2

    ## Fix safety
    No automatic fix: the right level depends on what the section belongs to.
    """
    previous: Block | None = None
    seen_top = False
    for block in doc.blocks:
        if block.kind is not BlockKind.HEADING or block.source_end <= block.source_start:
            continue
        if block.level == 1 and seen_top:
            yield ctx.finding(
                doc,
                block.source_start,
                block.source_end,
                "second top-level heading: an article has one title",
                suggestions=["make this a level-2 heading"],
            )
        elif previous is not None and block.level > previous.level + 1:
            yield ctx.finding(
                doc,
                block.source_start,
                block.source_end,
                f"heading level {block.level} follows level {previous.level} "
                f"(skips level {previous.level + 1})",
                suggestions=[f"make this a level-{previous.level + 1} heading"],
            )
        seen_top = seen_top or block.level == 1
        previous = block


# STR004 ----------------------------------------------------------------------------------
def citations(doc: Document, section: list[Block]) -> list[tuple[str, int, int, str]]:
    """Every citation as (label, source start, source end, how it is written)."""
    skip = {id(b) for b in section}
    how = "footnote" if doc.format == "markdown" else "citation"
    out = [(f.label, f.source_start, f.source_end, how) for f in doc.footnote_refs]
    for block in doc.blocks:
        if id(block) in skip or "footnote" in block.attrs or block.kind is BlockKind.HEADING:
            continue
        for match in NUMBERED_CITATION_RE.finditer(block.text.text):
            start, end = block.span(match.start(), match.end())
            out.extend((n, start, end, "citation") for n in citation_numbers(match.group(1)))
        for match in FOOTNOTE_TEXT_RE.finditer(block.text.text):
            start, end = block.span(match.start(), match.end())
            out.append((match.group(1), start, end, "footnote"))
    return out


def numbered_entries(section: list[Block]) -> dict[str, Block]:
    """Entries of the references section by number: list items by position, or "[n]" / "n."."""
    out: dict[str, Block] = {}
    for block in section:
        match = ENTRY_NUMBER_RE.match(block.text.text)
        if match:
            out.setdefault(match.group(1), block)
        elif block.kind is BlockKind.LIST_ITEM and block.level == 0:
            number = block.attrs.get("number", block.item_index + 1)
            out.setdefault(str(number), block)
    return out


def unused_markdown_footnotes(doc: Document) -> list[tuple[str, int, int]]:
    """Markdown ``[^x]:`` definitions the parser dropped because nothing cites them."""
    if doc.format != "markdown" or "[^" not in doc.source.text:
        return []
    defined = {f.label for f in doc.footnote_defs}
    text = doc.source.text
    out = []
    for match in FOOTNOTE_DEF_RE.finditer(text):
        fences = len(FENCE_RE.findall(text, 0, match.start()))
        if match.group(1) not in defined and fences % 2 == 0:
            out.append((match.group(1), match.start(), match.end()))
    return out


@rule("STR004", "broken-reference", category="structure", severity="warning")
def broken_reference(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A footnote or numbered citation has no definition, or a definition is never cited.

    ## What it does
    Matches citations (footnote references `[^1]`, numbered citations `[3]` or `[2, 4-6]`,
    HTML citation links and `<sup>[1]</sup>`) against definitions (footnote definitions and
    the numbered entries of the references section). Reports each citation with no
    definition, each footnote definition nobody cites, and, when the article uses numbered
    citations, each numbered reference nobody cites.

    ## Why is this bad?
    A citation that leads nowhere looks like a source but is none; an uncited reference is
    a leftover of an edit, or a claim lost its citation.

    ## Fix safety
    No automatic fix: add the missing reference or citation, or remove the leftover.
    """
    settings = site_settings(ctx, "structure")
    section = reference_blocks(doc, settings["reference_headings"])
    cited = citations(doc, section)
    entries = numbered_entries(section)
    defined = {f.label for f in doc.footnote_defs} | set(entries)
    for label, start, end, how in cited:
        if label not in defined:
            shown = f"[^{label}]" if how == "footnote" else f"[{label}]"
            yield ctx.finding(
                doc, start, end, f"{how} {shown} has no matching reference or footnote"
            )
    used = {label for label, *_ in cited}
    for note in doc.footnote_defs if cited else ():
        if note.label not in used:
            yield ctx.finding(
                doc, note.source_start, note.source_end, f"footnote {note.label} is never cited"
            )
    for label, start, end in unused_markdown_footnotes(doc):
        yield ctx.finding(doc, start, end, f"footnote {label} is never cited")
    if not any(how == "citation" for *_, how in cited):
        return
    footnotes = {f.label for f in doc.footnote_defs}
    for number, block in entries.items():
        if number not in used and number not in footnotes:
            yield ctx.finding(
                doc,
                block.source_start,
                block.source_end,
                f"reference {number} is never cited",
            )
