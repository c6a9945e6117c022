/* mkdocs-sxs: language switch and parallel view. Plain JS, no theme coupling. */
(function () {
  "use strict";
  var KEY = "sxs-mode";
  var MODES = ["target", "source", "both"];
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption";

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(mode) {
    try { localStorage.setItem(KEY, mode); } catch (e) { /* private mode */ }
  }
  function currentMode() {
    var mode = stored() || document.documentElement.getAttribute("data-sxs-default") || "target";
    return MODES.indexOf(mode) === -1 ? "target" : mode;
  }

  /* The English twin of a block: a copy with every unit replaced by its original. */
  function buildParallel(root) {
    var blocks = root.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.closest(".sxs-parallel, .sxs-bar")) continue;
      if (!block.querySelector(":scope > .sxs-tu, :scope > a > .sxs-tu, :scope > strong > .sxs-tu, :scope > em > .sxs-tu")) continue;
      if (block.querySelector(BLOCKS)) continue;  /* innermost blocks only */
      var twin = document.createElement(block.tagName === "TD" || block.tagName === "TH" ? "div" : "div");
      twin.className = "sxs-parallel";
      twin.setAttribute("lang", (block.querySelector(".sxs-s") || {}).lang || "en");
      twin.setAttribute("data-search-exclude", "");
      var copy = block.cloneNode(true);
      var units = copy.querySelectorAll(".sxs-tu");
      for (var j = 0; j < units.length; j++) {
        var source = units[j].querySelector(":scope > .sxs-s");
        var span = document.createElement("span");
        span.className = "sxs-s";
        if (source) { while (source.firstChild) span.appendChild(source.firstChild); }
        units[j].parentNode.replaceChild(span, units[j]);
      }
      var ids = copy.querySelectorAll("[id]");
      for (var k = 0; k < ids.length; k++) ids[k].removeAttribute("id");
      var links = copy.querySelectorAll(".headerlink");
      for (var m = 0; m < links.length; m++) links[m].remove();
      while (copy.firstChild) twin.appendChild(copy.firstChild);
      if (block.tagName === "TD" || block.tagName === "TH" || block.tagName === "LI") block.appendChild(twin);
      else block.parentNode.insertBefore(twin, block.nextSibling);
    }
  }

  function apply(mode) {
    document.documentElement.setAttribute("data-sxs-mode", mode);
    if (mode === "both" && !document.documentElement.hasAttribute("data-sxs-parallel-built")) {
      document.documentElement.setAttribute("data-sxs-parallel-built", "");
      buildParallel(document.body);
    }
    var buttons = document.querySelectorAll(".sxs-mode");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-sxs-mode") === mode ? "true" : "false");
    }
  }

  function init() {
    document.documentElement.removeAttribute("data-sxs-parallel-built");
    apply(currentMode());
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sxs-mode");
    if (!button) return;
    var mode = button.getAttribute("data-sxs-mode");
    store(mode);
    apply(mode);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.classList.contains("sxs-tu")) {
      document.activeElement.blur();
    }
  });

  document.documentElement.setAttribute("data-sxs-mode", currentMode());
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);   /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
