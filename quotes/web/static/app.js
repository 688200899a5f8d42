// quotes: select a quote in an article to see its details; copy a citation. No build step.
"use strict";
(function () {
  // The selection is remembered, so selecting a quote touches its own panel and marks and the
  // previous ones, never every quote of a long article.
  var shown = null, marked = [];
  function select(id, scroll) {
    var panel = document.getElementById("qd-" + id);
    if (!panel) return;
    if (shown === null) {  // the first time: whatever the server showed (a ?quote= link)
      document.querySelectorAll(".quote-detail:not([hidden])").forEach(function (el) { el.hidden = true; });
    } else { shown.hidden = true; }
    panel.hidden = false;
    shown = panel;
    var hint = document.getElementById("hint");
    if (hint) hint.hidden = true;
    marked.forEach(function (el) { el.classList.remove("sel"); });
    // the segments this quote covers: data-q lists every quote a segment belongs to
    marked = Array.prototype.slice.call(document.querySelectorAll('#text .m.q[data-q~="' + String(Number(id)) + '"]'));
    marked.forEach(function (el) { el.classList.add("sel"); });
    if (scroll) {
      var anchor = document.getElementById("q-" + id);
      if (anchor) anchor.scrollIntoView({ block: "center" });
    }
  }
  function fromHash(scroll) {
    var m = /^#q-(\d+)$/.exec(window.location.hash);
    if (m) select(m[1], scroll);
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-q]") : null;
    if (target && document.getElementById("text") && document.getElementById("text").contains(target)) {
      var id = target.getAttribute("data-q").split(" ")[0];
      event.preventDefault();
      history.replaceState(null, "", "#q-" + id);
      select(id, false);
      return;
    }
    var button = event.target.closest ? event.target.closest("button.copy") : null;
    if (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) return;
      var text = source.textContent;
      var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy citation"; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    }
  });
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }
  window.addEventListener("hashchange", function () { fromHash(true); });
  document.addEventListener("DOMContentLoaded", function () { fromHash(true); });
})();
