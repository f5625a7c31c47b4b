/* Små tilpasninger av nettstedet. Ingen eksterne ressurser. */
(function () {
  /* Søkedialogen i temaet mangler et tilgjengelig navn (axe: aria-dialog-name). */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Søk");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", nameSearchDialog);
  else nameSearchDialog();

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
