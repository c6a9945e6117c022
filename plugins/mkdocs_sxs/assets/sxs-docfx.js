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

  /* The elements a variant inside a list item covers: the paragraph of its label, then its siblings up to
     (and with) the paragraph of the matching end mark; nested variants are counted. */
  function listRun(start) {
    var first = start.parentElement && start.parentElement.tagName === "P" ? start.parentElement : start;
    var run = [first], depth = 0;
    for (var node = first.nextElementSibling; node; node = node.nextElementSibling) {
      run.push(node);
      depth += node.querySelectorAll("[class*='-start'][data-sxs-zone], [class*='-start'][data-sxs-moniker]").length;
      var ends = node.querySelectorAll(".sxs-variant-end").length + (node.classList.contains("sxs-variant-end") ? 1 : 0);
      if (ends > depth) { break; }
      depth -= ends;
    }
    return run;
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
        function shows(data) {
          return kind === "zone"
            ? data.toLowerCase().split(/\s+/).indexOf(value) >= 0
            : inRange(data.toLowerCase(), value, order);
        }
        var blocks = root.querySelectorAll(".sxs-" + kind + "[data-sxs-" + kind + "]");
        Array.prototype.forEach.call(blocks, function (block) {
          block.hidden = !shows(block.getAttribute("data-sxs-" + kind));
        });
        /* Inside list items: the label's paragraph and its siblings up to the end mark. */
        var starts = root.querySelectorAll(".sxs-" + kind + "-start[data-sxs-" + kind + "]");
        Array.prototype.forEach.call(starts, function (start) {
          var hide = !shows(start.getAttribute("data-sxs-" + kind));
          listRun(start).forEach(function (element) {
            if (hide) { element.setAttribute("data-sxs-hidden-" + kind, ""); }
            else { element.removeAttribute("data-sxs-hidden-" + kind); }
          });
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
