"""Cleaning articles of web chrome, with an audit of every removal.

:func:`clean_articles` and :func:`cleaning_audit` (``mediakit.clean.articles``)
run the cleaning steps (``mediakit.clean._steps``) with rules that are data
(``mediakit.clean._rules``, ``mediakit/data/cleaning_rules.yaml``) and
repetition-based boilerplate (``mediakit.clean._boilerplate``). A floor of the
pipeline: it imports no analysis stage.
"""

from mediakit.clean.articles import CleaningRule, clean_articles, cleaning_audit, default_rules

__all__ = ["CleaningRule", "clean_articles", "cleaning_audit", "default_rules"]
