/* mkdocs-sxs review preview: a button toggling TU ids and QA flags (class sxs-review on <html>). */
(function () {
  "use strict";
  var KEY = "sxs-review";
  function apply(on) {
    document.documentElement.classList.toggle("sxs-review", on);
    var button = document.querySelector(".sxs-review-toggle");
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
  }
  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function setup() {
    if (!document.querySelector(".sxs-tu") || document.querySelector(".sxs-review-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sxs-review-toggle";
    button.textContent = "TU ids / QA";
    button.addEventListener("click", function () {
      var on = !document.documentElement.classList.contains("sxs-review");
      try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
    });
    document.body.appendChild(button);
    apply(stored());
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);  /* Material's instant navigation: new page content */
  }
})();
