(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) { return; }
  var dictNode = document.getElementById("tagdict");
  var dict = (dictNode && JSON.parse(dictNode.textContent)) || [];
  var groups = Array.prototype.slice.call(grid.querySelectorAll("details.grp"));
  var openLimit = parseInt(grid.getAttribute("data-open-limit"), 10) || 1000;
  var initiallyOpen = groups.map(function (g) { return g.open; });
  var known = {};
  dict.forEach(function (t) { known[t] = true; });

  // The tag expression language: or < and < not; tags as Set/Tag (quoted when they contain
  // other characters), Set/* for any tag of a set, tenant("Name"), true, false.
  var MAX_LEN = 65536, MAX_DEPTH = 256;
  function tokenize(src) {
    var out = [], i = 0, word = /[\p{L}\p{N}_\-.\/*]/u;
    while (i < src.length) {
      var c = src[i];
      if (c === " " || c === "\t" || c === "\r" || c === "\n") { i++; continue; }
      if (c === "(" || c === ")" || c === "!") { out.push({k: c, at: i}); i++; continue; }
      if ((c === "&" || c === "|") && src[i + 1] === c) { out.push({k: c === "&" ? "and" : "or", at: i}); i += 2; continue; }
      if (c === "\"") {
        var s = "", j = i + 1, closed = false;
        while (j < src.length) {
          var d = src[j];
          if (d === "\\") {
            if (src[j + 1] === "\"" || src[j + 1] === "\\") { s += src[j + 1]; j += 2; continue; }
            throw new Error("column " + (j + 1) + ": a backslash in a string escapes only \" and \\");
          }
          if (d === "\"") { closed = true; break; }
          s += d; j++;
        }
        if (!closed) { throw new Error("column " + (i + 1) + ": the string is not closed"); }
        out.push({k: "str", v: s, at: i}); i = j + 1; continue;
      }
      var cp = src.codePointAt(i), ch = String.fromCodePoint(cp);
      if (word.test(ch)) {
        var w = "";
        while (i < src.length) {
          ch = String.fromCodePoint(src.codePointAt(i));
          if (!word.test(ch)) { break; }
          w += ch; i += ch.length;
        }
        var lw = w.toLowerCase();
        if (lw === "and" || lw === "or" || lw === "not" || lw === "true" || lw === "false" || lw === "tenant") {
          out.push({k: lw === "not" ? "!" : lw, at: i - w.length});
        } else {
          out.push({k: "word", v: w, at: i - w.length});
        }
        continue;
      }
      throw new Error("column " + (i + 1) + ": unexpected " + JSON.stringify(ch));
    }
    return out;
  }
  function compile(src) {
    if (src.length > MAX_LEN) { throw new Error("the expression is longer than 64 KiB"); }
    var toks = tokenize(src), p = 0, unknown = [];
    function peek() { return toks[p] ? toks[p].k : ""; }
    function where() { return toks[p] ? "column " + (toks[p].at + 1) : "the end"; }
    function expect(k) {
      if (peek() !== k) { throw new Error(where() + ": expected " + JSON.stringify(k)); }
      return toks[p++];
    }
    function or(depth) {
      var l = and(depth);
      while (peek() === "or") { p++; l = (function (a, b) { return function (t) { return a(t) || b(t); }; })(l, and(depth)); }
      return l;
    }
    function and(depth) {
      var l = unary(depth);
      while (peek() === "and") { p++; l = (function (a, b) { return function (t) { return a(t) && b(t); }; })(l, unary(depth)); }
      return l;
    }
    function unary(depth) {
      if (depth > MAX_DEPTH) { throw new Error("the expression is nested deeper than 256"); }
      if (peek() === "!") { p++; var x = unary(depth + 1); return function (t) { return !x(t); }; }
      return primary(depth);
    }
    function primary(depth) {
      var t = toks[p];
      if (!t) { throw new Error("the expression ends too early"); }
      switch (t.k) {
        case "(": p++; var x = or(depth + 1); expect(")"); return x;
        case "true": p++; return function () { return true; };
        case "false": p++; return function () { return false; };
        case "tenant":
          p++; expect("("); var name = expect("str").v; expect(")");
          return function (r) { return r.name === name; };
        case "word": case "str":
          p++;
          var ref = t.v, slash = ref.indexOf("/");
          if (slash < 0) { throw new Error("column " + (t.at + 1) + ": " + JSON.stringify(ref) + " is not a tag: write Set/Tag"); }
          if (ref.slice(slash + 1) === "*") {
            var prefix = ref.slice(0, slash + 1);
            return function (r) { return r.tags().some(function (g) { return g.indexOf(prefix) === 0; }); };
          }
          if (!known[ref]) { unknown.push(ref); }
          return function (r) { return r.tags().indexOf(ref) >= 0; };
      }
      throw new Error(where() + ": unexpected " + JSON.stringify(t.v || t.k));
    }
    var f = or(0);
    if (p < toks.length) { throw new Error(where() + ": unexpected " + JSON.stringify(toks[p].v || toks[p].k)); }
    return {match: f, unknown: unknown};
  }

  var rows = [];
  groups.forEach(function (g, gi) {
    Array.prototype.forEach.call(g.querySelectorAll("tbody tr"), function (tr) {
      var th = tr.cells[0], cached = null;
      rows.push({tr: tr, group: gi, name: th.textContent, lower: th.textContent.toLowerCase(),
        untenanted: tr.getAttribute("data-t") === "" && th.textContent === "(untenanted)",
        tags: function () {
          if (!cached) {
            var s = tr.getAttribute("data-t");
            cached = s ? s.split(" ").map(function (i) { return dict[+i]; }) : [];
          }
          return cached;
        }});
    });
  });

  var form = document.getElementById("filter");
  var fname = document.getElementById("fname");
  var fexpr = document.getElementById("fexpr");
  var status = document.getElementById("fstatus");
  function apply() {
    var name = fname.value.trim().toLowerCase(), src = fexpr.value.trim(), m = null;
    status.className = "";
    if (src !== "") {
      try { m = compile(src); } catch (e) {
        status.className = "err";
        status.textContent = "Tag expression: " + e.message;
        fexpr.setAttribute("aria-invalid", "true");
        return;
      }
    }
    fexpr.removeAttribute("aria-invalid");
    var counts = groups.map(function () { return 0; }), n = 0;
    rows.forEach(function (r) {
      var ok = (name === "" || r.lower.indexOf(name) >= 0) && (m === null || (!r.untenanted && m.match(r)));
      if (r.tr.hidden === ok) { r.tr.hidden = !ok; }
      if (ok) { counts[r.group]++; n++; }
    });
    var filtering = name !== "" || m !== null;
    groups.forEach(function (g, gi) {
      var total = g.querySelectorAll("tbody tr").length;
      g.querySelector(".gc").textContent = filtering ? counts[gi] + " of " + total + " rows match" : total + (total === 1 ? " row" : " rows");
      g.hidden = filtering && counts[gi] === 0;
      g.open = filtering ? (counts[gi] > 0 && n <= openLimit) || (initiallyOpen[gi] && counts[gi] > 0) : initiallyOpen[gi];
    });
    var msg = filtering ? n + " of " + rows.length + " rows match." : "Showing all " + rows.length + " rows.";
    if (filtering && n > openLimit) { msg += " Open a part to see its rows."; }
    if (m && m.unknown.length) { msg += " No tenant in this report has " + m.unknown.join(", ") + "."; }
    status.textContent = msg;
  }
  var timer = 0;
  function later() { clearTimeout(timer); timer = setTimeout(apply, 250); }
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); apply(); });
  form.addEventListener("reset", function () { clearTimeout(timer); setTimeout(apply, 0); });
  fname.addEventListener("input", later);
  fexpr.addEventListener("input", later);
  form.hidden = false;

  // The details panel: the reasons of the cell under the pointer or with the focus.
  var panel = document.getElementById("panel");
  function cellLink(el) { return el && el.closest ? el.closest("td a[href^='#r']") : null; }
  function show(a) {
    var set = document.getElementById(a.getAttribute("href").slice(1));
    if (!set) { return; }
    var td = a.parentNode, tr = td.parentNode, table = tr.closest("table");
    var env = table.tHead.rows[0].cells[td.cellIndex].textContent;
    panel.textContent = "";
    var h = document.createElement("h3");
    h.textContent = tr.cells[0].textContent + " in " + env + ": " + a.textContent;
    panel.appendChild(h);
    panel.appendChild(set.querySelector("ul").cloneNode(true));
    panel.hidden = false;
  }
  document.addEventListener("focusin", function (e) { var a = cellLink(e.target); if (a) { show(a); } });
  document.addEventListener("mouseover", function (e) { var a = cellLink(e.target); if (a) { show(a); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { panel.hidden = true; } });
  document.documentElement.setAttribute("data-ready", String(Math.round(performance.now())));
})();
