/* Reglene i ord og begrunnelsestreet («begrunnelse») i nettleseren: speiler kb/rules/describe.py
   og kb/criteria/reasons.py. */
(function (root) {
  "use strict";

  var rules = root.kbRules, py = root.kbPy;
  var DECIDING = ["vilkar", "utelukker", "hovedregel_ikke", "provd_forst"];

  var has = root.kbCommon.has, unique = root.kbCommon.unique;

  /* --- describe (kb/rules/describe.py) ----------------------------------------------------- */

  function describe(regel, vocabulary, parametre) {
    if ("fakta" in regel) {
      var fact = vocabulary ? vocabulary[regel.fakta] : null, value = regel.verdi === undefined ? true : regel.verdi;
      var op = regel.op || "==";
      if (rules.isParameter(value)) value = has(parametre, value.parameter) ? parametre[value.parameter] : "[" + value.parameter + "]";
      if (typeof value === "boolean" && (op === "==" || op === "!=")) {
        return regel.fakta + " = " + ((op === "==") === value ? "ja" : "nei");
      }
      if (Array.isArray(value)) return regel.fakta + " er " + value.map(py.str).join(" eller ");
      var unit = fact && fact.enhet ? " " + fact.enhet : "";
      var shownOp = { "==": "=", "!=": "≠", "<=": "≤", ">=": "≥" }[op] || op;
      var shown = typeof value === "string" ? value : py.str(value).replace(".", ",");
      return regel.fakta + " " + shownOp + " " + shown + unit;
    }
    if ("alle" in regel) return regel.alle.map(function (r) { return paren(r, vocabulary, parametre); }).join(" og ");
    if ("noen" in regel) return regel.noen.map(function (r) { return paren(r, vocabulary, parametre); }).join(" eller ");
    if ("ikke" in regel) return "ikke " + paren(regel.ikke, vocabulary, parametre);
    if ("kriterium" in regel) return "[" + regel.kriterium + "]";
    return JSON.stringify(regel);
  }

  function paren(regel, vocabulary, parametre) {
    var text = describe(regel, vocabulary, parametre), parts = regel.alle || regel.noen;
    return parts && parts.length > 1 ? "(" + text + ")" : text;
  }

  /* --- the reason tree (kb/criteria/reasons.py) -------------------------------------------- */

  function valueText(value) {
    if (typeof value === "boolean") return value ? "ja" : "nei";
    if (typeof value === "number" && !Number.isSafeInteger(value)) return py.formatG(value).replace(".", ",");
    return py.str(value);
  }

  /* A fact's label (words.etikett). */
  function label(name, vocabulary) {
    var fact = vocabulary && has(vocabulary, name) ? vocabulary[name] : null;
    return fact && fact.etikett ? fact.etikett : name.replace(/_/g, " ");
  }

  /* One comparison in words, the fact by its label and with its unit: «alder 70 år, grensen er
     under 67 år», «kan være arbeidsleder: ja» or «alder er ikke kartlagt». */
  function leafText(regel, facts, parametre, vocabulary, ord) {
    var name = regel.fakta, value = has(facts, name) ? facts[name] : null, shown = label(name, vocabulary);
    if (value === null || value === undefined) return shown + " er ikke kartlagt";
    var limit = rules.operand(regel, parametre);
    if (typeof limit === "boolean") return shown + ": " + valueText(value);
    var fact = vocabulary && has(vocabulary, name) ? vocabulary[name] : null;
    var unit = fact && fact.enhet ? " " + fact.enhet : "";
    if (Array.isArray(limit)) return shown + " " + valueText(value) + unit + " (gjelder " + limit.map(valueText).join(", ") + ")";
    if (typeof limit === "string") return shown + ": " + valueText(value) + unit;
    return shown + " " + valueText(value) + unit + ", grensen er " + ord.grense[regel.op || "=="] + " " + valueText(limit) + unit;
  }

  function ruleNode(regel, ctx) {
    var v = rules.evaluateRule(regel, ctx.facts, ctx.valueOf, ctx.parametre);
    var node = { regel: describe(regel, ctx.vocabulary, ctx.parametre), verdi: v.verdi };
    if ("fakta" in regel) {
      var known = has(ctx.facts, regel.fakta) ? ctx.facts[regel.fakta] : null, fakta = {};
      if (known !== null) fakta[regel.fakta] = known;
      node.fakta = fakta;
      node.mangler = known !== null ? [] : [regel.fakta];
      node.tekst = leafText(regel, ctx.facts, ctx.parametre, ctx.vocabulary, ctx.ord);
      node.barn = [];
      return node;
    }
    var children;
    if ("kriterium" in regel) {
      node.kriterium = regel.kriterium;
      var target = ctx.rules[regel.kriterium];
      children = target ? [ruleNode(target, ctx)] : [];
    } else {
      var parts = regel.alle || regel.noen || [regel.ikke];
      children = parts.map(function (r) { return ruleNode(r, ctx); });
    }
    node.fakta = {};
    children.forEach(function (c) { Object.keys(c.fakta).forEach(function (k) { node.fakta[k] = c.fakta[k]; }); });
    node.mangler = v.mangler.slice();
    node.tekst = decidingTexts(regel, node, children).join("; ");
    node.barn = children;
    return node;
  }

  /* The texts of the parts that decide a node's value (the failing part of an «og» …), each
     once (a fact two parts lack is named once). */
  function decidingTexts(regel, node, children) {
    if ("alle" in regel && node.verdi === false) children = children.filter(function (c) { return c.verdi === false; });
    else if ("noen" in regel && node.verdi === true) children = children.filter(function (c) { return c.verdi === true; }).slice(0, 1);
    else if (node.verdi === null) children = children.filter(function (c) { return c.verdi === null; });
    var parts = [];
    children.forEach(function (c) {
      if (c.tekst) c.tekst.split("; ").forEach(function (p) { if (parts.indexOf(p) < 0) parts.push(p); });
    });
    return parts;
  }

  function criterionNode(result, art, rule, ctx) {
    var node = { kriterium: result.id, art: art, verdi: result.status, mangler: result.mangler.slice(), kilde: result.kilde };
    if (!rule) {
      node.fakta = {}; node.tekst = "vurderes av saksbehandler (skjønn)"; node.barn = [];
      return node;
    }
    var inner = ruleNode(rule, ctx);
    node.fakta = inner.fakta; node.tekst = inner.tekst; node.barn = [inner];
    return node;
  }


  function merged(nodes) {
    var out = {};
    nodes.forEach(function (n) { Object.keys(n.fakta).forEach(function (k) { out[k] = n.fakta[k]; }); });
    return out;
  }

  /* The whole reason tree of one evaluation. `details` are the criterion results with their art;
     ctx = {facts, parametre, valueOf, vocabulary, rules}. */
  /* «Rett etter <the law>» when the law's own conditions decide the right (right_heading). */
  function rightHeading(details) {
    var laws = [];
    details.forEach(function (d) {
      if (d.art !== "lovvilkar") return;
      d.resultat.lovhenvisninger.forEach(function (l) { if (laws.indexOf(l) < 0) laws.push(l); });
    });
    return laws.length ? "Rett etter " + laws.join(" og ") : "Rettskrav";
  }

  /* The guidance's answer (utfall_text); `overskrift` names another criteria set's guidance. */
  function utfallText(utfall, ord, overskrift) {
    return (overskrift || ord.regionale) + ": " + ord.utfall[utfall][0] + " – " + ord.utfall[utfall][1];
  }

  var UNKNOWN = " er ikke kartlagt";

  /* The law's answer: «Rett etter …: Nei – alder 70 år, grensen er under 67 år. …» (right_text). */
  function rightText(heading, rettskrav, inner, without, ord) {
    var parts = inner ? inner.split("; ") : [];
    var ends = function (p) { return p.length >= UNKNOWN.length && p.slice(-UNKNOWN.length) === UNKNOWN; };
    var unknown = parts.filter(ends).map(function (p) { return p.slice(0, -UNKNOWN.length); });
    if (unknown.length > 1) parts = parts.filter(function (p) { return !ends(p); }).concat(["ikke kartlagt: " + unknown.join(", ")]);
    inner = parts.join("; ");
    var text = heading + ": " + ord.rett[String(rettskrav)] + (inner ? " – " + inner + "." : ".");
    if (rettskrav === false && without) text += " Kommunen kan likevel vurdere å tildele tjenesten etter skjønn.";
    return text;
  }

  /* The whole reason tree of one evaluation; its tekst gives the law's answer first. `details`
     are the criterion results with their art; ctx = {facts, parametre, valueOf, vocabulary, rules, ord, overskrift}. */
  function tree(service, details, utfall, rettskrav, ctx) {
    var criteria = details.filter(function (d) { return d.art !== "rettskrav" && d.art !== "lovvilkar"; }).map(function (d) {
      return criterionNode(d.resultat, d.art, ctx.rules[d.resultat.id] || null, ctx);
    });
    var deciding = criteria.filter(function (c) {
      return (c.verdi === "ikke_oppfylt" || c.verdi === "uavklart") && DECIDING.indexOf(c.art) >= 0;
    });
    var branches = [{ id: "utfall", beskrivelse: "Oppfyller saken kriteriene for " + service.navn + "?", verdi: utfall,
      tekst: utfallText(utfall, ctx.ord, ctx.overskrift), fakta: {},
      mangler: unique([].concat.apply([], deciding.map(function (c) { return c.mangler; }))), barn: criteria }];
    var tekst = branches[0].tekst;
    if (service.rettskrav) {
      var inner = ruleNode(service.rettskrav, ctx);
      var without = service.uten_rettskrav === undefined ? null : service.uten_rettskrav;
      var text = rightText(rightHeading(details), rettskrav, inner.tekst, !!without, ctx.ord);
      branches.push({ id: "rettskrav", beskrivelse: "Har søker rettskrav på " + (service.kortnavn || service.navn) + "?",
        verdi: rettskrav, tekst: text, fakta: inner.fakta, mangler: inner.mangler, uten_rettskrav: without, barn: [inner] });
      tekst = text + " " + tekst;
    }
    return { id: service.id, beskrivelse: "Vurdering av " + service.navn + " (veiledende)", verdi: utfall,
      tekst: tekst, fakta: merged(branches),
      mangler: unique([].concat.apply([], branches.map(function (b) { return b.mangler; }))), barn: branches };
  }

  root.kbReasons = { describe: describe, tree: tree, formatG: py.formatG, label: label, valueText: valueText };
})(globalThis);
