"""Duplicate checks: repeated list items, near-duplicate items and sentences, repeated words.

Word lists (generic words, stop words, allowed repeats) live in rules/duplicates.yml;
thresholds are rule options.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from checker.checks._meaning import Lexicon, lexicon
from checker.context import CheckContext
from checker.document import PLACEHOLDER, Block, BlockKind, Document, Sentence
from checker.findings import Finding, Fix
from checker.resources import load_yaml
from checker.rules import rule
from checker.words import TRAILING_PUNCTUATION, normalise, stem, word_list

ROMAN_RE = re.compile(r"[ivx]+")
REPEATED_WORD_RE = re.compile(r"\b([^\W\d_][\w'\u2019-]{0,199}+)(\s++)(\1)\b", re.IGNORECASE)
"""A word (up to 200 characters, so that a start after each hyphen of a long run costs at most
that much) repeated after white space."""
BLANK_LINE_RE = re.compile(r"(?:\r\n|\n|\r(?!\n))[ \t]*(?:\r\n|\n|\r)")
"""A blank line (any line ending)."""


@cache
def _lists(name: str) -> frozenset[str]:
    data = load_yaml("duplicates.yml") or {}
    return frozenset(str(w).lower() for w in data.get(name, []))


def content_stems(text: str, *, drop_generic: bool) -> frozenset[str]:
    """Stems of the meaningful words of ``text`` (stop words and, optionally, generic ones out)."""
    skip = _skipped(drop_generic)
    return frozenset(map(stem, set(word_list(text.lower())) - skip))


@cache
def _skipped(drop_generic: bool) -> frozenset[str]:
    """The words ``content_stems`` leaves out."""
    skip = _lists("stop_words")
    return skip | _lists("generic_words") if drop_generic else skip


def _distinguished(
    a: frozenset[str], b: frozenset[str], contrasts: tuple[tuple[str, str], ...] | None = None
) -> bool:
    """Whether two texts differ by an identifier ("Type 1" / "Type 2", "hepatitis B" / "C")
    or by the two sides of a contrast pair ("dominant" / "recessive"; stems, or the given
    ``contrasts`` when the texts are reduced otherwise)."""
    only_a, only_b = a - b, b - a
    if any(len(w) == 1 or w.isdigit() or ROMAN_RE.fullmatch(w) for w in only_a | only_b):
        return True
    pairs = _contrasts() if contrasts is None else contrasts
    return any((x in only_a and y in only_b) or (y in only_a and x in only_b) for x, y in pairs)


@cache
def _contrasts() -> tuple[tuple[str, str], ...]:
    data = load_yaml("duplicates.yml") or {}
    return tuple((stem(str(x)), stem(str(y))) for x, y in data.get("contrast_pairs", []))


def _section_breaks(doc: Document, items: list[Block]) -> set[int]:
    """Indexes of items that follow a blank line in a list that is otherwise tight: CommonMark
    joins two lists separated by a blank line into one, but they were written as two."""
    gaps = {
        i
        for i in range(1, len(items))
        if BLANK_LINE_RE.search(doc.source.text, items[i - 1].source_end, items[i].source_start)
    }
    return gaps if len(gaps) < len(items) - 1 else set()


def _is_lead_in(text: str) -> bool:
    """Whether a list item introduces the items after it ("Symptoms include", "Causes:")."""
    text = text.strip()
    if text.endswith(":"):
        return True
    words = word_list(text.lower())
    return len(words) > 1 and words[-1] in _lists("lead_in_words")


def _item_span(block: Block) -> tuple[int, int]:
    return block.source_start, block.source_end


@rule("DUP001", "duplicate-list-item", category="duplicate", severity="error", fixable=True)
def duplicate_list_item(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A list item repeats an earlier item of the same list.

    ## What it does
    Compares the items of each list after folding case, white space and trailing
    punctuation, and reports every item that repeats an earlier one. An item that introduces
    the items after it (it ends with a colon or with a word of `lead_in_words` in
    rules/duplicates.yml: "Late symptoms include") starts a new section: a flattened export
    of two nested lists repeats items under two lead-ins, and those are not repeats. So does
    a blank line in an otherwise tight list (CommonMark joins two lists written one after the
    other into one).

    ## Why is this bad?
    A repeated bullet ("Increase in blood pressure" twice in a side-effect list) looks careless
    and makes readers wonder what was meant to be there instead.

    ## Example
        - Increase in blood pressure
        - Increase in blood pressure

    ## Fix safety
    Safe: the fix deletes the later item's line(s); unsafe when a blank line separates the item
    from its first occurrence (perhaps two lists). No fix is offered when the item has a
    nested list or shares its line with other text.
    """
    for items in doc.lists().values():
        seen: dict[str, Block] = {}
        breaks = _section_breaks(doc, items)
        for index, item in enumerate(items):
            if index in breaks:
                seen = {}
            if _is_lead_in(item.text.text):
                seen = {}
                continue
            key = normalise(item.text.text)
            if not key:
                continue
            first = seen.setdefault(key, item)
            if first is item:
                continue
            start, end = _item_span(item)
            first_line, _ = doc.source.position(first.source_start)
            yield ctx.finding(
                doc,
                start,
                end,
                f'duplicate list item "{item.text.text}" (first at line {first_line})',
                suggestions=["remove the repeated item"],
                fix=_delete_item_fix(doc, item, ctx, first),
                related=[ctx.related(doc, *_item_span(first), "first occurrence")],
            )


def _delete_item_fix(doc: Document, item: Block, ctx: CheckContext, first: Block) -> Fix | None:
    """Delete the whole line(s) of a list item, when they hold nothing else.

    Unsafe when a blank line stands between the item and its first occurrence: CommonMark
    joins blank-line-separated lists into one, but an editor often meant two lists (early and
    late symptoms) whose shared items are not repeats."""
    if item.has_children:
        return None
    source = doc.source
    first_line, _ = source.position(item.source_start)
    last_line, _ = source.position(item.source_end)
    start = source.line_start(first_line)
    end = source.line_end(last_line, include_newline=True)
    before = source.text[start : item.source_start]
    after = source.text[item.source_end : source.line_end(last_line)]
    if before.strip(" \t-*+\u2022\u2013\u00b70123456789.)") or after.strip():
        return None
    apart = BLANK_LINE_RE.search(source.text, first.source_end, item.source_start) is not None
    return ctx.replace(start, end, "", safe=not apart, title="remove the repeated item")


@rule(
    "DUP002",
    "near-duplicate-list-item",
    category="duplicate",
    severity="warning",
    options={"threshold": 0.85, "min_words": 4},
)
def near_duplicate_list_item(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Two items of one list say the same thing in other words.

    ## What it does
    Compares the items of each list by what they mean: their meaningful words reduced to
    roots (Snowball stems without a derivational ending, so "nauseous", "nauseated" and
    "nausea" are one word; the endings are in rules/duplicates.yml), with every term of the
    symptom, side-effect and instruction lexicon (rules/synonyms.yml) replaced by its
    concept, so "Difficulty sleeping" means what "Insomnia" means and "High blood pressure"
    what "Increase in blood pressure" means.

    Short items match when their meanings are the same once generic words ("effects",
    "feeling", from rules/duplicates.yml) are set aside: "Dissociation" and "Dissociative
    effects", "Nausea" and "Feeling nauseous". Longer items (at least `min_words` meaningful
    words) match when the share of meaning tokens they have in common (Jaccard) reaches
    `threshold`. Items that differ in a key word ("Red blood cells ...", "White blood cells
    ..."), an identifier ("Type 1" / "Type 2") or a contrast ("increased" / "decreased") do
    not match, nor do symptoms that are merely related ("Headache" / "Migraine", "Nausea" /
    "Vomiting"), which the lexicon keeps in separate groups.

    ## Why is this bad?
    Near-duplicates pad a list and suggest it was assembled without care: a side-effect
    list with "Insomnia" and "Trouble sleeping" reads as two effects where there is one.

    ## Example
        - Nausea
        - Insomnia
        - Feeling nauseous      (says the same as "Nausea")
        - Difficulty sleeping   (says the same as "Insomnia")

    ## Fix safety
    No automatic fix: an editor decides which wording to keep.

    ## Options
    - `threshold` (default 0.85): Jaccard similarity at which longer items match.
    - `min_words` (default 4): meaningful words from which an item counts as long.
    """
    threshold = float(ctx.options["threshold"])
    min_words = int(ctx.options["min_words"])
    words = lexicon()
    for items in doc.lists().values():
        # the first item of each distinct text: a later copy compares exactly as its first
        # does, so 8,000 identical items cost 8,000 comparisons, not 32 million
        earlier: dict[str, tuple[Block, _ItemKey]] = {}
        for item in items:
            key = _ItemKey(item.text.text, words)
            first = next(
                (e for e in earlier.values() if _near(e[1], key, threshold, min_words, words)),
                None,
            )
            if first is not None:
                yield _near_finding(doc, ctx, item, first[0], first[1], key)
            earlier.setdefault(item.text.text, (item, key))


class _ItemKey:
    """What a list item is compared by: its normalised text, label and meaning."""

    def __init__(self, text: str, words: Lexicon) -> None:
        self.normalised = normalise(text)
        head, sep, tail = text.partition(":")
        self.label = head.strip().lower() if sep and tail.strip() else None
        self.whole = words.meaning(text)
        self.tail = words.meaning(tail) if self.label is not None else self.whole


def _near(a: _ItemKey, b: _ItemKey, threshold: float, min_words: int, words: Lexicon) -> bool:
    """Whether two different list items say the same thing.

    A ``Label:`` prefix both share ("MedlinePlus Encyclopedia: ...") is set aside.
    """
    if a.normalised == b.normalised:
        return False
    same_label = a.label is not None and a.label == b.label
    x, y = (a.tail, b.tail) if same_label else (a.whole, b.whole)
    if _distinguished(x.full, y.full, words.contrasts):
        return False
    if len(x.full) < min_words and len(y.full) < min_words:
        return bool(x.core) and x.core == y.core
    return len(x.full & y.full) / len(x.full | y.full) >= threshold


def _near_finding(
    doc: Document, ctx: CheckContext, item: Block, first: Block, a: _ItemKey, b: _ItemKey
) -> Finding:
    line, _ = doc.source.position(first.source_start)
    shared = sorted(a.whole.concepts & b.whole.concepts)
    because = f": both name {', '.join(c.replace('_', ' ') for c in shared)}" if shared else ""
    return ctx.finding(
        doc,
        *_item_span(item),
        f'list item "{item.text.text}" says the same as "{first.text.text}" (line {line})'
        + because,
        suggestions=["merge the two items or make them distinct"],
        related=[ctx.related(doc, *_item_span(first), "similar item")],
        data={"concepts": shared} if shared else None,
    )


@rule(
    "DUP003",
    "duplicate-sentence",
    category="duplicate",
    severity="warning",
    options={"threshold": 0.85, "min_words": 6},
)
def duplicate_sentence(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A sentence repeats an earlier sentence of the article, exactly or nearly.

    ## What it does
    Compares every sentence of the article's paragraphs that has at least `min_words` words
    with the earlier ones: exact repeats (after folding case, white space and punctuation) and
    near repeats whose word stems overlap by `threshold` (Jaccard) or more. A whole paragraph
    repeated is reported once, for the paragraph. List items are left to DUP001/DUP002.

    ## Why is this bad?
    Repeated sentences are usually left over from editing: a paragraph pasted twice, or a
    rewrite that kept the old version.

    ## Options
    - `threshold` (default 0.85): similarity at which two sentences count as the same.
    - `min_words` (default 6): shorter sentences are not compared.
    """
    threshold = float(ctx.options["threshold"])
    min_words = int(ctx.options["min_words"])
    seen = _SeenSentences(threshold)
    paragraphs: dict[str, Block] = {}
    for block in doc.blocks:
        if block.kind is not BlockKind.PARAGRAPH:
            continue
        key = normalise(block.text.text)
        first_block = paragraphs.setdefault(key, block)
        if first_block is not block and len(block.sentences) > 1:
            yield _paragraph_finding(doc, ctx, block, first_block)
            continue
        for sentence in block.sentences:
            text = sentence.text
            if len(text.split()) < min_words:
                continue
            match, same = seen.check(sentence, text)
            if match is not None:
                yield _sentence_finding(doc, ctx, sentence, match, same)


class _SeenSentences:
    """Earlier sentences, indexed by normalised text and by stem for near matches."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.exact: dict[str, Sentence] = {}
        self.earlier: list[tuple[Sentence, frozenset[str]]] = []
        self.by_stem: defaultdict[str, list[int]] = defaultdict(list)

    def check(self, sentence: Sentence, text: str | None = None) -> tuple[Sentence | None, bool]:
        """The earlier sentence this one repeats (and whether exactly), or remember it
        (``text``: the sentence's text, when the caller has it)."""
        text = sentence.text if text is None else text
        key = normalise(text)
        found = self.exact.get(key)
        if found is not None:
            return found, True
        stems = content_stems(text, drop_generic=False)
        match = _similar(stems, self.earlier, self.by_stem, self.threshold)
        if match is not None:
            return match, False
        self.exact[key] = sentence
        index, by_stem = len(self.earlier), self.by_stem
        for s in stems:
            by_stem[s].append(index)
        self.earlier.append((sentence, stems))
        return None, False


def _similar(stems, earlier, by_stem, threshold: float) -> Sentence | None:
    """The first earlier sentence whose stems overlap ``stems`` by ``threshold`` (Jaccard).

    Prefix filtering: a match shares at least ``ceil(threshold * len(stems))`` stems, so it
    must contain one of the ``len(stems) - required + 1`` rarest stems; only sentences with
    one of those are compared.
    """
    if not stems:
        return None
    required = math.ceil(threshold * len(stems))
    known = [s for s in stems if s in by_stem]
    if len(known) < required:
        return None  # fewer earlier stems than a match shares
    rarest = sorted(known, key=lambda s: len(by_stem[s]))[: len(known) - required + 1]
    candidates = sorted({i for s in rarest for i in by_stem[s]})
    for index in candidates:
        other = earlier[index][1]
        shared = len(stems & other)
        similar = shared / (len(stems) + len(other) - shared) >= threshold
        if similar and not _distinguished(stems, other):
            return earlier[index][0]
    return None


def _paragraph_finding(doc: Document, ctx: CheckContext, block: Block, first: Block) -> Finding:
    line, _ = doc.source.position(first.source_start)
    return ctx.finding(
        doc,
        block.source_start,
        block.source_end,
        f"paragraph repeats the paragraph at line {line}",
        suggestions=["remove one of the two paragraphs"],
        related=[ctx.related(doc, first.source_start, first.source_end, "earlier paragraph")],
    )


def _sentence_finding(doc, ctx: CheckContext, sentence: Sentence, first: Sentence, same: bool):
    start, end = sentence.source_span()
    first_start, first_end = first.source_span()
    line, _ = doc.source.position(first_start)
    how = "repeats" if same else "nearly repeats"
    return ctx.finding(
        doc,
        start,
        end,
        f"sentence {how} the sentence at line {line}",
        suggestions=["remove one of the two sentences"],
        related=[ctx.related(doc, first_start, first_end, "earlier sentence")],
    )


@rule("DUP004", "repeated-word", category="duplicate", severity="error", fixable=True)
def repeated_word(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A word is written twice in a row: "the the".

    ## What it does
    Reports a word immediately repeated (ignoring case) in prose, headings and captions.
    Repeats that are correct English ("had had", "that that") are listed in
    rules/duplicates.yml under `allowed_repeats`.

    ## Fix safety
    Safe: the fix deletes the second word and the space before it, when only white space
    separates the two in the source (no markup in between).
    """
    allowed = _lists("allowed_repeats")
    for block in doc.blocks:
        text = block.text.text
        if not _may_repeat(text):
            continue
        for match in REPEATED_WORD_RE.finditer(text):
            word = match.group(1)
            if word.lower() in allowed or PLACEHOLDER in match.group(2):
                continue
            yield _repeated_finding(doc, ctx, block, match)


def _may_repeat(text: str) -> bool:
    """A cheap test that two neighbouring words could be the same (before the regex)."""
    words = text.lower().split()
    return any(a == b.rstrip(TRAILING_PUNCTUATION) for a, b in zip(words, words[1:], strict=False))


def _repeated_finding(doc: Document, ctx: CheckContext, block: Block, match: re.Match[str]):
    first_start, first_end = block.span(match.start(1), match.end(1))
    second_start, second_end = block.span(match.start(3), match.end(3))
    fix = None
    if not doc.source.text[first_end:second_start].strip():
        fix = ctx.replace(first_end, second_end, "", title="remove the repeated word")
    return ctx.finding(
        doc,
        first_start,
        second_end,
        f'repeated word "{match.group(1)}"',
        suggestions=[match.group(1)],
        fix=fix,
    )
