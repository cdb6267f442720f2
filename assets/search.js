/* Search: reads a query as reportsite/search.py reads the texts, loads only the pieces of the index the
   query needs (script tags, so from file:// too), ranks, and shows a page of results at a time.
   The functions above the page code are pure: tests/test_search.py runs them with node. */
(function (root) {
  "use strict";
  var CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("\\d+(?:\\.\\d+)?|[a-z]+|[" + CJK + "]+", "g");
  var IS_CJK = new RegExp("^[" + CJK + "]");
  var PAGE = 10;  // results shown at a time: each loads the small file of its block (or finds it loaded)
  var PREFIX_MIN = 3;  // a Latin word this long also finds the words it begins (enterprise -> enterprises)
  var MAX_SHARDS = 2;  // a prefix loads at most this many pieces of the index (a short prefix spans many)
  // Order of kinds within a tier: a glossary term, goals and figures, sections, paragraphs, pages.
  var KIND_ORDER = { g: 0, t: 1, f: 1, s: 2, p: 3, w: 4 };

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
  }

  /* [token, position] pairs, as search.py tokenize() gives them. */
  function tokenize(text, start, stop) {
    var out = [], at = start || 0, m;
    TOKEN.lastIndex = 0;
    var norm = normalize(text);
    while ((m = TOKEN.exec(norm)) !== null) {
      var word = m[0];
      if (IS_CJK.test(word)) {
        for (var i = 0; i < word.length - 1; i++) { out.push([word.slice(i, i + 2), at + i]); }
        out.push([word[word.length - 1], at + word.length - 1]);
        at += word.length;
      } else {
        if (!stop[word]) { out.push([word, at]); }
        at += 1;
      }
    }
    return out;
  }

  /* What a query looks for: terms (a token, its place in the query, whether it also finds longer
     tokens it begins), and the pieces a snippet marks. A run of Chinese gives its pairs of neighbours;
     a single Chinese character finds the pairs it begins. */
  function parseQuery(query, stop) {
    var terms = [], pieces = [], at = 0, m, numeric = false;
    var norm = normalize(query);
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(norm)) !== null) {
      var word = m[0];
      pieces.push(word);
      if (IS_CJK.test(word)) {
        if (word.length === 1) { terms.push({ token: word, offset: at, prefix: true }); }
        for (var i = 0; i < word.length - 1; i++) { terms.push({ token: word.slice(i, i + 2), offset: at + i, prefix: false }); }
        at += word.length;
      } else {
        if (/^\d/.test(word)) { numeric = true; }
        if (!stop[word]) { terms.push({ token: word, offset: at, prefix: /^[a-z]/.test(word) && word.length >= PREFIX_MIN }); }
        at += 1;
      }
    }
    return { terms: terms, pieces: pieces, numeric: numeric };
  }

  /* The pieces of the index (by their first tokens, in order) that hold a term: one for a token, up to
     MAX_SHARDS for a prefix whose tokens run on into the next. */
  function shardsFor(bounds, term) {
    var lo = 0, hi = bounds.length - 1;
    while (lo < hi) {  // the last piece whose first token is <= the term's
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= term.token) { lo = mid; } else { hi = mid - 1; }
    }
    var out = [lo];
    while (term.prefix && out.length < MAX_SHARDS && lo + out.length < bounds.length &&
           bounds[lo + out.length].indexOf(term.token) === 0) {
      out.push(lo + out.length);
    }
    return out;
  }

  /* "<entry>.<pos>.<pos>,…" (base 36 differences) -> {entry: [positions]}. */
  function decode(posting) {
    var out = {}, n = 0;
    posting.split(",").forEach(function (part) {
      var numbers = part.split(".");
      n += parseInt(numbers[0], 36);
      var at = 0, positions = [];
      for (var i = 1; i < numbers.length; i++) { at += parseInt(numbers[i], 36); positions.push(at); }
      out[n] = positions;
    });
    return out;
  }

  /* {entry: {positions, exact}} for one term, from the loaded pieces of the index (token -> posting). */
  function lookup(tables, term) {
    var out = {};
    var add = function (posting, exact) {
      var found = decode(posting);
      Object.keys(found).forEach(function (n) {
        var hit = out[n] || (out[n] = { positions: [], exact: false });
        hit.positions = hit.positions.concat(found[n]);
        hit.exact = hit.exact || exact;
      });
    };
    tables.forEach(function (table) {
      if (Object.prototype.hasOwnProperty.call(table, term.token)) { add(table[term.token], true); }
      if (term.prefix) {
        Object.keys(table).forEach(function (token) {
          if (token !== term.token && token.indexOf(term.token) === 0) { add(table[token], false); }
        });
      }
    });
    Object.keys(out).forEach(function (n) { out[n].positions.sort(function (a, b) { return a - b; }); });
    return out;
  }

  /* How one entry holds the query's terms (hits: one {positions, exact} per term): where the terms
     stand as the query writes them (a phrase: "title", "body" or ""), whether every term is the word
     itself (not a longer word it begins), and whether they all stand in the title. */
  function features(terms, hits, body) {
    var phrase = "";
    var first = hits[0].positions;
    for (var i = 0; i < first.length && phrase !== "title"; i++) {
      var start = first[i] - terms[0].offset;
      var all = terms.every(function (t, j) { return hits[j].positions.indexOf(start + t.offset) >= 0; });
      if (all) { phrase = start < body ? "title" : (phrase || "body"); }
    }
    return {
      phrase: phrase,
      exact: hits.every(function (h) { return h.exact; }),
      title: hits.every(function (h) { return h.positions[0] < body; })
    };
  }

  /* A tier, lower first: the phrase in a title, then in a body, each with the words themselves before
     longer words they begin; then all the words in a title; then all the words anywhere. */
  function tier(f) {
    if (f.phrase) { return (f.exact ? 0 : 2) + (f.phrase === "title" ? 0 : 1); }
    return f.title ? 4 : 5;
  }

  /* A sort key: tier; for a query with a number, figures and goals first; kind; key entries (goals and
     outcomes) first; then the site's own order (reports in order, each report's text in order). */
  function sortKey(f, kindChar, numeric, n) {
    var kind = kindChar.toLowerCase();
    var figure = kind === "f" || kind === "t";
    return [tier(f), numeric && !figure ? 1 : 0, KIND_ORDER[kind], kindChar === kind ? 1 : 0, n];
  }

  function compareKeys(a, b) {
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return a[i] - b[i]; } }
    return 0;
  }

  /* The entries that hold every term, ranked; filters: report (the root's [id, label, first entry, entry
     after its last]) and kind ("f" also takes goals). */
  function search(rootData, tables, parsed, filters) {
    var terms = parsed.terms;
    if (!terms.length) { return []; }
    var hits = terms.map(function (t) { return lookup(tables, t); });
    var kinds = rootData.kinds, report = filters.report;
    var out = [];
    Object.keys(hits[0]).forEach(function (key) {
      var n = +key;
      if (!hits.every(function (h) { return h[n]; })) { return; }
      var kind = kinds[n].toLowerCase();
      if (filters.kind && !(kind === filters.kind || (filters.kind === "f" && kind === "t"))) { return; }
      if (report && (n < report[2] || n >= report[3])) { return; }
      var f = features(terms, hits.map(function (h) { return h[n]; }), rootData.body);
      out.push({ n: n, key: sortKey(f, kinds[n], parsed.numeric, n) });
    });
    out.sort(function (a, b) { return compareKeys(a.key, b.key); });
    return out.map(function (r) { return r.n; });
  }

  /* A regular expression for a query's pieces in a text as printed: a number with or without thousands
     commas and never inside a longer number, a word from its start, Chinese as it stands. */
  function piecePattern(pieces) {
    var parts = pieces.map(function (p) {
      if (/^\d/.test(p)) {
        var digits = p.split("").map(function (c) { return c === "." ? "[.．]" : c + ",?"; }).join("").replace(/,\?$/, "");
        return "(?<![\\d.．,])" + digits + "(?![\\d,]|[.．]\\d)";
      }
      if (/^[a-z]/.test(p)) { return "\\b" + p; }
      return p;
    });
    return new RegExp(parts.join("|"), "gi");
  }

  /* A snippet: [[text, marked]] runs around the first piece found, cut at word edges in English. */
  function snippet(text, pieces, latin) {
    var re = piecePattern(pieces), m = re.exec(text);
    var before = 50, after = 110;
    var start = m ? m.index - before : 0, end = m ? m.index + m[0].length + after : 140;
    if (start < 0) { start = 0; }
    if (end > text.length) { end = text.length; }
    if (latin) {
      if (start > 0) { var s = text.lastIndexOf(" ", start); start = s < 0 ? 0 : s + 1; }
      if (end < text.length) { var e = text.indexOf(" ", end); end = e < 0 ? text.length : e; }
    }
    var part = text.slice(start, end), runs = [], last = 0;
    if (start > 0) { runs.push(["…", false]); }
    re.lastIndex = 0;
    while ((m = re.exec(part)) !== null && m[0]) {
      if (m.index > last) { runs.push([part.slice(last, m.index), false]); }
      runs.push([m[0], true]);
      last = m.index + m[0].length;
    }
    if (last < part.length) { runs.push([part.slice(last), false]); }
    if (end < text.length) { runs.push(["…", false]); }
    return runs;
  }

  /* Which text a result shows: the page's language, unless only the other holds the query. */
  function snippetText(fragment, pieces, lang) {
    var re = piecePattern(pieces);
    var own = lang === "zh" ? fragment.z : fragment.e, other = lang === "zh" ? fragment.e : fragment.z;
    if (re.test(own) || !re.test(other)) { return { text: own, lang: lang }; }
    return { text: other, lang: lang === "zh" ? "en" : "zh" };
  }

  var core = { normalize: normalize, tokenize: tokenize, parseQuery: parseQuery, shardsFor: shardsFor,
               decode: decode, lookup: lookup, features: features, tier: tier, sortKey: sortKey, search: search,
               snippet: snippet, snippetText: snippetText };
  if (typeof module === "object" && module.exports) { module.exports = core; return; }

  // ---- The page ------------------------------------------------------------------------------
  var rootElement = document.getElementById("search-root");
  if (!rootElement) { return; }
  var index = JSON.parse(rootElement.textContent), ui = index.ui;
  var stop = {};
  index.stop.forEach(function (w) { stop[w] = true; });
  var lang = document.documentElement.lang.indexOf("zh") === 0 ? "zh" : "en";
  var form = document.querySelector("[data-search-form]"), input = form.querySelector("[name=q]");
  var reportSelect = form.querySelector("[name=report]"), kindSelect = form.querySelector("[name=kind]");
  var results = document.querySelector("[data-search-results]");

  // Loading: each file calls reportSearch(kind, number, data); a promise per file, kept.
  var waiting = {}, loaded = {};
  root.reportSearch = function (kind, n, data) {
    var key = kind + n;
    loaded[key] = data;
    if (waiting[key]) { waiting[key].resolve(data); }
  };
  function load(kind, n, src) {
    var key = kind + n;
    if (!waiting[key]) {
      waiting[key] = {};
      waiting[key].promise = new Promise(function (resolve, reject) {
        waiting[key].resolve = resolve;
        var s = document.createElement("script");
        s.src = src;
        s.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return waiting[key].promise;
  }
  // A shard is known by its first token; entries stand index.block to a file, known by its number.
  // An entry is both languages' pages': the fields of this page's language over those the two share.
  var shard = function (n) { return load("t", index.bounds[n], index.shards + "t." + index.names[n] + ".js"); };
  var fragment = function (n) {
    var b = Math.floor(n / index.block);
    return load("d", b, index.docs + "d." + index.blocks[b] + ".js")
      .then(function (block) { var both = block[n % index.block]; return Object.assign({}, both, both[lang]); });
  };

  var turn = 0;  // a newer query makes an older one's answer stale
  function run() {
    var mine = ++turn;
    var q = input.value.trim(), parsed = parseQuery(q, stop);
    var filters = { kind: kindSelect.value,
                    report: index.reports.filter(function (r) { return r[0] === reportSelect.value; })[0] };
    keepInAddress(q);
    if (!parsed.terms.length) { results.textContent = ""; results.removeAttribute("data-state"); return; }
    var needed = {};
    parsed.terms.forEach(function (t) { shardsFor(index.bounds, t).forEach(function (n) { needed[n] = true; }); });
    var numbers = Object.keys(needed).map(Number);
    Promise.all(numbers.map(shard)).then(function (tables) {
      if (mine !== turn) { return; }
      show(q, parsed, search(index, tables, parsed, filters), mine);
    }, failed);
  }
  function failed(error) {
    results.textContent = ui.failed;
    if (window.console) { window.console.error(error); }
  }

  function show(q, parsed, ranked, mine) {
    results.textContent = "";
    results.setAttribute("data-count", ranked.length);
    var count = document.createElement("p");
    count.textContent = (ranked.length === 1 ? ui.results_one : ui.results_other).replace("{n}", ranked.length).replace("{q}", q);
    results.appendChild(count);
    var list = document.createElement("ol");
    list.className = "search-results";
    results.appendChild(list);
    var shown = 0;
    var more = document.createElement("button");
    more.type = "button"; more.className = "more"; more.textContent = ui.more;
    var next = function () {
      var batch = ranked.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = true;
      results.setAttribute("data-state", "loading");
      return Promise.all(batch.map(fragment)).then(function (fragments) {
        if (mine !== turn) { return; }
        fragments.forEach(function (f) { list.appendChild(item(f, parsed.pieces)); });
        more.hidden = shown >= ranked.length;
        results.setAttribute("data-state", "shown");  // tests wait for this
      }, failed);
    };
    more.addEventListener("click", function () {
      var first = list.children.length;
      next().then(function () { var a = list.children[first] && list.children[first].querySelector("a"); if (a) { a.focus(); } });
    });
    results.appendChild(more);
    next();
  }

  function item(f, pieces) {
    var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
    a.href = f.u;
    a.textContent = ui.kinds[f.k] + " · " + f.t + (f.v ? " · " + f.v : "");
    li.appendChild(a);
    if (f.r) {
      var where = document.createElement("span");
      where.className = "result-report"; where.textContent = f.r;
      li.appendChild(document.createTextNode(" ")); li.appendChild(where);
    }
    var chosen = snippetText(f, pieces, lang);
    p.lang = chosen.lang === "zh" ? "zh-Hans" : "en";
    snippet(chosen.text, pieces, chosen.lang === "en").forEach(function (run) {
      if (run[1]) { var mark = document.createElement("mark"); mark.textContent = run[0]; p.appendChild(mark); }
      else { p.appendChild(document.createTextNode(run[0])); }
    });
    li.appendChild(p);
    return li;
  }

  function keepInAddress(q) {
    var params = new URLSearchParams();
    if (q) { params.set("q", q); }
    if (reportSelect.value) { params.set("report", reportSelect.value); }
    if (kindSelect.value) { params.set("kind", kindSelect.value); }
    var query = params.toString();
    try { history.replaceState(null, "", query ? "?" + query : window.location.pathname); } catch (e) { /* file:// in some browsers */ }
  }

  // The address says the query and filters (?q=GDP&report=<id>&kind=f), so a search can be shared.
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  reportSelect.value = params.get("report") || "";
  kindSelect.value = params.get("kind") || "";
  if (reportSelect.selectedIndex < 0) { reportSelect.value = ""; }  // an address naming no report of the site
  if (kindSelect.selectedIndex < 0) { kindSelect.value = ""; }
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  reportSelect.addEventListener("change", run);
  kindSelect.addEventListener("change", run);
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
  run();
})(typeof window === "undefined" ? globalThis : window);
