"""YAML from untrusted text (front matter, the claims ledger, rule data) with bounded aliases.

``yaml.safe_load`` shares an aliased node instead of copying it, but every later walk over the
data (a check reading front matter values, a report, a dump) expands it: a few hundred bytes of
nested aliases ("billion laughs") become billions of values. ``load`` refuses a document whose
aliases stand for more than ``MAX_ALIAS_NODES`` nodes in all; ordinary anchors still work.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_ALIAS_NODES = 10_000


class AliasBombError(yaml.YAMLError):
    """A document whose aliases expand to too many nodes."""


class BoundedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that counts the nodes aliases stand for and stops past the limit."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._sizes: dict[int, int] = {}
        self._expanded = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102 (PyYAML hook)
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None:
                self._expanded += node_count(node, self._sizes)
                if self._expanded > MAX_ALIAS_NODES:
                    line = event.start_mark.line + 1
                    raise AliasBombError(
                        f"line {line}: aliases expand to over {MAX_ALIAS_NODES:,} values"
                    )
        return super().compose_node(parent, index)


def node_count(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes ``node`` stands for once every alias in it is expanded (memoised)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a recursive alias counts once instead of looping
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(node_count(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(node_count(k, sizes) + node_count(v, sizes) for k, v in node.value)
    sizes[id(node)] = total
    return total


def load(text: str) -> Any:
    """Parse one YAML document like ``yaml.safe_load``; an alias bomb is a ``yaml.YAMLError``."""
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
