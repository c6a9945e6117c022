/* DocFX zone pivots and moniker ranges (core/docfx/markdown/variants.py): a selector above the
   first block shows the chosen pivot's / version's blocks. Without JavaScript the selector stays
   hidden and every block is shown under its label. The choice is kept for the site (localStorage). */
(function () {
  "use strict";
  var STORE = "sxs-variant-";

  function remember(kind, value) {
    try { localStorage.setItem(STORE + kind, value); } catch (e) { /* private mode */ }
  }
  function remembered(kind) {
    try { return localStorage.getItem(STORE + kind); } catch (e) { return null; }
  }

  /* A moniker range: `||` alternatives of space-separated comparisons (`>=vs-2019 <=vs-2022`). */
  function inRange(range, chosen, order) {
    var at = order.indexOf(chosen);
    return range.split("||").some(function (alternative) {
      var tokens = alternative.replace(/(>=|<=|>|<|=)\s+/g, "$1").trim().split(/\s+/);
      return tokens.every(function (token) {
        var m = /^(>=|<=|>|<|=)?(.+)$/.exec(token);
        if (!m) { return true; }
        var other = order.indexOf(m[2].toLowerCase());
        if (other < 0 || at < 0) { return m[2].toLowerCase() === chosen; }
        switch (m[1]) {
          case ">=": return at >= other;
          case "<=": return at <= other;
          case ">": return at > other;
          case "<": return at < other;
          default: return at === other;
        }
      });
    });
  }

  function setup(root) {
    var selectors = root.querySelectorAll("[data-sxs-selector]");
    Array.prototype.forEach.call(selectors, function (selector) {
      var kind = selector.getAttribute("data-sxs-selector");
      var buttons = selector.querySelectorAll("button[data-sxs-" + kind + "-choice]");
      var order = Array.prototype.map.call(buttons, function (b) {
        return b.getAttribute("data-sxs-" + kind + "-choice").toLowerCase();
      });
      function choose(value, store) {
        Array.prototype.forEach.call(buttons, function (b) {
          b.setAttribute("aria-pressed", String(b.getAttribute("data-sxs-" + kind + "-choice").toLowerCase() === value));
        });
        var blocks = root.querySelectorAll(".sxs-" + kind + "[data-sxs-" + kind + "]");
        Array.prototype.forEach.call(blocks, function (block) {
          var data = block.getAttribute("data-sxs-" + kind);
          var show = kind === "zone"
            ? data.toLowerCase().split(/\s+/).indexOf(value) >= 0
            : inRange(data.toLowerCase(), value, order);
          block.hidden = !show;
        });
        if (store) { remember(kind, value); }
      }
      Array.prototype.forEach.call(buttons, function (b) {
        b.addEventListener("click", function () {
          choose(b.getAttribute("data-sxs-" + kind + "-choice").toLowerCase(), true);
        });
      });
      if (!order.length) { return; }
      selector.hidden = false;
      var saved = remembered(kind);
      choose(saved && order.indexOf(saved) >= 0 ? saved : order[kind === "moniker" ? order.length - 1 : 0], false);
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { setup(document); });  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
