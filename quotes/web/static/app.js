// quotes: select a quote in an article to see its details; copy a citation. No build step.
"use strict";
(function () {
  function select(id, scroll) {
    var panel = document.getElementById("qd-" + id);
    if (!panel) return;
    document.querySelectorAll(".quote-detail").forEach(function (el) { el.hidden = el !== panel; });
    var hint = document.getElementById("hint");
    if (hint) hint.hidden = true;
    document.querySelectorAll(".m.q.sel").forEach(function (el) { el.classList.remove("sel"); });
    document.querySelectorAll('.m.q[data-q]').forEach(function (el) {
      if (el.getAttribute("data-q").split(" ").indexOf(String(id)) >= 0) el.classList.add("sel");
    });
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
