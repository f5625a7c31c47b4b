"""Generated pages: each module here has ``pages(kb) -> dict[path, markdown]``.

:mod:`kb.site.hooks` adds all of them to the MkDocs build in memory (nothing is written
into ``docs/``).
"""

PROVIDERS = ("kb.site.pages.services", "kb.site.pages.chapters", "kb.site.pages.oslo", "kb.site.pages.parameters",
             "kb.site.pages.law", "kb.site.pages.bench", "kb.site.pages.criteria_sets")
"""Modules whose ``pages(kb)`` contribute to the site, in this order."""
