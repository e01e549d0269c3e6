"""Fact consistency: the fact base, extraction of stated values, and their comparison.

- ``base``: loading and validating rules/facts.yml (errors name the line).
- ``values``: reading and normalising years, decades, ranges, ratios, quantities, categories.
- ``extract``: entity mentions, anaphora and attribute patterns -> ``Statement`` objects.
- ``compare``: statements against the base, within an article and across articles.
- ``settings``: ``[tool.checker.facts]`` and the per-run cache.
"""

from checker.facts.base import FactBase, FactBaseError, load_fact_base
from checker.facts.extract import Extractor, Statement

__all__ = ["Extractor", "FactBase", "FactBaseError", "Statement", "load_fact_base"]
