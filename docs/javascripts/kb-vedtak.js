/* «Lag vedtaksutkast»: et veiledende utkast til de delene et enkeltvedtak skal ha (forvaltningsloven
   §§ 24, 25 og 27, innsyn etter § 18, og Oslo-malen saken svarer til), laget i nettleseren fra
   kb.evaluate og kb.procedure. Alle tekster som bygges av data (tjenestens navn og lovgrunnlag,
   lovhenvisninger, spørsmål, kilder), kommer fra den eksporterte dataen (evaluator/vedtak.js,
   felles.js og oslo.js). Ingenting sendes eller lagres.

   Bruk: kb.vedtak.open(knapp, sak), der sak er saken fra «Vurder en sak» ({tjeneste, kommune,
   vurderingsdato, opplysninger}) eller fra «Saksgang» ({tjeneste, sak: {...}}). Utkastet settes
   inn rett etter knappens skjema, og fokus flyttes til det. */
(function (root) {
  "use strict";

  var HEADING = "Veiledende utkast – saksbehandler avgjør";
  var PLACEHOLDER = "[Saksbehandlers vurdering og hovedhensyn: …]";
  var STATUS = { oppfylt: "oppfylt", ikke_oppfylt: "ikke oppfylt", uavklart: "ikke avklart",
                 skjonn: "vurderes av saksbehandler" };
  var DECISION = { oppfylt: "innvilget", ikke_oppfylt: "avslag" };
  var counter = 0;

  var el = root.kbCommon.element, today = root.kbCommon.today;

  var date = root.kbCommon.shortDate;
  var number = root.kbCommon.decimal, words = root.kbCommon.squash;
  function capital(t) { return t ? t.charAt(0).toUpperCase() + t.slice(1) : t; }

  /* A criterion's source, cited by the document's short title. */
  function sourceOf(data, kilde) { return root.kbCommon.shortSource(kilde, data.kilder); }


  function law(data, id) {
    var p = data.lovtekster[id];
    return p ? { tekst: p.tekst, url: p.url, sitat: p.sitater[0] || null } : null;
  }

  /* "forvaltningsloven §§ 24 og 25" from the provisions' own citations. */
  function laws(data, ids) {
    var found = ids.map(function (id) { return law(data, id); }).filter(Boolean);
    if (!found.length) return "";
    if (found.length === 1) return found[0].tekst;
    var name = found[0].tekst.replace(/ § .*$/, "");
    var same = found.every(function (p) { return p.tekst.indexOf(name + " § ") === 0; });
    if (!same) return found.map(function (p) { return p.tekst; }).join(", ");
    var nums = found.map(function (p) { return p.tekst.slice(name.length + 3); });
    return name + " §§ " + nums.slice(0, -1).join(", ") + " og " + nums[nums.length - 1];
  }

  /* The service as the case's criteria set has it (vedtak_data keeps each set's): the set that
     covers the municipality, else the first set that has the service, as kb.evaluate reads it. */
  function serviceOf(data, shared, sid, kommune) {
    if (!sid) return null;
    var sets = shared.kriteriesett;
    var own = typeof kommune === "string" && sets.find(function (s) { return s.kommuner.indexOf(kommune) >= 0; });
    if (own) return (data.tjenester[own.id] || {})[sid] || null;
    var first = sets.find(function (s) { return data.tjenester[s.id] && data.tjenester[s.id][sid]; });
    return first ? data.tjenester[first.id][sid] : null;
  }

  /* --- the parts ------------------------------------------------------------------------- */

  /* Everything the draft needs, from the public engines and the exported data. */
  function gather(input) {
    var engine = root.kb.engine, procedureCase = !!input.sak;
    return Promise.all([engine.load("vedtak"), engine.load("felles"),
                        engine.load("oslo").catch(function () { return null; })]).then(function (loaded) {
      var data = loaded[0], shared = loaded[1], oslo = loaded[2];
      var sid = input.tjeneste || null;
      var evaluation = serviceOf(data, shared, sid, null) && !procedureCase
        ? root.kb.evaluate(input).catch(function () { return null; }) : Promise.resolve(null);
      return evaluation.then(function (ev) {
        var sak = procedureCase ? Object.assign({}, input.sak) : {};
        if (!procedureCase && ev && DECISION[ev.utfall]) sak.utfall = DECISION[ev.utfall];
        if (!sak.vedtak_mottatt) sak.vedtak_mottatt = today();
        var pc = { sak: sak };
        if (sid) pc.tjeneste = sid;
        var proc = oslo && root.kb.procedure ? root.kb.procedure(pc).catch(function () { return null; }) : Promise.resolve(null);
        return proc.then(function (answer) {
          var t = serviceOf(data, shared, sid, ev ? ev.kommune : procedureCase ? null : input.kommune);
          return { input: input, data: data, shared: shared, oslo: oslo, ev: ev, answer: answer, sak: sak, t: t,
                   procedureCase: procedureCase, sid: sid, assumedDate: !(procedureCase && input.sak.vedtak_mottatt) };
        });
      });
    });
  }

  /* The draft as sections of lines; a line is text, or {tekst, url}. */
  function parts(g) {
    var data = g.data, sid = g.sid, t = g.t, out = [];
    var navn = t ? t.navn : "[tjenesten]";
    var kommuneId = g.procedureCase ? "oslo" : g.input.kommune;
    var kommune = kommuneId && data.kommuner[kommuneId] ? data.kommuner[kommuneId] + " kommune" : "[kommunen]";

    var decision;
    if (g.procedureCase && g.input.sak.utfall && g.oslo) {
      var f = g.oslo.saksfelter.find(function (x) { return x.felt === "utfall"; });
      decision = f.valg[g.input.sak.utfall];
    } else if (g.ev && DECISION[g.ev.utfall]) decision = capital(DECISION[g.ev.utfall]);
    else decision = "[Innvilget/avslag – saksbehandler avgjør; saken er ikke avklart]";
    out.push({ overskrift: "Vedtak", linjer: [decision + " – " + navn + " (" + kommune + ")"] });

    out.push({ overskrift: "Lovgrunnlag", linjer: t && t.lovgrunnlag.length
      ? t.lovgrunnlag.map(function (r) { return r.url ? { tekst: r.tekst, url: r.url } : r.tekst; })
      : ["[Lovgrunnlag: tjenesten er ikke oppgitt]"] });

    if (g.ev) {
      out.push({ overskrift: "Kriterier som er lagt til grunn", linjer: g.ev.kriterier.map(function (k) {
        return words(k.tekst) + " – " + STATUS[k.status] + ". Kilde: " + sourceOf(data, k.kilde) + ".";
      }) });
    }

    var facts = [];
    if (g.procedureCase && g.oslo) {
      g.oslo.saksfelter.forEach(function (f) {
        var v = g.input.sak[f.felt];
        if (v === undefined || v === null) return;
        var shown = f.type === "valg" ? f.valg[v] : f.type === "ja_nei" ? (v ? "ja" : "nei") :
          f.type === "dato" ? date(v) : number(v) + (f.enhet ? " " + f.enhet : "");
        facts.push(words(f.sporsmal) + " " + shown);
      });
    } else {
      var vocabulary = {};
      g.shared.opplysninger.forEach(function (f) { vocabulary[f.navn] = f; });
      Object.keys(g.input.opplysninger || {}).forEach(function (n) {
        var f = vocabulary[n], v = g.input.opplysninger[n];
        if (!f || v === null || v === undefined) return;
        facts.push(f.sporsmal + " " + (typeof v === "boolean" ? (v ? "Ja" : "Nei") : number(v) + (f.enhet ? " " + f.enhet : "")));
      });
      if (g.input.vurderingsdato) facts.push("Vurderingsdato: " + date(g.input.vurderingsdato));
    }
    out.push({ overskrift: "Opplysninger i saken (slik de er vurdert)", linjer: facts.length ? facts : ["[Ingen opplysninger er oppgitt]"] });

    var grunn = laws(data, ["fvl-24", "fvl-25"]);
    out.push({ overskrift: "Begrunnelse" + (grunn ? " (" + grunn + ")" : ""), linjer: [PLACEHOLDER] });

    var a = g.answer, klage = [];
    if (a && a.klagefrist) {
      klage.push("Klagefrist: " + date(a.klagefrist) + " (regnet fra " + date(g.sak.vedtak_mottatt) + ", datoen vedtaket " +
        (g.assumedDate ? "antas mottatt; rett datoen om vedtaket kommer fram senere)." : "er mottatt)."));
      a.begrunnelse.filter(function (b) { return b.svar === "klagefrist"; }).forEach(function (b) { klage.push(b.forklaring); });
    } else {
      klage.push("Klagefrist: [dato – " + (a ? a.begrunnelse.filter(function (b) { return b.svar === "klagefrist"; })
        .map(function (b) { return b.forklaring; }).join(" ") : "klagefristen kunne ikke regnes ut") + "]");
    }
    klage.push("Klageinstans: " + (a && a.klageinstans ? a.klageinstans : "[klageinstans]"));
    klage.push("Klagen sendes til " + (g.procedureCase ? "bydelen i " + kommune : kommune) +
      ", som fattet vedtaket: [adresse].");
    var f27 = law(data, "fvl-27");
    if (f27) klage.push({ foran: "Opplysning om klageadgang, klagefrist og klageinstans: ", tekst: f27.tekst, url: f27.url });
    out.push({ overskrift: "Klageadgang", linjer: klage });

    var f18 = law(data, "fvl-18"), innsyn = [];
    if (f18 && f18.sitat) innsyn.push("«" + f18.sitat.tekst + "» (" + f18.sitat.kilde + ")");
    if (f18) innsyn.push({ foran: "Parten har rett til å se sakens dokumenter: ", tekst: f18.tekst, url: f18.url });
    out.push({ overskrift: "Rett til å se sakens dokumenter", linjer: innsyn.length ? innsyn : ["[Innsynsrett]"] });

    if ((g.procedureCase || kommuneId === "oslo") && a && a.vedtaksmal) {
      out.push({ overskrift: "Oslo-mal", linjer: [a.vedtaksmal.id + " " + a.vedtaksmal.navn] });
    }
    return out;
  }

  function plain(sections) {
    var lines = [HEADING, ""];
    sections.forEach(function (s) {
      lines.push(s.overskrift.toUpperCase());
      s.linjer.forEach(function (l) { lines.push(typeof l === "string" ? l : (l.foran || "") + l.tekst + " (" + l.url + ")"); });
      lines.push("");
    });
    lines.push("Utkastet er laget i nettleseren; ingenting er sendt eller lagret.");
    return lines.join("\n");
  }

  /* --- showing it ------------------------------------------------------------------------ */

  function renderDraft(box, sections, text) {
    var id = box.id + "-tittel";
    box.textContent = "";
    box.setAttribute("aria-labelledby", id);
    box.appendChild(el("h3", { id: id, "class": "kb-vedtak__tittel" }, HEADING));
    sections.forEach(function (s) {
      box.appendChild(el("h4", {}, s.overskrift));
      var ul = el("ul");
      s.linjer.forEach(function (l) {
        var li = el("li");
        if (typeof l === "string") {
          li.textContent = l;
          if (l === PLACEHOLDER) li.className = "kb-vedtak__plass";
        } else {
          if (l.foran) li.appendChild(document.createTextNode(l.foran));
          li.appendChild(el("a", { href: l.url, rel: "noopener" }, l.tekst));
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    var status = el("p", { "class": "kb-vedtak__status", role: "status" });
    var copy = el("button", { type: "button", "class": "md-button md-button--primary" }, "Kopier");
    var print = el("button", { type: "button", "class": "md-button" }, "Skriv ut");
    var close = el("button", { type: "button", "class": "md-button" }, "Lukk utkastet");
    var buttons = el("div", { "class": "kb-vedtak__knapper" });
    [copy, print, close].forEach(function (b) { buttons.appendChild(b); });
    box.appendChild(buttons);
    box.appendChild(status);
    box.appendChild(el("p", { "class": "kb-vedtak__merknad" }, "Utkastet er laget i nettleseren; ingenting er sendt eller lagret."));
    copy.addEventListener("click", function () {
      root.kbCommon.copyText(text, status, { done: "Utkastet er kopiert.", label: "Vedtaksutkast som tekst", rows: 12 });
    });
    print.addEventListener("click", function () {
      document.body.classList.add("kb-vedtak-utskrift");
      box.classList.add("kb-vedtak--utskrift");
      var after = function () {
        document.body.classList.remove("kb-vedtak-utskrift");
        box.classList.remove("kb-vedtak--utskrift");
        root.removeEventListener("afterprint", after);
      };
      root.addEventListener("afterprint", after);
      root.print();
    });
    close.addEventListener("click", function () {
      var button = box.kbButton;
      box.remove();
      if (button) button.focus();
    });
  }

  /* Open (or refresh) the draft for `input` after `button`'s form; focus moves to it. */
  function openDraft(button, input) {
    var box = button.kbVedtak;
    if (!box || !box.isConnected) {
      box = el("section", { "class": "kb-vedtak", id: "kb-vedtak-" + (++counter), tabindex: "-1" });
      box.kbButton = button;
      button.kbVedtak = box;
      var form = button.closest("form");
      var anchor = form || button;
      anchor.parentNode.insertBefore(box, anchor.nextSibling);
    }
    box.textContent = "Lager utkastet …";
    return gather(input || {}).then(function (g) {
      var sections = parts(g), text = plain(sections);
      renderDraft(box, sections, text);
      box.kbText = text;
      box.focus();
      return text;
    }, function (e) {
      box.textContent = "Utkastet kunne ikke lages: " + e.message;
      box.focus();
    });
  }

  var kb = root.kb || (root.kb = {});
  kb.vedtak = { open: openDraft };
})(globalThis);
