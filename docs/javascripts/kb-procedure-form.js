/* Skjemaet «Saksgang (Oslo)» på Oslo-rutinens sider: feltene fra saksfelter.yaml, svaret fra
   kb.procedure med regelen bak hvert svar. Veiledende. Ingenting sendes eller lagres. */
(function (root) {
  "use strict";

  var LABELS = { enkeltvedtak_kreves: "Enkeltvedtak", forvaltningsmelding_kreves: "Forvaltningsmelding",
                 forhandsvarsel_kreves: "Forhåndsvarsel", vedtaksmal: "Vedtaksmal", klagefrist: "Klagefrist",
                 klageinstans: "Klageinstans" };
  var counter = 0;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

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
      control = el("input", { id: id, type: "number", min: "0", step: "1", inputmode: "numeric" });
      read = function () { return control.value === "" ? null : Number(control.value); };
    } else {
      control = el("input", { id: id, type: "date" });
      read = function () { return control.value || null; };
    }
    wrap.appendChild(control);
    return { node: wrap, control: control, read: read };
  }

  function display(q, value) {
    if (value === null) return "ukjent (se hvorfor)";
    if (value === true) return "ja";
    if (value === false) return "nei";
    if (q === "klagefrist") return value.split("-").reverse().join(".");
    return String(value);
  }

  /* A missing field by its question (the form's label), never its id. */
  function missingText(name, questions) {
    return "«" + (questions[name] || name) + "»";
  }

  function showAnswer(out, answer, links, questions) {
    out.textContent = "";
    out.appendChild(el("p", { "class": "kb-saksgang__veiledende" },
      "Veiledende svar etter Oslo-rutinen; saksbehandler avgjør."));
    var dl = el("dl");
    Object.keys(LABELS).forEach(function (q) {
      var dt = el("dt", {}, LABELS[q]), dd = el("dd", { "data-kb-svar": q });
      var v = answer[q];
      if (q === "vedtaksmal" && v) {
        var a = el("a", { href: links.maler + "#mal-" + v.id }, v.id + " " + v.navn);
        dd.appendChild(a);
      } else dd.appendChild(el("strong", {}, display(q, v)));
      var ul = el("ul");
      answer.begrunnelse.filter(function (b) { return b.svar === q; }).forEach(function (b) {
        var li = el("li");
        li.appendChild(document.createTextNode(b.forklaring + " "));
        if (b.regel !== "ingen-regel") {
          var href = b.regel.indexOf("mal-") === 0 ? links.maler + "#" + b.regel :
            b.regel === "malkatalog" ? links.maler : links.regler + "#regel-" + b.regel;
          li.appendChild(document.createTextNode("Regel: "));
          li.appendChild(el("a", { href: href }, b.regel));
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
    box.textContent = "";
    box.appendChild(note);
    box.appendChild(form);
    box.appendChild(out);
    var serial = 0;
    function update() {
      var sak = {};
      fields.forEach(function (f) { var v = f.read(); if (v !== null) sak[f.control.id.slice(prefix.length)] = v; });
      var c = { sak: sak };
      if (service.value) c.tjeneste = service.value;
      var mine = ++serial;
      root.kb.procedure(c).then(function (answer) {
        if (mine === serial) showAnswer(out, answer, links, questions);
      }, function (e) {
        if (mine !== serial) return;
        out.textContent = "";
        out.appendChild(el("p", { "class": "kb-saksgang__feil", role: "alert" }, e.message));
      });
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  if (root.document$ && root.document$.subscribe) root.document$.subscribe(start);
})(globalThis);
