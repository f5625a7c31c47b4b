/* Saksgangen i nettleseren: globalThis.kb.procedure(sak) gir et Promise med nøyaktig det objektet
   «kb procedure --json» skriver for samme sak. Speiler kb/oslo/procedure.py, decide.py, catalogue.py
   og kb/rules/deadlines.py; reglene, malene og helligdagene leses fra evaluator/oslo.js (bygges av
   kb/site/export_oslo.py). Ugyldig sak: Promise avvises med kommandolinjens melding. Ingenting
   sendes eller lagres. */
(function (root) {
  "use strict";

  var rules = root.kbRules, py = root.kbPy, common = root.kbCommon;
  var CaseError = common.CaseError, has = common.has, get = common.get, isMapping = common.isMapping;
  var rejectUnknownKeys = common.rejectUnknownKeys, valuesOn = common.valuesOn, today = common.today;
  var unique = common.unique;
  var ANSWERS = ["enkeltvedtak_kreves", "forvaltningsmelding_kreves", "forhandsvarsel_kreves",
                 "vedtaksmal", "klagefrist", "klageinstans"];
  var YES_NO = { ja: true, nei: false };
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var PLACEHOLDER = /\{([a-z0-9_]+(?::[a-z0-9-]+)?)\}/g;
  var SPACES = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
  var MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
                "oktober", "november", "desember"];
  var UTFALL = ["innvilget", "avslag", "avvisning", "opphor", "utsatt_iverksettelse_innvilget", "utsatt_iverksettelse_avslag"];
  var ENDRING = ["okning", "reduksjon", "opphor", "forlengelse"];
  var UNDECIDED = { undecided: true };
  var YES_NO_FIELDS = ["egenandel", "enig_med_bruker", "beskrevet_i_vedtaket", "gitt_etter_helse_og_omsorgstjenesteloven",
                       "gitt_som_avlastning", "etter_brukers_onske"];
  var HOL_TJENESTE = "en helse- og omsorgstjeneste etter helse- og omsorgstjenesteloven";
  var IKKE_OMTALT = "kilden omtaler ikke egenbetaling for tjenesten, og vederlag kan bare kreves der lov eller forskrift " +
    "gir hjemmel (helse- og omsorgstjenesteloven § 11-2), så det regnes ikke med egenandel";
  var LAW_STATUTORY = "pasient- og brukerrettighetsloven § 7-5", LAW_OTHER = "forvaltningsloven § 29";

  function words(text) { return text.split(SPACES).filter(Boolean).join(" "); }
  function same(a, b) { return a !== UNDECIDED && b !== UNDECIDED && JSON.stringify(a) === JSON.stringify(b); }

  /* --- reading the case (parse_case) ------------------------------------------------------ */

  /* kb/reading/messages.py's echo(). */
  function echo(v) { return typeof v === "boolean" ? String(v) : py.shorten(py.repr(v), 40); }

  function literal(name, value, allowed) {
    if (typeof value === "string" && allowed.indexOf(value) >= 0) return value;
    throw CaseError("«" + name + "» har ugyldig verdi " + echo(value) + " (tillatt: " +
                    allowed.map(function (a) { return py.repr(a); }).join(", ") + ")");
  }

  function days(name, value) {
    if (typeof value !== "number" || !Number.isSafeInteger(value)) {  // larger whole numbers are floats in Python
      throw CaseError("«" + name + "» skal være et helt antall dager, fikk " + echo(value));
    }
    if (value < 0) throw CaseError("«" + name + "» kan ikke være negativ, fikk " + echo(value));
    return value;
  }

  function yesNo(name, value) {
    if (typeof value === "boolean") return value;
    throw CaseError("«" + name + "» skal være ja eller nei (eller true/false), fikk " + echo(value));
  }

  /* The typed sak (the Sak model's fields in their order, as pydantic checks them). */
  function parseSak(data) {
    var sak = {}, received = get(data, "vedtak_mottatt");
    if (typeof received === "string" && ISO_DATE.test(received) && py.fromIsoFormat(received) === null) {
      throw CaseError("«vedtak_mottatt» er ikke en gyldig dato: " + py.repr(received));
    }
    var check = {
      utfall: function (v) { return literal("utfall", v, UTFALL); },
      egenandel: function (v) { return yesNo("egenandel", v); },
      forventet_varighet_dager: function (v) { return days("forventet_varighet_dager", v); },
      forventet_saksbehandlingstid_dager: function (v) { return days("forventet_saksbehandlingstid_dager", v); },
      vedtak_mottatt: function (v) {
        if (typeof v === "boolean") {
          throw CaseError("«vedtak_mottatt» skal ikke være ja/nei, men YAML leste " + echo(v) + ": sett verdien i anførselstegn");
        }
        if (typeof v === "string" && ISO_DATE.test(v)) return py.fromIsoFormat(v);
        throw CaseError("«vedtak_mottatt» skal være en dato (ÅÅÅÅ-MM-DD), fikk " + echo(v));
      },
      endring: function (v) { return literal("endring", v, ENDRING); },
      enig_med_bruker: function (v) { return yesNo("enig_med_bruker", v); },
      beskrevet_i_vedtaket: function (v) { return yesNo("beskrevet_i_vedtaket", v); },
      gitt_etter_helse_og_omsorgstjenesteloven: function (v) { return yesNo("gitt_etter_helse_og_omsorgstjenesteloven", v); },
      gitt_som_avlastning: function (v) { return yesNo("gitt_som_avlastning", v); },
      etter_brukers_onske: function (v) { return yesNo("etter_brukers_onske", v); }
    };
    Object.keys(check).forEach(function (name) {
      var v = get(data, name);
      if (v !== null && YES_NO_FIELDS.indexOf(name) >= 0 &&
          typeof v === "string" && has(YES_NO, py.strip(v).toLowerCase())) {
        v = YES_NO[py.strip(v).toLowerCase()];
      }
      sak[name] = v === null ? null : check[name](v);
    });
    return sak;
  }

  /* kb/oslo/procedure.py's check_bounds(): a whole number outside its field's min/max. */
  function checkBounds(sak, data) {
    data.saksfelter.forEach(function (f) {
      var v = sak[f.felt];
      if (f.type !== "heltall" || typeof v !== "number") return;
      var low = f.min === undefined || f.min === null ? null : f.min, high = f.max === undefined || f.max === null ? null : f.max;
      if ((low !== null && v < low) || (high !== null && v > high)) {
        throw CaseError("«" + f.felt + "» må være mellom " + (low === null ? "…" : low) + " og " +
                        (high === null ? "…" : high) + (f.enhet ? " " + f.enhet : "") + ", fikk " + v);
      }
    });
  }

  function parseCase(c, data) {
    if (!isMapping(c)) throw CaseError(common.NOT_A_MAPPING);
    rejectUnknownKeys(c, data.case_keys);
    var sid = get(c, "tjeneste");
    if (sid !== null) {
      if (typeof sid !== "string") throw CaseError("«tjeneste» skal være en tjeneste-id (tekst), fikk " + py.repr(sid));
      if (data.service_ids.indexOf(sid) < 0) {
        throw CaseError("ukjent tjeneste «" + py.shorten(sid, 40) + "» (kjente: " + data.service_ids.join(", ") + ")");
      }
    }
    var raw = get(c, "sak");
    if (raw === null) raw = {};
    if (!isMapping(raw)) {
      throw CaseError("«sak» skal være en tabell (nøkkel: verdi), f.eks. «utfall: innvilget», fikk " + py.shown(raw));
    }
    rejectUnknownKeys(raw, data.sak_keys, "i «sak»");
    var sak = parseSak(raw);
    checkBounds(sak, data);
    if (sak.utfall === "opphor" && (sak.endring === "okning" || sak.endring === "forlengelse")) {
      throw CaseError("«utfall: opphor» og «endring: " + sak.endring + "» motsier hverandre: et opphør er verken " +
                      "en økning eller en forlengelse (rett ett av feltene)");
    }
    if (sak.gitt_som_avlastning === true && sak.egenandel === true) {
      throw CaseError("«egenandel: ja» og «gitt_som_avlastning: ja» motsier hverandre: avlastning er gratis " +
                      "(rett ett av feltene)");
    }
    if (sak.vedtak_mottatt !== null) {
      var year = +sak.vedtak_mottatt.slice(0, 4);
      if (year < data.vedtak_ar[0] || year > data.vedtak_ar[1]) {
        throw CaseError("«vedtak_mottatt» må være en dato mellom år " + data.vedtak_ar[0] + " og " + data.vedtak_ar[1] +
                        ", fikk " + sak.vedtak_mottatt);
      }
    }
    return { sid: sid, sak: sak };
  }

  function assessmentDate(c) {
    var when = get(c, "vurderingsdato");
    if (when === null) return today();
    var d = typeof when === "string" && ISO_DATE.test(when) ? py.fromIsoFormat(when) : null;
    if (d === null) throw CaseError("«vurderingsdato» skal være en dato (ÅÅÅÅ-MM-DD), fikk " + py.shown(when));
    return d;
  }

  /* --- the context (CaseContext.build) ----------------------------------------------------- */

  /* A case field's value in words (plain_value): a choice by its label, a date as dd.mm.åååå. */
  function plainValue(f, value) {
    if (f && f.type === "valg") return f.valg && has(f.valg, String(value)) ? f.valg[String(value)] : py.str(value);
    if (f && f.type === "dato") { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value)); return m ? m[3] + "." + m[2] + "." + m[1] : py.str(value); }
    return typeof value === "boolean" ? (value ? "ja" : "nei") : py.str(value);
  }

  /* A case field's label (field_label). */
  function fieldLabel(ctx, name) {
    var f = has(ctx.felt, name) ? ctx.felt[name] : null;
    return f && f.etikett ? f.etikett : name.replace(/_/g, " ");
  }

  function context(data, sid, sak, when) {
    var t = sid && has(data.tjenester, sid) ? data.tjenester[sid] : null;
    var facts = {}, texts = {};
    Object.keys(sak).forEach(function (k) { if (sak[k] !== null) facts[k] = sak[k]; });
    if (sak.utfall === "opphor" && sak.endring === null) facts.endring = "opphor";
    var felt = {};
    data.saksfelter.forEach(function (f) { felt[f.felt] = f; });
    Object.keys(facts).forEach(function (k) { texts[k] = plainValue(has(felt, k) ? felt[k] : null, facts[k]); });
    if (sak.etter_brukers_onske === null) facts.etter_brukers_onske = false;  // 2.9 only when the user said so
    if (sak.gitt_som_avlastning === true) {
      facts.egenandel = false;
      texts.egenandel_kilde = "tjenesten gis som avlastning, og avlastning er gratis (malkatalogen 4.1, mal 541: «" +
        data.avlastning_sitat + "»)";
    } else if (sak.egenandel !== null) texts.egenandel_kilde = "oppgitt i saken";
    else if (t && (t.egenandel_svar === "ja" || t.egenandel_svar === "nei")) {
      facts.egenandel = t.egenandel_svar === "ja";
      texts.egenandel_kilde = "fra tjenestens egenandel i kunnskapsbasen: «" + t.egenandel_tekst + "»";
    } else if (t && t.egenandel_svar === "ikke_omtalt") {
      facts.egenandel = false;
      texts.egenandel_kilde = IKKE_OMTALT;
    } else if (t) {
      texts.egenandel_kilde = "tjenestens egenandel avhenger av saken («" + t.egenandel_tekst + "»); " +
        "oppgi om tjenesten har egenandel";
    } else texts.egenandel_kilde = "saken sier ikke om tjenesten har egenandel";
    var navn = t ? t.navn : (sid || "tjenesten"), manglerSom = {};
    texts.lovstatus_ukjent = sid === null ? "Tjenesten er ikke oppgitt, så det er ukjent om den er lovpålagt." :
      !t ? "Kunnskapsbasen har ingen fil for tjenesten «" + sid + "» ennå, så det er ukjent om den er lovpålagt." : "";
    texts.lovstatus_grunn = navn;
    if (t && t.lovpalagt === "avhenger") {
      var given = sak.gitt_etter_helse_og_omsorgstjenesteloven;
      if (given === null) {
        manglerSom.lovpalagt = "gitt_etter_helse_og_omsorgstjenesteloven";
        texts.lovstatus_ukjent = "Det avhenger av saken om " + navn + " er lovpålagt, og saken sier ikke om " +
          "tjenesten gis som " + HOL_TJENESTE + ".";
      } else {
        facts.lovpalagt = given;
        texts.lovstatus_grunn = navn + " gis " + (given ? "" : "ikke ") + "som " + HOL_TJENESTE + " (oppgitt i saken)";
        texts.lovstatus_hvilken = "tjenesten gis " + (given ? "" : "ikke ") + "som " + HOL_TJENESTE;
      }
    } else if (t) {
      facts.lovpalagt = t.lovpalagt;
      texts.lovstatus_grunn = navn + " er " + (t.lovpalagt ? "" : "ikke ") + "lovpålagt";
    }
    texts.tjeneste_navn = navn;
    texts.tjeneste_eller_saker = t ? t.navn : (sid || "saker uten oppgitt tjeneste");
    texts.tjeneste_ukjent = sid === null ? "Tjenesten er ikke oppgitt" : !t ? "Kunnskapsbasen har ingen fil for " +
      "tjenesten «" + sid + "» ennå, så det er ukjent om den er lovpålagt" : "";
    return { data: data, sid: sid, sak: sak, when: when, facts: facts, texts: texts, felt: felt,
             parametre: valuesOn(data, when), manglerSom: manglerSom };
  }

  function fill(ctx, text, extra) {
    var values = Object.assign({}, ctx.texts, extra || {});
    return words(text.replace(PLACEHOLDER, function (m, name) {
      if (name.indexOf("p:") === 0) {
        var v = ctx.parametre[name.slice(2)];
        return v === undefined || v === null ? "?" : py.str(v);
      }
      if (name.indexOf("mal:") === 0) {
        var mal = ctx.data.maler[name.slice(4)];
        return mal ? mal.etikett : name.slice(4);
      }
      return has(values, name) ? values[name] : "ikke oppgitt";
    }));
  }

  function missingName(ctx, name) {
    if (has(ctx.manglerSom, name)) return ctx.manglerSom[name];
    var f = ctx.felt[name];
    return f && f.mangler_som ? f.mangler_som : name;
  }

  /* --- reasons (kb/oslo/reasons.py) -------------------------------------------------------- */

  function entry(ctx, question, rule, forklaring, mangler, over) {
    over = over || {};
    if (!rule) {
      return { svar: question, regel: over.regel || "ingen-regel", tekst: over.tekst || "",
               seksjon: over.seksjon === undefined ? null : over.seksjon, kilde: "", forklaring: forklaring, mangler: mangler };
    }
    return { svar: question, regel: over.regel || rule.id, tekst: over.tekst !== undefined ? over.tekst : rule.tekst,
             seksjon: over.seksjon !== undefined ? over.seksjon : rule.seksjon, kilde: rule.kilde,
             forklaring: forklaring, mangler: mangler };
  }

  /* --- deciding (kb/oslo/decide.py) ------------------------------------------------------- */

  function condition(s, ctx) {
    if (!s.nar) return rules.verdi(true);
    var v = rules.evaluateRule(s.nar, ctx.facts, null, ctx.parametre);
    if (v.verdi === null && v.mangler.length > 1) {
      v = rules.verdi(null, rules.decidingFacts(s.nar, ctx.facts, v.mangler, ctx.parametre), v.antatt);
    }
    return v;
  }

  function answerOf(s, ctx) {
    if (s.verdi_regel) {
      var v = rules.evaluateRule(s.verdi_regel, ctx.facts, null, ctx.parametre);
      return [v.verdi === null ? UNDECIDED : v.verdi, v.mangler];
    }
    if (s.malkatalog) return [["malkatalog", ctx.sid, get(ctx.facts, "utfall"), get(ctx.facts, "egenandel")], []];
    if (s.frist_uker) return [["frist", s.frist_uker.parameter, get(ctx.facts, "vedtak_mottatt")], []];
    if (s.mal !== undefined && s.mal !== null) return [["mal", py.str(s.mal)], []];
    return [s.verdi === undefined ? null : s.verdi, []];
  }

  function outcome(value, pair, mangler, antatt) {
    return { value: value, rule: pair ? pair.rule : null, svar: pair ? pair.svar : null, mangler: mangler, antatt: antatt };
  }

  function decide(entries, ctx, antatt) {
    antatt = antatt || [];
    if (!entries.length) return outcome(UNDECIDED, null, [], antatt.slice());
    var pair = entries[0], rest = entries.slice(1), s = pair.svar;
    var c = condition(s, ctx);
    var seen = unique(antatt.concat(c.antatt));
    if (c.verdi === true) {
      var a = answerOf(s, ctx);
      return outcome(a[0], pair, a[1].map(function (n) { return missingName(ctx, n); }), seen);
    }
    if (c.verdi === false) return decide(rest, ctx, seen);
    var b = answerOf(s, ctx), other = decide(rest, ctx, seen);
    if (b[0] !== UNDECIDED && same(other.value, b[0])) return other;
    var missing = unique(c.mangler.concat(b[1]).map(function (n) { return missingName(ctx, n); }));
    return outcome(UNDECIDED, pair, missing, seen);
  }

  function entriesFor(ctx, question) {
    return ctx.data.svar[question].map(function (s) { return { rule: ctx.data.regler[s.regel], svar: s }; });
  }

  function reason(ctx, question, o, undecided, extra, forklaring) {
    var s = o.svar, text;
    if (undecided) text = s && s.ukjent ? s.ukjent : (ctx.data.sporsmal[question] || "");
    else {
      text = forklaring !== undefined ? forklaring : s.forklaring;
      if (o.antatt.length && s.ved_tvil) text = s.ved_tvil;
    }
    var filled = fill(ctx, text, Object.assign({}, extra || {}, { antatt: o.antatt.map(function (n) { return fieldLabel(ctx, n); }).join(" og ") }));
    var mangler = unique(o.mangler.concat(undecided ? [] : o.antatt.map(function (n) { return missingName(ctx, n); })));
    return entry(ctx, question, o.rule, filled, mangler);
  }

  function decideQuestion(ctx, question) {
    var o = decide(entriesFor(ctx, question), ctx);
    if (o.value === UNDECIDED) return [null, [reason(ctx, question, o, true)]];
    return realize(question, o, ctx);
  }

  function realize(question, o, ctx) {
    var value = o.value;
    if (Array.isArray(value) && value[0] === "malkatalog") return choose(ctx, o, question);
    if (Array.isArray(value) && value[0] === "frist") return deadline(ctx, o, question, value[1], value[2]);
    var reasons;
    if (Array.isArray(value) && value[0] === "mal") {
      var mal = ctx.data.maler[value[1]];
      value = { id: mal.id, navn: mal.navn };
      reasons = [reason(ctx, question, o, false, { svar: mal.etikett })];
    } else reasons = [reason(ctx, question, o, false, { svar: value === null ? "" : py.str(value) })];
    (o.svar.tillegg || []).forEach(function (t) {
      reasons.push(entry(ctx, question, ctx.data.regler[t.regel], fill(ctx, t.forklaring), []));
    });
    return [value, reasons];
  }

  /* --- the template catalogue (kb/oslo/catalogue.py) -------------------------------------- */

  function options(mappings, fee) {
    return unique(mappings.filter(function (m) { return m.egenandel === null || m.egenandel === fee; })
      .map(function (m) { return m.mal; })).sort();
  }

  function choose(ctx, o, question) {
    var data = ctx.data, sid = ctx.sid, utfall = get(ctx.facts, "utfall"), fee = get(ctx.facts, "egenandel");
    var mappings = data.tjenestemaler.filter(function (m) {
      return m.utfall === utfall && (m.tjenester === "alle" || (sid !== null && m.tjenester.indexOf(sid) >= 0));
    });
    function catalogueReason(text, missing) {
      return entry(ctx, question, o.rule, text, missing, { regel: "malkatalog", tekst: data.katalog_tekst, seksjon: "4.1" });
    }
    if (fee === null && !same(options(mappings, true), options(mappings, false))) {
      return [null, [catalogueReason("Malen avhenger av om tjenesten har egenandel, og " + ctx.texts.egenandel_kilde + ".",
                                     ["egenandel"])]];
    }
    var opts = fee !== null ? options(mappings, fee) : unique(options(mappings, true).concat(options(mappings, false)));
    var service = ctx.texts.tjeneste_eller_saker, utfallText = has(ctx.texts, "utfall") ? ctx.texts.utfall : "ikke oppgitt";
    if (opts.length !== 1) {
      var what = opts.length ? "flere" : "ingen";
      var feeText = fee === null ? "" : (fee ? " med egenandel" : " uten egenandel");
      return [null, [catalogueReason("Malkatalogen (4.1) nevner " + what + " vedtaksmal for utfallet «" + utfallText +
                                     "» for " + service + feeText + ". Velg mal selv.", sid === null ? ["tjeneste"] : [])]];
    }
    var mal = data.maler[opts[0]];
    var used = mappings.find(function (m) { return m.mal === opts[0] && (fee === null || m.egenandel === null || m.egenandel === fee); });
    var note = "";
    if (utfall === "innvilget" && decideQuestion(ctx, "enkeltvedtak_kreves")[0] === false) {
      note = " Enkeltvedtak kreves ikke; malen gjelder hvis bydelen likevel fletter et vedtaksbrev.";
    }
    var feeDecides = !same(options(mappings, true), options(mappings, false));  // an avslag's template has no fee
    var feeNote = fee === null || ctx.sak.egenandel !== null || !feeDecides ? "" : " Egenandel: " + ctx.texts.egenandel_kilde + ".";
    if (used.forbehold) note += " " + words(used.forbehold);
    var r = entry(ctx, question, o.rule, "Utfall «" + utfallText + "» for " + service + ": " + mal.etikett + "." + feeNote + note,
                  [], { regel: mal.anker, tekst: used.sitat, seksjon: mal.gruppe });
    r.kilde = mal.kilde;
    return [{ id: mal.id, navn: mal.navn }, [r]];
  }

  /* --- klagefrist (kb/rules/deadlines.py: domstolloven §§ 148–149) ------------------------ */

  function parseDay(iso) { return new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10))); }
  function isoOf(d) { return d.toISOString().slice(0, 10); }
  function weekday(d) { return (d.getUTCDay() + 6) % 7; }
  function norskDato(d) { return WEEKDAYS[weekday(d)] + " " + d.getUTCDate() + ". " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }

  function OutOfRange(table, mottatt) {
    var e = new Error("Klagefristen kan ikke regnes ut her for et vedtak mottatt " + mottatt + ": tabellen over " +
                      "helligdager i nettleseren gjelder årene " + table.fra_ar + "–" + table.til_ar +
                      ". Bruk «kb procedure» for andre år.");
    e.name = "RangeError";
    return e;
  }

  var holidayYears = new WeakMap();

  /* The holidays of `year` from the exported table (kb/site/export_oslo.py's holiday_table):
     «MMDD» → name, unpacked once per year. */
  function holidaysOf(table, year) {
    var years = holidayYears.get(table);
    if (!years) { years = {}; holidayYears.set(table, years); }
    if (!has(years, year)) {
      var days = {};
      table.ar[year - table.fra_ar].split(" ").filter(Boolean).forEach(function (entry) {
        days[entry.slice(0, 4)] = table.navn[+entry.slice(5)];
      });
      years[year] = days;
    }
    return years[year];
  }

  function fridag(table, d, mottatt) {
    var year = d.getUTCFullYear();
    if (year < table.fra_ar || year > table.til_ar) throw OutOfRange(table, mottatt);
    var name = holidaysOf(table, year)[isoOf(d).slice(5, 7) + isoOf(d).slice(8, 10)];
    if (name) return name;
    return weekday(d) >= 5 ? "en " + WEEKDAYS[weekday(d)] : null;
  }

  function klagefrist(table, mottatt, lovpalagt, uker, hvilken) {
    var start = parseDay(mottatt);
    var siste = new Date(start.getTime() + uker * 7 * 86400000), dato = siste, skipped = [];
    var why;
    while ((why = fridag(table, dato, mottatt))) {
      skipped.push(norskDato(dato) + " er " + why);
      dato = new Date(dato.getTime() + 86400000);
    }
    if (hvilken === undefined || hvilken === null) hvilken = lovpalagt ? "tjenesten er lovpålagt" : "tjenesten er ikke lovpålagt";
    var text = ["Klagefristen er " + uker + " uker fra vedtaket ble mottatt " + norskDato(start) + " (" + hvilken + "; " +
                (lovpalagt ? LAW_STATUTORY : LAW_OTHER) + ").",
                "En frist i uker går ut på samme ukedag (domstolloven § 148): " + norskDato(siste) + "."];
    if (skipped.length) {
      text.push("Fristen forlenges til nærmeste virkedag fordi " + skipped.join(", ") + " (domstolloven § 149): " +
                norskDato(dato) + ".");
    }
    return { dato: isoOf(dato), forskjovet: skipped.length > 0, forklaring: text.join(" ") };
  }

  /* The klagefrist in the weeks in force on the day the decision was received (_deadline). */
  function deadline(ctx, o, question, parameter, mottatt) {
    if (mottatt === null) {
      var text = o.svar.forklaring.replace(/\.+$/, "") + "; datoen er ikke oppgitt.";
      return [null, [entry(ctx, question, o.rule, fill(ctx, text), ["vedtak_mottatt"])]];
    }
    var onDay = valuesOn(ctx.data, mottatt);
    var weeks = has(onDay, parameter) ? onDay[parameter] : ctx.parametre[parameter];
    var frist = klagefrist(ctx.data.fridager, mottatt, Boolean(get(ctx.facts, "lovpalagt")), weeks,
                           has(ctx.texts, "lovstatus_hvilken") ? ctx.texts.lovstatus_hvilken : null);
    var reasons = [entry(ctx, question, o.rule, frist.forklaring, [])];
    if (frist.forskjovet) {
      // The counting rule quotes the rule that gave the weeks (not always the four-week sentence).
      reasons.push(entry(ctx, question, ctx.data.regler.fristberegning || null,
                         "Siste dag var ikke en virkedag; fristen er forlenget etter domstolloven § 149.", [],
                         { tekst: o.rule.tekst }));
    }
    return [frist.dato, reasons];
  }

  /* --- the public function ---------------------------------------------------------------- */

  /* Answer a case against loaded data (synchronously; throws CaseError). */
  function answerCase(c, data) {
    var parsed = parseCase(c, data);
    var ctx = context(data, parsed.sid, parsed.sak, assessmentDate(c));
    var out = {}, begrunnelse = [];
    ANSWERS.forEach(function (q) {
      var r = decideQuestion(ctx, q);
      out[q] = r[0];
      begrunnelse = begrunnelse.concat(r[1]);
    });
    out.begrunnelse = begrunnelse;
    return out;
  }

  function procedure(sak) {
    return Promise.resolve().then(function () {
      return root.kb.engine.load("oslo").then(function (data) { return answerCase(sak, data); });
    });
  }

  var kb = root.kb || (root.kb = {});
  kb.procedure = procedure;
  kb.procedureEngine = { run: answerCase, klagefrist: klagefrist };
})(globalThis);
