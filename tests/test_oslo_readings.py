"""The Oslo routine's answers say no more than the routine, or say that they are a reading."""

from __future__ import annotations

from kb.oslo.procedure import answer


def test_an_agreed_opphor_still_needs_forhandsvarsel(kb):
    """2.11.1: «Dersom saksbehandler eller leverandør avslutter tjenesten i vedtaksperioden, skal det
    gis forhåndsvarsel» – agreement excuses a reduction, not an ending."""
    assert "avslutter tjenesten i vedtaksperioden, skal det gis forhåndsvarsel" in \
        kb.oslo.regel("forhandsvarsel-endring").tekst
    a = answer({"tjeneste": "bpa", "sak": {"endring": "opphor", "enig_med_bruker": True}}, kb)
    assert a["forhandsvarsel_kreves"] is True
    b = answer({"tjeneste": "bpa", "sak": {"endring": "reduksjon", "enig_med_bruker": True}}, kb)
    assert b["forhandsvarsel_kreves"] is False


def test_the_increase_answer_is_marked_as_a_reading(kb):
    rule = kb.oslo.regel("forhandsvarsel-okning")
    assert "økning" not in rule.tekst.lower()  # the routine's own words say nothing of an increase
    assert all(s.redaksjonell for s in rule.svar)
    assert rule.merknad.startswith("Redaksjonell lesning")


def test_every_presumption_names_its_reason(kb):
    """A ``ved_tvil`` presumption in a condition is the source's «ved tvil» or a marked reading."""
    from kb.rules.interpreter import _comparisons
    for rule in kb.oslo.regler.values():
        for s in rule.svar:
            presumed = [n for n in (_comparisons(s.nar) if s.nar else []) if n.ved_tvil]
            if presumed:
                text = rule.tekst.lower()
                said = s.redaksjonell or any(w in text for w in ("ved tvil", "hvis det ikke er beskrevet",
                                                                  "ikke har blitt enig"))
                assert said, (rule.id, s.sporsmal)


def test_the_corrected_law_name_has_a_note(kb):
    rule = kb.oslo.regel("klagefrist-lovpalagt")
    assert "brukerrettighetsloven § 7-2" in rule.tekst and "«brukerettighetsloven»" in rule.merknad
