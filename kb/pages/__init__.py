"""Generated pages: each module here has ``pages(kb) -> dict[path, markdown]``.

:mod:`kb.site_hooks` adds all of them to the MkDocs build in memory (nothing is written
into ``docs/``).
"""

PROVIDERS = ("kb.pages.services", "kb.pages.chapters", "kb.pages.oslo", "kb.pages.bench")
"""Modules whose ``pages(kb)`` contribute to the site, in this order."""
