"""The audit summary page (``--summary-html``) for an editor-in-chief."""

from __future__ import annotations

from checker.audit.run import Audit


def render_page(done: Audit) -> str:
    """The page as one self-contained HTML document."""
    return f"<!doctype html><title>audit</title><p>{len(done.result.files)} articles</p>"
