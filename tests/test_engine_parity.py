"""One meaning, two engines, proven in Node: the browser's JavaScript engines (docs/javascripts/)
give exactly what the Python engines give (``kb evaluate --json``, ``kb procedure --json``), field
for field, on every conformance case, every threshold of every service, thousands of random cases,
the odd inputs a case file, a link or the form can produce, and bad input (the CLI's one-line
message without «kb: FILE:LINE: »).

The data is exported from the knowledge base into a temporary folder with the site's own export
functions (kb/site/export.py, export_oslo.py); the engine files are loaded in the order of
``mkdocs.yml``. Every case of the module is answered by one Node process (tests/node/parity.js), so
the whole comparison takes seconds. Chromium tests (test_browser_*.py) keep what only a browser
shows: loading the scripts from the site and file://, and the forms.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
import shutil
import subprocess
from pathlib import Path

import holidays
import pytest
import yaml

from kb.knowledge.loader import load_kb_or_raise
from kb.oslo.procedure import YEARS
from kb.site import export
from tests.conftest import DATA, ROOT
from kb.oslo.models import SERVICE_IDS
from tests.evaluator_cases import as_browser_sees, cli_messages, constants, page_cases, python_answer
from tests.procedure_cases import python_procedure

KB = load_kb_or_raise(DATA)
NODE = shutil.which("node")
JS = ROOT / "docs" / "javascripts"
ENGINE = ("kb-common.js", "kb-pyformat.js", "kb-rules.js", "kb-reasons.js", "kb-evaluate.js", "kb-procedure.js")
"""The engine files (the rest of extra_javascript needs a page: the forms, the search)."""

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def engine_files() -> list[Path]:
    """The engine files in the order mkdocs.yml loads them (the order a page runs them in)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [Path(p).name for p in config["extra_javascript"]]
    assert set(ENGINE) <= set(names), "mkdocs.yml loads every engine file"
    return [JS / n for n in names if n in ENGINE]


# --- the cases ---------------------------------------------------------------------------


def conformance(kind: str) -> list:
    from tests.conformance_cases import json_ready, load_cases
    return [as_browser_sees(json_ready(inndata)) for _, inndata, _ in load_cases(kind)]


def thresholds() -> list:
    """Each service with every fact just below, at and just above each threshold it is compared
    with, in every municipality (and none)."""
    cases = []
    for sid in sorted({sid for services in KB.tjenester_per_sett().values() for sid in services}):  # every set
        near = constants(KB, sid)
        for kommune in (None, *sorted(KB.kommuner)):
            cases.append({"tjeneste": sid, "kommune": kommune, "opplysninger": {}, "vurderingsdato": "2026-06-01"})
            for name, values in near.items():
                fact = KB.opplysninger[name]
                for c in values:
                    for v in ([True, False] if isinstance(c, bool) else [c - 1, c - 0.5, c - 0.005, c, c + 0.005, c + 0.5, c + 1]):
                        if fact.type == "heltall" and v != int(v) or (fact.min is not None and v < fact.min):
                            continue
                        cases.append({"tjeneste": sid, "kommune": kommune, "opplysninger": {name: v},
                                      "vurderingsdato": "2026-06-01"})
    return [as_browser_sees(c) for c in cases]


_CHARS = list("abcæøå ÆØÅ-_'\"\\\n\t\x00\x85\u2028\u200b€😀1ıİẞ١")


class Random:
    """Random cases from a fixed seed (the same on every run): about three in four valid (real
    services and municipalities in several spellings, facts at and around their thresholds, some
    missing), the rest with bad services, municipalities, values, keys or dates. Hypothesis draws
    too slowly for thousands of cases per run; the Chromium tests keep a few Hypothesis batches."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.near = {sid: constants(KB, sid) for sid in KB.tjenester}

    def text(self) -> str:
        return "".join(self.rng.choice(_CHARS) for _ in range(self.rng.randint(0, 8)))

    def junk(self):
        r = self.rng
        return r.choice([None, True, False, r.randint(-10**6, 10**6), self.text(), [r.randint(0, 3)],
                         r.uniform(-1e6, 1e6), float("inf"), float("nan"), -0.0, 2.0**60, 1e-300,
                         {self.text(): 1}, r.randint(0, 3) + 0.5])

    def date(self, bad: bool) -> object:
        r = self.rng
        d = dt.date(1990, 1, 1) + dt.timedelta(days=r.randint(0, 18600))
        if not bad or r.random() < 0.5:
            return d.isoformat()
        return r.choice([d.strftime("%Y%m%d"), f"{d.year}-W{r.randint(0, 54):02d}-{r.randint(0, 8)}",
                         f"{r.randint(0, 9999):04d}-{r.randint(0, 13):02d}-{r.randint(0, 32):02d}",
                         d.isoformat() + "\n", " " + d.isoformat(), self.junk()])

    def value(self, fact, near: list, bad: bool):
        r = self.rng
        if fact.type == "ja_nei":
            valid = [True, False, None, "ja", "nei", "Ja", " NEI\n"]
            return r.choice(valid) if not bad or r.random() < 0.6 else self.junk()
        lo = fact.min if fact.min is not None else -1000
        hi = fact.max if fact.max is not None else 1000
        numbers = [c + d for c in near if not isinstance(c, bool) for d in (-1, -0.5, -0.005, 0, 0.005, 0.5, 1)]
        numbers = [x for x in numbers if lo <= x <= hi and (fact.type != "heltall" or x == int(x))]
        choice = r.random()
        if bad and choice < 0.3:
            return r.choice([r.uniform(lo - 50, hi + 50), r.randint(int(lo) - 5, int(hi) + 5), self.junk()])
        if numbers and choice < 0.7:
            return r.choice(numbers)
        if r.random() < 0.1:
            return None
        return r.randint(int(lo), int(hi)) if fact.type == "heltall" else round(r.uniform(lo, hi), r.randint(0, 3))

    def evaluate_case(self):
        r = self.rng
        bad = r.random() < 0.25
        sid = r.choice(sorted(KB.tjenester)) if not bad or r.random() < 0.7 else self.junk()
        case: dict = {}
        if not bad or r.random() < 0.9:
            case["tjeneste"] = sid
        if r.random() < 0.5:
            k = r.choice(list(KB.kommuner.values()))
            case["kommune"] = r.choice([k.id, k.navn, k.navn.upper(), f" {k.navn.lower()}\t", None] +
                                       ([self.text(), self.junk()] if bad else []))
        near = self.near.get(sid, {}) if isinstance(sid, str) else {}
        used = list(near) or sorted(KB.opplysninger)
        names = r.sample(used, r.randint(0, len(used)))
        if r.random() < 0.15:
            names += r.sample(sorted(KB.opplysninger), 3)
        facts = {n: self.value(KB.opplysninger[n], near.get(n, []), bad) for n in dict.fromkeys(names)}
        if bad and r.random() < 0.1:
            facts[r.choice(["navn", "fodselsnummer", "Alder", "1", "alder_ar"])] = 1
        case["opplysninger"] = self.junk() if bad and r.random() < 0.1 else facts
        if r.random() < 0.8:
            case["vurderingsdato"] = self.date(bad)
        if bad and r.random() < 0.1:
            case[r.choice(["sak", "Tjeneste", "dato", "0"])] = 1
        if bad and r.random() < 0.05:
            return self.junk()
        return as_browser_sees(case)

    def procedure_case(self):
        r = self.rng
        bad = r.random() < 0.3
        def pick(valid):
            return r.choice(valid) if not bad or r.random() < 0.7 else self.junk()
        yes_no = [True, False, "ja", "nei", " Ja ", "NEI"]
        fields = {"utfall": ["innvilget", "avslag", "avvisning", "opphor", "utsatt_iverksettelse_innvilget",
                             "utsatt_iverksettelse_avslag"],
                  "endring": ["okning", "reduksjon", "opphor", "forlengelse"],
                  "forventet_varighet_dager": [0, 1, 13, 14, 15, 40, 14.0],
                  "forventet_saksbehandlingstid_dager": [0, 20, 21, 22, 30, 21.0]}
        for name in ("egenandel", "enig_med_bruker", "beskrevet_i_vedtaket", "gitt_etter_helse_og_omsorgstjenesteloven",
                     "gitt_som_avlastning", "etter_brukers_onske"):
            fields[name] = yes_no
        sak = {name: pick(valid) for name, valid in fields.items() if r.random() < 0.4}
        if r.random() < 0.5:
            sak["vedtak_mottatt"] = self.date(bad)
        case: dict = {"sak": sak}
        if r.random() < 0.85:
            case["tjeneste"] = r.choice(sorted(set(SERVICE_IDS) | set(KB.tjenester)) + ["finnes-ikke"]) if r.random() < 0.95 \
                else r.randint(0, 3)
        if r.random() < 0.2:
            case["vurderingsdato"] = self.date(bad)
        if bad and r.random() < 0.1:
            case[r.choice(["kommune", "navn", "1"])] = r.choice(["oslo", "Kari"])
        return as_browser_sees(case)


def holiday_dates() -> list:
    """Decisions whose deadline lands on or next to a public holiday, in every year the CLI takes
    (and at its edges), for a statutory service (four weeks) and a non-statutory one (three)."""
    first, last = YEARS
    rng = random.Random(21)
    cases = []
    for year in range(first, last + 1):
        days = sorted(holidays.Norway(years=year, include_sundays=False))
        statutory = year % 2 == 0  # four weeks in even years, three in odd ones
        weeks, sid, extra = (4, "bpa", {}) if statutory else \
            (3, "middagsombringing", {"gitt_etter_helse_og_omsorgstjenesteloven": False})
        for d in rng.sample(days, min(2, len(days))) + [dt.date(year, 1, 1), dt.date(year, 12, 31)]:
            mottatt = d - dt.timedelta(weeks=weeks)
            if first <= mottatt.year <= last:
                cases.append({"tjeneste": sid, "sak": {"utfall": "avslag", "vedtak_mottatt": mottatt.isoformat(), **extra},
                              "vurderingsdato": "2026-06-01"})
    for text in (f"{first - 1}-12-31", f"{last + 1}-01-01", f"{last}-12-31", f"{first}-01-01", "0001-01-01", "9999-12-31"):
        cases.append({"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": text}})
    return cases


ODD_EVALUATE = [
    # the dotless ı and other letters JavaScript's upper/lower case folds differently from Python's casefold
    {"tjeneste": "bpa", "kommune": "GJØVıK"}, {"tjeneste": "bpa", "kommune": "GJØVİK"}, {"tjeneste": "bpa", "kommune": "gjøvik"},
    {"tjeneste": "bpa", "kommune": "GRAN"}, {"tjeneste": "bpa", "kommune": " Gran\u2028"}, {"tjeneste": "bpa", "kommune": "Gſøvik"},
    {"tjeneste": "bpa", "kommune": "ＧＲＡＮ"}, {"tjeneste": "bpa", "kommune": "Gran\u0307"}, {"tjeneste": "bpa", "kommune": "ẞ"},
    {"tjeneste": "bpa", "kommune": "Grαn"}, {"tjeneste": "bpa", "kommune": "ᏀRAN"},
    # key order: which error comes first must not depend on it (JavaScript puts «1» first)
    {"tjeneste": "bpa", "x": 1, "1": 2}, {"1": 2, "tjeneste": "bpa", "x": 1},
    {"tjeneste": "bpa", "opplysninger": {"alder": "x", "1": 5}}, {"tjeneste": "bpa", "opplysninger": {"1": 5, "alder": "x"}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": -5, "alder": 500}},
    {"tjeneste": "bpa", "opplysninger": {"😀": 1, "\uffff": 1}},
    # half-way decimals and minus zero in the reasons
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 12345.25}}, {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 32.5}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 0.125}}, {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 1e-7}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 2.5}}, {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": 100.0000005}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": -0.0, "alder": -0.0}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 45.0}}, {"tjeneste": "bpa", "opplysninger": {"alder": 2.0**60}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 10**20}}, {"tjeneste": "bpa", "opplysninger": {"alder": -1e-300}},
    # dates: a stray newline, non-ASCII digits, week dates, compact dates
    {"tjeneste": "bpa", "vurderingsdato": "2026-06-01\n"}, {"tjeneste": "bpa", "vurderingsdato": "２０２６-06-01"},
    {"tjeneste": "bpa", "vurderingsdato": "2026-٠٦-01"}, {"tjeneste": "bpa", "vurderingsdato": "2026-W23-1"},
    {"tjeneste": "bpa", "vurderingsdato": "20260601"}, {"tjeneste": "bpa", "vurderingsdato": " 2026-06-01"},
    {"tjeneste": "bpa", "vurderingsdato": "2026-06-01T00:00"}, {"tjeneste": "bpa", "vurderingsdato": "0000-01-01"},
    # yes/no written in odd ways
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "JA"}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "neİ"}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "\u3000nei\u2029"}},
]

ODD_PROCEDURE = [
    {"tjeneste": "bpa", "sak": {"forventet_varighet_dager": 14.0}}, {"tjeneste": "bpa", "sak": {"forventet_varighet_dager": -0.0}},
    {"tjeneste": "bpa", "sak": {"forventet_saksbehandlingstid_dager": 14.5}},
    {"tjeneste": "bpa", "sak": {"forventet_saksbehandlingstid_dager": 2.0**60}},
    {"tjeneste": "bpa", "sak": {"forventet_saksbehandlingstid_dager": 10**20}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "2026-12-01\n"}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "２０２６-12-01"}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "2026-W49-2"}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "20261201"}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "2036-12-01"}},
    {"tjeneste": "bpa", "sak": {"utfall": "avslag", "vedtak_mottatt": "1905-04-01"}},
    {"tjeneste": "bpa", "sak": {}, "vurderingsdato": "2026-06-01\n"},
    {"tjeneste": "bpa", "sak": {}, "vurderingsdato": "２０２６-06-01"},
    {"tjeneste": "bpa", "sak": {}, "vurderingsdato": "20260601"},
    {"tjeneste": "bpa", "sak": {"egenandel": "JA", "enig_med_bruker": "neİ"}},
    {"tjeneste": "bpa", "x": 1, "1": 2}, {"1": 2, "tjeneste": "bpa", "x": 1},
    {"tjeneste": "bpa", "sak": {"x": 1, "1": 2}}, {"sak": {"utfall": "ja", "egenandel": "kanskje"}},
]

BAD_EVALUATE = [
    [1, 2], "bpa", None,
    {"tjeneste": "bpa", "navn": "Kari"}, {"kommune": "gjovik"}, {"tjeneste": "finnes-ikke"}, {"tjeneste": 5},
    {"tjeneste": "bpa", "kommune": "bergen"}, {"tjeneste": "bpa", "opplysninger": [1]},
    {"tjeneste": "bpa", "opplysninger": {"hoyde": 180}}, {"tjeneste": "bpa", "opplysninger": {"alder": "45"}},
    {"tjeneste": "bpa", "opplysninger": {"alder": 45.5}}, {"tjeneste": "bpa", "opplysninger": {"alder": 200}},
    {"tjeneste": "bpa", "opplysninger": {"timer_per_uke": True}},
    {"tjeneste": "bpa", "opplysninger": {"kan_vaere_arbeidsleder": "kanskje\n"}},
    {"tjeneste": "bpa", "kommune": True}, {"tjeneste": "bpa", "vurderingsdato": "2026-02-30"},
    {"tjeneste": "bpa", "vurderingsdato": 20260101}, {"tjeneste": "bpa", "vurderingsdato": "2026-06-01\n"},
    {"tjeneste": "bpa", "vurderingsdato": "２０２６-06-01"}, {"tjeneste": "bpa", "opplysninger": {"alder": "x", "1": 5}},
]

BAD_PROCEDURE = [
    [1], "bpa", None, {"tjeneste": "bpa", "navn": "Kari"}, {"tjeneste": "finnes-ikke"}, {"tjeneste": 5},
    {"sak": [1]}, {"sak": {"utfall": "ja"}}, {"sak": {"egenandel": "kanskje"}},
    {"sak": {"forventet_varighet_dager": -1}}, {"sak": {"vedtak_mottatt": "2026-02-30"}},
    {"sak": {"vedtak_mottatt": "01.12.2026"}}, {"sak": {"utfall": "opphor", "endring": "okning"}},
    {"sak": {}, "vurderingsdato": "i dag"}, {"sak": {"gitt_som_avlastning": "kanskje"}},
    {"tjeneste": "korttidsplass", "sak": {"egenandel": True, "gitt_som_avlastning": "ja"}},
    {"sak": {"vedtak_mottatt": "1899-12-31"}}, {"sak": {"vedtak_mottatt": "2101-01-01"}},
    {"sak": {"vedtak_mottatt": "2026-12-01\n"}}, {"sak": {"forventet_varighet_dager": 14.5}},
]


def groups() -> dict[str, tuple[str, list]]:
    """Every group of cases: name → (engine, cases as the browser holds them)."""
    RANDOM = Random(23)
    return {
        "conformance-evaluate": ("evaluate", conformance("evaluate")),
        "conformance-procedure": ("procedure", [as_browser_sees(c) for c in conformance("procedure")]),
        "page-cases": ("evaluate", page_cases()),
        "thresholds": ("evaluate", thresholds()),
        "random-evaluate": ("evaluate", [RANDOM.evaluate_case() for _ in range(2500)]),
        "random-procedure": ("procedure", [RANDOM.procedure_case() for _ in range(1000)]),
        "holidays": ("procedure", holiday_dates()),
        "odd-evaluate": ("evaluate", [json.loads(json.dumps(c)) for c in ODD_EVALUATE]),
        "odd-procedure": ("procedure", [json.loads(json.dumps(c)) for c in ODD_PROCEDURE]),
        "bad-evaluate": ("evaluate", BAD_EVALUATE),
        "bad-procedure": ("procedure", BAD_PROCEDURE),
    }


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict[str, list[tuple[object, dict, dict]]]:
    """Every group answered by both engines: name → [(case, Python's answer, JavaScript's answer)].
    One Node process answers every case of the module."""
    folder = tmp_path_factory.mktemp("parity")
    for name, content in export.files(KB).items():
        target = folder / "data" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    todo = groups()
    requests = [{"kind": kind, "sak": transported(c)} for kind, cases in todo.values() for c in cases]
    (folder / "requests.json").write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([NODE, str(ROOT / "tests" / "node" / "parity.js"), str(folder / "data"),
                           str(folder / "requests.json"), *map(str, engine_files())],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    js = iter(json.loads(proc.stdout))
    out = {}
    for name, (kind, cases) in todo.items():
        python = python_procedure if kind == "procedure" else python_answer
        out[name] = [(c, python(json.loads(json.dumps(c)), KB), next(js)) for c in cases]
    assert next(js, None) is None
    return out


NON_FINITE = "\ue000kb-tall:"
"""Marks a non-finite number on its way to Node (JSON has none; tests/node/parity.js reads it back)."""


def transported(value):
    """``value`` as JSON can carry it to Node: inf, -inf and nan as marked strings."""
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE + repr(value)
    if isinstance(value, dict):
        return {k: transported(v) for k, v in value.items()}
    if isinstance(value, list):
        return [transported(v) for v in value]
    return value


def differences(rows) -> list[str]:
    return [f"sak: {case!r}\n  python: {str(py)[:600]}\n  js:     {str(js)[:600]}" for case, py, js in rows if py != js]


@pytest.mark.parametrize("group", ["conformance-evaluate", "conformance-procedure", "page-cases", "thresholds",
                                   "random-evaluate", "random-procedure", "holidays", "odd-evaluate", "odd-procedure"])
def test_both_engines_give_the_same_answer(answers, group):
    rows = answers[group]
    assert len(rows) >= {"random-evaluate": 2000, "random-procedure": 1000, "thresholds": 500,
                         "holidays": 700}.get(group, 8)
    diff = differences(rows)
    assert not diff, f"{len(diff)} of {len(rows)} differ:\n" + "\n".join(diff[:5])


@pytest.mark.parametrize("group,command", [("bad-evaluate", "evaluate"), ("bad-procedure", "procedure")])
def test_bad_input_gets_the_clis_one_line_message(answers, group, command):
    """Both engines refuse with the same line, and it is the line the CLI prints (run on the same
    cases as JSON, which is YAML) without «kb: <stdin>:LINE: »."""
    rows = answers[group]
    lines = cli_messages([case for case, _, _ in rows], command)
    for (case, py, js), line in zip(rows, lines):
        assert js == py == {"error": line}, case


def test_every_year_kb_procedure_accepts_has_its_holidays_in_the_browser(answers):
    """The holiday table covers every year the CLI accepts (YEARS) and the year after; a decision
    outside those years is refused by both engines with the same message."""
    rows = answers["holidays"]
    first, last = YEARS
    years = {int(case["sak"]["vedtak_mottatt"][:4]) for case, py, _ in rows if "ok" in py and py["ok"]["klagefrist"]}
    assert years >= set(range(first, last + 1))
    assert any(py["ok"]["klagefrist"].startswith(str(last + 1)) for _, py, _ in rows if "ok" in py and py["ok"]["klagefrist"])
    refused = [(py, js) for case, py, js in rows if "error" in py]
    assert len(refused) == 4 and all(py == js and "mellom år 1900 og 2100" in py["error"] for py, js in refused)
    moved = [py for _, py, _ in rows if "ok" in py and any("domstolloven § 149" in b["forklaring"] for b in py["ok"]["begrunnelse"])]
    assert len(moved) > len(rows) // 2  # most deadlines land on a holiday and move


def test_the_holiday_table_is_compact():
    """Per year only the dates (and an index into the names), about 15 kB for 202 years."""
    from kb.site.export_oslo import holiday_table
    table = holiday_table(YEARS[0], YEARS[1] + 1)
    assert len(table["ar"]) == YEARS[1] + 2 - YEARS[0]
    assert len(json.dumps(table, ensure_ascii=False)) < 25_000
    assert "0517:" in table["ar"][2026 - YEARS[0]] and table["navn"][int(table["ar"][2026 - YEARS[0]].split()[0][5:])] == "første nyttårsdag"


_FUNCTION = re.compile(r"^\s*function\s+([A-Za-z_$][\w$]*)\s*\(", re.MULTILINE)
_NOT_HELPERS = {"build", "update", "readCase"}
"""Each form's own «build the form», «update the answer» and «read the case from the fields»
(kb-form.js, kb-procedure-form.js): the same verb for a different thing, not a shared helper."""


def test_no_js_helper_is_defined_in_two_files():
    """A helper both engines or forms need lives in kb-common.js (globalThis.kbCommon) only."""
    files = sorted(p for p in JS.glob("*.js"))
    where: dict[str, list[str]] = {}
    for path in files:
        for name in set(_FUNCTION.findall(path.read_text(encoding="utf-8"))):
            where.setdefault(name, []).append(path.name)
    twice = {name: places for name, places in where.items() if len(places) > 1 and name not in _NOT_HELPERS}
    assert not twice, twice
    common = (JS / "kb-common.js").read_text(encoding="utf-8")
    for helper in ("CaseError", "has", "get", "isMapping", "rejectUnknownKeys", "valuesOn", "today"):
        assert re.search(rf"^\s*function {helper}\(", common, re.MULTILINE), helper
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    scripts = [Path(p).name for p in config["extra_javascript"]]
    assert scripts.index("kb-common.js") < min(scripts.index(n) for n in ENGINE if n != "kb-common.js")
