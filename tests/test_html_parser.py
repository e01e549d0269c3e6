"""The HTML parser: blocks, exact source positions, entities, skipped content, malformed markup."""

from __future__ import annotations

import html

from helpers import check_text, parse_text

from checker.document import PLACEHOLDER, Block, BlockKind
from checker.parsing import html as html_parser


def assert_mapped(block: Block, src: str) -> None:
    """Every character of the block maps to source text that renders as that character."""
    text = block.text
    for index, char in enumerate(text.text):
        piece = src[slice(*text.char_range(index))]
        if char == PLACEHOLDER:
            assert piece, f"placeholder {index} of {text.text!r} maps to nothing"
        elif char == " ":
            assert piece.isspace() or piece.lower().startswith("<br"), repr(piece)
        else:
            assert html.unescape(piece) == char, (index, char, piece)


def parse_html(src: str):
    doc = parse_text(src, "page.html")
    for block in doc.blocks:
        assert_mapped(block, src)
    return doc


def kinds(doc) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text.text) for b in doc.blocks]


def test_headings_paragraphs_and_format():
    doc = parse_html("<h1>Title</h1>\n<p>One.</p>\n<h3>Deep</h3>")
    assert doc.format == "html"
    assert kinds(doc) == [("heading", "Title"), ("paragraph", "One."), ("heading", "Deep")]
    assert [b.level for b in doc.blocks] == [1, 0, 3]


def test_entities_are_decoded_but_map_to_the_whole_entity():
    src = "<p>Anxiety &amp; Depression&rsquo;s &#8212; x &#x2019; &amp y &bogus; z</p>"
    doc = parse_html(src)
    block = doc.blocks[0]
    assert block.text.text == "Anxiety & Depression\u2019s \u2014 x \u2019 & y &bogus; z"
    amp = block.text.text.index("&")
    assert src[slice(*block.span(amp, amp + 1))] == "&amp;"
    quote = block.text.text.index("\u2019")
    assert src[slice(*block.span(quote, quote + 1))] == "&rsquo;"
    word = block.text.text.index("Depression\u2019s")
    assert src[slice(*block.span(word, word + 12))] == "Depression&rsquo;s"


def test_white_space_collapses_to_one_space_mapped_to_the_run():
    src = "<p>Line one\n    continues\there.</p>"
    block = parse_html(src).blocks[0]
    assert block.text.text == "Line one continues here."
    space = block.text.text.index(" continues")
    assert src[slice(*block.span(space, space + 1))] == "\n    "


def test_inline_tags_keep_positions():
    src = (
        '<p>A <b>bold</b> and <em>very <i>nested</i></em> word, <span class="x">spanned</span>.</p>'
    )
    block = parse_html(src).blocks[0]
    assert block.text.text == "A bold and very nested word, spanned."
    start = block.text.text.index("very nested")
    assert src[slice(*block.span(start, start + len("very nested")))] == "very <i>nested"


def test_nested_lists_get_ids_levels_and_children():
    src = """<ul>
  <li>One</li>
  <li>Two
    <ol start="3"><li>Two a</li><li value="9">Two b</li></ol>
  </li>
  <li><p>Three</p><p>More about three.</p></li>
</ul>
<ul><li>Other list</li></ul>"""
    doc = parse_html(src)
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [(b.text.text, b.list_id, b.item_index, b.level) for b in items] == [
        ("One", 0, 0, 0),
        ("Two", 0, 1, 0),
        ("Two a", 1, 0, 1),
        ("Two b", 1, 1, 1),
        ("Three", 0, 2, 0),
        ("Other list", 2, 0, 0),
    ]
    assert [b.has_children for b in items] == [False, True, False, False, False, False]
    assert [b.attrs.get("number") for b in items[2:4]] == [3, 9]
    assert ("paragraph", "More about three.") in kinds(doc)
    assert set(doc.lists()) == {0, 1, 2}


def test_unclosed_list_items_and_paragraphs_close_at_the_next_one():
    src = "<ul><li>First<li>Second</ul><p>One<p>Two"
    doc = parse_html(src)
    assert kinds(doc) == [
        ("list_item", "First"),
        ("list_item", "Second"),
        ("paragraph", "One"),
        ("paragraph", "Two"),
    ]
    assert src[doc.blocks[1].source_start : doc.blocks[1].source_end] == "Second"


def test_malformed_markup_still_gives_positioned_blocks():
    src = "<div><p>Broken <b>bold <i>mix</b> ok</i></p></span><p>After < stray &amp; <![bogus]> end"
    doc = parse_html(src)
    assert kinds(doc) == [("paragraph", "Broken bold mix ok"), ("paragraph", "After < stray & end")]
    last = doc.blocks[-1]
    assert src[last.source_start : last.source_end] == "After < stray &amp; <![bogus]> end"


def test_quotes_captions_tables_and_credit_lines():
    src = """<blockquote><p>Quoted words.</p></blockquote>
<figure><img src="a.jpg" alt="A woman&#39;s   profile">
<figcaption>Photo: Unsplash/someone</figcaption></figure>
<p>Photo credit: Jane Doe</p>
<table><caption>Doses</caption><tr><th>Drug</th><td>10 mg</td></tr></table>"""
    doc = parse_html(src)
    assert kinds(doc) == [
        ("paragraph", "Quoted words."),
        ("caption", "A woman's profile"),
        ("caption", "Photo: Unsplash/someone"),
        ("caption", "Photo credit: Jane Doe"),
        ("caption", "Doses"),
        ("table_cell", "Drug"),
        ("table_cell", "10 mg"),
    ]
    assert doc.blocks[0].in_quote and not doc.blocks[2].in_quote
    alt = doc.blocks[1]
    assert alt.attrs["image"] == "a.jpg"
    assert src[alt.source_start : alt.source_end] == "A woman&#39;s   profile"


def test_script_style_nav_header_footer_and_pre_are_not_prose():
    src = """<html><head><title>Page title</title><style>p { color: red }</style></head>
<body><header><nav><a href="/">Home menu</a></nav></header>
<script>document.write("<p>not prose</p>")</script><noscript>Enable scripts</noscript>
<p>Real text.</p><pre>code block text</pre>
<footer>Copyright footer</footer></body></html>"""
    assert kinds(parse_html(src)) == [("paragraph", "Real text.")]


def test_header_inside_an_article_is_content():
    src = "<article><header><h1>Article title</h1></header><p>Body.</p></article>"
    assert kinds(parse_html(src)) == [("heading", "Article title"), ("paragraph", "Body.")]


def test_inline_code_becomes_one_placeholder():
    src = "<p>Run <code>ls &amp;&amp; rm</code> now.</p>"
    block = parse_html(src).blocks[0]
    assert block.text.text == f"Run {PLACEHOLDER} now."
    index = block.text.text.index(PLACEHOLDER)
    assert src[slice(*block.span(index, index + 1))] == "<code>ls &amp;&amp; rm</code>"


def test_links_carry_url_title_and_label_positions():
    src = '<p>See <a href="https://www.nih.gov/x" title="NIH">the <b>NIH</b> page</a>.</p>'
    doc = parse_html(src)
    (link,) = doc.links
    assert (link.url, link.title, link.label) == ("https://www.nih.gov/x", "NIH", "the NIH page")
    assert src[link.source_start : link.source_end] == src[src.index("<a") : src.index("</a>") + 4]
    assert src[link.label_span[0] : link.label_span[1]] == "the <b>NIH</b> page"


def test_citation_markers_become_footnote_references():
    src = """<p>Ketamine is studied.<sup>[1]</sup> Also<sup><a href="#ref2">2</a></sup> and
<a href="#ref3">[3]</a>, but 10 m<sup>2</sup> is an area.</p>
<ol class="references"><li id="ref1">One.</li><li id="ref2">Two.</li></ol>"""
    doc = parse_html(src)
    paragraph = doc.blocks[0]
    assert paragraph.text.text.count(PLACEHOLDER) == 3
    assert paragraph.text.text.endswith("but 10 m2 is an area.")
    assert [f.label for f in doc.footnote_refs] == ["1", "2", "3"]
    assert src[doc.footnote_refs[0].source_start : doc.footnote_refs[0].source_end] == (
        "<sup>[1]</sup>"
    )
    assert [(f.label, f.text) for f in doc.footnote_defs] == [("1", "One."), ("2", "Two.")]


def test_meta_tags_fill_metadata():
    src = '<head><meta name="reviewed_by" content="Dr. A"><meta property="og:title" content="T">'
    src += "</head><p>x</p>"
    assert parse_html(src).metadata == {"reviewed_by": "Dr. A", "og:title": "T"}


def test_crlf_sources_map_exactly():
    src = "<p>First line\r\nsecond &amp; line</p>\r\n<ul>\r\n<li>Item</li>\r\n</ul>"
    doc = parse_html(src)
    assert kinds(doc) == [("paragraph", "First line second & line"), ("list_item", "Item")]
    item = doc.blocks[1]
    assert src[item.source_start : item.source_end] == "Item"


def test_suppression_comments_work_in_html():
    src = "<p>The the cat.</p>\n<!-- checker-disable-next-line DUP004 -->\n<p>A a dog.</p>"
    found = check_text(src, "page.html", select=["DUP004"]).findings
    assert [f.excerpt for f in found] == ["The the"]


def test_duplicate_findings_slice_to_their_html_excerpt():
    src = "<ul>\n<li>Increase in blood pressure</li>\n<li>Increase in blood pressure</li>\n</ul>"
    (finding,) = check_text(src, "page.html", select=["DUP001"]).findings
    assert src[finding.offset : finding.offset + finding.length] == "Increase in blood pressure"
    assert finding.line == 3


def test_unreadable_html_becomes_an_input_finding(monkeypatch, tmp_path):
    from checker.config import Config
    from checker.engine import run

    def broken(self, data):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(html_parser._Reader, "feed", broken)
    page = tmp_path / "page.html"
    page.write_text("<p>text</p>", encoding="utf-8")
    result = run([str(page)], Config(select=["DUP"]))
    (finding,) = result.findings
    assert finding.category == "input" and "cannot read HTML" in finding.message


def test_wrapped_item_and_cell_text_keeps_its_kind():
    src = (
        "<ul><li><div><span>Wrapped item</span></div></li></ul><table><tr><td><p>Cell</p></td></tr>"
    )
    assert kinds(parse_html(src)) == [("list_item", "Wrapped item"), ("table_cell", "Cell")]


def test_body_closes_an_unclosed_head():
    src = "<html><head><title>Page</title><meta name='a' content='b'>\n<body><p>Body text.</p>"
    doc = parse_html(src)
    assert kinds(doc) == [("paragraph", "Body text.")] and doc.metadata == {"a": "b"}
