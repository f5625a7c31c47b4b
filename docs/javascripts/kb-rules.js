/* Regeltolkeren i nettleseren: speiler kb/rules/interpreter.py funksjon for funksjon.
   Reglene er data (eksportert ved bygging), aldri kode. Tre verdier: true, false, null (ukjent),
   med de manglende opplysningene som kan avgjøre et ukjent svar. Ingen eksterne ressurser. */
(function (root) {
  "use strict";

  var OPS = {
    "<": function (a, b) { return a < b; },
    "<=": function (a, b) { return a <= b; },
    ">": function (a, b) { return a > b; },
    ">=": function (a, b) { return a >= b; },
    "==": function (a, b) { return a === b; },
    "!=": function (a, b) { return a !== b; },
    "i": function (a, b) { return b.indexOf(a) >= 0; }
  };
  var MAX_ASSIGNMENTS = 4096;

  /* The value of a rule: verdi is true, false or null; mangler the deciding missing facts;
     antatt the missing facts a ved_tvil presumption decided (reported, never hidden). */
  function verdi(v, mangler, antatt) { return { verdi: v, mangler: mangler || [], antatt: antatt || [] }; }

  function isMissing(fakta, name) {
    return !Object.prototype.hasOwnProperty.call(fakta, name) || fakta[name] === null || fakta[name] === undefined;
  }

  function union(parts, field) {
    var seen = [];
    parts.forEach(function (p) {
      p[field || "mangler"].forEach(function (n) { if (seen.indexOf(n) < 0) seen.push(n); });
    });
    return seen;
  }

  function isParameter(v) { return v !== null && typeof v === "object" && !Array.isArray(v) && "parameter" in v; }

  /* The value a comparison compares with: its literal, or the parameter's value in `parametre`. */
  function operand(regel, parametre) {
    var v = regel.verdi === undefined ? true : regel.verdi;
    if (isParameter(v)) {
      if (!parametre || !Object.prototype.hasOwnProperty.call(parametre, v.parameter)) {
        throw new Error("parameteren «" + v.parameter + "» har ingen verdi på vurderingsdatoen");
      }
      return parametre[v.parameter];
    }
    return v;
  }

  function compare(regel, value, parametre) { return Boolean(OPS[regel.op || "=="](value, operand(regel, parametre))); }

  /* Evaluate a rule against the known facts; `kriterium` resolves {kriterium: id}; `parametre`
     holds the parameters' values on the assessment date. */
  function evaluateRule(regel, fakta, kriterium, parametre) {
    if ("fakta" in regel) {
      if (isMissing(fakta, regel.fakta)) {
        return regel.ved_tvil === "usann" ? verdi(false, [], [regel.fakta]) : verdi(null, [regel.fakta]);
      }
      return verdi(compare(regel, fakta[regel.fakta], parametre));
    }
    var parts, unknown, decided;
    var ev = function (r) { return evaluateRule(r, fakta, kriterium, parametre); };
    var presumed = function (ps) { return ps.some(function (p) { return !p.antatt.length; }) ? [] : union(ps, "antatt"); };
    if ("alle" in regel || "noen" in regel) {
      var all = "alle" in regel, target = !all;
      parts = (all ? regel.alle : regel.noen).map(ev);
      decided = parts.filter(function (p) { return p.verdi === target; });
      if (decided.length) return verdi(target, [], presumed(decided));  // a part decides alone
      unknown = parts.filter(function (p) { return p.verdi === null; });
      return unknown.length ? verdi(null, union(unknown), union(parts, "antatt")) : verdi(!target, [], union(parts, "antatt"));
    }
    if ("ikke" in regel) {
      var inner = ev(regel.ikke);
      return inner.verdi === null ? inner : verdi(!inner.verdi, [], inner.antatt);
    }
    if ("kriterium" in regel) {
      if (!kriterium) throw new Error("kriterium-referanse «" + regel.kriterium + "» uten oppslag");
      return kriterium(regel.kriterium);
    }
    throw new TypeError("ukjent regel: " + JSON.stringify(regel));
  }

  /* Every comparison of a fact in a rule, depth first (criterion references not followed). */
  function comparisons(regel, out) {
    out = out || [];
    if ("fakta" in regel) out.push(regel);
    else if ("alle" in regel) regel.alle.forEach(function (r) { comparisons(r, out); });
    else if ("noen" in regel) regel.noen.forEach(function (r) { comparisons(r, out); });
    else if ("ikke" in regel) comparisons(regel.ikke, out);
    return out;
  }

  function factsUsed(regel) { return comparisons(regel).map(function (n) { return n.fakta; }); }

  /* The rule with every {kriterium: id} replaced by that criterion's rule. */
  function expand(regel, lookup) {
    if ("kriterium" in regel) return expand(lookup(regel.kriterium), lookup);
    if ("alle" in regel) return { alle: regel.alle.map(function (r) { return expand(r, lookup); }) };
    if ("noen" in regel) return { noen: regel.noen.map(function (r) { return expand(r, lookup); }) };
    if ("ikke" in regel) return { ikke: expand(regel.ikke, lookup) };
    return regel;
  }

  /* True when a fact occurs more than once in an (expanded) rule. */
  function hasSharedFacts(regel) {
    var names = factsUsed(regel);
    return names.length !== new Set(names).size;
  }

  /* Cartesian product of arrays, in itertools.product order. */
  function product(lists) {
    var out = [[]];
    lists.forEach(function (values) {
      var next = [];
      out.forEach(function (prefix) {
        values.forEach(function (v) { next.push(prefix.concat([v])); });
      });
      out = next;
    });
    return out;
  }

  var decidingCache = new Map();

  /* The missing facts that can actually change the value of an (expanded) rule
     (see deciding_facts in kb/rules/interpreter.py); memoised on the comparisons' outcomes. */
  function decidingFacts(regel, fakta, missing, parametre) {
    if (missing.length < 2) return missing;
    var nodes = comparisons(regel);
    var outcomes = nodes.map(function (n) { return isMissing(fakta, n.fakta) ? null : compare(n, fakta[n.fakta], parametre); });
    var constants = nodes.filter(function (n) { return isParameter(n.verdi); }).map(function (n) { return operand(n, parametre); });
    var perRule = decidingCache.get(regel);
    if (!perRule) { perRule = new Map(); decidingCache.set(regel, perRule); }
    var key = JSON.stringify([missing, outcomes, constants]);
    if (!perRule.has(key)) perRule.set(key, computeDecidingFacts(regel, fakta, missing, parametre));
    return perRule.get(key);
  }

  function computeDecidingFacts(regel, fakta, missing, parametre) {
    var candidates = {};
    missing.forEach(function (name) { candidates[name] = []; });
    comparisons(regel).forEach(function (node) {
      if (!Object.prototype.hasOwnProperty.call(candidates, node.fakta)) return;
      var c = operand(node, parametre), list = candidates[node.fakta];
      if (typeof c === "boolean") list.push(true, false);
      else if (typeof c === "string") list.push(c, "\u0000annet");
      else if (Array.isArray(c)) list.push.apply(list, c.concat(["\u0000annet"]));
      else list.push(c - 0.5, c, c + 0.5);
    });
    var total = 1;
    var values = missing.map(function (name) {
      var seen = [];
      candidates[name].forEach(function (v) { if (seen.indexOf(v) < 0) seen.push(v); });
      if (!seen.length) seen = [null];
      total *= seen.length;
      return seen;
    });
    if (total > MAX_ASSIGNMENTS) return missing;
    var combos = product(values);
    var results = combos.map(function (combo) {
      var facts = Object.assign({}, fakta);
      missing.forEach(function (name, i) { facts[name] = combo[i]; });
      return evaluateRule(regel, facts, null, parametre).verdi;
    });
    return missing.filter(function (name, i) {
      var groups = new Map();
      return combos.some(function (combo, j) {
        var rest = JSON.stringify(combo.slice(0, i).concat(combo.slice(i + 1)));
        if (!groups.has(rest)) { groups.set(rest, results[j]); return false; }
        return groups.get(rest) !== results[j];
      });
    });
  }

  root.kbRules = {
    evaluateRule: evaluateRule, expand: expand, hasSharedFacts: hasSharedFacts, operand: operand,
    decidingFacts: decidingFacts, factsUsed: factsUsed, comparisons: comparisons, verdi: verdi, isParameter: isParameter
  };
})(globalThis);
