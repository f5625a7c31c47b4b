/* Søk med Pagefind i Materials søkefelt (bare i bygg med Pagefind; se kb/site/search.py).
   Indeksen og Pagefinds skript ligger i nettstedets egen mappe pagefind/: ingen andre verter.
   Inndata: [data-kb-search]. Hvert treff: a[data-kb-result], i rangert rekkefølge; når treffene for
   et søk står ferdig, har #kb-search-result data-kb-query med søket. */
/* Begge søkene (Pagefind og Materials eget i filserverbygget): panelet lukkes når fokus går ut av
   det, for eksempel med Tab forbi siste treff, så det ikke blir liggende over siden. */
(function () {
  "use strict";
  document.addEventListener("focusout", function (e) {
    var panel = e.target.closest && e.target.closest(".md-search");
    var toggle = document.getElementById("__search");
    if (!panel || !toggle || !toggle.checked) return;
    var next = e.relatedTarget;
    if (!next || panel.contains(next)) return;   /* til et annet vindu, eller videre inne i søket */
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
  });
})();

(function () {
  "use strict";
  var input = document.querySelector("input[data-kb-search]");
  if (!input) return;

  var script = document.currentScript || document.querySelector('script[src*="javascripts/search.js"]');
  var root = new URL("../", script.src);           /* nettstedets rot (skriptet ligger i javascripts/) */
  var toggle = document.getElementById("__search");
  var box = document.getElementById("kb-search-result");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var filterBox = box.querySelector(".kb-search-filters");
  var selects = Array.prototype.slice.call(box.querySelectorAll("select[data-kb-filter]"));
  var form = input.form;
  var PAGE = 5;   /* treff per side, som i Pagefinds eget grensesnitt: færre utdrag å hente før treffene vises */
  /* Sidens tittel teller lite; søkeordene (navn, forkortelse, synonymer: data-pagefind-meta="sokeord")
     teller mye, så tjenestesiden kommer først for ordene saksbehandlere bruker om den. */
  var RANKING = { metaWeights: { title: 1.0, sokeord: 10.0 } };
  var pagefind = null, loading = null, generation = 0, pending = [];

  var t = {};
  try { t = JSON.parse(document.getElementById("__config").textContent).translations || {}; } catch (e) { /* standardtekster */ }
  function say(key, fallback, n) { return (t[key] || fallback).replace("#", n); }

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24, ranking: RANKING }).then(function () {
          pagefind = pf;
          return pf.init();
        }).then(function () {
          filters(pf);   /* filterlistene fylles ved siden av: det første søket venter ikke på dem */
        });
      }).catch(function (e) {
        loading = null;    /* prøv igjen ved neste tastetrykk */
        meta.textContent = "Søket kunne ikke lastes.";
        throw e;
      });
    }
    return loading;
  }

  function filters(pf) {
    return pf.filters().then(function (available) {
      var any = false;
      selects.forEach(function (select) {
        var values = Object.keys(available[select.dataset.kbFilter] || {}).sort(function (a, b) { return a.localeCompare(b, "nb"); });
        values.forEach(function (v) {
          var o = document.createElement("option");
          o.value = v;
          o.textContent = v;
          select.appendChild(o);
        });
        select.closest("label").hidden = values.length === 0;
        any = any || values.length > 0;
      });
      filterBox.hidden = !any;
    });
  }

  function chosenFilters() {
    var f = {};
    selects.forEach(function (s) { if (s.value) f[s.dataset.kbFilter] = s.value; });
    return f;
  }

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  function article(url, heading, level, excerpt, ranked) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    if (ranked) a.setAttribute("data-kb-result", "");
    var art = document.createElement("article");
    art.className = "md-search-result__article md-typeset" + (level === 1 ? " md-search-result__article--document" : "");
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      art.appendChild(icon);
    }
    var h = document.createElement(level === 1 ? "h1" : "h2");
    h.textContent = heading;
    art.appendChild(h);
    if (excerpt) {
      var p = document.createElement("p");
      p.innerHTML = excerpt;   /* Pagefinds utdrag: escapet tekst med <mark> rundt treffordene */
      art.appendChild(p);
    }
    a.appendChild(art);
    return a;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var title = (data.meta && data.meta.title) || data.url;
    li.appendChild(article(data.url, title, 1, data.excerpt, true));
    /* De to avsnittene med de tyngste treffene (en overskrift teller mer enn tekst), i sidens rekkefølge. */
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title !== title; });
    var weight = function (s) { return (s.weighted_locations || []).reduce(function (n, l) { return n + l.balanced_score; }, 0); };
    subs.map(function (s, i) { return { s: s, i: i, w: weight(s) }; })
      .sort(function (a, b) { return b.w - a.w || a.i - b.i; }).slice(0, 2)
      .sort(function (a, b) { return a.i - b.i; })
      .forEach(function (x) { li.appendChild(article(x.s.url, x.s.title, 2, x.s.excerpt, false)); });
    return li;
  }

  function more(replace) {
    var batch = pending.splice(0, PAGE);
    var mine = generation;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== generation) return false;
      if (replace) list.textContent = "";
      var old = list.querySelector(".kb-search-more");
      if (old) old.remove();
      datas.forEach(function (d) { list.appendChild(item(d)); });
      if (pending.length) {
        var li = document.createElement("li");
        li.className = "md-search-result__item kb-search-more";
        var b = document.createElement("button");
        b.type = "button";
        b.className = "md-button";
        b.textContent = "Vis " + Math.min(PAGE, pending.length) + " til (" + pending.length + " igjen)";
        b.addEventListener("click", function () { more(false); });
        li.appendChild(b);
        list.appendChild(li);
      }
      return true;
    });
  }

  /* Ett søk om gangen: kommer det tastetrykk mens et søk pågår, søkes det bare etter det siste
     når søket er ferdig (ikke etter hvert mellomliggende prefiks). Ett tegn søkes ikke: det ville
     hente store deler av indeksen uten å gi nyttige treff. */
  var running = null, wanted = null;

  function schedule() {
    wanted = input.value.trim();
    if (running) return running;
    running = (function next() {
      var q = wanted;
      wanted = null;
      return run(q).then(function () {
        if (wanted !== null) return next();
      });
    })().then(function () { running = null; }, function (e) { running = null; throw e; });
    return running;
  }

  function run(q) {
    var mine = ++generation;
    box.removeAttribute("data-kb-query");
    if (q.length < 2) {
      pending = [];
      list.textContent = "";
      meta.textContent = say("search.result.placeholder", "Skriv inn søkeord");
      if (!q) box.setAttribute("data-kb-query", "");
      return Promise.resolve();
    }
    return load().then(function () {
      return pagefind.search(q, { filters: chosenFilters() });
    }).then(function (search) {
      /* Venter et nyere søk (ordet ble skrevet videre mens dette søket gikk), hentes ikke utdragene
         til disse treffene: det nyere søket viser sine i stedet, raskere. */
      if (mine !== generation || !search || wanted !== null) return;
      var n = search.results.length;
      pending = search.results.slice();
      return more(true).then(function (current) {
        if (!current) return;
        meta.textContent = n === 0 ? say("search.result.none", "Ingen treff")
          : n === 1 ? say("search.result.one", "1 treff") : say("search.result.other", "# treff", n);
        box.setAttribute("data-kb-query", q);   /* treffene under gjelder dette søket */
      });
    });
  }

  function links() {
    return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a[href], button")));
  }

  input.addEventListener("focus", function () { open(); load(); });
  input.addEventListener("input", schedule);
  selects.forEach(function (s) { s.addEventListener("change", schedule); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(schedule, 0); });
  list.addEventListener("click", function (e) { if (e.target.closest("a")) close(); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked && document.activeElement !== input) input.focus(); });

  document.addEventListener("keydown", function (e) {
    var inSearch = box.contains(document.activeElement) || document.activeElement === input;
    if (!inSearch) {
      var typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
        e.preventDefault();
        open();
        input.focus();
      }
      return;
    }
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "Enter" && document.activeElement === input) {
      e.preventDefault();
      var first = list.querySelector("a[data-kb-result]");
      if (first) first.click();
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !(e.target.tagName === "SELECT")) {
      e.preventDefault();
      var all = links();
      var i = all.indexOf(document.activeElement);
      all[(Math.max(i, 0) + all.length + (e.key === "ArrowUp" ? -1 : 1)) % all.length].focus();
    }
  });
})();
