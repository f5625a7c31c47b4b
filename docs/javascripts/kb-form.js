/* «Vurder en sak» på tjenestesidene: skjemaet lages fra opplysningene tjenestens regler leser,
   og resultatet oppdateres mens saksbehandler fyller inn. Bruker evaluatoren i kb-evaluate.js.
   Ingenting sendes eller lagres: ingen forespørsel, ingen localStorage, sessionStorage eller
   informasjonskapsler. En lenke kan fylle ut skjemaet: #sak=<encodeURIComponent(JSON)>. */
(function (root) {
  "use strict";

  /* The words people read come from kb/rules/words.py (exported as kbData.felles.ord). */
  var MARK = { oppfylt: "✓ ", ikke_oppfylt: "✗ ", uavklart: "? ", skjonn: "" };
  var DECIDING = ["vilkar", "utelukker", "hovedregel_ikke", "provd_forst"];

  /* A DOM element: h("p", {class: "x"}, "text", child, …). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) el.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      [].concat(arguments[i]).forEach(function (c) {
        if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
      });
    }
    return el;
  }

  var today = root.kbCommon.today;

  /* The date field is one text field (one tab stop) in dd.mm.åååå; ISO dates are accepted too. */
  var FIRST_YEAR = 1900, LAST_YEAR = 2100;

  var shownDate = root.kbCommon.shortDate;

  /* ISO date of a typed date (dd.mm.åååå, d.m.åååå or åååå-mm-dd), or null; range: FIRST_YEAR–LAST_YEAR. */
  function parseDate(text) {
    var t = String(text).trim(), m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t), y, mo, d;
    if (m) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else return null;
    if (y < FIRST_YEAR || y > LAST_YEAR || mo < 1 || mo > 12) return null;
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return null;
    return String(y) + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }

  var number = root.kbCommon.decimal;

  function bounds(f) {
    var parts = [f.enhet];
    if (f.min !== undefined && f.max !== undefined) parts.push(number(f.min) + "–" + number(f.max));
    return parts.filter(Boolean).join(", ");
  }

  /* --- the form ---------------------------------------------------------------------------- */

  function factField(form, f) {
    var id = form.prefix + f.navn;
    if (f.type === "ja_nei") {
      var choices = [["true", "Ja"], ["false", "Nei"], ["", "Ikke kartlagt"]].map(function (c) {
        return h("label", { class: "kb-valg" },
          h("input", { type: "radio", name: id, value: c[0], checked: c[0] === "" ? "" : null }), " ", c[1]);
      });
      return h("fieldset", { class: "kb-felt kb-janei", id: id, "data-fakta": f.navn },
        h("legend", {}, f.sporsmal), h("div", { class: "kb-valgene" }, choices));
    }
    return h("div", { class: "kb-felt kb-tall", "data-fakta": f.navn },
      h("label", { for: id }, f.sporsmal),
      h("input", { id: id, type: "text", inputmode: f.type === "heltall" ? "numeric" : "decimal",
        autocomplete: "off", "aria-describedby": id + "-hint " + id + "-feil", size: 8 }),
      h("span", { class: "kb-hint", id: id + "-hint" }, bounds(f)),
      h("span", { class: "kb-feil", id: id + "-feil" }));
  }

  function build(el, shared, data) {
    var form = { el: el, shared: shared, data: data, prefix: "kb-" + data.tjeneste.id + "-" };
    form.ord = shared.ord;
    form.vocabulary = {};
    shared.opplysninger.forEach(function (f) { form.vocabulary[f.navn] = f; });
    form.facts = data.fakta.map(function (n) { return form.vocabulary[n]; });
    var sett = shared.kriteriesett.find(function (s) { return s.id === data.sett; });
    /* How the texts name this set's guidance (guidance_words in kb/criteria/reasons.py). */
    form.words = sett.ord;
    var kommuner = h("select", { id: form.prefix + "kommune" }, h("option", { value: "" }, "Ikke valgt"),
      shared.kommuner.filter(function (k) { return sett.kommuner.indexOf(k.id) >= 0; }).map(function (k) {
        return h("option", { value: k.id }, k.navn);
      }));
    var dato = h("input", { id: form.prefix + "dato", type: "text", inputmode: "numeric", autocomplete: "off",
      pattern: "\\d{1,2}\\.\\d{1,2}\\.\\d{4}", size: 10, value: shownDate(today()),
      "aria-describedby": form.prefix + "dato-hint " + form.prefix + "dato-feil" });
    form.result = h("div", { class: "kb-resultat", "aria-live": "polite", id: form.prefix + "resultat" });
    form.status = h("p", { class: "kb-kopistatus", role: "status" });
    var copy = h("button", { type: "button", class: "md-button md-button--primary" }, "Kopier som journalnotat");
    var reset = h("button", { type: "button", class: "md-button" }, "Tøm skjemaet");
    var draft = h("button", { type: "button", class: "md-button" }, "Lag vedtaksutkast");
    form.notice = h("p", { class: "kb-lenkemelding", role: "status" });
    var facts = form.facts.length
      ? h("fieldset", { class: "kb-opplysninger" }, h("legend", {}, "Opplysninger"), form.facts.map(function (f) { return factField(form, f); }))
      : h("p", {}, "Ingen av kriteriene kan sjekkes maskinelt: alle vurderes av saksbehandler.");
    form.form = h("form", { class: "kb-skjema", novalidate: "", "aria-label": "Vurder en sak: " + data.tjeneste.navn },
      h("p", { class: "kb-veiledende" }, h("strong", {}, "Veiledende. "),
        "Fyll inn det du vet; resultatet oppdateres mens du skriver. Saksbehandler avgjør. ",
        "Ingenting du fyller inn, sendes eller lagres. Skriv ikke navn eller andre personopplysninger."),
      form.notice,
      h("div", { class: "kb-saken" },
        h("div", { class: "kb-felt" }, h("label", { for: kommuner.id }, "Kommune"), kommuner),
        h("div", { class: "kb-felt kb-dato" }, h("label", { for: dato.id }, "Vurderingsdato"), dato,
          h("span", { class: "kb-hint", id: dato.id + "-hint" }, "dd.mm.åååå"),
          h("span", { class: "kb-feil", id: dato.id + "-feil" }))),
      facts, form.result, h("div", { class: "kb-knapper" }, copy, draft, reset), form.status);
    form.kommune = kommuner;
    form.dato = dato;
    el.replaceChildren(form.form);
    form.form.addEventListener("input", function () { update(form); });
    form.form.addEventListener("change", function () { update(form); });
    reset.addEventListener("click", function () { clear(form); form.notice.textContent = ""; update(form); });
    copy.addEventListener("click", function () { copyNote(form); });
    draft.addEventListener("click", function () { root.kb.vedtak.open(draft, readCase(form).sak); });
    el.kbForm = form;
    prefill(form);
    return form;
  }

  /* The case the form describes, and the fields whose input cannot be used. */
  function readCase(form) {
    var sak = { tjeneste: form.data.tjeneste.id, opplysninger: {} }, invalid = [];
    if (form.kommune.value) sak.kommune = form.kommune.value;
    var when = form.dato.value.trim(), iso = when ? parseDate(when) : null;
    var dateProblem = when && !iso ? "Skriv en dato som dd.mm.åååå, mellom år " + FIRST_YEAR + " og " + LAST_YEAR + "." : "";
    document.getElementById(form.dato.id + "-feil").textContent = dateProblem;
    if (iso) sak.vurderingsdato = iso;
    if (dateProblem) { form.dato.setAttribute("aria-invalid", "true"); invalid.push({ navn: "vurderingsdato", sporsmal: "Vurderingsdato." }); }
    else form.dato.removeAttribute("aria-invalid");
    form.facts.forEach(function (f) {
      var id = form.prefix + f.navn;
      if (f.type === "ja_nei") {
        var checked = form.form.querySelector("input[name='" + id + "']:checked");
        if (checked && checked.value) sak.opplysninger[f.navn] = checked.value === "true";
        return;
      }
      var input = document.getElementById(id), text = input.value.trim().replace(/\s/g, ""), problem = "";
      if (text !== "") {
        var value = /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(",", ".")) : NaN;
        if (Number.isNaN(value)) problem = "Skriv et tall, for eksempel " + (f.type === "heltall" ? "45" : "32,5") + ".";
        else if (f.type === "heltall" && !Number.isInteger(value)) problem = "Skriv et helt tall.";
        else if ((f.min !== undefined && value < f.min) || (f.max !== undefined && value > f.max)) {
          problem = "Må være mellom " + number(f.min) + " og " + number(f.max) + (f.enhet ? " " + f.enhet : "") + ".";
        } else sak.opplysninger[f.navn] = value;
      }
      document.getElementById(id + "-feil").textContent = problem;
      if (problem) { input.setAttribute("aria-invalid", "true"); invalid.push(f); } else input.removeAttribute("aria-invalid");
    });
    return { sak: sak, invalid: invalid };
  }

  function update(form) {
    var read = readCase(form), t0 = performance.now();
    /* The «change» after «input» (when a field loses focus) changes nothing: the result is not drawn
       again, so the link or button that focus moves to stays in place. */
    var key = JSON.stringify([read.sak, read.invalid.map(function (f) { return f.navn; })]);
    if (form.last && form.lastKey === key) return;
    form.lastKey = key;
    if (read.invalid.length) {
      form.last = null;
      renderInvalid(form, read.invalid);
    } else try {
      form.last = root.kb.engine.run(read.sak, form.shared, form.data);
      form.last.sak = read.sak;
      form.last.invalid = read.invalid;
      render(form, form.last);
    } catch (e) {
      form.last = null;
      form.lastKey = null;
      form.result.replaceChildren(h("p", { class: "kb-feilmelding" }, "Kan ikke vurdere saken: " + e.message));
    }
    form.el.dataset.kbOppdatert = String((+form.el.dataset.kbOppdatert || 0) + 1);
    form.el.dataset.kbMs = (performance.now() - t0).toFixed(2);
  }

  /* --- the result ---------------------------------------------------------------------------- */

  function question(form, name) {
    var f = form.vocabulary[name];
    return f ? f.sporsmal : form.ord.kommune.sporsmal;
  }

  function factLabel(form, name) {
    var f = form.vocabulary[name];
    return f ? f.etikett : form.ord.kommune.etikett;
  }

  function statusText(form, st) { return MARK[st] + form.ord.status[st]; }

  /* dd.mm.åååå */
  var dato = root.kbCommon.shortDate;

  /* A source as a short reference: «Regionale kriterier, BPA › Kriterier»; a document's title
     before its dash otherwise. */
  var shortSource = root.kbCommon.shortSource;


  function fieldId(form, name) { return name === "kommune" ? form.kommune.id : form.prefix + name; }

  /* One criterion: status, kind, the source's words, what is missing (as questions), source. */
  function criterion(form, d) {
    var r = d.resultat;
    var k = form.data.kriterier.find(function (c) { return c.kriterium === r.id; });
    var from = form.last && form.last.vurderingsdato;
    var later = ((k && k.daterte_verdier) || []).filter(function (v) { return !from || v.fra > from; });
    return h("li", { class: "kb-krit kb-krit--" + r.status },
      h("span", { class: "kb-merke" }, statusText(form, r.status)), " ", h("span", { class: "kb-art kb-art-" + d.art }, form.ord.art[d.art] || ""),
      h("span", { class: "kb-tekst" }, r.tekst),
      r.mangler.length ? h("span", { class: "kb-linje" }, "Mangler: " +
        r.mangler.map(function (m) { return question(form, m); }).join(" ")) : null,
      r.lovhenvisninger.length ? h("span", { class: "kb-linje" }, "Lovhenvisning: " + r.lovhenvisninger.join(", ")) : null,
      later.length ? h("span", { class: "kb-linje kb-senere" }, "Endres: " + later.map(function (v) {
        return "fra " + dato(v.fra) + ": " + v.tekst; }).join("; ") + " (velg en vurderingsdato fra da for å se saken etter den nye verdien).") : null,
      r.avvik_fra_loven ? h("span", { class: "kb-linje kb-avvik" }, "Avvik fra loven: " + r.avvik_fra_loven +
        " Kriteriet avgjør ikke utfallet alene; loven går foran.") : null,
      h("span", { class: "kb-linje kb-kilde" }, "Kilde: " + r.kilde + (r.linjer ? " (linje " + r.linjer[0] + "–" + r.linjer[1] + ")" : "")));
  }

  /* The reason tree's node for a criterion (begrunnelse › utfall › criterion). */
  function node(last, id) {
    var utfall = last.json.begrunnelse.barn[0];
    return utfall.barn.find(function (n) { return n.kriterium === id; });
  }

  /* Why the utfall is what it is: each deciding criterion that is not met, in words. */
  function reasons(form, last) {
    var failing = last.kriterier.filter(function (d) {
      return d.resultat.status === "ikke_oppfylt" && DECIDING.indexOf(d.art) >= 0 && !d.resultat.avvik_fra_loven;
    });
    var lines = failing.map(function (d) {
      var n = node(last, d.resultat.id);
      return statusText(form, d.resultat.status) + " (" + form.ord.art[d.art].toLowerCase() + "): " + (n && n.tekst ? n.tekst + " – " : "") + "«" + d.resultat.tekst + "»";
    });
    if (failing.length && failing.every(function (d) { return d.art === "hovedregel_ikke"; })) {
      lines.push("Det som slår inn, er en hovedregel: vurder om det er grunn til å fravike den i denne saken.");
    }
    if (last.kriterier.some(function (d) { return d.art === "malgruppe" && d.resultat.status === "ikke_oppfylt"; })) {
      lines.push("En målgruppe passer ikke; tjenesten har flere målgrupper, så det avgjør ikke utfallet alene.");
    }
    if (last.kriterier.some(function (d) { return d.resultat.avvik_fra_loven && (d.resultat.status === "ikke_oppfylt" || d.resultat.status === "uavklart"); })) {
      lines.push(form.words.et_kriterium + " er strengere enn loven og avgjør ikke utfallet alene (se «Avvik fra loven» under kriteriet).");
    }
    return lines;
  }

  /* The law's answer in words, from the reason tree: «Rett etter …: Nei – alder 70 år, …». */
  function rightBranchText(last) {
    var branch = last.json.begrunnelse.barn.find(function (b) { return b.id === "rettskrav"; });
    return branch ? branch.tekst : "";
  }

  /* A headline «X: Word – rest» as [strong part, rest]. */
  function headline(text, word) {
    var i = text.indexOf(": ");
    if (i < 0 || text.slice(i + 2, i + 2 + word.length) !== word) return [text, ""];
    return [text.slice(0, i + 2 + word.length), text.slice(i + 2 + word.length)];
  }

  /* The verdict: the law's answer first (for a service with a right), then the guidance's. The
     guidance is shown in colour only when the law does not say no. */
  function verdict(form, last) {
    var json = last.json, out = [], right = form.data.tjeneste.rettskrav;
    if (right) {
      var word = form.ord.rett[String(json.rettskrav)], r = headline(rightBranchText(last), word);
      out.push(h("p", { class: "kb-rettskrav kb-utfall--" + ({ "true": "oppfylt", "false": "ikke_oppfylt", "null": "uavklart" })[String(json.rettskrav)] },
        h("strong", {}, r[0]), r[1]));
    }
    var u = json.begrunnelse.barn[0].tekst, uw = headline(u, form.ord.utfall[json.utfall][0]);
    var muted = right && json.rettskrav === false;
    out.push(h("p", { class: "kb-utfall " + (muted ? "kb-utfall--dempet" : "kb-utfall--" + json.utfall) }, h("strong", {}, uw[0]), uw[1]));
    if (muted && json.utfall === "oppfylt") {
      out.push(h("p", { class: "kb-linje" }, "Loven gir ikke rett; at " + form.words.kriteriene + " er oppfylt, gir ikke rett til tjenesten."));
    }
    return out;
  }

  function render(form, last) {
    var json = last.json, parts = [];
    parts.push(h("p", { class: "kb-veiledende-merke" }, form.ord.veiledende));
    parts = parts.concat(verdict(form, last));
    var why = reasons(form, last);
    if (why.length) parts.push(h("ul", { class: "kb-grunner" }, why.map(function (l) { return h("li", {}, l); })));
    if (json.mangler.length) {
      parts.push(h("h3", {}, "Finn ut dette"), h("ol", { class: "kb-sporsmal" }, json.mangler.map(function (m) {
        return h("li", {}, h("a", { href: "#" + fieldId(form, m), "data-fakta": m }, question(form, m)));
      })));
    }
    var law = last.kriterier.filter(function (d) { return d.art === "lovvilkar"; });
    var checked = last.kriterier.filter(function (d) { return d.resultat.status !== "skjonn" && d.art !== "lovvilkar"; });
    var skjonn = last.kriterier.filter(function (d) { return d.resultat.status === "skjonn"; });
    if (law.length) parts.push(h("h3", {}, "Lovens vilkår for retten"), h("ul", { class: "kb-kriterier" }, law.map(function (d) { return criterion(form, d); })));
    if (checked.length) parts.push(h("h3", {}, form.words.sjekket), h("ul", { class: "kb-kriterier" }, checked.map(function (d) { return criterion(form, d); })));
    if (skjonn.length) {
      parts.push(h("details", { class: "kb-skjonnliste" }, h("summary", {}, skjonn.length + " kriterier vurderes av saksbehandler"),
        h("ul", { class: "kb-kriterier" }, skjonn.map(function (d) { return criterion(form, d); }))));
    }
    if (last.unntak.length) {
      parts.push(h("p", { class: "kb-linje" }, "Gjelder ikke i denne saken: " + last.unntak.join("; ")));
    }
    form.result.replaceChildren.apply(form.result, parts);
  }

  /* Nothing but what to fix: no result while a field cannot be read. */
  function renderInvalid(form, invalid) {
    form.result.replaceChildren(h("p", { class: "kb-feilmelding" }, "Ingen vurdering før feltene som er markert, er rettet: " +
      invalid.map(function (f) { return f.sporsmal; }).join(" ")));
  }

  /* --- journal note and links --------------------------------------------------------------- */

  function factText(form, n, v) {
    var f = form.vocabulary[n];
    if (typeof v === "boolean") return f.etikett + ": " + (v ? "ja" : "nei");
    return f.etikett + " " + number(v) + (f.enhet ? " " + f.enhet : "");
  }

  /* The journal note: about 1,000 characters for an ordinary case, in the law's and the
     guidance's terms, with what is missing as questions and sources as short references. */
  function note(form) {
    var last = form.last, json = last.json, lines = [];
    var kommune = form.shared.kommuner.find(function (k) { return k.id === json.kommune; });
    var t = form.data.tjeneste;
    lines.push("Vurdering etter tildelingskriteriene " + dato(last.vurderingsdato),
      "Tjeneste: " + t.navn + ". Kommune: " + (kommune ? kommune.navn : "ikke oppgitt") + ".");
    var given = Object.keys(last.sak.opplysninger);
    lines.push("Opplysninger: " + (given.length ? given.map(function (n) { return factText(form, n, last.sak.opplysninger[n]); }).join("; ") : "ingen") + ".");
    if (t.rettskrav) lines.push(rightBranchText(last));
    lines.push(json.begrunnelse.barn[0].tekst);
    reasons(form, last).forEach(function (l) { lines.push("- " + l.replace(/^[✓✗?] /, "")); });
    if (json.mangler.length) lines.push("Ikke avklart: " + json.mangler.map(function (m) { return question(form, m); }).join(" "));
    var skjonn = last.kriterier.filter(function (d) { return d.resultat.status === "skjonn"; });
    if (skjonn.length) lines.push(sentence("Skjønn (saksbehandler vurderer): " + skjonn.map(function (d) { return firstTitle(form, d); }).join("; ")));
    if (last.unntak.length) lines.push("Unntak for kommunen: " + last.unntak.join("; "));
    var avvik = last.kriterier.filter(function (d) { return d.resultat.avvik_fra_loven; });
    if (avvik.length) {
      lines.push("Avvik fra loven (loven går foran): " + avvik.map(function (d) { return "«" + firstTitle(form, d) + "»"; }).join("; ") + ".");
    }
    var sources = [];
    last.kriterier.forEach(function (d) {
      var r = d.resultat;
      var refs = d.art === "lovvilkar" && r.lovhenvisninger.length ? r.lovhenvisninger : [shortSource(r.kilde)];
      refs.forEach(function (ref) { if (sources.indexOf(ref) < 0) sources.push(ref); });
    });
    if (sources.length) lines.push("Kilder: " + sources.join("; ") + ".");
    lines.push(form.ord.veiledende + ".");
    return lines.join("\n");
  }

  function sentence(text) { return /[.…]$/.test(text) ? text : text + "."; }

  /* A criterion's short title (exported with the data). */
  function firstTitle(form, d) {
    var k = form.data.kriterier.find(function (c) { return c.kriterium === d.resultat.id; });
    return k && k.tittel ? k.tittel : d.resultat.tekst;
  }

  function copyNote(form) {
    if (!form.last) { form.status.textContent = "Rett feilen i skjemaet først."; return; }
    root.kbCommon.copyText(note(form), form.status,
      { done: "Journalnotatet er kopiert.", label: "Journalnotat", rows: 12, className: "kb-notat" });
  }

  function clear(form) {
    form.kommune.value = "";
    form.dato.value = shownDate(today());
    form.form.querySelectorAll(".kb-tall input").forEach(function (i) { i.value = ""; });
    form.form.querySelectorAll(".kb-janei input[value='']").forEach(function (i) { i.checked = true; });
  }

  /* Fill the form from #sak=<encodeURIComponent(JSON.stringify(sak))>. Reads what kb.evaluate reads
     (the municipality by id or name, ja/nei for yes/no facts) and says what it did not use. */
  function prefill(form) {
    try { prefillFrom(form, location.hash); } catch (e) {
      form.notice.textContent = "Lenken kunne ikke leses; skjemaet er ikke fylt ut fra den.";
      update(form);
    }
  }

  function prefillFrom(form, hash) {
    var m = /(?:^#|&)sak=([^&]*)/.exec(hash);
    if (!m) { update(form); return; }
    var sak;
    try { sak = JSON.parse(decodeURIComponent(m[1])); } catch (e) { sak = null; }
    if (!sak || typeof sak !== "object" || Array.isArray(sak) || sak.tjeneste !== form.data.tjeneste.id) {
      form.notice.textContent = "Lenken inneholder ingen sak for denne tjenesten.";
      update(form);
      return;
    }
    clear(form);
    var dropped = [], unused = [], has = Object.prototype.hasOwnProperty;
    if (sak.kommune !== undefined && sak.kommune !== null) {
      var wanted = typeof sak.kommune === "string" ? sak.kommune.trim().toLocaleLowerCase("nb") : null;
      var option = wanted === null ? null : [].find.call(form.kommune.options, function (o) {
        return o.value && (o.value === wanted || o.textContent.trim().toLocaleLowerCase("nb") === wanted);
      });
      if (option) form.kommune.value = option.value;
      else dropped.push("Lenken hadde en kommune som ikke finnes i listen; den er ikke brukt.");
    }
    if (sak.vurderingsdato !== undefined && sak.vurderingsdato !== null) {
      var iso = typeof sak.vurderingsdato === "string" ? parseDate(sak.vurderingsdato) : null;
      if (iso) form.dato.value = shownDate(iso);
      else dropped.push("Lenken hadde en ugyldig dato; den er ikke brukt.");
    }
    var known = ["tjeneste", "kommune", "vurderingsdato", "opplysninger"];
    var extra = Object.keys(sak).filter(function (k) { return known.indexOf(k) < 0; });
    if (extra.length) dropped.push("Lenken hadde felt som skjemaet ikke har (" + extra.length + "); de er ikke brukt.");
    var facts = sak.opplysninger;
    if (facts !== undefined && facts !== null && (typeof facts !== "object" || Array.isArray(facts))) {
      dropped.push("Lenkens opplysninger var ikke en liste med navn og verdier; de er ikke brukt.");
      facts = {};
    }
    Object.keys(facts || {}).forEach(function (n) {
      var v = facts[n], f = form.facts.find(function (x) { return x.navn === n; });
      if (v === null || v === undefined) return;
      if (!f) { unused.push(has.call(form.vocabulary, n) ? form.vocabulary[n].sporsmal : "«" + String(n).slice(0, 40) + "»"); return; }
      if (f.type === "ja_nei") {
        var yes = typeof v === "boolean" ? v : typeof v === "string" ? { ja: true, nei: false }[v.trim().toLowerCase()] : undefined;
        if (yes === undefined) { dropped.push("Svaret på «" + f.sporsmal + "» i lenken var ikke ja eller nei; det er ikke brukt."); return; }
        form.form.querySelector("input[name='" + form.prefix + n + "'][value='" + yes + "']").checked = true;
      } else if (typeof v === "number" && Number.isFinite(v)) {
        document.getElementById(form.prefix + n).value = number(v);
        if ((f.type === "heltall" && !Number.isInteger(v)) || (f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)) {
          dropped.push("Svaret på «" + f.sporsmal + "» i lenken er ikke gyldig; det er markert i skjemaet og ikke brukt.");
        }
      } else {
        dropped.push("Svaret på «" + f.sporsmal + "» i lenken var ikke et tall; det er ikke brukt.");
      }
    });
    if (unused.length) dropped.push("Disse opplysningene brukes ikke av kriteriene her: " + unused.join(" "));
    form.notice.textContent = dropped.length
      ? "Skjemaet er delvis fylt ut fra lenken. " + dropped.join(" ")
      : "Skjemaet er fylt ut fra lenken.";
    update(form);
    form.el.scrollIntoView();
  }

  function init() {
    document.querySelectorAll(".kb-vurder[data-kb-tjeneste]").forEach(function (el) {
      if (el.dataset.kbKlar) return;
      el.dataset.kbKlar = "laster";
      var engine = root.kb.engine;
      engine.load("felles").then(function (shared) {
        return engine.loadService(shared, el.dataset.kbTjeneste).then(function (bySet) {
          /* The page's criteria set (data-kb-sett), else the first set that has the service. */
          var own = el.dataset.kbSett && bySet[el.dataset.kbSett] ? { id: el.dataset.kbSett } : null;
          var first = own || shared.kriteriesett.find(function (s) { return bySet[s.id]; });
          if (!first) throw new Error("ingen data");
          build(el, shared, bySet[first.id]);
          el.dataset.kbKlar = "ja";
        });
      }).catch(function () {
        el.dataset.kbKlar = "feil";
        el.replaceChildren(h("p", {}, "Skjemaet kunne ikke lastes. Se Evaluatoren (under Om) for andre måter å sjekke en sak på."));
      });
    });
  }

  root.addEventListener("hashchange", function () {
    document.querySelectorAll(".kb-vurder").forEach(function (el) { if (el.kbForm) prefill(el.kbForm); });
  });
  /* «Finn ut dette»: the link moves focus to the field (the chosen answer of a yes/no group), not
     only the view; captured before Material's instant navigation sees the click. */
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".kb-sporsmal a[data-fakta]");
    if (!a) return;
    var target = document.getElementById(a.getAttribute("href").slice(1));
    if (!target) return;
    e.preventDefault();
    e.stopPropagation();
    var input = target.matches("input, select") ? target
      : target.querySelector("input:checked") || target.querySelector("input, select");
    target.scrollIntoView({ block: "center" });
    if (input) input.focus({ preventScroll: true });
  }, true);
  /* Material's instant navigation swaps the page without loading the scripts again: its
     document$ says when; the first page (and the offline build) is set up directly. */
  if (typeof root.document$ !== "undefined" && root.document$.subscribe) root.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(globalThis);
