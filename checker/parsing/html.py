"""HTML articles (a CMS export or a saved page), parsed with the standard library's html.parser.

html.parser reports where each tag, text run and entity starts (``getpos()``); those positions
become character offsets through the source's line starts, so every character of a block maps
to its exact place in the HTML source. Entities are decoded in the plain text and map to the
whole entity. White space is collapsed as a browser would show it (one space for each run,
mapped to the whole run).

What becomes a block: ``h1``-``h6`` headings, ``p`` paragraphs, ``li`` list items (one list id
per ``ul``/``ol``, nesting depth as level), ``figcaption``/``caption`` and image ``alt`` text as
captions, ``td``/``th`` table cells, ``dt``/``dd`` paragraphs, and text standing directly in a
container (a ``div``) as a paragraph. Paragraphs in a ``blockquote`` are ``in_quote``. Links
(``a href``) are attached to their block. Script, style, navigation, page header and footer
(those outside an ``article`` or ``main``), forms and ``pre`` blocks are not prose; inline
``code`` becomes a placeholder. Bracketed citation markers (``<sup>[1]</sup>``, a ``#`` link
reading ``1``) become placeholders and footnote references; items of a list marked as notes
(class or id ``footnotes``, ``references``, ...) are footnote definitions. ``<meta name=...
content=...>`` fills ``Document.metadata``. Comments stay in the source, so suppression
comments work as in Markdown.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from checker.document import PLACEHOLDER, BlockKind, Document, Footnote, Link, MappedText
from checker.parsing.align import ENTITY_RE
from checker.parsing.citations import citation_numbers
from checker.parsing.finish import new_block
from checker.source import SourceFile

TEXT_BLOCKS = {
    "p": BlockKind.PARAGRAPH,
    "h1": BlockKind.HEADING,
    "h2": BlockKind.HEADING,
    "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING,
    "h5": BlockKind.HEADING,
    "h6": BlockKind.HEADING,
    "figcaption": BlockKind.CAPTION,
    "caption": BlockKind.CAPTION,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "dt": BlockKind.PARAGRAPH,
    "dd": BlockKind.PARAGRAPH,
    "summary": BlockKind.PARAGRAPH,
}
SKIP = {"script", "style", "noscript", "template", "head", "title", "nav", "pre", "svg", "math"}
SKIP |= {"iframe", "object", "canvas", "form", "select", "textarea", "button"}
CHROME = {"header", "footer"}
"""Page header and footer: skipped unless they stand inside an ``article`` or ``main``."""
CONTAINERS = {"div", "section", "article", "main", "aside", "blockquote", "ul", "ol", "li"}
CONTAINERS |= {"table", "thead", "tbody", "tfoot", "tr", "figure", "dl", "address", "details"}
CONTAINERS |= {"body", "html", "center", "fieldset", "menu"}
STRUCTURE = CONTAINERS | SKIP | CHROME
INLINE_CODE = {"code", "kbd", "samp", "var", "tt"}
MARKS = INLINE_CODE | {"a", "sup"}
LINKED_DATA_KEYS = ("reviewedBy", "lastReviewed")
NOTES_RE = re.compile(r"foot-?notes?|end-?notes?|references|citations|bibliography", re.I)
CITATION_RE = re.compile(r"^\[\s*(\d{1,3}(?:\s*[,\u2013\u2014-]\s*\d{1,3})*)\s*\]$|^(\d{1,3})$")
ATTR_RE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
COLLAPSE_RE = re.compile(r"[ \t\r\n\f]{2,}|[\t\r\n\f]")
"""White space a browser shows differently from how it is written (single spaces stay)."""


MAX_DEPTH = 128
"""Open elements tracked at most: articles nest a few dozen deep, a broken export thousands."""


class HTMLParseError(Exception):
    """HTML that html.parser cannot read at all."""


def parse(source: SourceFile) -> Document:
    """Parse an HTML source into a document."""
    doc = Document(source=source, format="html")
    reader = _Reader(doc)
    try:
        reader.feed(source.text)
        reader.close()
    except Exception as exc:  # html.parser is tolerant; anything left is unreadable input
        line, column = reader.getpos()
        raise HTMLParseError(
            f"cannot read HTML at line {line}, column {column + 1}: {exc}"
        ) from exc
    reader.finish()
    return doc


@dataclass
class _Frame:
    """An open structural element."""

    tag: str
    skip: bool = False
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Mark:
    """An open inline element that needs its extent: a link, code or superscript."""

    tag: str
    source_start: int
    text_start: int
    link: Link | None = None


@dataclass
class _Builder:
    """The block being collected."""

    kind: BlockKind
    extra: dict[str, Any]
    text: MappedText = field(default_factory=MappedText)
    links: list[Link] = field(default_factory=list)
    marks: list[_Mark] = field(default_factory=list)
    refs: list[Footnote] = field(default_factory=list)
    item: _Frame | None = None

    @property
    def in_code(self) -> bool:
        """Whether text is currently inside inline code (and so not prose)."""
        return any(m.tag in INLINE_CODE for m in self.marks)


class _Reader(HTMLParser):
    """Turns html.parser events into blocks."""

    def __init__(self, doc: Document) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.src = doc.source.text
        self.newline_starts = [0, *(m.end() for m in re.finditer("\n", self.src))]
        """Line starts as html.parser counts lines (only ``\\n`` ends one)."""
        self.stack: list[_Frame] = []
        self.current: _Builder | None = None
        self.next_list_id = 0

    # Positions ----------------------------------------------------------------------------
    def here(self) -> int:
        """The source offset of the event being handled."""
        line, column = self.getpos()
        return self.newline_starts[line - 1] + column

    def tag_end(self, start: int) -> int:
        """Where an end tag (or any construct closed by ``>``) that starts at ``start`` ends."""
        close = self.src.find(">", start)
        return close + 1 if close >= 0 else len(self.src)

    # Context ------------------------------------------------------------------------------
    def _push(self, frame: _Frame) -> None:
        """Open an element; past ``MAX_DEPTH`` open elements only skipped ones (``<script>``)
        are opened, others open nothing (as ``<div/>``), so the context tests below stay cheap
        on thousands of unclosed tags."""
        if len(self.stack) < MAX_DEPTH or frame.skip:
            self.stack.append(frame)

    @property
    def skipping(self) -> bool:
        """Whether the parser stands in content that is not prose."""
        return any(frame.skip for frame in self.stack)

    def inside(self, *tags: str) -> bool:
        """Whether an element named in ``tags`` is open."""
        return any(frame.tag in tags for frame in self.stack)

    def nearest(self, *tags: str) -> _Frame | None:
        """The innermost open element named in ``tags``."""
        for frame in reversed(self.stack):
            if frame.tag in tags:
                return frame
        return None

    # Events -------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        end = start + len(self.get_starttag_text() or "")
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.meta(values)
        if tag == "body":
            self.pop_to("head")  # a <body> closes a <head> left open
        if self.skipping:
            if tag in STRUCTURE:
                self._push(_Frame(tag, skip=tag in SKIP))
            self.linked_data_start(tag, values)
            return
        if tag in STRUCTURE or tag in TEXT_BLOCKS or tag == "hr":
            self.block_start(tag, values)
            self.linked_data_start(tag, values)
        elif tag in MARKS:
            self.mark_start(tag, values, start)
        elif tag == "br" and self.current is not None:
            self.space(start, end)
        elif tag == "img":
            self.image(values, start, end)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in STRUCTURE or tag in MARKS or tag in TEXT_BLOCKS:
            return  # <div/> opens nothing in HTML; ignore rather than open a frame
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.stack and "json" in self.stack[-1].data:
            self.linked_data("".join(self.stack[-1].data["json"]))
        if tag in STRUCTURE:
            self.pop_to(tag)
            if not self.skipping and tag in CONTAINERS:
                self.flush()
        elif self.skipping:
            return
        elif tag in TEXT_BLOCKS:
            self.flush()
        elif tag in MARKS and self.current is not None:
            self.mark_end(tag, self.tag_end(self.here()))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            if self.stack and "json" in self.stack[-1].data:
                self.stack[-1].data["json"].append(data)
            return
        if self.current is None and not data.strip():
            return
        builder = self.ensure_block()
        if builder.in_code:
            return
        start, pos = self.here(), 0
        for run in COLLAPSE_RE.finditer(data):
            self.chunk(builder, data[pos : run.start()], start + pos)
            self.space(start + run.start(), start + run.end())
            pos = run.end()
        self.chunk(builder, data[pos:], start + pos)

    def chunk(self, builder: _Builder, text: str, start: int) -> None:
        """Append text whose only white space is single spaces between words."""
        out = builder.text
        if text[:1] == " " and (not out.text or out.text[-1].isspace()):
            text, start = text[1:], start + 1
        if text:
            out.append(text, start)

    def handle_entityref(self, name: str) -> None:
        self.entity(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self.entity(2 + len(name))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Treat an unknown ``<![...]>`` section as a bogus comment instead of failing.

        html.parser moves its position past ``<![`` before it fails; it is put back, or every
        later position on the line would be three characters off.
        """
        position = self.getpos()
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.lineno, self.offset = position
            return self.parse_bogus_comment(i)

    # Blocks -------------------------------------------------------------------------------
    def block_start(self, tag: str, values: dict[str, str]) -> None:
        if tag == "p" and self._empty_holder():
            return  # <li><p>, <td><p>: the paragraph is the item's (or cell's) text
        if tag in ("li", "dt", "dd", "td", "th", "tr"):
            self.close_sibling(tag)
        self.flush()
        if tag in CHROME:
            self._push(_Frame(tag, skip=not self.inside("article", "main")))
        elif tag in SKIP:
            self._push(_Frame(tag, skip=True))
        elif tag in ("ul", "ol"):
            self.list_start(tag, values)
        elif tag == "li":
            self.item_start(values)
        elif tag in TEXT_BLOCKS:
            level = int(tag[1]) if TEXT_BLOCKS[tag] is BlockKind.HEADING else 0
            self.current = self.builder(TEXT_BLOCKS[tag], level=level)
        elif tag in CONTAINERS:
            notes = bool(NOTES_RE.search(f"{values.get('class', '')} {values.get('id', '')}"))
            self._push(_Frame(tag, data={"notes": notes}))

    def _empty_holder(self) -> bool:
        cur = self.current
        holders = (BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.CAPTION)
        return cur is not None and cur.kind in holders and not cur.text.text.strip()

    def close_sibling(self, tag: str) -> None:
        """``<li>`` after an unclosed ``<li>`` of the same list closes it (likewise cells)."""
        scope = {"li": ("li", "ul", "ol"), "tr": ("tr", "table")}.get(tag, (tag, "tr", "dl"))
        frame = self.nearest(*scope)
        if frame is not None and frame.tag == tag:
            self.pop_to(tag)

    def list_start(self, tag: str, values: dict[str, str]) -> None:
        item = self.nearest("li")
        if item is not None and item.data.get("block") is not None:
            item.data["block"].has_children = True
        depth = sum(1 for frame in self.stack if frame.tag in ("ul", "ol"))
        notes = bool(NOTES_RE.search(f"{values.get('class', '')} {values.get('id', '')}"))
        data = {"id": self.next_list_id, "depth": depth, "count": 0, "ordered": tag == "ol"}
        data |= {"start": _int(values.get("start"), 1), "notes": notes}
        self.next_list_id += 1
        self._push(_Frame(tag, data=data))

    def item_start(self, values: dict[str, str]) -> None:
        parent = self.nearest("ul", "ol")
        frame = _Frame("li", data={"extra": {}})
        self._push(frame)
        if parent is not None:
            frame.data["extra"] = self._item_extra(parent, values)
        self.current = self.item_builder(frame)

    def _item_extra(self, parent: _Frame, values: dict[str, str]) -> dict[str, Any]:
        index = parent.data["count"]
        parent.data["count"] += 1
        extra: dict[str, Any] = {"list_id": parent.data["id"], "item_index": index}
        extra["level"] = parent.data["depth"]
        attrs: dict[str, Any] = {}
        if parent.data["ordered"]:
            attrs["number"] = _int(values.get("value"), parent.data["start"] + index)
        if any(f.data.get("notes") for f in self.stack):
            attrs["footnote"] = str(attrs.get("number", index + 1))
        return {**extra, "attrs": attrs}

    def item_builder(self, frame: _Frame) -> _Builder:
        """The builder of a list item's text (also when it stands in a ``div`` in the item)."""
        extra = dict(frame.data["extra"])
        extra["attrs"] = dict(extra.get("attrs", {}))
        builder = self.builder(BlockKind.LIST_ITEM, **extra)
        builder.item = frame
        return builder

    def builder(self, kind: BlockKind, **extra: Any) -> _Builder:
        """A new block in the current context (quote, figure)."""
        extra["in_quote"] = self.inside("blockquote")
        return _Builder(kind, extra)

    def ensure_block(self) -> _Builder:
        """The current block, or a new paragraph for text standing directly in a container."""
        if self.current is None:
            item = self.nearest("li")
            if item is not None and "block" not in item.data:
                self.current = self.item_builder(item)
                return self.current
            kind = BlockKind.CAPTION if self.inside("figure") else BlockKind.PARAGRAPH
            self.current = self.builder(kind)
        return self.current

    def flush(self) -> None:
        """Close the current block and add it to the document (if it holds text)."""
        builder, self.current = self.current, None
        if builder is not None:
            self.emit(builder)

    def emit(self, builder: _Builder) -> None:
        end = builder.text.source_end()
        for mark in reversed(builder.marks):
            self.close_mark(builder, mark, end)
        builder.marks.clear()
        block = new_block(builder.kind, builder.text, **builder.extra)
        if not block.text.text:
            return
        block.links = builder.links
        self.doc.blocks.append(block)
        self.doc.footnote_refs.extend(builder.refs)
        if builder.item is not None:
            builder.item.data["block"] = block
        label = block.attrs.get("footnote")
        if label is not None:
            self.doc.footnote_defs.append(
                Footnote(label, block.source_start, block.source_end, block.text.text)
            )

    def pop_to(self, tag: str) -> None:
        """Close the innermost open ``tag`` and everything opened inside it."""
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    # Inline -------------------------------------------------------------------------------
    def space(self, start: int, end: int) -> None:
        """One collapsed space for white space (or a ``<br>``) at source ``start:end``."""
        builder = self.current
        if builder is None or builder.in_code:
            return
        text = builder.text
        if text.text and not text.text[-1].isspace():
            text.append_char(" ", start, end)

    def entity(self, length: int) -> None:
        """A character or entity reference of ``length`` characters (plus any ``;``)."""
        if self.skipping:
            return
        builder = self.ensure_block()
        if builder.in_code:
            return
        start = self.here()
        end = start + length
        if self.src.startswith(";", end):
            end += 1
        raw = self.src[start:end]
        decoded = html.unescape(raw)
        if decoded == raw:
            builder.text.append(raw, start)
            return
        for char in decoded:
            builder.text.append_char(char, start, end)

    def mark_start(self, tag: str, values: dict[str, str], start: int) -> None:
        builder = self.ensure_block()
        mark = _Mark(tag, start, len(builder.text))
        if tag == "a" and values.get("href"):
            mark.link = Link(values["href"], start, start, title=values.get("title", ""))
        builder.marks.append(mark)

    def mark_end(self, tag: str, end: int) -> None:
        builder = self.current
        assert builder is not None
        for index in range(len(builder.marks) - 1, -1, -1):
            mark = builder.marks[index]
            if mark.tag == tag:
                for inner in reversed(builder.marks[index:]):
                    self.close_mark(builder, inner, end)
                del builder.marks[index:]
                return

    def close_mark(self, builder: _Builder, mark: _Mark, end: int) -> None:
        """Finish a code span (a placeholder), a link or a citation marker."""
        if mark.tag in INLINE_CODE:
            if not any(m.tag in INLINE_CODE for m in builder.marks if m is not mark):
                builder.text.append_placeholder(mark.source_start, end)
            return
        if mark.link is not None:
            self.add_link(builder, mark, end)
        in_page = mark.link is not None and mark.link.url.startswith("#")
        if (mark.tag == "sup" or in_page) and not self.citation(builder, mark, end) and in_page:
            self.back_link(builder, mark, end)

    def add_link(self, builder: _Builder, mark: _Mark, end: int) -> None:
        """Attach a finished link to the block, with the source range of its label."""
        link = mark.link
        assert link is not None
        text = builder.text
        link.source_end = end
        if len(text) > mark.text_start:
            link.label_span = text.span(mark.text_start, len(text))
        builder.links.append(link)

    def citation(self, builder: _Builder, mark: _Mark, end: int) -> bool:
        """Turn a citation marker into a placeholder plus footnote references.

        A marker is a bracketed number list (``[1]``, ``[2, 3]``, ``[4-6]``), or a bare number
        that is a link (``<a href="#ref1">1</a>``, ``<sup><a href=...>1</a></sup>``).
        """
        text = builder.text
        match = CITATION_RE.match(text.text[mark.text_start :].strip())
        inner = [link for link in builder.links if link.source_start >= mark.source_start]
        if not match or (match.group(2) and not inner):
            return False
        _to_placeholder(text, mark.text_start, mark.source_start, end)
        for number in citation_numbers(match.group(1) or match.group(2)):
            builder.refs.append(Footnote(number, mark.source_start, end))
        for link in inner:
            link.label_span = (mark.source_start, end)
        return True

    def back_link(self, builder: _Builder, mark: _Mark, end: int) -> None:
        """An in-page link that is only a symbol (a footnote's back-link arrow) is no prose."""
        label = builder.text.text[mark.text_start :]
        if label.strip() and not any(char.isalnum() for char in label):
            _to_placeholder(builder.text, mark.text_start, mark.source_start, end)
            if mark.link is not None:
                mark.link.label_span = (mark.source_start, end)

    def image(self, values: dict[str, str], start: int, end: int) -> None:
        located = _attribute(self.src, start, end, "alt")
        if located is None or not values.get("alt", "").strip():
            return
        text = MappedText()
        _append_run(text, *located)
        caption = new_block(BlockKind.CAPTION, _collapse(text), attrs={"image": values.get("src")})
        caption.in_quote = self.inside("blockquote")
        self.space(start, end)  # the image separates the words around it
        self.doc.blocks.append(caption)  # before its paragraph, as the Markdown parser does

    def meta(self, values: dict[str, str]) -> None:
        name = values.get("name") or values.get("property") or values.get("itemprop")
        if name and "content" in values:
            self.doc.metadata[name] = values["content"]

    def linked_data_start(self, tag: str, values: dict[str, str]) -> None:
        """Collect a ``<script type="application/ld+json">`` (schema.org metadata)."""
        if tag == "script" and "ld+json" in values.get("type", "").lower():
            self.stack[-1].data["json"] = []

    def linked_data(self, raw: str) -> None:
        """Copy schema.org review metadata (``reviewedBy``, ``lastReviewed``) into metadata."""
        try:
            data = json.loads(raw)
        except ValueError:
            return
        todo = [data]
        while todo:
            item = todo.pop()
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                for key in LINKED_DATA_KEYS:
                    if key in item:
                        self.doc.metadata.setdefault(key, _linked_value(item[key]))
                todo.extend(v for v in item.values() if isinstance(v, list | dict))

    def finish(self) -> None:
        """Close whatever the source left open."""
        self.flush()
        self.stack.clear()


def _append_run(out: MappedText, raw: str, start: int) -> None:
    """Append source text ``raw`` found at ``start``, decoding the entities it holds."""
    last = 0
    for match in ENTITY_RE.finditer(raw):
        out.append(raw[last : match.start()], start + last)
        for char in html.unescape(match.group()):
            out.append_char(char, start + match.start(), start + match.end())
        last = match.end()
    out.append(raw[last:], start + last)


def _linked_value(value: Any) -> Any:
    """A schema.org value as text: a person's or organisation's name, names joined."""
    if isinstance(value, dict):
        return value.get("name", "")
    if isinstance(value, list):
        return ", ".join(str(_linked_value(v)) for v in value)
    return value


def _to_placeholder(text: MappedText, text_start: int, start: int, end: int) -> None:
    """Replace ``text`` from ``text_start`` on with one placeholder for source ``start:end``."""
    text.truncate(text_start)
    text.append_placeholder(start, end)


def _collapse(text: MappedText) -> MappedText:
    """The text with each white-space run reduced to one space (mapped to the whole run)."""
    out = MappedText()
    index = 0
    while index < len(text):
        char = text.text[index]
        if char.isspace() and char != "\xa0":
            run_end = index
            while run_end < len(text) and text.text[run_end].isspace():
                run_end += 1
            out.append_char(" ", text.char_range(index)[0], text.char_range(run_end - 1)[1])
            index = run_end
            continue
        out.append_char(char, *text.char_range(index))
        index += 1
    return out


def _attribute(src: str, start: int, end: int, name: str) -> tuple[str, int] | None:
    """The raw value of attribute ``name`` in the start tag at ``start:end``, and its offset."""
    tag = src[start:end]
    head = re.match(r"<[^\s/>]+", tag)
    for match in ATTR_RE.finditer(tag, head.end() if head else 1):
        if match.group(1).lower() != name or match.group(2) is None:
            continue
        value, offset = match.group(2), start + match.start(2)
        if value[:1] in ("'", '"'):
            return value[1:-1], offset + 1
        return value, offset
    return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


__all__ = ["HTMLParseError", "PLACEHOLDER", "citation_numbers", "parse"]
