"""The bench report sets each figure beside its goal and the baseline measured in the same run."""

from bench.__main__ import GOALS
from bench.summary import against_goals, report


def _results(build_100: float, per_s: int) -> dict:
    return {
        "bygg": [{"faktor": 1, "sekunder": 4.0, "ms_per_side": 40.0, "grunnlinje_sekunder": 11.0},
                 {"faktor": 100, "sekunder": build_100, "ms_per_side": 25.0, "grunnlinje_sekunder": 215.0,
                  "grunnlinje_ms_per_side": 115.0}],
        "evaluator": {"evalueringer_per_s": per_s, "grunnlinje_per_s": 9000},
        "sok": [{"motor": "pagefind", "faktor": 1, "median_ms": 30},
                {"motor": "grunnlinje", "faktor": 1, "median_ms": 70}],
    }


def test_each_goal_is_judged_in_its_direction_beside_the_baseline():
    summary = against_goals(_results(build_100=58.0, per_s=21_000), GOALS)
    assert summary["bygg_100x_s"] == {"mal": 60.0, "malt": 58.0, "grunnlinje": 215.0,
                                      "grunnlinje_er": "grunnlinjens kode, samme kjøring", "nadd": True}
    assert summary["evalueringer_per_s"]["nadd"] is True          # a floor
    assert summary["bygg_ms_per_side"]["malt"] == 25.0             # the largest site's figure
    assert summary["sok_p50_ekte_ms"]["grunnlinje"] == 70
    assert summary["sok_p50_100x_ms"]["nadd"] is None               # not measured in this run


def test_a_missed_goal_says_so():
    summary = against_goals(_results(build_100=61.0, per_s=19_999), GOALS)
    assert summary["bygg_100x_s"]["nadd"] is False
    assert summary["evalueringer_per_s"]["nadd"] is False
    text = report(summary)
    assert "bygg_100x_s" in text and "IKKE nådd" in text and "ikke målt" in text
