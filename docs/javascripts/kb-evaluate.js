/* Evaluatoren i nettleseren: globalThis.kb.evaluate(sak) gir et Promise med nøyaktig det
   objektet «kb evaluate --json» skriver for samme sak. Speiler kb/criteria/evaluate.py;
   reglene og vokabularene leses fra dataene som bygges fra kunnskapsbasen (kb/site/export.py).
   Ugyldig sak: Promise avvises med en Error med kommandolinjens melding, uten «kb: fil:linje:».
   Ingenting sendes eller lagres. */
(function (root) {
  "use strict";

  var rules = root.kbRules, py = root.kbPy, common = root.kbCommon;
  var CaseError = common.CaseError, has = common.has, get = common.get, isMapping = common.isMapping;
  var rejectUnknownKeys = common.rejectUnknownKeys, valuesOn = common.valuesOn, today = common.today;
  var DECIDING = ["vilkar", "utelukker", "hovedregel_ikke", "provd_forst"];
  var EXCLUDING = ["utelukker", "hovedregel_ikke"];
  var CASE_KEYS = ["kommune", "opplysninger", "sak", "tjeneste", "vurderingsdato"];
  var YES_NO = { ja: true, nei: false };
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  /* --- the data, loaded as scripts (they also load from file://) -------------------------- */

  var base = (function () {
    if (typeof document === "undefined") return "";
    var src = document.currentScript && document.currentScript.src;
    return new URL("../evaluator/", src || location.href).href;
  })();
  var loading = {};

  function loadData(key) {
    var store = root.kbData || (root.kbData = {});
    if (has(store, key)) return Promise.resolve(store[key]);
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + key + ".js";
        s.onload = function () {
          s.remove();
          if (has(store, key)) resolve(store[key]);
          else { delete loading[key]; reject(new Error("mangler data: " + key)); }
        };
        s.onerror = function () { s.remove(); delete loading[key]; reject(new Error("mangler data: " + key)); };
        document.head.appendChild(s);
      });
    }
    return loading[key];
  }

  /* --- a service prepared once: criteria in order, index, expanded rules ------------------- */

  var compiled = new WeakMap();

  function compile(data) {
    var cached = compiled.get(data);
    if (cached) return cached;
    var byId = {}, ruleOf = {};
    data.kriterier.forEach(function (k) { byId[k.kriterium] = k; ruleOf[k.kriterium] = k.regel; });
    var lookup = function (id) { return ruleOf[id]; };
    var expanded = {}, factsRead = {};
    data.kriterier.forEach(function (k) {
      if (!k.regel) return;
      var full = rules.expand(k.regel, lookup);
      factsRead[k.kriterium] = rules.factsUsed(full).filter(function (n, i, all) { return all.indexOf(n) === i; });
      if (rules.hasSharedFacts(full)) expanded[k.kriterium] = full;
    });
    var rettskrav = null;
    if (data.tjeneste.rettskrav) {
      var full = rules.expand(data.tjeneste.rettskrav, lookup);
      rettskrav = rules.hasSharedFacts(full) ? full : null;
    }
    var service = { data: data, byId: byId, ruleOf: ruleOf, expanded: expanded, rettskrav: rettskrav, factsRead: factsRead };
    compiled.set(data, service);
    return service;
  }

  /* --- the case ------------------------------------------------------------------------- */

  /* The value checked against the fact's type and bounds; ja/nei become booleans (fact_value). */
  function factValue(d, value) {
    if (d.type === "ja_nei") {
      if (typeof value === "string" && has(YES_NO, py.strip(value).toLowerCase())) return YES_NO[py.strip(value).toLowerCase()];
      if (typeof value !== "boolean") {
        throw CaseError("«" + d.navn + "» skal være ja eller nei (eller true/false), fikk " + py.shown(value));
      }
      return value;
    }
    if (typeof value !== "number") {
      throw CaseError("«" + d.navn + "» skal være et tall" + (d.enhet ? " (" + d.enhet + ")" : "") + ", fikk " + py.shown(value));
    }
    if (d.type === "heltall" && !Number.isInteger(value)) {
      throw CaseError("«" + d.navn + "» skal være et heltall, fikk " + py.shown(value));
    }
    if (!Number.isFinite(value)) throw CaseError("«" + d.navn + "» skal være et endelig tall, fikk " + py.shown(value));
    var min = d.min === undefined ? null : d.min, max = d.max === undefined ? null : d.max;
    if ((min !== null && value < min) || (max !== null && value > max)) {
      throw CaseError("«" + d.navn + "» = " + py.shown(value) + " er utenfor gyldig område (" + py.str(min) + "–" + py.str(max) + ")");
    }
    return value;
  }

  var vocabularies = new WeakMap();

  /* The fact vocabulary by name (made once per loaded vocabulary). */
  function vocabularyOf(shared) {
    var v = vocabularies.get(shared);
    if (!v) {
      v = Object.create(null);
      shared.opplysninger.forEach(function (f) { v[f.navn] = f; });
      vocabularies.set(shared, v);
    }
    return v;
  }

  /* Checks the facts against the vocabulary; returns the clean facts. */
  function validateFacts(sak, shared) {
    var facts = get(sak, "opplysninger");
    if (facts === null) facts = {};
    if (!isMapping(facts)) throw CaseError("«opplysninger» skal være en tabell (navn: verdi), fikk " + py.shown(facts));
    var vocabulary = vocabularyOf(shared);
    var clean = {};
    common.checkedOrder(facts).forEach(function (name) {
      var definition = vocabulary[name] || null;
      if (!definition) {
        throw CaseError("ukjent opplysning «" + py.shorten(name, 40) + "» (se faktavokabularet, kb/data/opplysninger.yaml)");
      }
      var value = facts[name];
      if (value !== null && value !== undefined) clean[name] = factValue(definition, value);
    });
    return clean;
  }

  function validateDate(sak, t) {
    var when = get(sak, "vurderingsdato");
    if (when === null) when = today();
    else {
      var parsed = typeof when === "string" ? py.fromIsoFormat(when) : null;
      if (parsed === null) throw CaseError("«vurderingsdato» skal være en dato (ÅÅÅÅ-MM-DD), fikk " + py.shown(when));
      when = parsed;
    }
    if ((t.gyldig_fra && when < t.gyldig_fra) || (t.gyldig_til && when > t.gyldig_til)) {
      throw CaseError("kriteriene for «" + t.id + "» gjelder ikke på vurderingsdatoen " + when);
    }
    return when;
  }

  /* The service id of a case after the checks that need no service data (raises CaseError). */
  function serviceId(sak) {
    if (!isMapping(sak)) throw CaseError(common.NOT_A_MAPPING);
    rejectUnknownKeys(sak, CASE_KEYS);
    var sid = get(sak, "tjeneste");
    if (sid === null) throw CaseError("mangler feltet «tjeneste» (tjenestens id, f.eks. bpa)");
    return sid;
  }

  function unknownService(sid, index) {
    return CaseError("ukjent tjeneste " + py.shown(sid) + " (kjente: " + index.tjenester.join(", ") + ")");
  }

  /* The municipality's id: its id (gjovik) or its name in any case (Gjøvik) (municipality_id), folded
     as Python's casefold() folds (the fold of each character a match can have is exported). */
  function municipalityId(value, shared) {
    if (value === null) return null;
    if (typeof value === "string") {
      var exact = shared.kommuner.find(function (k) { return k.id === value; });
      if (exact) return exact.id;
      var folding = shared.kommunenavn, folded = Array.from(py.strip(value)).map(function (ch) {
        return has(folding.tegn, ch) ? folding.tegn[ch] : "\u0000";  // a character no match can have
      }).join("");
      var named = shared.kommuner.find(function (k) { return folded === k.id || folded === folding.navn[k.id]; });
      if (named) return named.id;
    }
    var ids = shared.kommuner.map(function (k) { return k.id; }).sort();
    throw CaseError("ukjent kommune " + py.shown(value) + " (kjente: " + ids.join(", ") + ")");
  }

  /* --- evaluation ------------------------------------------------------------------------- */

  function status(art, v) {
    if (v.verdi === null) return "uavklart";
    var holds = EXCLUDING.indexOf(art) < 0 ? v.verdi : !v.verdi;
    return holds ? "oppfylt" : "ikke_oppfylt";
  }

  function appliesOn(k, when) {
    return (!k.gyldig_fra || when >= k.gyldig_fra) && (!k.gyldig_til || when <= k.gyldig_til);
  }

  /* The criteria set to use: the one covering `kommune`, or (without a municipality) the first
     set that has the service (criteria_set_for in kb/criteria/case.py). */
  function criteriaSetFor(shared, bySet, sid, kommune) {
    var sets = shared.kriteriesett;
    if (kommune === null || !sets.length) return sets.find(function (s) { return has(bySet, s.id); }).id;
    var names = {};
    shared.kommuner.forEach(function (k) { names[k.id] = k.navn; });
    var covering = sets.find(function (s) { return s.kommuner.indexOf(kommune) >= 0; });
    if (covering) {
      if (!has(bySet, covering.id)) {
        throw CaseError("kriteriesettet «" + covering.navn + "» (" + covering.region + ") har ikke tjenesten «" + sid + "»");
      }
      return covering.id;
    }
    var covered = sets.map(function (s) {
      return "«" + s.navn + "» (" + s.region + ") gjelder " +
        s.kommuner.filter(function (k) { return has(names, k); }).map(function (k) { return names[k]; }).join(", ");
    }).join("; ");
    throw CaseError("ingen kriterier i kunnskapsbasen gjelder for " + names[kommune] + " kommune: " + covered);
  }

  /* Evaluate a case against loaded data: `bySet` maps criteria set ids to the service's data in
     that set (or is one service's data). Returns {json, kriterier, unntak, vurderingsdato}:
     `json` is the contract's object; `kriterier` adds each criterion's art, rule text and owner. */
  function runCase(sak, shared, bySet) {
    var sid = serviceId(sak);
    if (bySet.tjeneste) { var one = {}; one[bySet.sett] = bySet; bySet = one; }
    var kommune = municipalityId(get(sak, "kommune"), shared);
    var data = bySet[criteriaSetFor(shared, bySet, sid, kommune)];
    if (sid !== data.tjeneste.id) throw new Error("dataene gjelder en annen tjeneste");
    var facts = validateFacts(sak, shared);
    var when = validateDate(sak, data.tjeneste);
    var parametre = valuesOn(shared, when);
    var service = compile(data), values = {};

    function valueOf(kid) {
      if (!has(values, kid)) {
        values[kid] = rules.verdi(null, []);  // guard against cycles
        values[kid] = rules.evaluateRule(service.byId[kid].regel, facts, valueOf, parametre);
      }
      return values[kid];
    }

    var results = [], details = [], skipped = [], deciding = [];
    data.kriterier.forEach(function (k) {
      var unntak = k.unntak || [];
      var exception = kommune && unntak.length ? unntak.find(function (u) { return u.kommune === kommune; }) : null;
      if (exception) { skipped.push("«" + k.tittel + "»: " + exception.tekst); return; }
      if ((k.gyldig_fra || k.gyldig_til) && !appliesOn(k, when)) {
        skipped.push("«" + k.tittel + "»: gjelder ikke på vurderingsdatoen " + when.split("-").reverse().join("."));
        return;
      }
      var st, missing;
      if (!k.regel) { st = "skjonn"; missing = []; }
      else {
        var v = valueOf(k.kriterium);
        var full = service.expanded[k.kriterium];
        if (full && v.mangler.length > 1) v = rules.verdi(null, rules.decidingFacts(full, facts, v.mangler, parametre));
        st = status(k.art, v);
        missing = v.mangler.slice();
        if (unntak.length && kommune === null && st !== "oppfylt") { st = "uavklart"; missing.push("kommune"); }
      }
      var r = { id: k.kriterium, tekst: k.tekst, status: st, mangler: missing, kilde: k.kilde_tekst,
                linjer: k.linjer ? [k.linjer.fra, k.linjer.til] : null, lovhenvisninger: (k.lovtekster || []).slice(),
                avvik_fra_loven: k.avvik || null };
      results.push(r);
      details.push({ resultat: r, art: k.art, tjeneste: k.tjeneste,
                     regel: k.regel ? root.kbReasons.describe(k.regel, vocabularyOf(shared), parametre) : "",
                     fakta: service.factsRead[k.kriterium] || [] });
      if (DECIDING.indexOf(k.art) >= 0 && k.regel && !k.avvik) deciding.push(r);
    });

    var utfall, mangler = [];
    if (deciding.some(function (r) { return r.status === "ikke_oppfylt"; })) utfall = "ikke_oppfylt";
    else if (deciding.some(function (r) { return r.status === "uavklart"; })) {
      utfall = "uavklart";
      deciding.forEach(function (r) { if (r.status === "uavklart") mangler = mangler.concat(r.mangler); });
    } else utfall = "oppfylt";

    var rettskrav = null, rule = data.tjeneste.rettskrav;
    if (rule) {
      var rv = rules.evaluateRule(rule, facts, valueOf, parametre);
      if (rv.verdi === null && service.rettskrav) {
        rv = rules.verdi(null, rules.decidingFacts(service.rettskrav, facts, rv.mangler, parametre));
      }
      rettskrav = rv.verdi;
      mangler = mangler.concat(rv.mangler);
    }
    var json = {
      tjeneste: data.tjeneste.id, kommune: kommune, utfall: utfall, rettskrav: rettskrav,
      mangler: mangler.filter(function (m, i) { return mangler.indexOf(m) === i; }),
      kriterier: results.map(function (r) {
        return { id: r.id, tekst: r.tekst, status: r.status, mangler: r.mangler.slice(), kilde: r.kilde,
                 linjer: r.linjer, lovhenvisninger: r.lovhenvisninger.slice(), avvik_fra_loven: r.avvik_fra_loven };
      })
    };
    json.begrunnelse = root.kbReasons.tree(data.tjeneste, details, utfall, rettskrav, {
      facts: facts, parametre: parametre, valueOf: valueOf, vocabulary: vocabularyOf(shared), rules: service.ruleOf,
      ord: shared.ord, overskrift: setWords(shared, data.sett).overskrift });
    return { json: json, kriterier: details, unntak: skipped, vurderingsdato: when };
  }

  /* How the texts name the guidance of criteria set `sett` (guidance_words, exported per set). */
  function setWords(shared, sett) {
    var s = shared.kriteriesett.find(function (x) { return x.id === sett; });
    return (s && s.ord) || {};
  }

  /* The service's data in every criteria set that has it ({} when none has). */
  function loadService(shared, sid) {
    if (typeof sid !== "string" || !SLUG.test(sid)) return Promise.resolve({});
    return Promise.all(shared.kriteriesett.map(function (s) {
      return loadData("tjenester/" + s.id + "/" + sid).catch(function () { return null; });
    })).then(function (found) {
      var bySet = {};
      found.forEach(function (d, i) { if (d) bySet[shared.kriteriesett[i].id] = d; });
      return bySet;
    });
  }

  /* Load what a case needs and evaluate it (the public contract). */
  function evaluate(sak) {
    return Promise.resolve().then(function () {
      var sid = serviceId(sak);
      return loadData("felles").then(function (shared) {
        return loadService(shared, sid).then(function (bySet) {
          if (!Object.keys(bySet).length) {
            return loadData("indeks").then(function (index) { throw unknownService(sid, index); });
          }
          return runCase(sak, shared, bySet).json;
        });
      });
    });
  }

  var kb = root.kb || (root.kb = {});
  kb.evaluate = evaluate;
  kb.engine = { load: loadData, loadService: loadService, run: runCase, compile: compile };
})(globalThis);
