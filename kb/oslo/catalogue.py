"""Choosing the vedtaksmal in the template catalogue (4.1; 4.2 for utsatt iverksettelse).

A generic table lookup over ``kb/data/oslo/tjenestemaler.yaml``: the mappings for the outcome
and the service, narrowed by whether the service has a fee. One template is the answer; none or
several leave the choice to the caseworker, and the reason says which.
"""

from __future__ import annotations

from kb.oslo.reasons import entry


def _options(mappings, fee: bool) -> set[str]:
    return {str(m.mal) for m in mappings if m.egenandel is None or m.egenandel == fee}


def choose(ctx, outcome, question: str, no_decision_needed) -> tuple[dict | None, list[dict]]:
    """The template for the case, as ``{"id", "navn"}`` or ``None``, and the reasons.

    ``no_decision_needed()`` tells whether the routine says no enkeltvedtak is needed (then the
    reason says the template applies only if a decision letter is merged anyway).
    """
    kb, sid = ctx.kb, ctx.sid
    utfall, fee = ctx.facts.get("utfall"), ctx.facts.get("egenandel")
    mappings = [m for m in kb.oslo.tjenestemaler if m.utfall == utfall and m.gjelder(sid)]
    section = kb.oslo.seksjon("4.1")
    catalogue_text = section.tekst() if section else ""

    def catalogue_reason(text: str, missing: list[str]) -> dict:
        return entry(ctx, question, outcome.rule, text, missing, regel_id="malkatalog", tekst=catalogue_text,
                      seksjon="4.1")

    if fee is None and _options(mappings, True) != _options(mappings, False):
        return None, [catalogue_reason(f"Malen avhenger av om tjenesten har egenandel, og "
                                       f"{ctx.texts['egenandel_kilde']}.", ["egenandel"])]
    options = _options(mappings, fee) if fee is not None else _options(mappings, True) | _options(mappings, False)
    service = ctx.texts["tjeneste_eller_saker"]
    utfall_text = ctx.texts.get("utfall", "ikke oppgitt")
    if len(options) != 1:
        what = "ingen" if not options else "flere"
        fee_text = "" if fee is None else (" med egenandel" if fee else " uten egenandel")
        return None, [catalogue_reason(f"Malkatalogen (4.1) nevner {what} vedtaksmal for utfallet «{utfall_text}» for "
                                       f"{service}{fee_text}. Velg mal selv.", ["tjeneste"] if sid is None else [])]
    mal = kb.maler[options.pop()]
    used = next(m for m in mappings if str(m.mal) == mal.nokkel and (fee is None or m.egenandel in (None, fee)))
    note = ""
    if utfall == "innvilget" and no_decision_needed():
        note = " Enkeltvedtak kreves ikke; malen gjelder hvis bydelen likevel fletter et vedtaksbrev."
    fee_decides = _options(mappings, True) != _options(mappings, False)  # an avslag's template has no fee
    fee_note = ("" if fee is None or ctx.sak.egenandel is not None or not fee_decides
                else f" Egenandel: {ctx.texts['egenandel_kilde']}.")
    if used.forbehold:
        note += " " + " ".join(used.forbehold.split())
    section = kb.oslo.seksjon(mal.gruppe)
    reason = entry(ctx, question, outcome.rule, f"Utfall «{utfall_text}» for {service}: {mal.etikett}.{fee_note}{note}",
                    [], regel_id=mal.anker, tekst=used.sitat, seksjon=mal.gruppe)
    reason["kilde"] = kb.kilde_tekst("oslo-gerica-rutine", section.overskrift if section else mal.gruppe)
    return {"id": mal.id, "navn": mal.navn}, [reason]
