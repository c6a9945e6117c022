/* mkdocs-sxs: filter a role's (product's) page list by a second role or product. */
(function () {
  "use strict";

  function filter(box) {
    var select = box.querySelector("select");
    var list = box.parentNode.querySelector(".sxs-ann-pages");
    var output = box.querySelector(".sxs-ann-shown");
    if (!select || !list) return;
    var value = select.value;
    var kind = value.split(":")[0];
    var name = value.slice(kind.length + 1);
    var attribute = "data-sxs-" + kind.replace(/_/g, "-");
    var items = list.querySelectorAll(":scope > li");
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var values = (items[i].getAttribute(attribute) || "").split("|");
      var keep = !value || values.indexOf(name) !== -1;
      items[i].hidden = !keep;
      if (keep) shown++;
    }
    if (output) output.textContent = String(shown);
  }

  function wire() {
    var boxes = document.querySelectorAll(".sxs-ann-filter");
    var wanted = null;
    try { wanted = new URLSearchParams(window.location.search).get("also"); } catch (e) { /* old browser */ }
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      box.hidden = false;
      if (box.getAttribute("data-sxs-wired")) continue;
      box.setAttribute("data-sxs-wired", "");
      var select = box.querySelector("select");
      if (!select) continue;
      if (wanted) {
        for (var j = 0; j < select.options.length; j++) {
          if (select.options[j].value === wanted) select.value = wanted;
        }
      }
      select.addEventListener("change", function (event) {
        filter(event.target.closest(".sxs-ann-filter"));
      });
      filter(box);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(wire);   /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
