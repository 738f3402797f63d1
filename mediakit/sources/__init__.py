"""Who speaks: direct quotes, their speakers and reporting verbs; sources per article.

``quotes`` (:func:`extract_quotes`, :func:`sources`) builds on
``_quotemarks`` (the quotation-mark state machine), ``_names`` (names, roles,
the people an article mentions) and ``_speakers`` (attribution patterns). An
analysis stage: it uses segment only.
"""

from mediakit.sources.quotes import REPORTING_VERBS, extract_quotes, sources

__all__ = ["REPORTING_VERBS", "extract_quotes", "sources"]
