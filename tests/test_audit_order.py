"""An article's findings must not depend on which articles the same process checked before:
``checker audit`` hands each worker a different share of the archive, and must report what
``checker check`` does."""

from __future__ import annotations

from checker import spelling
from checker.config import Config
from checker.engine import Pipeline
from checker.source import SourceFile

# "spartin" (a protein name) is one slip from the common word "spartan": reported in an article
# that uses it once, a term in one that repeats it.
TERM_ARTICLE = (
    "# Spartin dysplasia\n\n"
    "People with spartin dysplasia are short. In spartin dysplasia the hands are small, "
    "and spartin dysplasia is diagnosed by x-ray. Doctors treat spartin dysplasia with "
    "care; spartin dysplasia runs in families.\n"
)
OTHER_ARTICLE = (
    "# Short stature\n\n"
    "Metatropic dysplasia is a rare disease; its exact prevalence is unknown. Spartin "
    "dysplasia is a condition characterized by severely short stature.\n"
)


def _findings(pipeline: Pipeline, name: str, text: str) -> list[tuple[str, int, str]]:
    result = pipeline.check_source(SourceFile.from_text(name, text))
    pipeline.forget_documents()
    return sorted((f.rule, f.offset, f.message) for f in result.findings)


def _fresh() -> Pipeline:
    spelling._LOADED.clear()  # a new engine, as in a new worker process
    return Pipeline.start(Config(grammar="off"))


def test_a_word_fine_as_a_term_in_one_article_is_still_checked_in_the_next():
    alone = _findings(_fresh(), "b.md", OTHER_ARTICLE)
    pipeline = _fresh()
    _findings(pipeline, "a.md", TERM_ARTICLE)
    after = _findings(pipeline, "b.md", OTHER_ARTICLE)
    assert any("Spartin" in message for _, _, message in alone)
    assert after == alone
