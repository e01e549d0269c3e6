"""What the ``claims`` and ``review`` commands share: configuration, lexicon, ledger, articles."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass

from checker import resources
from checker.claims.ledger import Ledger, load_ledger
from checker.claims.lexicon import Lexicon, load_lexicon
from checker.claims.queue import ArticleQueue, build_queue
from checker.claims.settings import ClaimSettings, claim_settings
from checker.config import Config, load_config
from checker.engine import load_sources
from checker.loader import InputProblem
from checker.parsing import parse


@dataclass
class Workspace:
    """The configuration, lexicon and ledger of one ``claims`` or ``review`` command."""

    config: Config
    settings: ClaimSettings
    lexicon: Lexicon
    ledger: Ledger

    @classmethod
    def open(cls, config_path: str | None = None) -> Workspace:
        """Load the configuration (found upward, or named), lexicon and ledger."""
        config = load_config(config_path)
        resources.set_rules_dir(config.rules_path)
        settings = claim_settings(config)
        lexicon = load_lexicon().with_overrides(settings.threshold, settings.trusted_domains)
        return cls(config, settings, lexicon, load_ledger(settings.ledger))

    def queues(self, paths: list[str]) -> Iterator[ArticleQueue]:
        """The review queue of each article under ``paths`` (unreadable ones are reported)."""
        for item in load_sources(paths, self.config):
            if isinstance(item, InputProblem):
                print(f"checker: skipped {item.path}: {item.reason}", file=sys.stderr)
                continue
            yield build_queue(parse(item), self.lexicon, self.ledger)
