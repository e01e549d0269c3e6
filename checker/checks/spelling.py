"""Spelling checks: unknown words, run-together words, drug names, inconsistent spellings.

The engine (Hunspell en_US + en_med dictionaries, drug lexicon, the clinic's vocabulary) is
loaded once per run; each document is analysed once and every rule reports its own issues.
See docs/spelling.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from checker.context import CheckContext
from checker.document import Document
from checker.findings import Finding
from checker.rules import rule

if TYPE_CHECKING:  # checker.spelling is imported when a spelling rule first runs
    from checker.spelling import SpellingEngine
    from checker.spelling.analysis import Issue

ENGINE_KEY = "spelling.engine"
ISSUES_KEY = "spelling.issues"


def engine(ctx: CheckContext) -> SpellingEngine:
    """The run's spelling engine (an ``EngineError`` names a missing dictionary package)."""
    from checker.spelling import load_engine

    loaded = ctx.state.resource(ENGINE_KEY, lambda: load_engine(ctx.config.section("spelling")))
    ctx.state.engines["spelling"] = loaded.status()
    return loaded


def issues(doc: Document, ctx: CheckContext) -> list[Issue]:
    """The spelling issues of ``doc``, computed once for all four rules."""
    from checker.spelling.analysis import analyse

    memo: dict[int, tuple[Document, list[Issue]]] = ctx.state.resource(ISSUES_KEY, dict)
    cached = memo.get(id(doc))
    if cached is None or cached[0] is not doc:
        cached = (doc, analyse(doc, engine(ctx)))
        memo[id(doc)] = cached
    return cached[1]


def report(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Findings for the issues of ``doc`` that belong to the calling rule."""
    for issue in issues(doc, ctx):
        if issue.code == ctx.rule.code:
            yield _finding(doc, ctx, issue)


def _finding(doc: Document, ctx: CheckContext, issue: Issue) -> Finding:
    start, end = issue.token.span()
    fix = None
    same = doc.source.text[start:end].replace("\u2019", "'") == issue.token.text
    if issue.replacement is not None and same:
        fix = ctx.replace(
            start, end, issue.replacement, safe=issue.safe, title=f'write "{issue.replacement}"'
        )
    related = [ctx.related(doc, *t.span(), note) for t, note in issue.related]
    return ctx.finding(
        doc,
        start,
        end,
        issue.message,
        suggestions=issue.suggestions,
        fix=fix,
        related=related,
        data={"word": issue.token.text},
    )


@rule("SPL001", "unknown-word", category="spelling", severity="error", fixable=True)
def unknown_word(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A word that no dictionary knows, with ranked suggestions (best first).

    ## What it does
    Looks every word of prose, headings, list items, table cells and image descriptions up in
    the Hunspell en_US and medical (en_med) dictionaries, the drug lexicon and
    rules/vocab/accept.txt. An unknown word is reported with suggestions ranked by how likely
    the slip is (a doubled or dropped letter, swapped neighbours, a neighbouring key, a sound-
    alike spelling such as "ph" for "f") and how common the suggested word is (wordfreq).
    Common misspellings (rules/vocab/misspellings.txt: "alot", "recieve", "definately") get
    their correction first. A hyphenated word is judged by its unknown part. Words on
    rules/vocab/reject.txt are reported even when a dictionary knows them.

    Not checked: URLs, e-mail addresses, code, numbers, ordinals and decades (1970s), units
    (rules/spelling.yml), all-caps acronyms and gene or lab symbols (PTSD, BRCA1, HbA1c), photo
    credits, and capitalised words in mid-sentence that are not near a drug name (names; set
    `check-names = true` in [tool.checker.spelling] to check them too).

    ## Why is this bad?
    A misspelling in a health article costs the reader's trust in everything else it says.

    ## Example
        Watch out for these warning signs of potential abuse, including cravigns.

    ## Fix safety
    Unsafe: the fix writes the best suggestion, which an editor should confirm. Listed common
    misspellings (`alot -> a lot`) and rejected words with a preferred form
    (`alright -> all right`) have a safe fix.

    ## Options
    Add a word to rules/vocab/accept.txt (lower case: any case; capitalised: names) to accept it.
    The error model's sound-alike confusions, the ranking weights and the thresholds are in
    rules/spelling.yml; the misspelling list is rebuilt by scripts/build_misspellings.py.
    """
    return report(doc, ctx)


@rule("SPL002", "run-together-words", category="spelling", severity="error", fixable=True)
def run_together_words(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Two words written as one ("takenunder" -> "taken under").

    ## What it does
    Reports an unknown word that cuts cleanly into two English words (each at least
    `split_min_part` letters, or a short word from `short_split_words` in rules/spelling.yml)
    when no one-letter typo explains it better.

    ## Why is this bad?
    A missing space is the commonest slip of fast editing, and general spell checkers often
    suggest an unrelated word instead of the space.

    ## Example
        Ketamine therapy is generally safe when takenunder medical supervision.

    ## Fix safety
    Safe when the word has exactly one such cut; unsafe when there are several.
    """
    return report(doc, ctx)


@rule("SPL003", "drug-name", category="spelling", severity="error", fixable=True)
def drug_name(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A near miss of a drug or brand name ("Spavato" -> "Spravato"), or a brand in lower case.

    ## What it does
    Compares unknown words with the drug lexicon (generic and brand names from MedlinePlus and
    DrugBank, checker/data/drugs.tsv). A word whose closest match is a drug name ("ketamin",
    "Spavato") is reported with that name; so is a brand name written in lower case
    ("spravato"). Capitalised words in mid-sentence, usually names and never checked by SPL001,
    are still compared with drug names one edit away.

    ## Why is this bad?
    A misspelt drug name is a factual error: readers search for it, pharmacists read it.
    General dictionaries do not know brand names and suggest unrelated words (Spalato).

    ## Example
        Both ketamine infusions and Spavato esketamine nasal spray are effective.

    ## Fix safety
    Safe when one candidate is clearly best (the runner-up costs `clear_margin` more, see
    rules/spelling.yml); unsafe otherwise.

    ## Adding a brand
    Add it to rules/vocab/drugs.txt, one name a line: a capitalised name is a brand
    (`Spravato`: accepted only capitalised, and "spravato" is reported), a lower-case name a
    generic (accepted in any case). The shipped lexicon, checker/data/drugs.tsv, is rebuilt
    from MedlinePlus and DrugBank with `python scripts/build_drug_lexicon.py`. A word that is
    not a drug but should be accepted belongs in rules/vocab/accept.txt.
    """
    return report(doc, ctx)


@rule("SPL004", "inconsistent-spelling", category="spelling", severity="warning", fixable=True)
def inconsistent_spelling(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """One article spells the same term two ways ("anesthetic" and "anaesthetic").

    ## What it does
    Reports the less frequent spelling when an article uses both the US and UK spelling of a
    pair listed in rules/vocab/variants.txt (plurals included), and when a medical term or drug
    name is written both capitalised and in lower case in mid-sentence ("Esketamine" and
    "esketamine"; sentence starts, headings and multi-word names do not count).

    ## Why is this bad?
    Mixed spellings look careless and make a term harder to search for.

    ## Example
        Ketamine was developed as an anesthetic ... an anaesthetic dose ...

    ## Fix safety
    Unsafe: the fix writes the spelling used more often in the article; an editor decides
    which spelling the house style wants.
    """
    return report(doc, ctx)
