"""Klagefrist: 4 or 3 weeks from receipt, moved past weekends and public holidays (domstolloven §§ 148–149)."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.rules.deadlines import Frist, fridag, klagefrist as klagefrist_med_uker, klagefrist_uker, neste_virkedag

D = dt.date




def klagefrist(mottatt, lovpalagt, uker=None):
    """The deadline with the weeks in force on ``mottatt`` in the real knowledge base (as
    ``kb procedure`` passes them), unless the test gives ``uker`` itself."""
    from kb.knowledge.loader import load_kb_or_raise  # cached: loaded once for the session
    if uker is None and isinstance(mottatt, dt.date) and isinstance(lovpalagt, bool):
        uker = klagefrist_uker(load_kb_or_raise().parameterverdier(mottatt), lovpalagt)
    return klagefrist_med_uker(mottatt, lovpalagt, uker=4 if uker is None else uker)


def test_four_weeks_for_statutory_services():
    f = klagefrist(D(2026, 12, 1), lovpalagt=True)
    assert isinstance(f, Frist)
    assert (f.dato, f.uker, f.forskjovet) == (D(2026, 12, 29), 4, False)
    assert f.dato.weekday() == D(2026, 12, 1).weekday()
    assert "4 uker" in f.forklaring and "domstolloven § 148" in f.forklaring
    assert f.regler == ("klagefrist-lovpalagt", "fristberegning")


def test_three_weeks_for_other_services():
    f = klagefrist(D(2026, 12, 1), lovpalagt=False)
    assert (f.dato, f.uker, f.forskjovet) == (D(2026, 12, 22), 3, False)
    assert "ikke lovpålagt" in f.forklaring
    assert f.regler[0] == "klagefrist-ikke-lovpalagt"


def test_weeks_come_from_the_parameters():
    from kb.knowledge.loader import DATA_DIR
    from kb.reading.yamlfile import read_yaml
    params = {p["id"]: p for p in read_yaml(DATA_DIR / "parametre.yaml").data}
    assert klagefrist(D(2026, 3, 2), True).uker == params["klagefrist-uker-lovpalagt"]["verdier"][-1]["verdi"] == 4
    assert klagefrist(D(2026, 3, 2), False).uker == params["klagefrist-uker-ikke-lovpalagt"]["verdier"][-1]["verdi"] == 3


def test_explicit_weeks_override():
    assert klagefrist(D(2026, 3, 2), True, uker=6).dato == D(2026, 4, 13)


def test_the_rules_wing_never_loads_the_knowledge_base():
    """The weeks are handed in: without them there is no default that loads the knowledge base."""
    with pytest.raises(TypeError):
        klagefrist_med_uker(D(2026, 3, 2), True)  # uker is required
    with pytest.raises(TypeError):
        klagefrist_med_uker(D(2026, 3, 2), True, uker=None)
    assert klagefrist_uker({"klagefrist-uker-lovpalagt": 6, "klagefrist-uker-ikke-lovpalagt": 2}, False) == 2


@pytest.mark.parametrize("mottatt,lovpalagt,expected,why", [
    (D(2026, 10, 3), True, D(2026, 11, 2), "en lørdag"),        # Saturday 31 Oct 2026 → Monday 2 Nov
    (D(2026, 3, 8), False, D(2026, 3, 30), "en søndag"),        # Sunday 29 March → Monday 30 March
])
def test_weekend_moves_to_monday(mottatt, lovpalagt, expected, why):
    f = klagefrist(mottatt, lovpalagt)
    assert f.dato == expected
    assert f.dato.weekday() == 0
    assert f.forskjovet
    assert why in f.forklaring and "domstolloven § 149" in f.forklaring


def test_easter_2027():
    # Four weeks from Thursday 25 Feb 2027 is skjærtorsdag 25 March; langfredag, påskeaften (Saturday),
    # første and andre påskedag follow: the deadline is Tuesday 30 March 2027.
    f = klagefrist(D(2027, 2, 25), lovpalagt=True)
    assert f.dato == D(2027, 3, 30)
    for name in ("skjærtorsdag", "langfredag", "første påskedag", "andre påskedag"):
        assert name in f.forklaring


def test_christmas():
    # Three weeks from Friday 4 Dec 2026 is første juledag; andre juledag is Saturday, then Sunday.
    f = klagefrist(D(2026, 12, 4), lovpalagt=False)
    assert f.dato == D(2026, 12, 28)
    assert "første juledag" in f.forklaring and "andre juledag" in f.forklaring


def test_christmas_eve_is_a_working_day():
    # 24 December is not a public holiday: a deadline on Thursday 24 Dec 2026 stays.
    assert klagefrist(D(2026, 12, 3), lovpalagt=False).dato == D(2026, 12, 24)


def test_17_mai():
    # Wednesday 17 May 2028 (Grunnlovsdag) → Thursday 18 May 2028.
    f = klagefrist(D(2028, 4, 19), lovpalagt=True)
    assert f.dato == D(2028, 5, 18)
    assert "grunnlovsdag" in f.forklaring


def test_kristi_himmelfartsdag():
    # Thursday 6 May 2027 is Kristi himmelfartsdag → Friday 7 May 2027.
    f = klagefrist(D(2027, 4, 15), lovpalagt=False)
    assert f.dato == D(2027, 5, 7)
    assert "Kristi himmelfartsdag" in f.forklaring


def test_first_of_may_and_new_year():
    assert fridag(D(2026, 5, 1)) == "arbeidernes dag"
    assert fridag(D(2027, 1, 1)) == "første nyttårsdag"
    assert neste_virkedag(D(2027, 1, 1)) == D(2027, 1, 4)  # Friday holiday, then the weekend


def test_ordinary_days():
    assert fridag(D(2026, 12, 29)) is None
    assert neste_virkedag(D(2026, 12, 29)) == D(2026, 12, 29)


def test_bad_arguments():
    with pytest.raises(TypeError):
        klagefrist("2026-12-01", True)
    with pytest.raises(TypeError):
        klagefrist(dt.datetime(2026, 12, 1, 10), True)
    with pytest.raises(TypeError):
        klagefrist(D(2026, 12, 1), None)
    with pytest.raises(TypeError):
        klagefrist(D(2026, 12, 1), True, uker=True)
