/* mkdocs-sxs review mode (served by `mkdocs-sxs review` only): an editor for every translation unit.
 *
 * Click a unit, or focus it (Tab) and press Enter or "e": the panel shows the English source, the machine
 * translation, the current post-edit and the unit's QA findings. Keys in the panel:
 *   Ctrl+Enter save   Alt+K keep the machine translation   Alt+U undo the last save
 *   Alt+ArrowDown / Alt+ArrowUp next / previous unit   Alt+Q next unit with a QA finding   Escape close
 * Saves go to the server with the session token; the unit is then replaced by the page as rebuilt.
 */
(function () {
  "use strict";
  var tokenMeta = document.querySelector('meta[name="sxs-review-token"]');
  var pageMeta = document.querySelector('meta[name="sxs-review-page"]');
  if (!tokenMeta || !pageMeta) return;
  var TOKEN = tokenMeta.getAttribute("content");
  var PAGE = pageMeta.getAttribute("content");
  var state = null;          /* the server's page state */
  var byKey = {};            /* key -> unit state */
  var current = null;        /* key of the open unit */
  var panel, fields = {}, countBox;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /* The page's unit elements in document order, each with its key (id, ~n for a repeated id). */
  function unitElements() {
    var root = document.querySelector("article") || document.body;
    var seen = {};
    var list = [];
    root.querySelectorAll(".sxs-tu[data-sxs-id]").forEach(function (node) {
      if (node.closest(".sxs-review-panel")) return;
      var id = node.getAttribute("data-sxs-id");
      seen[id] = (seen[id] || 0) + 1;
      var key = PAGE + "#" + id + (seen[id] > 1 ? "~" + seen[id] : "");
      node.setAttribute("data-sxs-key", key);
      if (byKey[key]) {
        // review mode is an editor: each unit is a Tab stop here (the published reader keeps sentences out of
        // the Tab order and opens originals with its key instead)
        if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "0");
        list.push(node);
      }
    });
    return list;
  }

  function elementOf(key) {
    return unitElements().filter(function (node) { return node.getAttribute("data-sxs-key") === key; })[0];
  }

  function mark() {
    unitElements().forEach(function (node) {
      var unit = byKey[node.getAttribute("data-sxs-key")];
      node.classList.add("sxs-reviewable");
      node.classList.toggle("sxs-r-edited", unit.post_edit !== null);
      node.classList.toggle("sxs-r-reviewed", unit.reviewed);
      node.classList.toggle("sxs-r-qa", unit.findings.length > 0);
      node.classList.toggle("sxs-r-stale", unit.stale_source !== null);
      node.classList.toggle("sxs-r-current", node.getAttribute("data-sxs-key") === current);
    });
    var counts = state.counts;
    countBox.textContent = "Reviewed " + counts.reviewed + " / edited " + counts.edited + " / total " + counts.total;
  }

  function api(method, path, body) {
    var options = { method: method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.headers["X-Sxs-Token"] = TOKEN;
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    });
  }

  function load() {
    return api("GET", "/__sxs/api/page?page=" + encodeURIComponent(PAGE)).then(function (reply) {
      if (reply.status !== 200) { say(reply.data.error || "cannot load the units", true); return; }
      state = reply.data;
      byKey = {};
      state.units.forEach(function (unit) { byKey[unit.key] = unit; });
      mark();
    });
  }

  function say(message, problem) {
    fields.status.textContent = message;
    fields.status.classList.toggle("sxs-r-problem", !!problem);
  }

  function build() {
    panel = el("section", { "class": "sxs-review-panel", "role": "dialog", "aria-label": "Review unit",
                            "hidden": "" });
    var head = el("div", { "class": "sxs-r-head" });
    fields.title = el("strong", { "class": "sxs-r-title" });
    countBox = el("span", { "class": "sxs-r-counts", "aria-live": "polite" });
    head.appendChild(fields.title);
    head.appendChild(countBox);
    panel.appendChild(head);
    var grid = el("div", { "class": "sxs-r-grid" });
    function column(name, label) {
      var box = el("div", { "class": "sxs-r-col sxs-r-" + name });
      box.appendChild(el("h2", {}, label));
      var body = el(name === "edit" ? "textarea" : "div", name === "edit"
        ? { "class": "sxs-r-text", "rows": "4", "aria-label": "Post-edit", "spellcheck": "true" }
        : { "class": "sxs-r-text" });
      box.appendChild(body);
      grid.appendChild(box);
      fields[name] = body;
      return box;
    }
    column("source", "English source");
    column("machine", "Machine translation");
    column("edit", "Post-edit");
    column("qa", "QA findings");
    fields.staleBox = el("div", { "class": "sxs-r-stale-box", "hidden": "" });
    panel.appendChild(fields.staleBox);
    panel.appendChild(grid);
    var bar = el("div", { "class": "sxs-r-bar" });
    function button(name, label, keys, action) {
      var node = el("button", { "type": "button", "class": "sxs-r-" + name, "aria-keyshortcuts": keys }, label);
      node.addEventListener("click", action);
      bar.appendChild(node);
      return node;
    }
    button("save", "Save · Ctrl+Enter", "Control+Enter", function () { save(false); });
    button("keep", "Keep machine translation · Alt+K", "Alt+K", function () { save(true); });
    button("undo", "Undo last save · Alt+U", "Alt+U", undo);
    button("prev", "Previous · Alt+↑", "Alt+ArrowUp", function () { step(-1, false); });
    button("next", "Next · Alt+↓", "Alt+ArrowDown", function () { step(1, false); });
    button("next-qa", "Next QA finding · Alt+Q", "Alt+Q", function () { step(1, true); });
    button("close", "Close · Esc", "Escape", close);
    panel.appendChild(bar);
    fields.status = el("p", { "class": "sxs-r-status", "role": "status", "aria-live": "polite" });
    panel.appendChild(fields.status);
    document.body.appendChild(panel);
    var badge = countBox;
    badge.setAttribute("title", "units of this page: reviewed (post-edited or kept) / post-edited / all");
    panel.addEventListener("keydown", panelKeys);
  }

  function show(key, focusEditor) {
    var unit = byKey[key];
    if (!unit) return;
    current = key;
    panel.hidden = false;
    document.documentElement.classList.add("sxs-reviewing");
    fields.title.textContent = "Unit " + unit.id + (unit.occurrence > 1 ? " (" + unit.occurrence + ")" : "") +
      " · " + PAGE + ":" + unit.line;
    fields.source.textContent = unit.source === null ? "(no English original)" : unit.source;
    fields.machine.textContent = unit.machine;
    fields.edit.value = unit.post_edit !== null ? unit.post_edit : unit.machine;
    fields.edit.setAttribute("data-base", unit.revision);
    fields.qa.textContent = "";
    if (!unit.findings.length) fields.qa.textContent = "none";
    unit.findings.forEach(function (finding) {
      fields.qa.appendChild(el("p", { "class": "sxs-r-finding sxs-r-" + finding.level },
                               finding.level + ": " + finding.message + " [" + finding.check + "]"));
    });
    showStale(unit);
    say(unit.stale_source !== null ? "stale: the English source changed since this unit was reviewed" :
        unit.post_edit !== null ? "post-edited" : unit.reviewed ? "machine translation kept" : "not reviewed yet");
    mark();
    var node = elementOf(key);
    if (node) node.scrollIntoView({ block: "center" });
    if (focusEditor !== false) fields.edit.focus();
  }

  function showStale(unit) {
    var box = fields.staleBox;
    box.textContent = "";
    box.hidden = unit.stale_source === null;
    if (box.hidden) return;
    box.appendChild(el("p", {}, "The English source changed since this unit was edited. Saving replaces the " +
                                 "edit for the new English; nothing is overwritten until you confirm."));
    box.appendChild(el("p", { "class": "sxs-r-old" }, "English when edited: " + unit.stale_source));
    box.appendChild(el("p", { "class": "sxs-r-new" }, "English now: " + unit.source));
    var label = el("label", {});
    var check = el("input", { "type": "checkbox", "class": "sxs-r-confirm" });
    label.appendChild(check);
    label.appendChild(document.createTextNode(" my text is for the English as it is now"));
    box.appendChild(label);
  }

  function close() {
    panel.hidden = true;
    document.documentElement.classList.remove("sxs-reviewing");
    var node = current && elementOf(current);
    current = null;
    mark();
    if (node) node.focus();
  }

  function step(direction, qaOnly) {
    var nodes = unitElements();
    var keys = nodes.map(function (node) { return node.getAttribute("data-sxs-key"); });
    var index = keys.indexOf(current);
    for (var i = 1; i <= keys.length; i++) {
      var next = keys[(index + direction * i + keys.length * i) % keys.length];
      if (!qaOnly || byKey[next].findings.length) { show(next); return; }
    }
    say("no unit with a QA finding on this page");
  }

  function refreshUnit(key) {
    /* The page as the server rebuilt it: swap in the new markup of this unit (and its flags). */
    return fetch(location.pathname, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var id = byKey[key].id;
      var fresh = Array.prototype.filter.call(doc.querySelectorAll(".sxs-tu[data-sxs-id]"), function (node) {
        return node.getAttribute("data-sxs-id") === id;
      })[byKey[key].occurrence - 1];
      var old = elementOf(key);
      if (fresh && old) {
        var imported = document.importNode(fresh, true);
        old.replaceWith(imported);
      }
    });
  }

  function applyReply(reply, key) {
    var unit = reply.data.unit;
    byKey[unit.key] = Object.assign(byKey[unit.key] || {}, unit);
    state.counts = reply.data.counts;
    return refreshUnit(unit.key).then(load).then(function () {
      if (current === unit.key) show(unit.key, key !== false);
      else mark();
    });
  }

  function save(keepMachine) {
    var unit = byKey[current];
    if (!unit) return;
    var confirm = fields.staleBox.querySelector(".sxs-r-confirm");
    var body = { page: PAGE, key: unit.key, base: fields.edit.getAttribute("data-base"),
                 target: fields.edit.value, keep_machine: keepMachine,
                 confirm_source: confirm && confirm.checked ? unit.source : null };
    var text = fields.edit.value;
    say("saving …");
    api("POST", "/__sxs/api/save", body).then(function (reply) {
      if (reply.status === 200) {
        return applyReply(reply).then(function () {
          say((keepMachine ? "machine translation kept" : "saved") + " in translations/" + reply.data.catalog +
              " (" + reply.data.ms + " ms)" +
              (reply.data.settling ? "; the rest of the site (navigation, search) is being updated" : ""));
        });
      }
      if (reply.status === 409 && reply.data.kind === "conflict") {
        var theirs = reply.data.unit;
        byKey[theirs.key] = Object.assign(byKey[theirs.key], theirs);
        fields.edit.setAttribute("data-base", theirs.revision);
        fields.edit.value = text;  /* the reviewer's text stays in the box */
        say("Conflict: " + reply.data.error + ". Saved elsewhere: “" +
            (theirs.post_edit !== null ? theirs.post_edit : theirs.machine) + "”. Save again to replace it.", true);
        return null;
      }
      if (reply.status === 409 && reply.data.kind === "stale") {
        var stale = reply.data.unit;
        byKey[stale.key] = Object.assign(byKey[stale.key], stale);
        showStale(byKey[stale.key]);
        fields.edit.value = text;
      }
      say(reply.data.error || "not saved", true);
      return null;
    }).catch(function () { say("not saved: the review server does not answer", true); });
  }

  function undo() {
    say("undoing …");
    api("POST", "/__sxs/api/undo", {}).then(function (reply) {
      if (reply.status !== 200) { say(reply.data.error || "undo failed", true); return null; }
      var key = reply.data.unit.key;
      if (reply.data.page !== PAGE) { say("undone on " + reply.data.page); return null; }
      return applyReply(reply).then(function () { show(key); say("undone: unit " + byKey[key].id); });
    });
  }

  function panelKeys(event) {
    var key = event.key;
    if (key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); save(false); }
    else if (event.altKey && (key === "k" || key === "K" || event.code === "KeyK")) { event.preventDefault(); save(true); }
    else if (event.altKey && (key === "u" || key === "U" || event.code === "KeyU")) { event.preventDefault(); undo(); }
    else if (event.altKey && key === "ArrowDown") { event.preventDefault(); step(1, false); }
    else if (event.altKey && key === "ArrowUp") { event.preventDefault(); step(-1, false); }
    else if (event.altKey && (key === "q" || key === "Q" || event.code === "KeyQ")) { event.preventDefault(); step(1, true); }
    else if (key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
  }

  function unitAt(target) {
    var node = target && target.closest && target.closest(".sxs-tu[data-sxs-key]");
    return node && !node.closest(".sxs-review-panel") && byKey[node.getAttribute("data-sxs-key")] ? node : null;
  }

  document.addEventListener("click", function (event) {
    var node = unitAt(event.target);
    if (!node || event.target.closest("a")) return;
    show(node.getAttribute("data-sxs-key"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    var node = unitAt(document.activeElement);
    if (node && document.activeElement === node && (event.key === "Enter" || event.key === "e")) {
      event.preventDefault();
      show(node.getAttribute("data-sxs-key"));
    }
  });

  function setup() {
    build();
    load().then(function () { document.documentElement.setAttribute("data-sxs-review", "ready"); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
