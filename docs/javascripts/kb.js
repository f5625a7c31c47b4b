/* Små tilpasninger av nettstedet. Ingen eksterne ressurser. */
(function () {
  /* Søkedialogen i temaet mangler et tilgjengelig navn (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Søk");
  }
  /* Navigasjonsdelene med egen forside (navigation.indexes) får navnet sitt fra en etikett som bare
     har et ikon, og stikkordlisten har ikke noe navn: to landemerker uten navn (axe:
     landmark-unique). Gi dem navnet til lenken de hører til, og stikkordene navnet «Stikkord». */
  function nameLandmarks() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var link = label.parentElement && label.parentElement.querySelector("a .md-ellipsis");
      if (link && link.textContent.trim()) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", link.textContent.trim());
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-tags:not([aria-label])"), function (nav) {
      nav.setAttribute("aria-label", "Stikkord");
    });
    /* Innholdslisten kan ha to overskrifter med samme tekst (API-siden): nummerer de like navnene. */
    var seen = {};
    Array.prototype.forEach.call(document.querySelectorAll("nav[aria-label]"), function (nav) {
      var name = nav.getAttribute("aria-label");
      seen[name] = (seen[name] || 0) + 1;
      if (seen[name] > 1) nav.setAttribute("aria-label", name + " (" + seen[name] + ")");
    });
  }

  /* Tabeller som kan rulles sidelengs, må kunne nås med tastaturet (axe: scrollable-region-focusable). */
  function focusableScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])"), function (wrap) {
      wrap.setAttribute("tabindex", "0");
    });
  }

  function ready() { nameSearchDialog(); nameLandmarks(); focusableScrolling(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  /* Med øyeblikkelig navigasjon byttes sidefeltet ut uten ny innlasting. */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);

  /* Åpne alle sammenslåtte blokker (for eksempel «Del 2» i e-læringscasene) før utskrift,
     og lukk dem igjen etterpå. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
  });
})();
