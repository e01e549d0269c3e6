"""Site-wide audits (``checker audit``): per-article checks as tasks on a Dask cluster, with the
cross-article checks as a reduce step over compact per-article summaries.

    paths --batches--> workers: read, parse, document rules, filters, records  (worker.py)
          <-summaries- ArticleSummary: findings, fact/claim records, passage signatures
    reduce (reduce.py): the corpus rules' steps (steps.py) over the records, no article text
    report: checker/report/* formats, plus the editor's summary page (page.py)

See docs/audit.md; scale figures in docs/scale.md.
"""
