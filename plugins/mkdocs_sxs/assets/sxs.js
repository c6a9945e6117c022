/* mkdocs-sxs: tooltip, language switch and parallel view. Plain JS, no theme coupling.
 *
 * - Tooltip: the other language of a unit (English in the translated view, the
 *   translation in the English view) on hover, keyboard focus or one tap. One tip
 *   at a time, positioned with `position: fixed` below (or above) the line the
 *   unit sits on, kept inside the viewport; Escape closes it; the pointer can move
 *   into it, so links in the original stay usable.
 * - Switch: target / source (English) / both, stored in localStorage, applied as
 *   <html data-sxs-mode>; works with Material's instant navigation (document$)
 *   and without it.
 * - Keyboard: sentences are not Tab stops. Alt+Shift+O opens (and closes) the original
 *   of the sentence at the focus or caret (or the first one in view) and focuses that
 *   sentence (tabindex=-1); the arrow keys then move from sentence to sentence, Escape
 *   closes, Tab goes on to the next link. A focused link inside a sentence opens it too.
 * - Originals on hover can be turned off (the .sxs-hover button, localStorage
 *   "sxs-hover"); tap and keyboard keep working.
 */
(function () {
  "use strict";
  if (window.__sxsLoaded) return;      /* instant navigation may re-run scripts */
  window.__sxsLoaded = true;

  var KEY = "sxs-mode", HOVER_KEY = "sxs-hover";
  var MODES = ["target", "source", "both"];
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, caption, summary";
  var NESTED = "ul, ol, dl, p, div, table, pre, blockquote, details, figure";
  var MEDIA = "img, picture, svg, video, audio, iframe, object, embed";
  var GAP = 6, MARGIN = 8, CLOSE_DELAY = 250;
  var root = document.documentElement;

  root.classList.add("sxs-js");

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(mode) {
    try { localStorage.setItem(KEY, mode); } catch (e) { /* storage disabled */ }
  }
  function currentMode() {
    var mode = stored() || root.getAttribute("data-sxs-default") || "target";
    return MODES.indexOf(mode) === -1 ? "target" : mode;
  }
  function mode() {
    return root.getAttribute("data-sxs-mode") || "target";
  }
  function unitOf(node) {
    return node && node.closest ? node.closest(".sxs-tu") : null;
  }

  /* ---- Tooltip ---------------------------------------------------------- */

  var open = null, tip = null, anchorY = null, closeTimer = null, described = [];
  var dismissed = null;                /* closed with Escape: stays closed until left */
  var tipCount = 0;

  function hoverOn() {
    try { return localStorage.getItem(HOVER_KEY) !== "off"; } catch (e) { return true; }
  }

  function tipOf(unit) {
    var name = mode() === "source" ? "sxs-t" : "sxs-s";
    for (var child = unit.firstElementChild; child; child = child.nextElementSibling) {
      if (child.classList.contains(name)) return child;
    }
    return null;
  }

  function rtl(el) {
    return getComputedStyle(el).direction === "rtl";
  }

  /* Below the whole unit (so the translated sentence stays readable), above it when
   * there is more room there; horizontally at the line under the pointer (its start
   * edge: left, or right in a right-to-left page), kept inside the window. */
  function place() {
    if (!open || !tip) return;
    var rects = open.getClientRects();
    if (!rects.length) { closeTip(); return; }
    var line = rects[0];
    if (anchorY !== null) {
      for (var i = 0; i < rects.length; i++) {
        if (anchorY >= rects[i].top - 1 && anchorY <= rects[i].bottom + 1) { line = rects[i]; break; }
      }
    }
    var unitTop = rects[0].top, unitBottom = rects[rects.length - 1].bottom;
    var vw = root.clientWidth || window.innerWidth, vh = window.innerHeight;
    tip.style.maxHeight = "";
    var box = tip.getBoundingClientRect();
    var below = vh - unitBottom - GAP - MARGIN, above = unitTop - GAP - MARGIN;
    var top;
    if (box.height <= below || below >= above) {
      top = unitBottom + GAP;
      if (box.height > below) tip.style.maxHeight = Math.max(below, 48) + "px";
    } else {
      if (box.height > above) tip.style.maxHeight = above + "px";
      top = unitTop - GAP - Math.min(box.height, above);
    }
    var left = rtl(open) ? line.right - box.width : line.left;
    left = Math.min(left, vw - box.width - MARGIN);
    tip.style.left = Math.max(MARGIN, left) + "px";
    tip.style.top = Math.max(MARGIN, top) + "px";
  }

  /* Screen readers: the page is read in its language; the other language is the
   * description of the open unit (and of a focused link in it), never part of a name.
   * A tip without links leaves the accessibility tree where it sits (aria-hidden) and
   * is read only as that description; a tip with links stays reachable. */
  function describe(el) {
    if (!el || !tip || described.indexOf(el) !== -1) return;
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(tip.id) === -1) ids.push(tip.id);
    el.setAttribute("aria-describedby", ids.join(" "));
    described.push(el);
  }
  function undescribe() {
    for (var i = 0; i < described.length; i++) {
      var el = described[i];
      var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) {
        return id && (!tip || id !== tip.id);
      });
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    }
    described = [];
  }

  function openTip(unit, y) {
    cancelClose();
    if (mode() === "both") return;
    if (open === unit) {
      if (y !== undefined) { anchorY = y; place(); }
      if (unit.contains(document.activeElement)) describe(document.activeElement);
      return;
    }
    closeTip();
    var next = tipOf(unit);
    if (!next || !next.textContent.trim()) return;
    open = unit; tip = next; anchorY = y === undefined ? null : y;
    if (!tip.id) tip.id = "sxs-tip-" + (++tipCount);
    unit.classList.add("sxs-open");
    tip.classList.add("sxs-tip");
    tip.setAttribute("role", "tooltip");
    if (!tip.querySelector("a[href], button, input, select, textarea")) tip.setAttribute("aria-hidden", "true");
    /* English in a right-to-left page (or the translation in an English view of it) keeps its own direction. */
    if (rtl(unit) && tip.classList.contains("sxs-s")) tip.setAttribute("dir", "ltr");
    describe(unit);
    if (unit.contains(document.activeElement)) describe(document.activeElement);
    place();
  }

  function closeTip() {
    cancelClose();
    if (!open) return;
    undescribe();
    open.classList.remove("sxs-open");
    if (tip) {
      tip.classList.remove("sxs-tip");
      tip.removeAttribute("role");
      tip.removeAttribute("aria-hidden");
      tip.style.left = tip.style.top = tip.style.maxHeight = "";
    }
    open = tip = anchorY = null;
  }

  function cancelClose() {
    if (closeTimer) { clearTimeout(closeTimer); closeTimer = null; }
  }
  function closeSoon() {
    cancelClose();
    closeTimer = setTimeout(function () {
      closeTimer = null;
      if (open && !open.contains(document.activeElement)) closeTip();
    }, CLOSE_DELAY);
  }

  /* Sentences are not Tab stops. A unit becomes focusable (tabindex=-1, out of the Tab
   * order) only while a reader is on it: after the original key, the arrow keys, or a tap. */
  function focusUnit(unit) {
    if (!unit) return;
    if (!unit.hasAttribute("tabindex")) { unit.setAttribute("tabindex", "-1"); unit.setAttribute("data-sxs-focus", ""); }
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    unit.focus({ preventScroll: true });
    if (unit.scrollIntoView) unit.scrollIntoView({ block: "nearest", behavior: reduce ? "auto" : "smooth" });
  }
  function shown(el) {
    return el.getClientRects().length > 0 && !el.closest(".sxs-parallel");
  }
  function readable() {
    var units = document.querySelectorAll(".sxs-tu");
    var out = [];
    for (var i = 0; i < units.length; i++) if (shown(units[i])) out.push(units[i]);
    return out;
  }
  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }
  /* The unit the key is for: the one holding focus or the caret, else the first one in the
   * focused block, else the first one after the focus that is on screen, else the first on screen. */
  function unitForKey() {
    var active = document.activeElement;
    var unit = unitOf(active);
    if (unit) return unit;
    var selection = window.getSelection && window.getSelection();
    if (selection && selection.anchorNode) {
      var node = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
      unit = unitOf(node);
      if (unit && shown(unit)) return unit;
    }
    var units = readable();
    if (active && active !== document.body) {
      var block = active.closest(BLOCKS);
      for (var i = 0; i < units.length; i++) {
        if (block && block.contains(units[i])) return units[i];
      }
      for (var j = 0; j < units.length; j++) {
        if (active.compareDocumentPosition(units[j]) & Node.DOCUMENT_POSITION_FOLLOWING && inView(units[j])) {
          return units[j];
        }
      }
    }
    for (var k = 0; k < units.length; k++) if (inView(units[k])) return units[k];
    return units[0] || null;
  }
  function step(unit, delta) {
    var units = readable();
    var index = units.indexOf(unit);
    return index === -1 ? null : units[index + delta] || null;
  }
  function isOriginalKey(event) {
    return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey &&
      (event.code === "KeyO" || event.key === "o" || event.key === "O");
  }
  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  document.addEventListener("mouseover", function (event) {
    var unit = unitOf(event.target);
    if (open && tip && tip.contains(event.target)) { cancelClose(); return; }   /* hoverable */
    if (unit && unit !== dismissed && hoverOn()) openTip(unit, event.clientY);
    else if (!unit && open) closeSoon();
  });
  document.addEventListener("mouseout", function (event) {
    if (dismissed && !dismissed.contains(event.relatedTarget) && !dismissed.contains(document.activeElement)) {
      dismissed = null;
    }
    if (open && !open.contains(event.relatedTarget) && !open.contains(document.activeElement)) closeSoon();
  });
  document.addEventListener("focusin", function (event) {
    var unit = unitOf(event.target);
    if (dismissed && dismissed !== unit) dismissed = null;
    if (unit && unit !== dismissed) openTip(unit);
    else if (!unit) closeTip();
  });
  document.addEventListener("focusout", function (event) {
    var el = event.target;
    if (el && el.hasAttribute && el.hasAttribute("data-sxs-focus") && el !== event.relatedTarget) {
      el.removeAttribute("tabindex"); el.removeAttribute("data-sxs-focus");
    }
    if (open && !open.contains(event.relatedTarget)) closeSoon();
  });
  /* One tap (touch screens may not focus or hover): open the tapped unit, close on a tap elsewhere. */
  document.addEventListener("click", function (event) {
    var unit = unitOf(event.target);
    if (unit) {
      dismissed = null;
      openTip(unit, event.clientY);
      if (event.target === unit || !event.target.closest("a, button")) {
        if (!unit.hasAttribute("tabindex")) { unit.setAttribute("tabindex", "-1"); unit.setAttribute("data-sxs-focus", ""); }
        unit.focus({ preventScroll: true });
      }
    } else if (open && !(event.target.closest && event.target.closest(".sxs-mode, .sxs-hover"))) {
      closeTip();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      var unit = open;
      closeTip();
      dismissed = unit;
      /* Keep Escape for the page (e.g. Material's search) unless the reader is on the unit. */
      if (unit.contains(document.activeElement)) {
        if (document.activeElement !== unit) focusUnit(unit);
        event.stopPropagation();
      }
      return;
    }
    if (isOriginalKey(event) && !editable(document.activeElement)) {
      event.preventDefault();
      event.stopPropagation();
      var current = unitOf(document.activeElement);
      if (current && open === current) {       /* the key toggles */
        closeTip();
        dismissed = current;
        if (document.activeElement !== current) focusUnit(current);
        return;
      }
      var target = unitForKey();
      if (!target) return;
      dismissed = null;
      if (document.activeElement === target) openTip(target); else focusUnit(target);
      return;
    }
    /* On a focused sentence (not a link in it): the arrow keys move to the next or previous one. */
    var here = document.activeElement;
    if (here && here.classList && here.classList.contains("sxs-tu") && !event.altKey && !event.ctrlKey &&
        !event.metaKey && !event.shiftKey) {
      var back = rtl(here) ? "ArrowRight" : "ArrowLeft", forward = rtl(here) ? "ArrowLeft" : "ArrowRight";
      var delta = event.key === "ArrowDown" || event.key === forward ? 1
        : event.key === "ArrowUp" || event.key === back ? -1 : 0;
      if (!delta) return;
      var next = step(here, delta);
      if (next) { event.preventDefault(); dismissed = null; focusUnit(next); }
    }
  }, true);
  window.addEventListener("scroll", place, { passive: true, capture: true });
  window.addEventListener("resize", place, { passive: true });

  /* ---- Originals on hover: on / off -------------------------------------- */

  function applyHover() {
    var on = hoverOn();
    root.setAttribute("data-sxs-hover", on ? "on" : "off");
    var buttons = document.querySelectorAll(".sxs-hover");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sxs-hover");
    if (!button) return;
    try { localStorage.setItem(HOVER_KEY, hoverOn() ? "off" : "on"); } catch (e) { /* storage disabled */ }
    closeTip();
    applyHover();
  });

  /* ---- Parallel view ---------------------------------------------------- */

  function blockOf(unit) {
    var block = unit.parentElement && unit.parentElement.closest(BLOCKS);
    if (!block || block.closest(".sxs-parallel, .sxs-bar")) return null;
    return block;
  }

  /* The English twin of a block: a copy with every unit replaced by its original,
   * without ids, anchors, permalinks, media or nested blocks. */
  function twinOf(block) {
    var twin = document.createElement("div");
    twin.className = "sxs-parallel";
    var source = block.querySelector(".sxs-s");
    twin.setAttribute("lang", (source && source.getAttribute("lang")) || "en");
    var copy = block.cloneNode(true);
    var nested = copy.querySelectorAll(NESTED + ", .sxs-parallel");
    for (var n = 0; n < nested.length; n++) if (nested[n].parentNode) nested[n].remove();
    var units = copy.querySelectorAll(".sxs-tu");
    for (var j = units.length - 1; j >= 0; j--) {
      var unit = units[j], original = null;
      for (var c = unit.firstElementChild; c; c = c.nextElementSibling) {
        if (c.classList.contains("sxs-s")) original = c;
      }
      var span = document.createElement("span");
      span.className = "sxs-s";
      if (original) while (original.firstChild) span.appendChild(original.firstChild);
      unit.parentNode.replaceChild(span, unit);
    }
    var drop = copy.querySelectorAll(MEDIA + ", .headerlink, .sxs-bar");
    for (var k = 0; k < drop.length; k++) drop[k].remove();
    var named = copy.querySelectorAll("[id], a[name], [tabindex]");
    for (var m = 0; m < named.length; m++) {
      named[m].removeAttribute("id"); named[m].removeAttribute("name"); named[m].removeAttribute("tabindex");
    }
    while (copy.firstChild) twin.appendChild(copy.firstChild);
    return twin;
  }

  function buildParallel(scope) {
    var units = scope.querySelectorAll(".sxs-tu");
    var blocks = [], owners = [];
    for (var i = 0; i < units.length; i++) {
      if (units[i].closest(".sxs-parallel")) continue;
      var block = blockOf(units[i]);
      owners.push(block);
      if (block && blocks.indexOf(block) === -1) blocks.push(block);
    }
    var twinned = [];
    for (var b = 0; b < blocks.length; b++) {
      var el = blocks[b];
      if (el.querySelector(":scope > .sxs-parallel") ||
          (el.nextElementSibling && el.nextElementSibling.classList.contains("sxs-parallel"))) {
        twinned.push(el);
        continue;
      }
      var twin = twinOf(el);
      if (!twin.textContent.trim()) continue;
      twinned.push(el);
      if (/^(LI|TD|TH|DD|DT|SUMMARY|CAPTION)$/.test(el.tagName)) {
        var first = null;                  /* before a nested list, after the item's own text */
        for (var c = el.firstElementChild; c; c = c.nextElementSibling) {
          if (c.matches(NESTED)) { first = c; break; }
        }
        el.insertBefore(twin, first);
      } else {
        el.parentNode.insertBefore(twin, el.nextSibling);
      }
    }
    /* Units outside any text block (raw HTML) or left out of their block's twin
     * (inside a nested <div>) show their original inline, right after the translation. */
    for (var u = 0, k = 0; u < units.length; u++) {
      if (units[u].closest(".sxs-parallel")) continue;
      var owner = owners[k++];
      var covered = owner && twinned.indexOf(owner) !== -1 && !nestedIn(units[u], owner);
      units[u].classList.toggle("sxs-both-inline", !covered);
    }
  }

  function nestedIn(unit, block) {
    for (var el = unit.parentElement; el && el !== block; el = el.parentElement) {
      if (el.matches(NESTED)) return true;
    }
    return false;
  }

  /* ---- Switch ------------------------------------------------------------ */

  function apply(next) {
    closeTip();
    root.setAttribute("data-sxs-mode", next);
    if (next === "both") {
      buildParallel(document.body);
      if (document.body && rtl(document.body)) markEnglishLtr(document);
    }
    var buttons = document.querySelectorAll(".sxs-mode");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-sxs-mode") === next ? "true" : "false");
    }
  }

  /* DocFX TOC `expanded: true` (a hidden .sxs-nav-expanded marker in the section title, written by the
     plugin): open that section's toggle once per page, as DocFX shows it; the reader can still close it. */
  function expandSections() {
    var markers = document.querySelectorAll(".md-nav .sxs-nav-expanded");
    for (var i = 0; i < markers.length; i++) {
      var item = markers[i].closest(".md-nav__item--nested");
      var toggle = item && item.querySelector("input.md-nav__toggle");
      if (toggle && toggle.parentNode === item && !toggle.hasAttribute("data-sxs-expanded")) {
        toggle.checked = true;
        toggle.setAttribute("data-sxs-expanded", "");
      }
    }
  }

  function init() {
    closeTip();
    apply(currentMode());
    expandSections();
    applyHover();
    if (root.getAttribute("dir") === "rtl" || (document.body && rtl(document.body))) markEnglishLtr(document);
  }

  /* Right-to-left pages: English text keeps left-to-right (the translation inherits the page's rtl). */
  function markEnglishLtr(scope) {
    var english = scope.querySelectorAll(".sxs-tu > .sxs-s, .sxs-ann-name > .sxs-s, .sxs-parallel");
    for (var i = 0; i < english.length; i++) english[i].setAttribute("dir", "ltr");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".sxs-mode");
    if (!button) return;
    var next = button.getAttribute("data-sxs-mode");
    if (MODES.indexOf(next) === -1) return;
    store(next);
    apply(next);
  });
  /* Another tab changed the mode. */
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(currentMode());
    if (event.key === HOVER_KEY) applyHover();
  });

  root.setAttribute("data-sxs-mode", currentMode());
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);   /* Material's instant navigation: every new page */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
