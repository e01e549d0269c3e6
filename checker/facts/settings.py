"""``[tool.checker.facts]`` and the per-run cache of the fact base and extracted statements.

Keys (dashes or underscores):

- ``base``: path of the fact base, relative to the configuration file (default: facts.yml in
  the rules folder).
- ``review-interval-days``: how long a fact stays fresh after its ``reviewed`` date (FCT004);
  default 365. A fact may set its own ``review_interval_days``.
- ``today``: the date FCT004 measures from (YYYY-MM-DD; default: the real date), for
  reproducible reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from checker.config import Config, reject_unknown_keys
from checker.context import RunState
from checker.document import Document
from checker.errors import ConfigError
from checker.facts.base import FactBase, load_fact_base
from checker.facts.extract import Extractor, Statement
from checker.resources import rules_file

KEYS = ("base", "review_interval_days", "today")
DEFAULT_REVIEW_INTERVAL_DAYS = 365


@dataclass(frozen=True)
class FactSettings:
    """The validated ``[tool.checker.facts]`` table."""

    base_path: Path
    review_interval_days: int = DEFAULT_REVIEW_INTERVAL_DAYS
    today: dt.date | None = None

    def reference_date(self) -> dt.date:
        """The date FCT004 counts from."""
        return self.today or dt.date.today()


def fact_settings(config: Config) -> FactSettings:
    """Read and check the ``facts`` table of the configuration."""
    table = config.section("facts")
    where = f"{config.path or 'configuration'}: facts"
    reject_unknown_keys(where, table, KEYS)
    base = table.get("base")
    if base is not None and not isinstance(base, str):
        raise ConfigError(f"{where}.base must be a path")
    path = (config.root / base) if base else rules_file("facts.yml")
    interval = table.get("review_interval_days", DEFAULT_REVIEW_INTERVAL_DAYS)
    if not isinstance(interval, int) or isinstance(interval, bool) or interval <= 0:
        raise ConfigError(f"{where}.review-interval-days must be a positive whole number")
    return FactSettings(path, interval, _date(table.get("today"), where))


def _date(value: object, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}.today must be a date (YYYY-MM-DD)") from exc


def run_fact_base(state: RunState) -> FactBase:
    """The run's fact base, loaded and validated once."""
    return state.resource(
        "facts.base", lambda: load_fact_base(fact_settings(state.config).base_path)
    )


def run_extractor(state: RunState) -> Extractor:
    """The run's extractor, built once from the fact base."""
    return state.resource("facts.extractor", lambda: Extractor(run_fact_base(state)))


def statements(state: RunState, doc: Document) -> list[Statement]:
    """What ``doc`` states, extracted once per run and shared by the FCT rules."""
    cache: dict[int, tuple[Document, list[Statement]]] = state.resource("facts.statements", dict)
    hit = cache.get(id(doc))
    if hit is None or hit[0] is not doc:
        hit = (doc, run_extractor(state).extract(doc))
        cache[id(doc)] = hit
    return hit[1]
