/* Python's way of writing values, for error messages that must read exactly as the command
   line's (kb evaluate): repr(), str(), date.fromisoformat() and the one-line escaping of
   kb/reading/casefile.py's fail(). A number with no fractional part is written as an integer:
   JavaScript cannot tell 3.0 from 3. */
(function (root) {
  "use strict";

  var NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

  function isPrintable(ch) { return ch === " " || !NON_PRINTABLE.test(ch); }

  function hex(n, width) {
    var s = n.toString(16);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function escapeChar(ch) {
    if (ch === "\t") return "\\t";
    if (ch === "\n") return "\\n";
    if (ch === "\r") return "\\r";
    var cp = ch.codePointAt(0);
    if (cp < 0x100) return "\\x" + hex(cp, 2);
    if (cp < 0x10000) return "\\u" + hex(cp, 4);
    return "\\U" + hex(cp, 8);
  }

  function reprString(s) {
    var quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = quote;
    for (var ch of s) {
      if (ch === quote || ch === "\\") out += "\\" + ch;
      else if (isPrintable(ch)) out += ch;
      else out += escapeChar(ch);
    }
    return out + quote;
  }

  /* repr(float) in Python: shortest digits, fixed notation for exponents -4…15. */
  function reprFloat(x) {
    if (Number.isNaN(x)) return "nan";
    if (x === Infinity) return "inf";
    if (x === -Infinity) return "-inf";
    var m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
    var sign = m[1], digits = m[2] + (m[3] || ""), exp = parseInt(m[4], 10);
    if (exp >= -4 && exp < 16) {
      var point = exp + 1;
      if (point <= 0) return sign + "0." + "0".repeat(-point) + digits;
      if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length) + ".0";
      return sign + digits.slice(0, point) + "." + digits.slice(point);
    }
    var mantissa = digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits;
    var e = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : String(Math.abs(exp));
    return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
  }

  function reprNumber(x) {
    return Number.isSafeInteger(x) ? String(x) : reprFloat(x);
  }

  /* Python's repr() of a value as it would arrive from JSON. */
  function repr(value) {
    if (value === null || value === undefined) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    if (typeof value === "number") return reprNumber(value);
    if (typeof value === "string") return reprString(value);
    if (Array.isArray(value)) return "[" + value.map(repr).join(", ") + "]";
    if (typeof value === "object") {
      return "{" + Object.keys(value).map(function (k) { return reprString(k) + ": " + repr(value[k]); }).join(", ") + "}";
    }
    return String(value);
  }

  /* Python's str(): strings as they are, everything else as repr(). */
  function str(value) { return typeof value === "string" ? value : repr(value); }

  /* Python's whitespace (str.isspace), which differs from JavaScript's \s. */
  var SPACE = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var SPACES = new RegExp(SPACE + "+");
  var EDGES = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");

  /* str.strip(). */
  function strip(s) { return s.replace(EDGES, ""); }

  /* kb/reading/yamlfile.py's shorten(): one line, cut to `width` characters with an ellipsis. */
  function shorten(text, width) {
    var chars = Array.from(text.split(SPACES).filter(Boolean).join(" "));
    return chars.length <= width ? chars.join("") : chars.slice(0, width - 1).join("") + "…";
  }

  /* kb/reading/casefile.py's shown(): a value echoed in a message. */
  function shown(value, width) {
    if (typeof value === "boolean") return value ? "ja" : "nei";
    return shorten(repr(value), width || 40);
  }

  /* The exact decimal value of a finite double x > 0: [digits, k] with x = digits × 10^k. */
  function exactDecimal(x) {
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    var hi = view.getUint32(0), lo = view.getUint32(4), bits = (hi >>> 20) & 0x7ff;
    var mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    if (bits) mantissa |= 1n << 52n;
    var e2 = (bits || 1) - 1075;
    if (e2 >= 0) return [(mantissa << BigInt(e2)).toString(), 0];
    return [(mantissa * 5n ** BigInt(-e2)).toString(), e2];
  }

  /* Python's f"{x:g}": six significant digits of the exact value, rounded half to even as Python
     does (JavaScript's toFixed and toPrecision round a tie up), trailing zeros dropped. */
  function formatG(x) {
    if (Number.isNaN(x)) return "nan";
    if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
    if (x === 0) return Object.is(x, -0) ? "-0" : "0";
    var sign = x < 0 ? "-" : "", exact = exactDecimal(Math.abs(x)), digits = exact[0];
    var exp = digits.length - 1 + exact[1], keep = digits.slice(0, 6), rest = digits.slice(6);
    if (rest && (rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || +keep[keep.length - 1] % 2)))) {
      keep = (BigInt(keep) + 1n).toString();
      if (keep.length > 6) { keep = keep.slice(0, 6); exp += 1; }
    }
    keep = keep.padEnd(6, "0");
    if (exp < -4 || exp >= 6) {
      var mant = (keep[0] + "." + keep.slice(1)).replace(/\.?0+$/, "");
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
    }
    var text = exp < 0 ? "0." + "0".repeat(-exp - 1) + keep : keep.slice(0, exp + 1) + "." + keep.slice(exp + 1);
    return sign + text.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  }

  /* The CLI's one line: every non-printable character escaped as repr() would. */
  function oneLine(text) {
    var out = "";
    for (var ch of text) out += isPrintable(ch) ? ch : escapeChar(ch);
    return out;
  }

  function daysInMonth(y, m) {
    return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function iso(y, m, d) { return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0"); }

  /* Monday of ISO week `week`, day `day`, as a calendar date (null when out of range). */
  function fromIsoWeek(year, week, day) {
    var jan4 = new Date(Date.UTC(2000, 0, 4));
    jan4.setUTCFullYear(year);
    var weekday = (jan4.getUTCDay() + 6) % 7;
    var t = jan4.getTime() + ((week - 1) * 7 + (day - 1) - weekday) * 86400000;
    var d = new Date(t);
    var y = d.getUTCFullYear();
    if (y < 1 || y > 9999) return null;
    return iso(y, d.getUTCMonth() + 1, d.getUTCDate());
  }

  function has53Weeks(year) {
    var jan1 = new Date(Date.UTC(2000, 0, 1));
    jan1.setUTCFullYear(year);
    var first = jan1.getUTCDay();  // 4 = Thursday
    var leap = daysInMonth(year, 2) === 29;
    return first === 4 || (leap && first === 3);
  }

  /* date.fromisoformat() of Python 3.11 (calendar and ISO week dates): "YYYY-MM-DD" or null. */
  function fromIsoFormat(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (m) {
      var y = +m[1], mo = +m[2], d = +m[3];
      if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
      return iso(y, mo, d);
    }
    m = /^(\d{4})-W(\d{2})(?:-([0-9]))?$/.exec(s) || /^(\d{4})W(\d{2})([0-9])?$/.exec(s);
    if (!m) return null;
    var year = +m[1], week = +m[2], day = m[3] === undefined ? 1 : +m[3];
    if (year < 1 || week < 1 || week > 53 || day < 1 || day > 7) return null;
    if (week === 53 && !has53Weeks(year)) return null;
    return fromIsoWeek(year, week, day);
  }

  root.kbPy = { repr: repr, str: str, oneLine: oneLine, fromIsoFormat: fromIsoFormat, strip: strip,
    shorten: shorten, shown: shown, formatG: formatG };
})(globalThis);
