/* Hjelpere som begge motorene i nettleseren (kb-evaluate.js, kb-procedure.js) og skjemaene deler:
   globalThis.kbCommon. Lastes først; hver hjelper finnes bare her (tests/test_engine_parity.py
   sjekker at ingen funksjon er definert i to filer). Ingen eksterne ressurser. */
(function (root) {
  "use strict";

  /* A bad case: the CLI's one-line message (kb/reading/casefile.py's CaseError and one_line). */
  /* The message for a case that is not a mapping (kb/reading/casefile.py's NOT_A_MAPPING). */
  var NOT_A_MAPPING = "saksfilen skal være en tabell (nøkkel: verdi), f.eks. «tjeneste: bpa»";

  function CaseError(message) {
    var e = new Error(root.kbPy.oneLine(message));
    e.name = "CaseError";
    return e;
  }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /* obj[key], or null when it is missing (Python's dict.get). */
  function get(obj, key) { return has(obj, key) && obj[key] !== undefined ? obj[key] : null; }

  /* A plain object (a mapping read from JSON or built by a form), not an array or a class. */
  function isMapping(v) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    var proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  /* Python's order of strings (by code point; JavaScript's sort() compares UTF-16 units). */
  function byCodePoint(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  /* A mapping's keys in the order both engines check them: sorted by code point, so the order a
     case was written in (which JavaScript does not keep for keys like «1») never changes which
     error comes first (kb/reading/casefile.py's checked_order). */
  function checkedOrder(data) { return Object.keys(data).sort(byCodePoint); }

  /* CaseError for the first key (in checked order) of `data` not in `allowed`; `where` names the
     mapping in the message (e.g. «i «sak»»). */
  function rejectUnknownKeys(data, allowed, where) {
    checkedOrder(data).forEach(function (key) {
      if (allowed.indexOf(key) < 0) {
        throw CaseError("ukjent felt «" + root.kbPy.shorten(key, 40) + "»" + (where ? " " + where : "") +
                        " (tillatt: " + allowed.slice().sort(byCodePoint).join(", ") + ")");
      }
    });
  }

  var valuesCache = new WeakMap();

  /* Every parameter's value in force on `when` (values_on): the last value whose `fra` is missing
     or not after the date; parameters with none are left out. `holder.parametre` is the exported
     list; the answer is kept per holder and date. */
  function valuesOn(holder, when) {
    var perDate = valuesCache.get(holder);
    if (!perDate) { perDate = new Map(); valuesCache.set(holder, perDate); }
    if (!perDate.has(when)) {
      var out = {};
      (holder.parametre || []).forEach(function (p) {
        var current = null;
        p.verdier.forEach(function (v) { if (!v.fra || v.fra <= when) current = v; });
        if (current) out[p.id] = current.verdi;
      });
      perDate.set(when, out);
    }
    return perDate.get(when);
  }

  /* Today's date as ÅÅÅÅ-MM-DD in local time (Python's date.today()). */
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  /* A DOM element with attributes and optional text (the forms and the vedtak draft). */
  function element(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* An ISO date as Norwegian text shows it: «2026-12-03» → «03.12.2026» (empty stays empty; anything
     else is shown as it is). */
  function shortDate(iso) {
    if (!iso) return "";
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? m[3] + "." + m[2] + "." + m[1] : String(iso);
  }

  /* A number as Norwegian text shows it: decimal comma (2.5 → «2,5»). */
  function decimal(value) { return String(value).replace(".", ","); }

  /* Runs of white space as one space, trimmed. */
  function squash(text) { return String(text).split(/\s+/).filter(Boolean).join(" "); }

  /* A criterion's source as a short reference: a document's title replaced by its short title
     (`kilder`: [{tittel, kort}], when given), the regional criteria as «Regionale kriterier, BPA ›
     Kriterier», any other document by its title before a dash. */
  function shortSource(kilde, kilder) {
    var out = String(kilde || "");
    (kilder || []).forEach(function (k) { if (out.indexOf(k.tittel) === 0) out = k.kort + out.slice(k.tittel.length); });
    var parts = out.split(" › ");
    if (/^Regionale/.test(parts[0]) && parts.length >= 3) {
      var service = parts[parts.length - 2], abbr = /\(([^)]+)\)$/.exec(service);
      return "Regionale kriterier, " + (abbr ? abbr[1] : service) + " › " + parts[parts.length - 1];
    }
    return kilder ? out.replace(/ › Tjenester › /, " › ") : parts[0].replace(/ – .*$/, "");
  }

  /* Copy `text` to the clipboard and say so in `status`; where the browser does not allow it, show
     the text selected in a text area for Ctrl+C (the forms' «Kopier» buttons, the vedtak draft).
     Nothing is sent or stored. `o`: {done, label, rows, className}. */
  function copyText(text, status, o) {
    var done = function () { status.textContent = o.done; };
    var fallback = function () {
      var area = element("textarea", { rows: String(o.rows || 10), "aria-label": o.label });
      if (o.className) area.className = o.className;
      area.value = text;
      status.textContent = "Kopier teksten under (Ctrl+C):";
      status.appendChild(area);
      area.focus();
      area.select();
    };
    if (root.navigator && navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  }

  root.kbCommon = { NOT_A_MAPPING: NOT_A_MAPPING, CaseError: CaseError, has: has, get: get, isMapping: isMapping, unique: unique,
    byCodePoint: byCodePoint, checkedOrder: checkedOrder, rejectUnknownKeys: rejectUnknownKeys,
    valuesOn: valuesOn, today: today, element: element, decimal: decimal, squash: squash,
    shortSource: shortSource, copyText: copyText,
    shortDate: shortDate };
})(globalThis);
