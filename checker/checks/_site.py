"""Per-site settings shared by the style and structure checks, and where article-wide findings go.

A settings table starts from the ``settings`` mapping of a rules file (rules/style.yml,
rules/structure.yml: defaults an editor can read and change) and is overridden key by key by the
configuration table of the same name (``[tool.checker.style]``, ``[tool.checker.structure]``).
A key the rules file does not define, or a value of the wrong type, is a configuration error.
"""

from __future__ import annotations

from typing import Any

from checker.config import reject_unknown_keys
from checker.context import CheckContext, same_type
from checker.document import Block, Document
from checker.errors import ConfigError
from checker.resources import load_yaml


def site_settings(ctx: CheckContext, section: str) -> dict[str, Any]:
    """The settings of ``section``: rules/<section>.yml ``settings`` plus the config table."""
    return ctx.state.resource(f"site-settings:{section}", lambda: _load(ctx, section))


def _load(ctx: CheckContext, section: str) -> dict[str, Any]:
    data = load_yaml(f"{section}.yml") or {}
    settings = dict(data.get("settings") or {})
    where = f"{ctx.config.path or 'configuration'}: {section}"
    table = ctx.config.section(section)
    reject_unknown_keys(where, table, settings)
    for key, value in table.items():
        if not same_type(settings[key], value):
            kind = type(settings[key]).__name__
            raise ConfigError(f"{where}.{key} must be {kind}, not {type(value).__name__}")
        settings[key] = value
    return settings


def anchor_block(doc: Document) -> Block | None:
    """Where an article-wide finding goes: the first heading, else the first prose block."""
    for block in doc.blocks:
        if block.kind == "heading" and block.source_end > block.source_start:
            return block
    for block in doc.prose_blocks():
        if block.source_end > block.source_start:
            return block
    return None
