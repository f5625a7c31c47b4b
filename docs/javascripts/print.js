/* Åpne alle sammenslåtte blokker (for eksempel «Del 2» i e-læringscasene) før utskrift,
   og lukk dem igjen etterpå. Ingen eksterne ressurser. */
(function () {
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
