"""Loading and checking Oslo kommune's Gerica routine from ``kb/data/oslo/``.

:func:`load_oslo` is called by :mod:`kb.knowledge.loader`; it checks the cross-references
(sections, quotes, laws, templates, service ids) and reports problems as ``file:line``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kb.rules.interpreter import type_errors
from kb.oslo.models import (DOKUMENT, PLACEHOLDER, Saksfelter, SERVICE_IDS, Mal, OsloRutine, RutineFil, RutineSeksjon, Rutineregel,
                            Tjenestemal, normalize)
from kb.reading.schema import Kilde
from kb.reading.yamlfile import Problem, relative_path


# --- loading and checking ----------------------------------------------------------


def load_oslo(folder: Path, kb, problems: list, read_many: Callable, read_one: Callable) -> None:
    """Load the routine, rules, templates and template mappings from ``folder`` into ``kb``.

    Sets ``kb.maler`` and ``kb.oslo`` and appends every problem (schema and cross-reference)
    to ``problems``. Missing files are allowed (the knowledge base can grow), except that
    rules and mappings need the routine and the catalogue.
    """
    def problem(path: Path, loc: tuple, message: str) -> None:
        doc = kb.docs.get(path)
        problems.append(Problem(relative_path(path, kb.root), doc.line_of(loc) if doc else None, message))

    maler_path = folder / "maler.yaml"
    if maler_path.exists():
        for i, mal in read_many(maler_path, Mal):
            if mal.nokkel in kb.maler:
                problem(maler_path, (i, "id"), f"malen «{mal.nokkel}» finnes fra før")
                continue
            if (mal.gruppe == "4.1") != (mal.tidsavgrenset is not None):
                problem(maler_path, (i, "tidsavgrenset"),
                        "«tidsavgrenset» finnes bare i tabellen i 4.1 (sett den der, og bare der)")
            kb.maler[mal.nokkel] = mal
            kb.files[f"mal:{mal.nokkel}"] = maler_path

    rutine_path = folder / "rutine.yaml"
    if not rutine_path.exists():
        return
    fil = read_one(rutine_path, RutineFil)
    if fil is None:
        return
    rutine = OsloRutine(tittel=fil.tittel, utgiver=fil.utgiver, versjon=fil.versjon, kilde=fil.kilde,
                        innledning=fil.innledning, gerica=list(fil.gerica), seksjoner=list(fil.seksjoner))
    kb.oslo = rutine
    kb.files["oslo:rutine"] = rutine_path
    _check_sections(rutine, kb, rutine_path, problem)

    felter_path = folder / "saksfelter.yaml"
    if felter_path.exists():
        fil = read_one(felter_path, Saksfelter)
        if fil is not None:
            rutine.saksfelter = {f.felt: f for f in fil.felter}
            rutine.sporsmal = dict(fil.sporsmal)

    regler_path = folder / "regler.yaml"
    if regler_path.exists():
        loaded = []
        for i, regel in read_many(regler_path, Rutineregel):
            if regel.id in rutine.regler:
                problem(regler_path, (i, "id"), f"regelen «{regel.id}» finnes fra før")
                continue
            rutine.regler[regel.id] = regel
            kb.files[f"oslo-regel:{regel.id}"] = regler_path
            loaded.append((i, regel))
        for i, regel in loaded:  # after all are read: an answer may name a rule further down
            _check_rule(regel, i, rutine, kb, regler_path, problem)

    mapping_path = folder / "tjenestemaler.yaml"
    if mapping_path.exists():
        for i, m in read_many(mapping_path, Tjenestemal):
            rutine.tjenestemaler.append(m)
            _check_mapping(m, i, kb, mapping_path, problem)


def _check_kilde(kilde: Kilde, kb, path: Path, loc: tuple, problem) -> None:
    if kb.kilder and kilde.dokument not in kb.kilder:
        problem(path, loc + ("dokument",), f"ukjent kildedokument «{kilde.dokument}» (se kilder.yaml)")


def _check_sections(rutine: OsloRutine, kb, path: Path, problem) -> None:
    _check_kilde(rutine.kilde, kb, path, ("kilde",), problem)
    seen: set[str] = set()

    def walk(seksjoner: list[RutineSeksjon], parent: str, loc: tuple) -> None:
        for i, s in enumerate(seksjoner):
            here = loc + (i,)
            if s.nummer in seen:
                problem(path, here + ("nummer",), f"avsnitt {s.nummer} finnes fra før")
            seen.add(s.nummer)
            if parent and not s.nummer.startswith(parent + "."):
                problem(path, here + ("nummer",), f"avsnitt {s.nummer} ligger under {parent}")
            if s.kilde.dokument != DOKUMENT or s.kilde.avsnitt != s.overskrift:
                problem(path, here + ("kilde",),
                        f"avsnittet skal vise til seg selv: dokument {DOKUMENT}, avsnitt «{s.overskrift}»")
            for j, sid in enumerate(s.tjenester):
                if sid not in SERVICE_IDS:
                    problem(path, here + ("tjenester", j), f"ukjent tjeneste «{sid}»")
            walk(s.underseksjoner, s.nummer, here + ("underseksjoner",))

    walk(rutine.seksjoner, "", ("seksjoner",))
    for i, b in enumerate(rutine.gerica):
        for j, nummer in enumerate(b.seksjoner):
            if rutine.seksjon(nummer) is None:
                problem(path, ("gerica", i, "seksjoner", j), f"ukjent avsnitt {nummer}")
        first = rutine.seksjon(b.seksjoner[0])
        if first is not None and normalize(b.sitat) not in first.tekst():
            problem(path, ("gerica", i, "sitat"), f"sitatet står ikke ordrett i avsnitt {first.nummer}")


def _check_rule(regel: Rutineregel, i: int, rutine: OsloRutine, kb, path: Path, problem) -> None:
    _check_kilde(regel.kilde, kb, path, (i, "kilde"), problem)
    if regel.seksjon is not None:
        s = rutine.seksjon(regel.seksjon)
        if s is None:
            problem(path, (i, "seksjon"), f"ukjent avsnitt {regel.seksjon} i rutinen")
        else:
            if regel.kilde.dokument != DOKUMENT or regel.kilde.avsnitt != s.overskrift:
                problem(path, (i, "kilde"), f"kilden skal være dokument {DOKUMENT}, avsnitt «{s.overskrift}»")
            text = s.tekst()
            quotes = [((i, "sitat", j), q) for j, q in enumerate(regel.sitat)]
            quotes += [((i, "punkter", j), q) for j, q in enumerate(regel.punkter)]
            for k, g in enumerate(regel.grunner):
                quotes.append(((i, "grunner", k, "grunn"), g.grunn))
                if g.tiltak:
                    quotes.append(((i, "grunner", k, "tiltak"), g.tiltak))
            for k, e in enumerate(regel.eksempler):
                quotes.append(((i, "eksempler", k, "tekst"), e.tekst))
            for loc, q in quotes:
                if normalize(q) not in text:
                    problem(path, loc, f"teksten står ikke ordrett i avsnitt {s.nummer}")
    elif regel.kilde.dokument == DOKUMENT:
        problem(path, (i, "seksjon"), "en regel fra Oslo-rutinen må ha «seksjon»")
    for j, ref in enumerate(regel.lovgrunnlag):
        if kb.lover and ref.lov not in kb.lover:
            problem(path, (i, "lovgrunnlag", j, "lov"), f"ukjent lov «{ref.lov}» (se lover.yaml)")
    for j, mal_id in enumerate(regel.parametre.maler):
        if str(mal_id) not in kb.maler:
            problem(path, (i, "parametre", "maler", j), f"ukjent mal {mal_id} (se maler.yaml)")
    _check_answers(regel, i, rutine, kb, path, problem)
    for k, e in enumerate(regel.eksempler):
        if e.tjeneste is not None and e.tjeneste not in SERVICE_IDS:
            problem(path, (i, "eksempler", k, "tjeneste"), f"ukjent tjeneste «{e.tjeneste}»")


PLACEHOLDER_NAMES = {"egenandel_kilde", "tjeneste_navn", "tjeneste_eller_saker", "tjeneste_ukjent", "svar", "antatt",
                     "lovstatus_ukjent", "lovstatus_grunn"}
"""Placeholders the procedure fills besides the case fields, ``p:<parameter>`` and ``mal:<id>``."""


def _check_answers(regel: Rutineregel, i: int, rutine: OsloRutine, kb, path: Path, problem) -> None:
    """Each answer's rules are type-checked against ``saksfelter.yaml``; placeholders, parameters,
    templates and further rules it names exist."""
    values = {pid: p.verdier[-1].verdi for pid, p in kb.parametre.items()}
    for j, s in enumerate(regel.svar):
        loc = (i, "svar", j)
        for field, rule in (("nar", s.nar), ("verdi_regel", s.verdi_regel)):
            if rule is not None and rutine.saksfelter:
                for msg in type_errors(rule, rutine.saksfelter, values):
                    problem(path, loc + (field,), msg)
        if s.mal is not None and str(s.mal) not in kb.maler:
            problem(path, loc + ("mal",), f"ukjent mal {s.mal} (se maler.yaml)")
        if s.frist_uker is not None and s.frist_uker.parameter not in kb.parametre:
            problem(path, loc + ("frist_uker",), f"ukjent parameter «{s.frist_uker.parameter}» (se parametre.yaml)")
        for field in ("forklaring", "ukjent", "ved_tvil"):
            for name in PLACEHOLDER.findall(getattr(s, field)):
                kind, _, ref = name.partition(":")
                known = (ref in kb.parametre if kind == "p" else ref in kb.maler if kind == "mal" else
                         name in PLACEHOLDER_NAMES or name in rutine.saksfelter)
                if not known:
                    problem(path, loc + (field,), f"ukjent plassholder «{{{name}}}»")
        for k, extra in enumerate(s.tillegg):
            if extra.regel not in rutine.regler:
                problem(path, loc + ("tillegg", k, "regel"), f"ukjent regel «{extra.regel}»")


def _check_mapping(m: Tjenestemal, i: int, kb, path: Path, problem) -> None:
    mal = kb.maler.get(str(m.mal))
    if mal is None:
        problem(path, (i, "mal"), f"ukjent mal {m.mal} (se maler.yaml)")
        return
    if m.tjenester != "alle":
        for j, sid in enumerate(m.tjenester):
            if sid not in SERVICE_IDS:
                problem(path, (i, "tjenester", j), f"ukjent tjeneste «{sid}»")
    source = kb.maler.get(str(m.sitat_fra)) if m.sitat_fra is not None else mal
    if source is None:
        problem(path, (i, "sitat_fra"), f"ukjent mal {m.sitat_fra} (se maler.yaml)")
    elif normalize(m.sitat) not in normalize(source.navn + " " + source.bruk()):
        problem(path, (i, "sitat"), f"sitatet står ikke ordrett i malen {source.etikett}")
