"""`checker lsp` over stdio, driven by pygls's own LanguageClient (a real LSP client).

Checks diagnostics at the right 0-based UTF-16 ranges (an emoji before the finding), a quick fix
that really fixes, "add to the clinic vocabulary", "record claim verdict", hover text, and the
grammar pass arriving after the others.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Union

import pytest
import yaml
from conftest import checker_executable
from grammar_fixtures import lt_missing_reason
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

EMOJI_LINE = "🙂 Patients took ketamin daily."
ARTICLE = (
    "# Sleep and ketamine\n\n"
    f"{EMOJI_LINE}\n\n"
    "Our wellnes programme helps.\n\n"
    "Research shows that ketamine cures depression in most patients who try it.\n\n"
    "He go to the clinic every days.\n"
)
TIMEOUT = 120


class Session:
    """A client connected to a `checker lsp` process, recording published diagnostics."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("checker-test", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.changed = asyncio.Event()

        # lsprotocol 2025.0.0 reads any code action with a "command" key as a bare Command,
        # although a CodeAction's command is an object (a Command's is a string)
        converter = self.client.protocol._converter
        converter.register_structure_hook(
            Union[types.Command, types.CodeAction],  # noqa: UP007 (the hook's key)
            lambda obj, _: converter.structure(
                obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction
            ),
        )

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self.changed.set()

    async def start(self) -> None:
        env = {**os.environ}
        await self.client.start_io(checker_executable(), "lsp", cwd=str(self.root), env=env)
        folder = types.WorkspaceFolder(uri=from_fs_path(str(self.root)), name="site")
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(), workspace_folders=[folder]
            )
        )
        self.client.initialized(types.InitializedParams())

    async def wait_for(self, test, uri: str) -> types.PublishDiagnosticsParams:
        """The first published diagnostics for ``uri`` (since the last call) passing ``test``."""
        seen = 0
        async with asyncio.timeout(TIMEOUT):
            while True:
                for params in self.published[seen:]:
                    if params.uri == uri and test(params):
                        return params
                seen = len(self.published)
                self.changed.clear()
                await self.changed.wait()

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 30)
            self.client.exit(None)
        finally:
            await asyncio.wait_for(self.client.stop(), 30)


def _codes(params: types.PublishDiagnosticsParams) -> list[str]:
    return [str(d.code) for d in params.diagnostics]


def _by_code(params: types.PublishDiagnosticsParams, code: str) -> types.Diagnostic:
    return next(d for d in params.diagnostics if d.code == code)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (0-based lines, UTF-16 characters) as an editor would."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        line = lines[edit.range.start.line].encode("utf-16-le")
        start, end = edit.range.start.character * 2, edit.range.end.character * 2
        new = line[:start].decode("utf-16-le") + edit.new_text + line[end:].decode("utf-16-le")
        lines[edit.range.start.line] = new
    return "\n".join(lines)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "checker.toml").write_text('[claims]\nledger = "claims-ledger.yml"\n')
    (tmp_path / "articles").mkdir()
    return tmp_path


def test_language_server_end_to_end(site: Path) -> None:
    asyncio.run(_end_to_end(site))


async def _end_to_end(site: Path) -> None:
    article = site / "articles" / "sleep.md"
    article.write_text(ARTICLE, encoding="utf-8")
    uri = from_fs_path(str(article))
    session = Session(site)
    await session.start()
    client = session.client
    try:
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="markdown", version=1, text=ARTICLE
                )
            )
        )
        first = await session.wait_for(lambda p: "SPL003" in _codes(p), uri)
        assert not any(c.startswith("GRM:") for c in _codes(first))  # grammar comes later

        # the drug-name near miss after an emoji: 0-based line 2, UTF-16 columns 17..24
        drug = _by_code(first, "SPL003")
        assert (drug.range.start.line, drug.range.start.character) == (2, 17)
        assert (drug.range.end.line, drug.range.end.character) == (2, 24)
        assert drug.severity == types.DiagnosticSeverity.Error and drug.source == "checker"

        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=2, character=19),
            )
        )
        assert hover is not None and "SPL003" in hover.contents.value
        assert "## What it does" in hover.contents.value

        # the quick fix: its edit, applied as an editor applies it, fixes the word
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=drug.range,
                context=types.CodeActionContext(diagnostics=[drug]),
            )
        )
        quick = next(a for a in actions if a.edit is not None)
        assert quick.kind == types.CodeActionKind.QuickFix
        fixed = _apply(ARTICLE, quick.edit.changes[uri])
        assert fixed.split("\n")[2] == "🙂 Patients took ketamine daily."

        if lt_missing_reason() is None:
            graded = await session.wait_for(
                lambda p: any(c.startswith("GRM:") for c in _codes(p)), uri
            )
            assert "SPL003" in _codes(graded)  # the grammar pass keeps the other findings
        else:
            print(f"grammar pass not tested: {lt_missing_reason()}")

        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        after = await session.wait_for(lambda p: p.version == 2, uri)
        assert "SPL003" not in _codes(after) and "SPL001" in _codes(after)

        await _vocabulary_and_ledger(session, uri, after, site)
    finally:
        await session.stop()


async def _vocabulary_and_ledger(session: Session, uri: str, after, site: Path) -> None:
    client = session.client
    word = _by_code(after, "SPL001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=word.range,
            context=types.CodeActionContext(diagnostics=[word]),
        )
    )
    add = next(a for a in actions if a.command and "vocabulary" in a.title)
    assert '"wellnes"' in add.title
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=add.command.command, arguments=add.command.arguments)
    )
    accept = site / "rules" / "vocab" / "accept.txt"
    assert accept.read_text(encoding="utf-8").splitlines() == ["wellnes"]
    rechecked = await session.wait_for(lambda p: "SPL001" not in _codes(p), uri)

    claim = next(d for d in rechecked.diagnostics if d.code == "CLM001" and d.range.start.line == 6)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=claim.range,
            context=types.CodeActionContext(diagnostics=[claim]),
        )
    )
    verdict = next(a for a in actions if a.title == "Record claim verdict: not-a-claim")
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=verdict.command.command, arguments=verdict.command.arguments
        )
    )
    ledger = yaml.safe_load((site / "claims-ledger.yml").read_text(encoding="utf-8"))
    entry = ledger["claims"][0]
    assert entry["article"] == "articles/sleep.md" and entry["status"] == "not-a-claim"
    assert entry["claim"].startswith("Research shows that ketamine cures depression")
    cleared = await session.wait_for(
        lambda p: not any(d.code == "CLM001" and d.range.start.line == 6 for d in p.diagnostics),
        uri,
    )
    assert "SPL001" not in _codes(cleared)


def test_utf16_positions_round_trip() -> None:
    from checker.lsp.positions import offset, position
    from checker.source import SourceFile

    source = SourceFile.from_text("a.md", "ab\n🙂 x𝔸y\r\nz")
    assert position(source, source.text.index("x")) == types.Position(line=1, character=3)
    assert position(source, source.text.index("y")) == types.Position(line=1, character=6)
    for index in (0, 3, 5, 6, 7, len(source.text)):
        if source.text[index - 1 : index] != "\r":
            assert offset(source, position(source, index)) == index
