/* E-læring: «Skriv ut del 1» og «Skriv ut med løsning». Ingen eksterne ressurser.
   Utskriftsstilen (kb.css) tar bare med del 1; «Skriv ut med løsning» merker siden slik at
   del 2 kommer med, og åpner den til utskriften er ferdig. */
(function () {
  var opened = null;

  function restore() {
    document.documentElement.classList.remove("kb-med-losning");
    (opened || []).forEach(function (d) { d.removeAttribute("open"); });
    opened = null;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-kb-skriv-ut]") : null;
    if (!button) return;
    restore();
    if (button.getAttribute("data-kb-skriv-ut") === "med-losning") {
      document.documentElement.classList.add("kb-med-losning");
      opened = Array.prototype.filter.call(document.querySelectorAll("details.kb-del2"), function (d) {
        if (d.hasAttribute("open")) return false;
        d.setAttribute("open", "");
        return true;
      });
    }
    window.print();
  });
  window.addEventListener("afterprint", restore);
})();
