/* Enhancements only: every page reads fine without this script. */
(function () {
  "use strict";
  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* private mode: not remembered */ } }
  };

  // The language switch keeps the #fragment, so a reader lands on the same paragraph.
  document.querySelectorAll("a[data-keep-hash]").forEach(function (a) {
    a.addEventListener("click", function () {
      if (window.location.hash) { a.href = a.href.split("#")[0] + window.location.hash; }
    });
  });

  // Reading mode: CSS does the switching; this remembers the choice across pages.
  var saved = store.get("reading-mode");
  if (saved) {
    var radio = document.getElementById("mode-" + saved);
    if (radio) { radio.checked = true; }
  }
  document.querySelectorAll('input[name="mode"]').forEach(function (r) {
    r.addEventListener("change", function () { store.set("reading-mode", r.value); });
  });

  // UI strings come from the page, in its language (templates/macros.html ui_strings).
  var ui = JSON.parse((document.getElementById("ui-strings") || { textContent: "{}" }).textContent);
  var lang = document.documentElement.lang;

  // Citations: the reader's own access date, and copy buttons. The long form is the platform's for the
  // page's language (January 15, 2030 in English), as the page shows it without a script (cite.py).
  var today = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var formats = {
    "iso": today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate()),
    "long": new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" }).format(today)
  };
  document.querySelectorAll("[data-access]").forEach(function (span) {
    span.textContent = formats[span.getAttribute("data-access")];
  });
  // One copy button for the citation box: it copies the format chosen (remembered across pages).
  var copied = ui.copied, copyLabel = ui.copy;
  document.querySelectorAll(".cite").forEach(function (box) {
    var picker = box.querySelector(".cite-formats");
    if (!picker) { return; }
    var savedFormat = store.get("cite-format");
    var choice = savedFormat && box.querySelector('.cite-formats input[value="' + savedFormat + '"]');
    if (choice) { choice.checked = true; }
    box.querySelectorAll(".cite-formats input").forEach(function (r) {
      r.addEventListener("change", function () { store.set("cite-format", r.value); });
    });
    var chosen = function () {
      var r = box.querySelector(".cite-formats input:checked");
      return box.querySelector('.citation[data-style="' + (r ? r.value : "") + '"] .cite-text');
    };
    var button = copyButton(function () { var pre = chosen(); return pre ? pre.textContent : null; });
    var last = box.querySelectorAll(".citation");
    last[last.length - 1].insertAdjacentElement("afterend", button);
  });
  // A line to quote (a verdict card): a copy button after it.
  document.querySelectorAll("[data-copy]").forEach(function (line) {
    var button = copyButton(function () { return line.textContent; });
    button.setAttribute("aria-describedby", line.id);
    line.insertAdjacentElement("afterend", button);
  });
  // A button that copies what text() gives, and says so for two seconds.
  function copyButton(text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = copyLabel;
    button.addEventListener("click", function () {
      var value = text();
      if (value === null) { return; }
      var done = function () { button.textContent = copied; setTimeout(function () { button.textContent = copyLabel; }, 2000); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).then(done, function () { fallbackCopy(value); done(); });
      } else { fallbackCopy(value); done(); }
    });
    return button;
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing else to try */ }
    area.remove();
  }

  // The menu lies open on a wide screen (CSS does it where the browser can style <details> content).
  var menu = document.querySelector("[data-menu]");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 64rem)");
    var fit = function () { if (wide.matches) { menu.open = true; } };
    fit();
    if (wide.addEventListener) { wide.addEventListener("change", fit); }
  }

  // A tapped glossary term opens its entry in place; the link still leads to the glossary.
  var termData = document.getElementById("term-data");
  var terms = termData ? JSON.parse(termData.textContent) : {};
  var pop = null, opener = null;
  function termPopover() {
    if (pop) { return pop; }
    pop = document.createElement("div");
    pop.className = "term-pop";
    pop.setAttribute("popover", "auto");
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-labelledby", "term-pop-title");
    document.body.appendChild(pop);
    pop.addEventListener("toggle", function (e) {
      if (e.newState === "closed" && opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); opener = null; }
    });
    return pop;
  }
  document.querySelectorAll("a.term[data-term]").forEach(function (a) {
    var entry = terms[a.getAttribute("data-term")];
    if (!entry || !HTMLElement.prototype.showPopover) { return; }
    a.setAttribute("aria-haspopup", "dialog");
    a.setAttribute("aria-expanded", "false");
    a.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) { return; }
      e.preventDefault();
      var p = termPopover();
      p.textContent = "";
      var h = document.createElement("h2"); h.id = "term-pop-title"; h.tabIndex = -1;
      var zh = document.createElement("span"); zh.lang = "zh-Hans"; zh.textContent = entry.zh;
      var py = document.createElement("span"); py.className = "pinyin"; py.lang = "zh-Latn-pinyin"; py.textContent = entry.pinyin;
      var en = document.createElement("span"); en.lang = "en"; en.textContent = entry.en;
      h.appendChild(zh); h.appendChild(document.createTextNode(" ")); h.appendChild(en); h.appendChild(py);
      var text = document.createElement("p"); text.textContent = entry.text;
      var more = document.createElement("a"); more.href = a.href; more.textContent = ui.glossary;
      var close = document.createElement("button"); close.type = "button"; close.className = "close";
      close.setAttribute("aria-label", ui.close); close.textContent = "×";
      close.addEventListener("click", function () { p.hidePopover(); });
      p.appendChild(h); p.appendChild(text); p.appendChild(more); p.appendChild(close);
      opener = a; a.setAttribute("aria-expanded", "true");
      p.showPopover();
      h.focus();
    });
  });

  // The glossary's filter box: hides the terms (and the letters left empty) whose Chinese, pinyin or English
  // does not hold what is typed; tone marks and case do not matter. Without this script the A–Z anchors serve.
  var glossaryFilter = document.querySelector("[data-glossary-filter]");
  if (glossaryFilter) {
    var plain = function (s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
    var entries = Array.prototype.map.call(document.querySelectorAll(".az-letter .term-entry"), function (e) {
      return { e: e, text: plain(e.querySelector("dt").textContent) };
    });
    var shown = glossaryFilter.querySelector("[data-filter-count]");
    glossaryFilter.hidden = false;
    glossaryFilter.querySelector("input").addEventListener("input", function (ev) {
      var q = plain(ev.target.value.trim()), n = 0;
      entries.forEach(function (x) { x.e.hidden = q !== "" && x.text.indexOf(q) < 0; if (!x.e.hidden) { n += 1; } });
      document.querySelectorAll(".az-letter").forEach(function (section) {
        section.hidden = !section.querySelector(".term-entry:not([hidden])");
      });
      shown.textContent = q ? n + " / " + entries.length : "";
    });
  }

  // Targets table: sort by any column, filter by topic.
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "sort"; b.textContent = th.textContent;
      th.textContent = ""; th.appendChild(b);
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (r) { var c = r.cells[col]; return c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim(); };
        rows.sort(function (a, b2) { return (asc ? 1 : -1) * key(a).localeCompare(key(b2), lang, { numeric: true }); });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    // Filters: one select per key the tools name (data-filters="report status topic"); each row says
    // its value (data-topic) and how to show it (data-topic-label). A row shows when every filter allows it.
    var tools = table.closest("section, main, article").querySelector("[data-table-tools]");
    if (!tools) { return; }
    var selects = [];
    (tools.getAttribute("data-filters") || "topic").split(" ").forEach(function (key) {
      var values = {};
      Array.prototype.forEach.call(body.rows, function (r) { values[r.getAttribute("data-" + key)] = r.getAttribute("data-" + key + "-label"); });
      var label = document.createElement("label"), select = document.createElement("select");
      label.textContent = ui.filters[key] + "\u00a0";
      select.id = key + "-filter"; label.htmlFor = select.id; select.setAttribute("data-key", key);
      select.appendChild(new Option(ui.filters["all_" + key], ""));
      Object.keys(values).sort().forEach(function (k) { select.appendChild(new Option(values[k], k)); });
      select.addEventListener("change", function () {
        Array.prototype.forEach.call(body.rows, function (r) {
          r.hidden = !selects.every(function (s) { return s.value === "" || r.getAttribute("data-" + s.getAttribute("data-key")) === s.value; });
        });
      });
      selects.push(select);
      var group = document.createElement("span"); group.className = "filter";
      group.appendChild(label); group.appendChild(select); tools.appendChild(group);
    });
  });

  // Language chooser: suggest (never force) the browser's language.
  var chooser = document.querySelector(".choose");
  if (chooser && document.body.classList.contains("page-chooser")) {
    var want = (navigator.language || "").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
    var link = chooser.querySelector('a[data-lang="' + want + '"]');
    if (link) {
      link.classList.add("suggested");
      var hint = document.querySelector(".suggest");
      hint.querySelector("[data-suggested]").textContent = link.textContent;
      hint.hidden = false;
    }
  }
})();
