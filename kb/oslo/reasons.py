"""One reason (``begrunnelse`` entry) of ``kb procedure``: the answer it belongs to, the rule, its
quoted text and section, the source, why, and what is missing."""

from __future__ import annotations


def entry(ctx, question: str, rule, forklaring: str, mangler: list[str],
           regel_id: str | None = None, tekst: str | None = None, seksjon: str | None = None) -> dict:
    """The entry for ``question``; ``regel_id``, ``tekst`` and ``seksjon`` override the rule's own."""
    kb = ctx.kb
    if rule is None:
        return {"svar": question, "regel": regel_id or "ingen-regel", "tekst": tekst or "", "seksjon": seksjon,
                "kilde": "", "forklaring": forklaring, "mangler": mangler}
    return {"svar": question, "regel": regel_id or rule.id, "tekst": tekst if tekst is not None else rule.tekst,
            "seksjon": seksjon if seksjon is not None else rule.seksjon,
            "kilde": kb.kilde_tekst(rule.kilde.dokument, rule.kilde.avsnitt), "forklaring": forklaring,
            "mangler": mangler}


