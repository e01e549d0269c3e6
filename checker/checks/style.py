"""Readability for patients: the article's reading grade level (STY001) and long sentences (STY002).

The grade is the Flesch-Kincaid formula over the article's prose (paragraphs and list items,
not headings, captions, tables, code or the reference list). Syllables are counted by textstat
(the CMU pronouncing dictionary, with Pyphen for words it lacks); sentences and words come from
checker's own splitter and tokenizer, which know abbreviations such as "vs." and "e.g." that
textstat's sentence counter would split on. Settings live in rules/style.yml and
``[tool.checker.style]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks._site import anchor_block, site_settings
from checker.context import CheckContext
from checker.document import BlockKind, Document, Sentence
from checker.findings import Finding
from checker.rules import rule
from checker.words import word_list

READING_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
WORDED_KEY = "style.worded"


@dataclass(frozen=True)
class Scored:
    """A sentence with its word and syllable counts."""

    sentence: Sentence
    words: int
    syllables: int

    @property
    def grade(self) -> float:
        """The sentence's own Flesch-Kincaid grade."""
        return fk_grade(self.words, 1, self.syllables)


def fk_grade(words: int, sentences: int, syllables: int) -> float:
    """The Flesch-Kincaid grade level: 0.39 W/S + 11.8 Syl/W - 15.59."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def syllables(words: list[str]) -> int:
    """Syllables of ``words`` as textstat counts them (checker/syllables.py: same counts,
    from a compiled table instead of loading the CMU dictionary in every process)."""
    from checker import syllables as counter

    return counter.count(words)


def reading_sentences(doc: Document, headings: list[str] | None = None) -> Iterator[Sentence]:
    """Sentences that count for readability: paragraphs and list items, not references.

    ``headings`` names the references section (default: rules/structure.yml).
    """
    from checker.checks.structure import reference_blocks

    skip = {id(block) for block in reference_blocks(doc, headings)}
    for block in doc.blocks:
        if block.kind in READING_KINDS and id(block) not in skip and "footnote" not in block.attrs:
            yield from block.sentences


def score(doc: Document, headings: list[str] | None = None) -> list[Scored]:
    """Every reading sentence with its counts (sentences without words left out)."""
    return [
        Scored(sentence, len(words), syllables(words)) for sentence, words in worded(doc, headings)
    ]


def worded(doc: Document, headings: list[str] | None = None) -> list[tuple[Sentence, list[str]]]:
    """Every reading sentence that has words, with its words."""
    out = []
    for sentence in reading_sentences(doc, headings):
        words = word_list(sentence.text)
        if words:
            out.append((sentence, words))
    return out


def _worded(doc: Document, ctx: CheckContext) -> list[tuple[Sentence, list[str]]]:
    """``worded`` for this run's reference headings, once per document for both rules."""
    memo: dict[int, tuple[Document, list]] = ctx.state.resource(WORDED_KEY, dict)
    cached = memo.get(id(doc))
    if cached is None or cached[0] is not doc:
        cached = memo[id(doc)] = (doc, worded(doc, _reference_headings(ctx)))
    return cached[1]


def article_grade(scored: list[Scored]) -> float:
    """The Flesch-Kincaid grade of the scored sentences taken together."""
    words = sum(s.words for s in scored)
    return fk_grade(words, len(scored), sum(s.syllables for s in scored))


@rule("STY001", "reading-level", category="style", severity="info")
def reading_level(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """The article reads above the target school grade level.

    ## What it does
    Computes the Flesch-Kincaid grade level of the article's prose (paragraphs and list items;
    not headings, captions, tables, code or the reference list) and reports it once, at the
    article's first heading, when it is above `target_grade`. The message gives the figure and
    lists the hardest sentences (highest grade of their own), which are also attached as
    related locations. Articles shorter than `min_words` words are not graded: the formula is
    unstable on a few sentences.

    ## Why is this bad?
    Patient education should read at about a 6th-8th grade level (AMA and NIH guidance). Long
    sentences and long words lose readers who most need the information.

    ## Example
    "Ketamine therapy for depression works by influencing brain chemicals that help with mood
    and communication between brain cells." reads at grade 13; "Ketamine changes brain
    chemicals that affect mood." reads at grade 7.

    ## Fix safety
    No automatic fix: shorten the listed sentences and prefer short, common words.

    ## Options
    In `[tool.checker.style]` (defaults in rules/style.yml):
    - `target_grade` (default 8): the highest acceptable grade.
    - `min_words` (default 100): shorter articles are not graded.
    - `hardest_sentences` (default 3): how many sentences the finding lists.
    - `min_sentence_words` (default 8): shorter sentences are never listed as hardest.
    """
    settings = site_settings(ctx, "style")
    worded_ = _worded(doc, ctx)
    words = sum(len(w) for _, w in worded_)
    anchor = anchor_block(doc)
    if anchor is None or words < int(settings["min_words"]):
        return  # syllables are only counted for an article that is graded
    scored = [Scored(s, len(w), syllables(w)) for s, w in worded_]
    grade = article_grade(scored)
    target = float(settings["target_grade"])
    if grade <= target:
        return
    hardest = _hardest(scored, settings)
    yield ctx.finding(
        doc,
        anchor.source_start,
        anchor.source_end,
        _grade_message(doc, grade, target, hardest),
        suggestions=["shorten the hardest sentences and prefer short, common words"],
        related=[_related(doc, ctx, s) for s in hardest],
        data={
            "grade": round(grade, 1),
            "target": target,
            "words": words,
            "sentences": len(scored),
            "hardest": [_hard_data(doc, s) for s in hardest],
        },
    )


def _reference_headings(ctx: CheckContext) -> list[str]:
    return list(site_settings(ctx, "structure")["reference_headings"])


def _hardest(scored: list[Scored], settings: dict) -> list[Scored]:
    """The ``hardest_sentences`` highest graded long sentences, ties in source order (only the
    sentences graded at least the last one kept are placed in the source)."""
    count = int(settings["hardest_sentences"])
    long_enough = [s for s in scored if s.words >= int(settings["min_sentence_words"])]
    if count <= 0 or not long_enough:
        ranked = sorted(long_enough, key=lambda s: (-s.grade, s.sentence.source_span()))
        return ranked[:count]
    grades = [s.grade for s in long_enough]
    last = sorted(grades, reverse=True)[:count][-1]
    kept = [(g, s) for g, s in zip(grades, long_enough, strict=True) if g >= last]
    kept.sort(key=lambda gs: (-gs[0], gs[1].sentence.source_span()))
    return [s for _, s in kept[:count]]


def _grade_message(doc: Document, grade: float, target: float, hardest: list[Scored]) -> str:
    message = f"reading level is grade {grade:.1f} (Flesch-Kincaid), above the target {target:g}"
    if hardest:
        parts = [f"line {_line(doc, s)} (grade {s.grade:.0f}, {s.words} words)" for s in hardest]
        message += "; hardest sentences: " + ", ".join(parts)
    return message


def _line(doc: Document, scored: Scored) -> int:
    return doc.source.position(scored.sentence.source_span()[0])[0]


def _related(doc: Document, ctx: CheckContext, scored: Scored):
    start, end = scored.sentence.source_span()
    return ctx.related(doc, start, end, f"hard sentence: grade {scored.grade:.1f}")


def _hard_data(doc: Document, scored: Scored) -> dict:
    start, end = scored.sentence.source_span()
    return {
        "line": _line(doc, scored),
        "offset": start,
        "length": end - start,
        "grade": round(scored.grade, 1),
        "words": scored.words,
    }


@rule("STY002", "long-sentence", category="style", severity="info")
def long_sentence(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A sentence is longer than the configured number of words.

    ## What it does
    Counts the words of every sentence of prose (paragraphs and list items, not headings,
    captions, tables or the reference list) and reports each one longer than
    `long_sentence_words`.

    ## Why is this bad?
    Readers lose track of long sentences, and plain-language guidance for patient materials
    asks for short ones. The default limit is generous so that only the longest are listed.

    ## Example
    A 42-word sentence that strings three ideas together with "which" and "while".

    ## Fix safety
    No automatic fix: split the sentence where its ideas change.

    ## Options
    In `[tool.checker.style]`: `long_sentence_words` (default 30).
    """
    limit = int(site_settings(ctx, "style")["long_sentence_words"])
    for sentence, words in _worded(doc, ctx):
        count = len(words)
        if count > limit:
            start, end = sentence.source_span()
            yield ctx.finding(
                doc,
                start,
                end,
                f"sentence has {count} words (more than {limit})",
                suggestions=["split the sentence where its ideas change"],
                data={"words": count, "limit": limit},
            )
