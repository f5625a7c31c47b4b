"""The template catalogue (4.1–4.3) and which template applies to which service."""

from __future__ import annotations

from typing import Literal

from kb.oslo.basics import Utfall, normalize, slugify
from kb.reading.schema import NonEmpty, Slug, Strict

# --- templates ---------------------------------------------------------------------


class Mal(Strict):
    """A Gerica document template (sections 4.1–4.3 of the routine), exactly as the tables say."""

    id: int | None
    """Gerica id; ``None`` where the source gives none."""
    navn: NonEmpty
    """Name (the table's *Sakstype* column), e.g. ``OK_Sak – Avslag``."""
    gruppe: Literal["4.1", "4.2", "4.3"]
    bruksomrade: str = ""
    """The table's *Bruksområde* cell; empty where the source cell is empty."""
    bruksomrade_punkter: list[NonEmpty] = []
    """Lines listed in the *Bruksområde* cell after its text (template 507)."""
    tidsavgrenset: Literal["Ja", "Nei", ""] | None = None
    """Only in 4.1; ``None`` for 4.2 and 4.3, which have no such column."""
    vedtaksdokument: Literal["Ja", "Nei", ""] = ""
    kontroll_for_utsending: Literal["Ja", "Nei", ""] = ""

    @property
    def nokkel(self) -> str:
        """Key in the catalogue: the id as text, or the name when there is no id."""
        return str(self.id) if self.id is not None else self.navn

    @property
    def anker(self) -> str:
        """HTML id on the catalogue page: ``mal-509`` (``mal-`` + slug of the name when there is no id)."""
        return f"mal-{self.id}" if self.id is not None else "mal-" + slugify(self.navn)

    @property
    def etikett(self) -> str:
        """``509 OK_Sak – Avslag`` (the name alone when there is no id)."""
        return f"{self.id} {self.navn}" if self.id is not None else self.navn

    def bruk(self) -> str:
        """The whole *Bruksområde* cell as one line."""
        return " ".join([normalize(self.bruksomrade)] + [normalize(p) for p in self.bruksomrade_punkter]).strip()


class Tjenestemal(Strict):
    """Which template applies to which services (and, for ``kb procedure``, which outcome)."""

    mal: int | NonEmpty
    """Template id in the catalogue (the name for a template without id)."""
    tjenester: list[Slug] | Literal["alle"]
    """Service ids, or ``alle`` for every service."""
    utfall: Utfall | None = None
    """The outcome the template is the vedtaksmal for; ``None`` for other letters."""
    egenandel: bool | None = None
    """Only for services with (true) or without (false) a fee; ``None``: either."""
    sitat: NonEmpty
    """Words of the template's *Bruksområde* (or name) that say so, verbatim."""
    sitat_fra: int | None = None
    """Template whose cell holds the quote, when it is not ``mal`` itself."""
    forbehold: str = ""
    """Shown with the answer when the template covers only part of the service (e.g. 3731 is for
    trygghetsalarm, not all velferdsteknologi)."""
    merknad: str = ""

    def gjelder(self, service_id: str | None) -> bool:
        """True when the mapping covers ``service_id`` (``None``: only mappings for all services)."""
        if self.tjenester == "alle":
            return True
        return service_id is not None and service_id in self.tjenester



def templates_for_service(kb, service_id: str) -> list[Mal]:
    """Templates that apply to a service, in catalogue order (service-specific mappings and those for all)."""
    if kb.oslo is None:
        return []
    keys = {str(m.mal) for m in kb.oslo.tjenestemaler if m.gjelder(service_id)}
    return [mal for mal in kb.maler.values() if mal.nokkel in keys]


def mappings_for_service(kb, service_id: str | None) -> list[Tjenestemal]:
    """The template mappings that cover a service (all-service mappings included)."""
    if kb.oslo is None:
        return []
    return [m for m in kb.oslo.tjenestemaler if m.gjelder(service_id)]
