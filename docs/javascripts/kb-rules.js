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
    "!=": function (a, b) { return a !== b; }
  };
  var MAX_ASSIGNMENTS = 4096;

  /* The value of a rule: verdi is true, false or null; mangler the deciding missing facts. */
  function verdi(v, mangler) { return { verdi: v, mangler: mangler || [] }; }

  function isMissing(fakta, name) {
    return !Object.prototype.hasOwnProperty.call(fakta, name) || fakta[name] === null || fakta[name] === undefined;
  }

  function union(parts) {
    var seen = [];
    parts.forEach(function (p) {
      p.mangler.forEach(function (n) { if (seen.indexOf(n) < 0) seen.push(n); });
    });
    return seen;
  }

  /* The comparison's constant (a parameter reference is resolved by the caller's `verdi`). */
  function constant(regel) { return regel.verdi === undefined ? true : regel.verdi; }

  /* Evaluate a rule against the known facts; `kriterium` resolves {kriterium: id}. */
  function evaluateRule(regel, fakta, kriterium) {
    if ("fakta" in regel) {
      if (isMissing(fakta, regel.fakta)) return verdi(null, [regel.fakta]);
      return verdi(Boolean(OPS[regel.op || "=="](fakta[regel.fakta], constant(regel))));
    }
    var parts, unknown;
    if ("alle" in regel) {
      parts = regel.alle.map(function (r) { return evaluateRule(r, fakta, kriterium); });
      if (parts.some(function (p) { return p.verdi === false; })) return verdi(false);
      unknown = parts.filter(function (p) { return p.verdi === null; });
      return unknown.length ? verdi(null, union(unknown)) : verdi(true);
    }
    if ("noen" in regel) {
      parts = regel.noen.map(function (r) { return evaluateRule(r, fakta, kriterium); });
      if (parts.some(function (p) { return p.verdi === true; })) return verdi(true);
      unknown = parts.filter(function (p) { return p.verdi === null; });
      return unknown.length ? verdi(null, union(unknown)) : verdi(false);
    }
    if ("ikke" in regel) {
      var inner = evaluateRule(regel.ikke, fakta, kriterium);
      return inner.verdi === null ? inner : verdi(!inner.verdi);
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
  function decidingFacts(regel, fakta, missing) {
    if (missing.length < 2) return missing;
    var outcomes = comparisons(regel).map(function (n) {
      return isMissing(fakta, n.fakta) ? null : OPS[n.op || "=="](fakta[n.fakta], constant(n));
    });
    var perRule = decidingCache.get(regel);
    if (!perRule) { perRule = new Map(); decidingCache.set(regel, perRule); }
    var key = JSON.stringify([missing, outcomes]);
    if (!perRule.has(key)) perRule.set(key, computeDecidingFacts(regel, fakta, missing));
    return perRule.get(key);
  }

  function computeDecidingFacts(regel, fakta, missing) {
    var candidates = {};
    missing.forEach(function (name) { candidates[name] = []; });
    comparisons(regel).forEach(function (node) {
      if (!Object.prototype.hasOwnProperty.call(candidates, node.fakta)) return;
      var c = constant(node);
      if (typeof c === "boolean") candidates[node.fakta].push(true, false);
      else candidates[node.fakta].push(c - 0.5, c, c + 0.5);
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
      return evaluateRule(regel, facts).verdi;
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
    evaluateRule: evaluateRule, expand: expand, hasSharedFacts: hasSharedFacts,
    decidingFacts: decidingFacts, factsUsed: factsUsed, comparisons: comparisons, verdi: verdi
  };
})(globalThis);
