"""Markdown articles, parsed with mistune 3 and mapped back to exact source positions."""

from __future__ import annotations

import re
from typing import Any

import mistune
import yaml

from checker import yamlsafe
from checker.document import BlockKind, Document, Footnote, Link, MappedText
from checker.parsing.align import append_decoded, locate
from checker.parsing.finish import new_block
from checker.source import SourceFile

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_PARSER = mistune.create_markdown(renderer=None, plugins=["footnotes", "table", "strikethrough"])
Token = dict[str, Any]
CONTAINERS = {"emphasis", "strong", "strikethrough", "mark", "insert", "superscript", "subscript"}


class FrontMatterError(Exception):
    """YAML front matter that does not parse."""


def parse(source: SourceFile) -> Document:
    """Parse a Markdown source into a document."""
    doc = Document(source=source, format="markdown")
    text = _front_matter(doc)
    walker = _Walker(doc, text)
    walker.blocks(_PARSER(text), context={})
    return doc


def _front_matter(doc: Document) -> str:
    """Read YAML front matter into ``doc.metadata``; return the source with it blanked out."""
    text = doc.source.text
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return text
    try:
        data = yamlsafe.load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    doc.metadata = data if isinstance(data, dict) else {"value": data}
    doc.metadata_span = (0, match.end())
    blank = re.sub(r"[^\r\n]", " ", match.group())
    return blank + text[match.end() :]


class _Walker:
    """Walks mistune's token tree in source order, keeping a cursor into the source."""

    def __init__(self, doc: Document, src: str) -> None:
        self.doc = doc
        self.src = src
        self.cursor = 0
        self.next_list_id = 0

    # Blocks -------------------------------------------------------------------------------
    def blocks(self, tokens: list[Token], context: dict[str, Any]) -> None:
        for token in tokens:
            self.block(token, context)

    def block(self, token: Token, context: dict[str, Any]) -> None:
        kind = token["type"]
        if kind == "heading":
            self.text_block(token, BlockKind.HEADING, context, level=token["attrs"]["level"])
        elif kind in ("paragraph", "block_text"):
            self.paragraph(token, context)
        elif kind == "list":
            self.list(token, context)
        elif kind == "block_quote":
            self.blocks(token.get("children", []), {**context, "in_quote": True})
        elif kind in ("block_code", "block_html"):
            self.skip_raw(token.get("raw", ""))
        elif kind == "table":
            self.table(token, context)
        elif kind == "footnotes":
            self.footnotes(token)

    def list(self, token: Token, context: dict[str, Any]) -> None:
        list_id = self.next_list_id
        self.next_list_id += 1
        for index, item in enumerate(token.get("children", [])):
            children = item.get("children", [])
            item_context = {
                **context,
                "list_id": list_id,
                "item_index": index,
                "depth": token["attrs"].get("depth", 0),
                "has_children": any(c["type"] == "list" for c in children),
                "first_in_item": True,
            }
            self.blocks(children, item_context)

    def paragraph(self, token: Token, context: dict[str, Any]) -> None:
        children = token.get("children", [])
        kind = BlockKind.PARAGRAPH
        extra: dict[str, Any] = {}
        if context.get("first_in_item"):
            context["first_in_item"] = False
            kind = BlockKind.LIST_ITEM
            extra = {
                "list_id": context["list_id"],
                "item_index": context["item_index"],
                "level": context["depth"],
                "has_children": context["has_children"],
            }
        if children and all(c["type"] in ("image", "softbreak", "linebreak") for c in children):
            kind = BlockKind.CAPTION
        self.text_block(token, kind, context, **extra)

    def text_block(self, token: Token, kind: BlockKind, context: dict[str, Any], **extra: Any):
        out = MappedText()
        links: list[Link] = []
        self.inline(token.get("children", []), out, links)
        block = new_block(kind, out, in_quote=bool(context.get("in_quote")), **extra)
        if not block.text.text:
            return
        for link in links:
            link.block = block
        block.links = links
        self.doc.blocks.append(block)

    def table(self, token: Token, context: dict[str, Any]) -> None:
        for part in token.get("children", []):
            rows = part.get("children", [])
            if part["type"] == "table_head":
                rows = [{"children": rows}]
            for row in rows:
                for cell in row.get("children", []):
                    self.text_block(cell, BlockKind.TABLE_CELL, context)

    def footnotes(self, token: Token) -> None:
        for item in token.get("children", []):
            key = item.get("attrs", {}).get("key", "")
            pattern = rf"^[ \t]{{0,3}}(\[\^({re.escape(key)})\]:)"
            match = re.search(pattern, self.src, re.IGNORECASE | re.MULTILINE)
            if match is None:
                continue
            start, key = match.start(1), match.group(2)
            self.cursor = match.end(1)
            before = len(self.doc.blocks)
            self.blocks(item.get("children", []), {})
            text = " ".join(b.text.text for b in self.doc.blocks[before:])
            for block in self.doc.blocks[before:]:
                block.attrs["footnote"] = key
            self.doc.footnote_defs.append(Footnote(key, start, self.cursor, text))

    def skip_raw(self, raw: str) -> None:
        where = locate(self.src, self.cursor, raw.rstrip("\n"))
        if where:
            self.cursor = where.end

    # Inlines ------------------------------------------------------------------------------
    def inline(self, tokens: list[Token], out: MappedText, links: list[Link]) -> None:
        for token in tokens:
            kind = token["type"]
            if kind == "text":
                self.text(token["raw"], out)
            elif kind in CONTAINERS:
                self.inline(token.get("children", []), out, links)
            elif kind in ("softbreak", "linebreak"):
                self.line_break(out)
            elif kind == "codespan":
                self.code_span(token["raw"], out)
            elif kind == "inline_html":
                self.skip_raw(token["raw"])
            elif kind == "link":
                self.link(token, out, links)
            elif kind == "image":
                self.image(token, links)
            elif kind == "footnote_ref":
                self.footnote_ref(token["raw"], out)

    def text(self, raw: str, out: MappedText) -> None:
        where = locate(self.src, self.cursor, raw)
        if where is None:
            out.append_placeholder(self.cursor, self.cursor)
            return
        append_decoded(out, raw, where)
        self.cursor = where.end

    def line_break(self, out: MappedText) -> None:
        newline = self.src.find("\n", self.cursor)
        if newline < 0:
            out.append_break(self.cursor)
            return
        start = newline - 1 if newline > 0 and self.src[newline - 1] == "\r" else newline
        out.append_char(" ", start, newline + 1)
        self.cursor = newline + 1

    def code_span(self, raw: str, out: MappedText) -> None:
        tick = self.src.find("`", self.cursor)
        if tick < 0:
            return
        run = len(self.src[tick:]) - len(self.src[tick:].lstrip("`"))
        close = self.src.find("`" * run, tick + run + len(raw.strip()) - 1 if raw.strip() else tick)
        end = close + run if close >= 0 else tick + run
        out.append_placeholder(tick, end)
        self.cursor = end

    def link(self, token: Token, out: MappedText, links: list[Link]) -> None:
        url = token.get("attrs", {}).get("url", "")
        children = token.get("children", [])
        label = "".join(c.get("raw", "") for c in children if c["type"] == "text")
        start_cursor = self.cursor
        if label and label.removeprefix("mailto:") == url.removeprefix("mailto:"):
            where = locate(self.src, self.cursor, label)
            if where:
                start = self._opening(where.start, "<")
                end = self._closing_angle(where.end)
                out.append_placeholder(start, end)
                links.append(Link(url, start, end, label_span=(start, end)))
                self.cursor = end
                return
        text_start = len(out)
        self.inline(children, out, links)
        source_start = self._opening(self._first_start(out, text_start, start_cursor), "[")
        self.cursor = self._skip_destination(self.cursor)
        title = token.get("attrs", {}).get("title") or ""
        label_span = out.span(text_start, len(out)) if len(out) > text_start else (0, 0)
        links.append(Link(url, source_start, self.cursor, label_span=label_span, title=title))

    def image(self, token: Token, links: list[Link]) -> None:
        """An image's alt text becomes a caption block of its own."""
        alt = MappedText()
        self.inline(token.get("children", []), alt, links)
        self.cursor = self._skip_destination(self.cursor)
        if alt.text.strip():
            caption = new_block(BlockKind.CAPTION, alt, attrs={"image": token["attrs"]["url"]})
            self.doc.blocks.append(caption)

    def footnote_ref(self, key: str, out: MappedText) -> None:
        """A footnote reference; mistune upper-cases labels, so the source spelling is kept."""
        pattern = re.compile(rf"\[\^({re.escape(key)})\]", re.IGNORECASE)
        match = pattern.search(self.src, self.cursor)
        if match is None:
            return
        start, end = match.span()
        out.append_placeholder(start, end)
        self.doc.footnote_refs.append(Footnote(match.group(1), start, end))
        self.cursor = end

    # Helpers ------------------------------------------------------------------------------
    def _first_start(self, out: MappedText, text_start: int, fallback: int) -> int:
        return out.char_range(text_start)[0] if len(out) > text_start else fallback

    def _opening(self, pos: int, char: str) -> int:
        back = pos - 1
        while back >= 0 and self.src[back] in "*_~`":
            back -= 1
        return back if back >= 0 and self.src[back] == char else pos

    def _closing_angle(self, pos: int) -> int:
        return pos + 1 if self.src.startswith(">", pos) else pos

    def _skip_destination(self, pos: int) -> int:
        """Move past ``](url "title")``, ``][ref]`` or ``]`` after a link's label."""
        src = self.src
        close = src.find("]", pos)
        if close < 0 or src[pos:close].strip("*_~` \t\r\n"):
            return pos
        pos = close + 1
        if src.startswith("(", pos):
            depth, i = 0, pos
            while i < len(src):
                if src[i] == "\\":
                    i += 2
                    continue
                if src[i] == "(":
                    depth += 1
                elif src[i] == ")":
                    depth -= 1
                    if depth == 0:
                        return i + 1
                i += 1
            return pos
        if src.startswith("[", pos):
            end = src.find("]", pos)
            return end + 1 if end >= 0 else pos
        return pos
