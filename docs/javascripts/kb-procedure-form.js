/* Skjemaet «Saksgang (Oslo)» på Oslo-rutinens sider: feltene fra saksfelter.yaml, svaret fra
   kb.procedure med regelen bak hvert svar. Veiledende. Ingenting sendes eller lagres. */
(function (root) {
  "use strict";

  var LABELS = { enkeltvedtak_kreves: "Enkeltvedtak", forvaltningsmelding_kreves: "Forvaltningsmelding",
                 forhandsvarsel_kreves: "Forhåndsvarsel", vedtaksmal: "Vedtaksmal", klagefrist: "Klagefrist",
                 klageinstans: "Klageinstans" };
  var counter = 0;

  var el = root.kbCommon.element;

  function select(id, options) {
    var s = el("select", { id: id });
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
    return s;
  }

  /* One field of the form: a labelled control; `read()` gives its value for the case (or null). */
  function field(f, prefix) {
    var id = prefix + f.felt, wrap = el("div", { "class": "kb-saksgang__felt" }), control, read;
    wrap.appendChild(el("label", { "for": id }, f.sporsmal + (f.enhet ? " (" + f.enhet + ")" : "")));
    if (f.type === "valg") {
      control = select(id, [["", "ikke oppgitt"]].concat(Object.keys(f.valg).map(function (k) { return [k, f.valg[k]]; })));
      read = function () { return control.value || null; };
    } else if (f.type === "ja_nei") {
      control = select(id, [["", "ikke oppgitt"], ["ja", "ja"], ["nei", "nei"]]);
      read = function () { return control.value === "" ? null : control.value === "ja"; };
    } else if (f.type === "heltall") {
      var attrs = { id: id, type: "number", step: "1", inputmode: "numeric", "aria-describedby": id + "-hint" };
      if (f.min !== undefined) attrs.min = String(f.min);
      if (f.max !== undefined) attrs.max = String(f.max);
      control = el("input", attrs);
      read = function () { return control.value === "" ? null : Number(control.value); };
      if (f.min !== undefined && f.max !== undefined) {
        wrap.appendChild(el("span", { "class": "kb-saksgang__hint", id: id + "-hint" },
          "Fra " + grouped(f.min) + " til " + grouped(f.max) + (f.enhet ? " " + f.enhet : "") + "."));
      }
    } else {
      control = el("input", { id: id, type: "date" });
      read = function () { return control.value || null; };
    }
    wrap.appendChild(control);
    return { node: wrap, control: control, read: read, felt: f };
  }

  /* 36500 → «36 500» (Norwegian digit grouping). */
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0"); }

  /* A new application: an outcome that is not a change, and no change given. Then the questions
     about changes (forhåndsvarsel, endring and what follows from it) do not apply. */
  var CHANGE_FIELDS = ["endring", "enig_med_bruker", "beskrevet_i_vedtaket"];
  var NEW_OUTCOMES = ["innvilget", "avslag", "avvisning"];
  function isNewApplication(sak) {
    return NEW_OUTCOMES.indexOf(sak.utfall) >= 0 && !sak.endring;
  }

  function display(q, value) {
    if (value === null) return "ukjent";
    if (value === true) return "ja";
    if (value === false) return "nei";
    if (q === "klagefrist") return value.split("-").reverse().join(".");
    return String(value);
  }

  /* The page and anchor of a reason's rule (a template's on the catalogue page). */
  function ruleHref(regel, links) {
    if (regel.indexOf("mal-") === 0) return links.maler + "#" + regel;
    if (regel === "malkatalog") return links.maler;
    return links.regler + "#regel-" + regel;
  }

  /* The rule behind an answer that is unknown: the reason's own, or else the first rule that
     answers the question (regler.yaml's svar in priority order). */
  function whyRule(q, reasons, data) {
    var own = reasons.filter(function (b) { return b.regel !== "ingen-regel"; })[0];
    if (own) return own.regel;
    var first = (data.svar[q] || [])[0];
    return first ? first.regel : null;
  }

  /* A missing field by its question (the form's label), never its id. */
  function missingText(name, questions) {
    return "«" + (questions[name] || name) + "»";
  }

  /* The answer as the form shows it: each question's value (or «gjelder ikke»), and its reasons. */
  function showAnswer(out, answer, links, questions, data, sak) {
    out.textContent = "";
    out.appendChild(el("p", { "class": "kb-saksgang__veiledende" },
      "Veiledende svar etter Oslo-rutinen; saksbehandler avgjør."));
    var dl = el("dl"), fresh = isNewApplication(sak), lines = [];
    Object.keys(LABELS).forEach(function (q) {
      var dt = el("dt", {}, LABELS[q]), dd = el("dd", { "data-kb-svar": q });
      var v = answer[q], reasons = answer.begrunnelse.filter(function (b) { return b.svar === q; });
      var ul = el("ul");
      if (q === "forhandsvarsel_kreves" && v === null && fresh) {
        dd.appendChild(el("strong", {}, "gjelder ikke"));
        var why = (data.sporsmal[q] || "").split(/\.\s/)[0];
        var li0 = el("li", {}, (why ? why + ". " : "") + "Saken er en ny søknad, ikke en endring av et vedtak. ");
        var rule0 = whyRule(q, reasons, data);
        if (rule0) li0.appendChild(el("a", { href: ruleHref(rule0, links) }, ruleTitle(rule0, data)));
        ul.appendChild(li0);
        dd.appendChild(ul);
        dl.appendChild(dt);
        dl.appendChild(dd);
        lines.push(LABELS[q] + ": gjelder ikke (ny søknad)");
        return;
      }
      if (q === "vedtaksmal" && v) {
        var a = el("a", { href: links.maler + "#mal-" + v.id }, v.id + " " + v.navn);
        dd.appendChild(a);
        lines.push(LABELS[q] + ": " + v.id + " " + v.navn);
      } else {
        dd.appendChild(el("strong", {}, display(q, v)));
        lines.push(LABELS[q] + ": " + display(q, v));
        var rule = v === null ? whyRule(q, reasons, data) : null;
        if (rule) {
          dd.appendChild(document.createTextNode(" ("));
          dd.appendChild(el("a", { href: ruleHref(rule, links), "class": "kb-saksgang__hvorfor" }, "se hvorfor"));
          dd.appendChild(document.createTextNode(")"));
        }
      }
      reasons.forEach(function (b) {
        var li = el("li");
        li.appendChild(document.createTextNode(b.forklaring + " "));
        lines.push("  " + b.forklaring);
        if (b.regel !== "ingen-regel") {
          li.appendChild(document.createTextNode("Regel: "));
          li.appendChild(el("a", { href: ruleHref(b.regel, links) }, ruleTitle(b.regel, data)));
          if (b.kilde) li.appendChild(document.createTextNode(" (" + b.kilde + ")"));
        }
        if (b.mangler.length) {
          li.appendChild(document.createTextNode(" Mangler: " + b.mangler.map(function (m) {
            return missingText(m, questions);
          }).join(", ") + "."));
        }
        ul.appendChild(li);
      });
      dd.appendChild(ul);
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    out.appendChild(dl);
    return lines;
  }

  /* A rule by its title (regler.yaml), a template by its label; the id only when neither is known. */
  function ruleTitle(regel, data) {
    if (data.regler[regel] && data.regler[regel].tittel) return data.regler[regel].tittel;
    var mal = Object.keys(data.maler).map(function (k) { return data.maler[k]; })
      .find(function (m) { return m.anker === regel; });
    if (mal) return mal.etikett;
    if (regel === "malkatalog") return "Malkatalogen (4.1)";
    return regel;
  }

  function build(box, data) {
    var prefix = "kb-saksgang-" + (++counter) + "-";
    var linkOf = function (cls) { var a = box.querySelector("." + cls); return a ? a.getAttribute("href") : ""; };
    var links = { maler: linkOf("kb-saksgang__maler"), regler: linkOf("kb-saksgang__regler") };
    var form = el("form", { "class": "kb-saksgang__skjema", "aria-label": "Saksgang (Oslo)" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var serviceWrap = el("div", { "class": "kb-saksgang__felt" });
    serviceWrap.appendChild(el("label", { "for": prefix + "tjeneste" }, "Hvilken tjeneste gjelder saken?"));
    var service = select(prefix + "tjeneste", [["", "ikke oppgitt"]].concat(Object.keys(data.tjenester).map(function (sid) {
      return [sid, data.tjenester[sid].navn];
    })));
    serviceWrap.appendChild(service);
    form.appendChild(serviceWrap);
    var questions = { tjeneste: "Hvilken tjeneste gjelder saken?" };
    data.saksfelter.forEach(function (f) { questions[f.felt] = f.sporsmal.split(/\s+/).join(" "); });
    var fields = data.saksfelter.filter(function (f) { return !f.mangler_som; }).map(function (f) { return field(f, prefix); });
    fields.forEach(function (f) { form.appendChild(f.node); });
    var out = el("div", { "class": "kb-saksgang__svar", "aria-live": "polite", role: "region", "aria-label": "Svar" });
    var note = el("p", {}, "Svarene er veiledende; saksbehandler avgjør. Det du fyller inn, sendes ikke og lagres ikke.");
    var notice = el("p", { "class": "kb-saksgang__lenke", role: "status" });
    var copy = el("button", { type: "button", "class": "md-button md-button--primary" }, "Kopier svarene");
    var draft = el("button", { type: "button", "class": "md-button" }, "Lag vedtaksutkast");
    var status = el("p", { "class": "kb-saksgang__status", role: "status" });
    var buttons = el("div", { "class": "kb-saksgang__knapper" });
    buttons.appendChild(copy);
    buttons.appendChild(draft);
    box.textContent = "";
    box.appendChild(note);
    box.appendChild(notice);
    box.appendChild(form);
    box.appendChild(out);
    box.appendChild(buttons);
    box.appendChild(status);
    var serial = 0, last = null;
    function readCase() {
      var sak = {};
      fields.forEach(function (f) { var v = f.read(); if (v !== null) sak[f.felt.felt] = v; });
      var c = { sak: sak };
      if (service.value) c.tjeneste = service.value;
      return c;
    }
    function update() {
      var c = readCase(), mine = ++serial, fresh = isNewApplication(c.sak);
      fields.forEach(function (f) {
        if (CHANGE_FIELDS.indexOf(f.felt.felt) >= 0 && f.control.options) {
          f.control.options[0].textContent = fresh ? "gjelder ikke (ny søknad)" : "ikke oppgitt";
        }
        if (f.felt.type === "heltall") {
          var v = f.read(), bad = v !== null && ((f.felt.min !== undefined && v < f.felt.min) ||
                                                  (f.felt.max !== undefined && v > f.felt.max));
          if (bad) f.control.setAttribute("aria-invalid", "true"); else f.control.removeAttribute("aria-invalid");
        }
      });
      root.kb.procedure(c).then(function (answer) {
        if (mine !== serial) return;
        last = { sak: c, lines: showAnswer(out, answer, links, questions, data, c.sak) };
      }, function (e) {
        if (mine !== serial) return;
        last = null;
        out.textContent = "";
        out.appendChild(el("p", { "class": "kb-saksgang__feil", role: "alert" }, e.message));
      });
    }
    /* The case and the answers as plain text. */
    function plainText() {
      var c = last.sak, lines = ["Saksgang (Oslo) – veiledende svar etter Oslo-rutinen; saksbehandler avgjør.", ""];
      lines.push(questions.tjeneste + " " + (c.tjeneste ? data.tjenester[c.tjeneste].navn : "ikke oppgitt"));
      fields.forEach(function (f) {
        var v = c.sak[f.felt.felt];
        if (v === undefined) return;
        var shown = f.felt.type === "valg" ? f.felt.valg[v] : f.felt.type === "ja_nei" ? (v ? "ja" : "nei") :
          f.felt.type === "dato" ? v.split("-").reverse().join(".") : grouped(v).replace(/\u00a0/g, " ") + (f.felt.enhet ? " " + f.felt.enhet : "");
        lines.push(questions[f.felt.felt] + " " + shown);
      });
      lines.push("");
      return lines.concat(last.lines).join("\n");
    }
    copy.addEventListener("click", function () {
      if (!last) { status.textContent = "Rett feilen i skjemaet først."; return; }
      root.kbCommon.copyText(plainText(), status, { done: "Svarene er kopiert.", label: "Svarene som tekst", rows: 10 });
    });
    draft.addEventListener("click", function () { root.kb.vedtak.open(draft, readCase()); });
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    box.kbSaksgang = { fill: function (c) { fillFrom(c); update(); } };
    function fillFrom(c) {
      service.value = "";
      fields.forEach(function (f) { f.control.value = ""; });
      var dropped = [];
      if (typeof c.tjeneste === "string" && data.tjenester[c.tjeneste]) service.value = c.tjeneste;
      else if (c.tjeneste !== undefined) dropped.push(questions.tjeneste);
      var sak = c.sak && typeof c.sak === "object" && !Array.isArray(c.sak) ? c.sak : {};
      Object.keys(sak).forEach(function (name) {
        var f = fields.find(function (x) { return x.felt.felt === name; }), v = sak[name];
        if (!f) { dropped.push(questions[name] || name); return; }
        var text = v === true ? "ja" : v === false ? "nei" : typeof v === "number" || typeof v === "string" ? String(v) : "";
        f.control.value = text;
        if (text !== "" && f.control.value !== text) { f.control.value = ""; dropped.push(questions[name]); }
        else if (text === "" && v !== null) dropped.push(questions[name]);
      });
      notice.textContent = "Skjemaet er fylt ut fra lenken." +
        (dropped.length ? " Ikke brukt fra lenken: " + dropped.map(function (q) { return "«" + q + "»"; }).join(", ") + "." : "");
    }
    var linked = fromHash();
    if (linked) { fillFrom(linked); box.scrollIntoView(); }
    update();
  }

  /* The case in #sak=<encodeURIComponent(JSON.stringify({tjeneste, sak}))>, or null. */
  function fromHash() {
    var m = /(?:^#|&)sak=([^&]*)/.exec(location.hash);
    if (!m) return null;
    try {
      var c = JSON.parse(decodeURIComponent(m[1]));
      return c && typeof c === "object" && !Array.isArray(c) ? c : null;
    } catch (e) { return null; }
  }

  function start() {
    var boxes = document.querySelectorAll(".kb-saksgang:not([data-kb-bygd])");
    if (!boxes.length || !root.kb || !root.kb.engine) return;
    root.kb.engine.load("oslo").then(function (data) {
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.hasAttribute("data-kb-bygd")) return;
        box.setAttribute("data-kb-bygd", "");
        build(box, data);
      });
    });
  }

  root.addEventListener("hashchange", function () {
    var c = fromHash();
    if (!c) return;
    Array.prototype.forEach.call(document.querySelectorAll(".kb-saksgang"), function (box) {
      if (box.kbSaksgang) { box.kbSaksgang.fill(c); box.scrollIntoView(); }
    });
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(globalThis);
