"""``[tool.checker.claims]``: where the ledger is, severities per kind, threshold, domains.

Example::

    [tool.checker.claims]
    ledger = "claims.yml"                 # relative to the configuration file's folder
    threshold = 0.6                       # overrides rules/claims.yml
    trusted-domains = ["example-journal.org"]
    severity = { statistic = "info", comparative = "info" }
    min-risk = "warning"                  # CLM001 reports claims of this risk tier and up
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import Config, reject_unknown_keys
from checker.errors import ConfigError

DEFAULT_LEDGER = "claims.yml"
SEVERITIES = ("error", "warning", "info")
KEYS = ("ledger", "severity", "threshold", "trusted_domains", "min_risk")
DEFAULT_MIN_RISK = "warning"


@dataclass(frozen=True)
class ClaimSettings:
    """The validated ``[tool.checker.claims]`` table."""

    ledger: Path
    severity: dict[str, str] = field(default_factory=dict)
    threshold: float | None = None
    trusted_domains: tuple[str, ...] = ()
    min_risk: str = DEFAULT_MIN_RISK


def claim_settings(config: Config) -> ClaimSettings:
    """Read and validate the claims table of ``config``."""
    table = config.section("claims")
    where = f"{config.path or 'configuration'}: claims"
    reject_unknown_keys(where, table, KEYS)
    return ClaimSettings(
        ledger=_ledger(config, table.get("ledger", DEFAULT_LEDGER), where),
        severity=_severity(table.get("severity", {}), where),
        threshold=_threshold(table.get("threshold"), where),
        trusted_domains=_domains(table.get("trusted_domains", []), where),
        min_risk=_min_risk(table.get("min_risk", DEFAULT_MIN_RISK), where),
    )


def _ledger(config: Config, value: Any, where: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.ledger must be a file name")
    return (config.root / value).resolve()


def _severity(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}.severity must be a table of kind = severity")
    for kind, severity in value.items():
        if severity not in SEVERITIES:
            raise ConfigError(
                f"{where}.severity.{kind} must be one of {', '.join(SEVERITIES)}, not {severity!r}"
            )
    return {str(k): str(v) for k, v in value.items()}


def _min_risk(value: Any, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}.min-risk must be one of {', '.join(SEVERITIES)}, not {value!r}")
    return str(value)


def _threshold(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise ConfigError(f"{where}.threshold must be a number between 0 and 1")
    return float(value)


def _domains(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.trusted-domains must be a list of domain names")
    return tuple(v.lower().strip() for v in value)
