"""``checker lsp``: run the language server over standard input and output (docs/editors.md)."""

from __future__ import annotations

import click


@click.command("lsp")
def command() -> None:
    """Run the language server (LSP over stdio) for editors: diagnostics as you type, quick
    fixes, "add to the clinic vocabulary", "record claim verdict", rule help on hover."""
    from checker.lsp.server import main  # pygls is loaded only when the server runs

    main()
