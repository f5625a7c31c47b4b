/* Reglene i ord og begrunnelsestreet («begrunnelse») i nettleseren: speiler kb/rules/describe.py
   og kb/criteria/reasons.py. */
(function (root) {
  "use strict";

  var rules = root.kbRules, py = root.kbPy;
  var JA_NEI = { "true": "ja", "false": "nei", "null": "uavklart" };
  var LIMIT = { "<": "under", "<=": "høyst", ">": "over", ">=": "minst", "==": "lik", "!=": "ulik" };
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

  /* One comparison in words: «alder 70, grensen er under 67» or «alder er ikke kartlagt». */
  function leafText(regel, facts, parametre) {
    var name = regel.fakta, value = has(facts, name) ? facts[name] : null;
    if (value === null || value === undefined) return name + " er ikke kartlagt";
    var limit = rules.operand(regel, parametre);
    if (typeof limit === "boolean") return name + ": " + valueText(value);
    if (Array.isArray(limit)) return name + ": " + py.str(value) + " (gjelder " + limit.map(py.str).join(", ") + ")";
    if (typeof limit === "string") return name + ": " + py.str(value);
    return name + " " + valueText(value) + ", grensen er " + LIMIT[regel.op || "=="] + " " + valueText(limit);
  }

  function ruleNode(regel, ctx) {
    var v = rules.evaluateRule(regel, ctx.facts, ctx.valueOf, ctx.parametre);
    var node = { regel: describe(regel, ctx.vocabulary, ctx.parametre), verdi: v.verdi };
    if ("fakta" in regel) {
      var known = has(ctx.facts, regel.fakta) ? ctx.facts[regel.fakta] : null, fakta = {};
      if (known !== null) fakta[regel.fakta] = known;
      node.fakta = fakta;
      node.mangler = known !== null ? [] : [regel.fakta];
      node.tekst = leafText(regel, ctx.facts, ctx.parametre);
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

  /* The texts of the parts that decide a node's value (the failing part of an «og» …). */
  function decidingTexts(regel, node, children) {
    if ("alle" in regel && node.verdi === false) children = children.filter(function (c) { return c.verdi === false; });
    else if ("noen" in regel && node.verdi === true) children = children.filter(function (c) { return c.verdi === true; });
    else if (node.verdi === null) children = children.filter(function (c) { return c.verdi === null; });
    return children.map(function (c) { return c.tekst; }).filter(Boolean);
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
  /* «Rettskrav etter <the law>» when the law's own conditions decide the right (right_heading). */
  function rightHeading(details) {
    var laws = [];
    details.forEach(function (d) {
      if (d.art !== "lovvilkar") return;
      d.resultat.lovhenvisninger.forEach(function (l) { if (laws.indexOf(l) < 0) laws.push(l); });
    });
    return laws.length ? "Rettskrav etter " + laws.join(" og ") : "Rettskrav";
  }

  function tree(service, details, utfall, rettskrav, ctx) {
    var criteria = details.filter(function (d) { return d.art !== "rettskrav" && d.art !== "lovvilkar"; }).map(function (d) {
      return criterionNode(d.resultat, d.art, ctx.rules[d.resultat.id] || null, ctx);
    });
    var deciding = criteria.filter(function (c) {
      return (c.verdi === "ikke_oppfylt" || c.verdi === "uavklart") && DECIDING.indexOf(c.art) >= 0;
    });
    var utfallText = {
      oppfylt: "kriteriene som kan sjekkes, er oppfylt; skjønnskriteriene vurderes av saksbehandler",
      ikke_oppfylt: "et vilkår er ikke oppfylt, eller noe utelukker tildeling",
      uavklart: "kan ikke avgjøres før opplysningene som mangler, er kartlagt"
    }[utfall];
    var branches = [{ id: "utfall", beskrivelse: "Oppfyller saken kriteriene for " + service.navn + "?", verdi: utfall,
      tekst: "Utfall: " + utfallText + ".", fakta: {},
      mangler: unique([].concat.apply([], deciding.map(function (c) { return c.mangler; }))), barn: criteria }];
    if (service.rettskrav) {
      var inner = ruleNode(service.rettskrav, ctx);
      var text = rightHeading(details) + ": " + JA_NEI[String(rettskrav)] + " (" + inner.tekst + ").";
      var without = service.uten_rettskrav === undefined ? null : service.uten_rettskrav;
      if (rettskrav === false && without) text += " Kommunen kan likevel vurdere å tildele tjenesten etter skjønn.";
      branches.push({ id: "rettskrav", beskrivelse: "Har søker rettskrav på " + (service.kortnavn || service.navn) + "?",
        verdi: rettskrav, tekst: text, fakta: inner.fakta, mangler: inner.mangler, uten_rettskrav: without, barn: [inner] });
    }
    return { id: service.id, beskrivelse: "Vurdering av " + service.navn + " (veiledende)", verdi: utfall,
      tekst: branches[0].tekst, fakta: merged(branches),
      mangler: unique([].concat.apply([], branches.map(function (b) { return b.mangler; }))), barn: branches };
  }

  root.kbReasons = { describe: describe, tree: tree, formatG: py.formatG };
})(globalThis);
