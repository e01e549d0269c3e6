"""Grammar and style through a real LanguageTool server (rule family ``GRM``).

Each prose block (paragraph, list item, table cell) is sent whole, so LanguageTool sees
whole sentences (several blocks share a request, split back per block by the engine); code
spans and URLs, which the document shows as placeholders, are sent as a neutral word and
matches touching them are dropped. Every match maps back to exact source
offsets through the block's offset map. LanguageTool's own speller is dropped: the spelling
rules own spelling.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.context import CheckContext
from checker.document import PLACEHOLDER, Block, BlockKind, Document
from checker.findings import Finding, Severity
from checker.grammar.settings import GrammarSettings, build_settings
from checker.resources import rules_file
from checker.rules import rule

if TYPE_CHECKING:
    from checker.grammar.client import GrammarMatch
    from checker.grammar.engine import GrammarEngine

ENGINE_NAME = "languagetool"
PLACEHOLDER_WORD = "Xyzzy"
"""What LanguageTool sees instead of a code span or URL: a capitalised nonce word it treats as
a proper noun (its spelling match is dropped with all spelling matches)."""
ARTICLE_RULES = frozenset({"EN_A_VS_AN"})
FRAGMENT_KINDS = frozenset({BlockKind.LIST_ITEM, BlockKind.TABLE_CELL})
MAX_SUGGESTIONS = 5
NOT_CHECKED = "GRM:NOT_CHECKED"


@dataclass(frozen=True)
class PreparedText:
    """A block's text as sent to LanguageTool, with the way back to block offsets."""

    text: str
    origin: tuple[int, ...]
    """``origin[i]`` is the block-text index of sent character ``i`` (one extra at the end)."""
    words: tuple[tuple[int, int], ...]
    """Sent ranges that stand for placeholders."""

    def touches_placeholder(self, match: GrammarMatch) -> bool:
        """Whether a match covers a placeholder word, or is an article just before one."""
        start, end = match.offset, match.offset + match.length
        for w_start, w_end in self.words:
            if start < w_end and w_start < end:
                return True
            gap = self.text[end:w_start]
            if match.rule_id in ARTICLE_RULES and end <= w_start and not gap.strip():
                return True
        return False

    def block_range(self, match: GrammarMatch) -> tuple[int, int]:
        """The block-text range of a match."""
        start = self.origin[match.offset]
        end = self.origin[match.offset + match.length - 1] + 1 if match.length else start
        return start, max(end, start)


def prepare(text: str) -> PreparedText:
    """Replace each placeholder with :data:`PLACEHOLDER_WORD`, remembering where it came from."""
    parts: list[str] = []
    origin: list[int] = []
    words: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char == PLACEHOLDER:
            words.append((len(origin), len(origin) + len(PLACEHOLDER_WORD)))
            parts.append(PLACEHOLDER_WORD)
            origin.extend([index] * len(PLACEHOLDER_WORD))
        else:
            parts.append(char)
            origin.append(index)
    origin.append(len(text))
    return PreparedText("".join(parts), tuple(origin), tuple(words))


@dataclass
class OffEngine:
    """The engine of a run with grammar off: it checks nothing and its status is "off" (the
    settings are still read and validated; the LanguageTool client and server code, which a
    run with grammar off never uses, are not imported)."""

    settings: GrammarSettings
    status: str = "off"
    available: bool = False


def engine_for(ctx: CheckContext) -> GrammarEngine | OffEngine:
    """The run's grammar engine, made once per run from rules/grammar.yml and the config."""

    def make() -> GrammarEngine | OffEngine:
        settings = build_settings(
            rules_file("grammar.yml"), ctx.config.section(ENGINE_NAME), mode=ctx.config.grammar
        )
        if settings.mode == "off":
            return OffEngine(settings)
        from checker.grammar.engine import GrammarEngine, default_cache

        return GrammarEngine(settings, default_cache(settings))

    return ctx.state.resource("grammar-engine", make)


def shared_url(ctx: CheckContext) -> str | None:
    """The LanguageTool server this run's worker processes should share (found or started
    here), or None when there is none to share."""
    engine = engine_for(ctx)
    if isinstance(engine, OffEngine) or not engine.available:
        return None
    return engine.server_url()


def _blocks(doc: Document) -> list[Block]:
    return [b for b in doc.prose_blocks() if b.text.text.strip(PLACEHOLDER + " \t\n")]


def _finding(
    doc: Document, block: Block, match: GrammarMatch, ctx: CheckContext, r: tuple[int, int]
) -> Finding:
    start, end = block.span(*r)
    data = {"languagetool_rule": match.rule_id, "languagetool_category": match.category}
    return ctx.finding(
        doc,
        start,
        end,
        match.message,
        suggestions=match.replacements[:MAX_SUGGESTIONS],
        code=f"GRM:{match.rule_id}",
        data=data,
    )


@rule("GRM", "grammar", category="grammar", severity="warning")
def grammar(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Grammar and style problems found by LanguageTool (one code per LanguageTool rule).

    ## What it does
    Sends each paragraph, list item and table cell (prose only: code, URLs and markup left out)
    to a LanguageTool server and reports its matches as `GRM:<LanguageTool rule id>`, e.g.
    `GRM:EN_A_VS_AN` for "a apple", `GRM:THEIR_IS` for "their is", `GRM:MODAL_OF` for
    "should of". LanguageTool's spelling matches are dropped (the spelling rules report those).
    Results are cached per paragraph, so unchanged text is not checked again.

    ## Why is this bad?
    Grammar slips make a medical article look careless and can change its meaning.

    ## Example
        Ketamine is a anesthetic. You should of asked your doctor.

    ## Fix safety
    No automatic fix: LanguageTool's replacements are offered as suggestions.

    ## Options
    `grammar = "auto" | "required" | "off"` in `[tool.checker]` (or `--require-grammar`):
    with "auto" an unavailable LanguageTool is reported as `languagetool: unavailable: <reason>`
    and the other checks still run; with "required" the run exits with status 2.
    `[tool.checker.languagetool]`: `url`, `language` (default en-US), `picky`,
    `disabled-rules`, `enabled-rules`, `disabled-categories`, `timeout`, `workers`,
    `batch-chars`.
    Rules disabled for medical text are listed with reasons in rules/grammar.yml.
    `CHECKER_LANGUAGETOOL_URL` names a running server to use.
    When LanguageTool stops answering mid-run, each article it did not (fully) check gets a
    `GRM:NOT_CHECKED` warning at its first line, so a partial run is never taken for clean.
    """
    engine = engine_for(ctx)
    if isinstance(engine, OffEngine):
        ctx.state.engines[ENGINE_NAME] = engine.status
        return
    if not engine.available:  # found unusable earlier in the run: nothing to prepare
        ctx.state.engines[ENGINE_NAME] = engine.status
        if _failed_mid_run(engine) and _blocks(doc):
            yield _not_checked(doc, ctx, engine.status)
        return
    blocks = _blocks(doc)
    prepared = [prepare(b.text.text) for b in blocks]
    try:
        results = engine.check_texts([p.text for p in prepared])
    finally:
        ctx.state.engines[ENGINE_NAME] = engine.status
    if blocks and _failed_mid_run(engine):
        yield _not_checked(doc, ctx, engine.status)
    settings = engine.settings
    for block, prep, matches in zip(blocks, prepared, results, strict=True):
        fragment = block.kind in FRAGMENT_KINDS
        for match in matches:
            if settings.drops(match.rule_id, fragment=fragment):
                continue
            if not prep.touches_placeholder(match):
                yield _finding(doc, block, match, ctx, prep.block_range(match))


def _failed_mid_run(engine: GrammarEngine) -> bool:
    """Whether LanguageTool checked something in this run and is now unavailable."""
    worked = engine.stats.requests > 0 or engine.stats.cache_hits > 0
    return worked and not engine.available and engine.settings.mode != "off"


def _not_checked(doc: Document, ctx: CheckContext, status: str) -> Finding:
    return ctx.finding(
        doc,
        0,
        0,
        f"grammar not checked in this article: LanguageTool {status}",
        code=NOT_CHECKED,
        severity=Severity.WARNING,
    )
