"""The law layer: the statutory provisions the services touch, in the law's own words.

The regional criteria are *veiledende*; the law decides a person's right. Each provision in
``kb/data/lovtekster.yaml`` carries quotes (``sitater``) from a source stored in
``kb/data/kilder/`` (``kb check`` finds every quote in the section of the file it names) and,
where its text states something checkable, the law's conditions (``vilkar``) as criteria with
a machine rule, Catala style: the words beside the rule. A service's ``rettskrav`` rule refers
to these conditions, so the right is decided by the law, never by a stricter regional text.

A regional criterion that is stricter than, or departs from, the law carries
:class:`AvvikFraLoven`: a sentence for the caseworker naming the law, and the provisions it
rests on. Such a criterion keeps its own status but never decides the outcome on its own.
"""

from __future__ import annotations

from kb.reading.schema import Kilde, NonEmpty, Slug, Strict
from kb.criteria.models import AvvikFraLoven, Kriterium  # noqa: F401 (AvvikFraLoven re-exported)


class Sitat(Strict):
    """A quote from a stored source: the words and where they stand."""

    tekst: NonEmpty
    """The source's words, exactly (whitespace may differ)."""
    kilde: Kilde
    """The source document (``kilder.yaml``) and the section (a ``== heading ==`` of its file)."""
    merknad: str = ""


class Lovbestemmelse(Strict):
    """One provision of a law: its words (quotes) and the conditions it states."""

    id: Slug
    """E.g. ``pbrl-2-1-d``."""
    lov: Slug
    """A law in ``lover.yaml``."""
    paragraf: NonEmpty
    """As written in the law, e.g. ``2-1 d``."""
    tittel: NonEmpty
    """The provision's heading, e.g. ``Rett til brukerstyrt personlig assistanse``."""
    sitater: list[Sitat] = []
    """The law's words (or, where only that is reachable, the commentary's), from stored sources."""
    vilkar: list[Kriterium] = []
    """The law's checkable conditions (``art: lovvilkar``), each quoting the words it encodes."""
    merknad: str = ""
    """What could not be reached, or how the provision is read."""
