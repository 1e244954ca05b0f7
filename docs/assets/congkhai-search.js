// Tìm kiếm tiếng Việt for congkhai: reads the static index written by congkhai/search.py.
// Folding, tokens and hashing mirror the Python side exactly (see its docstring).
(function () {
  "use strict";
  var root = document.getElementById("ck-search");
  if (!root) return;
  var indexBase = root.getAttribute("data-index");
  var siteBase = root.getAttribute("data-site");
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var status = root.querySelector("#ck-search-status");
  var list = root.querySelector("#ck-results");
  var selects = root.querySelectorAll("select[data-facet]");
  var cache = {};

  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(indexBase + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  function foldChar(c) {
    if (c === "đ" || c === "Đ") return "d";
    var base = c.normalize("NFD").charAt(0).toLowerCase();
    return base.length === 1 ? base : " ";
  }
  function foldChars(text) { return Array.from(text.normalize("NFC")).map(foldChar); }
  function tokens(text) {
    var m = foldChars(text).join("").match(/[a-z0-9]+/g) || [];
    return m.map(function (t) { return t === "qdi" ? "qd" : t; });
  }
  function fnv1a(term) {
    var bytes = new TextEncoder().encode(term), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  var decoded = {};  // term -> Map(doc -> score), decoded once while the user keeps typing
  function postings(meta, term) {
    if (!decoded[term]) {
      decoded[term] = fetchJSON("t/" + (fnv1a(term) % meta.buckets) + ".json").then(function (bucket) {
        var flat = bucket[term] || [], map = new Map(), doc = 0;
        for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; map.set(doc, flat[i + 1]); }
        return map;
      });
    }
    return decoded[term];
  }
  function shortDate(iso) {
    var p = (iso || "").split("-");
    if (p.length < 2) return iso || "";
    var month = +p[1] < 3 ? p[1] : String(+p[1]);
    return p.length === 3 ? p[2] + "/" + month + "/" + p[0] : month + "/" + p[0];
  }
  function escapeHTML(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function excerpt(text, words) {
    var chars = Array.from(text), folded = chars.map(foldChar).join("");
    if (!words.length) return escapeHTML(chars.slice(0, 200).join(""));
    var alts = words.map(function (w) { return w === "qd" ? "qdi?" : w; }).join("|");
    var re = new RegExp("(^|[^a-z0-9])(" + alts + ")(?![a-z0-9])", "g"), spans = [], m;
    while ((m = re.exec(folded))) { var s = m.index + m[1].length; spans.push([s, s + m[2].length]); re.lastIndex = s + m[2].length; }
    var phrase = new RegExp("(^|[^a-z0-9])" + words.join("[^a-z0-9]+") + "(?![a-z0-9])").exec(folded);
    var centre = phrase ? phrase.index : spans.length ? spans[0][0] : 0;
    var start = Math.max(0, centre - 80), end = Math.min(chars.length, start + 260);
    while (start > 0 && /[a-z0-9]/.test(folded[start - 1])) start--;
    while (end < chars.length && /[a-z0-9]/.test(folded[end])) end++;
    var out = start > 0 ? "…" : "", at = start;
    spans.forEach(function (sp) {
      if (sp[0] < start || sp[1] > end) return;
      out += escapeHTML(chars.slice(at, sp[0]).join("")) + "<mark>" + escapeHTML(chars.slice(sp[0], sp[1]).join("")) + "</mark>";
      at = sp[1];
    });
    return out + escapeHTML(chars.slice(at, end).join("")) + (end < chars.length ? "…" : "");
  }

  function fillFilters(meta) {
    selects.forEach(function (sel) {
      if (sel.options.length > 1) return;
      var name = sel.getAttribute("data-facet"), values = meta.facets[name], labels = (meta.labels || {})[name] || values;
      var order = values.map(function (v, i) { return i; }).filter(function (i) { return values[i]; });
      order.sort(function (a, b) { return name === "year" ? values[b].localeCompare(values[a]) : labels[a].localeCompare(labels[b], "vi"); });
      order.forEach(function (i) { var o = document.createElement("option"); o.value = String(i); o.textContent = labels[i]; sel.appendChild(o); });
    });
  }

  var PAGE = 10, generation = 0, typedAt = 0, more = root.querySelector("#ck-more");

  function show(meta, scored, words, query, mine, limit) {
    var top = scored.slice(0, limit);
    return Promise.all(top.map(function (r) {
      return fetchJSON("d/" + Math.floor(r[1] / meta.shard) + ".json").then(function (shard) { return [r, shard[r[1] % meta.shard]]; });
    })).then(function (rows) {
      if (mine !== generation) return;
      list.innerHTML = rows.map(function (row) {
        var rec = row[1], kind = meta.labels.kind[meta.codes[row[0][1] * 4]] || rec[1];
        var facts = [kind];
        if (rec[3]) facts.push(rec[3]);
        if (rec[4]) facts.push(shortDate(rec[4]));
        return '<li class="ck-result" data-kind="' + escapeHTML(rec[1]) + '"><p class="ck-result__kind">' + escapeHTML(facts.join(" · ")) +
          '</p><a class="ck-result__title" href="' + escapeHTML(siteBase + rec[0]) + '">' + escapeHTML(rec[2]) +
          '</a><p class="ck-result__excerpt">' + excerpt(rec[5], words) + "</p></li>";
      }).join("");
      status.textContent = scored.length ? "Tìm thấy " + scored.length + " kết quả" + (scored.length > top.length ? ", đang hiển thị " + top.length + "." : ".") : "Không tìm thấy kết quả nào.";
      more.hidden = scored.length <= top.length;
      more.onclick = function () { show(meta, scored, words, query, mine, limit + PAGE); };
      list.setAttribute("data-ms", String(Math.round(performance.now() - typedAt)));
      list.setAttribute("data-query", query);
    });
  }
  function run(query) {
    var mine = ++generation, words = tokens(query);
    if (!words.length) { list.innerHTML = ""; status.textContent = ""; more.hidden = true; list.setAttribute("data-query", query); return; }
    return fetchJSON("meta.json").then(function (meta) {
      fillFilters(meta);
      var pairs = [];
      for (var i = 0; i + 1 < words.length; i++) pairs.push(words[i] + " " + words[i + 1]);
      return Promise.all(words.concat(pairs).map(function (t) { return postings(meta, t); })).then(function (maps) {
        var uni = maps.slice(0, words.length), bi = maps.slice(words.length);
        // Still typing: an unknown last syllable is left out rather than emptying the list.
        if (uni.length > 1 && uni[uni.length - 1].size === 0) { uni.pop(); words = words.slice(0, -1); bi = bi.slice(0, words.length - 1); }
        var filters = [];
        selects.forEach(function (sel, k) { if (sel.value !== "") filters.push([k, +sel.value]); });
        var smallest = uni.reduce(function (a, b) { return a.size <= b.size ? a : b; });
        var scored = [];
        smallest.forEach(function (_, doc) {
          var score = 0;
          for (var u = 0; u < uni.length; u++) { var s = uni[u].get(doc); if (s === undefined) return; score += s; }
          for (var f = 0; f < filters.length; f++) { if (meta.codes[doc * 4 + filters[f][0]] !== filters[f][1]) return; }
          var phrase = bi.length > 0;
          for (var b = 0; b < bi.length; b++) { var p = bi[b].get(doc); if (p === undefined) phrase = false; else score += 3 * p; }
          if (phrase) score *= 2;
          scored.push([score, doc]);
        });
        scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        return show(meta, scored, words, query, mine, PAGE);
      });
    }).catch(function (err) { status.textContent = "Không tải được chỉ mục tìm kiếm (" + err.message + ")."; });
  }

  root.querySelector(".ck-nojs").hidden = true;
  form.hidden = false;
  var timer;
  function schedule() {
    typedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      run(input.value);
    }, 60);
  }
  input.addEventListener("input", schedule);
  selects.forEach(function (sel) { sel.addEventListener("change", function () { run(input.value); }); });
  // After a search is submitted (here, or from the header box, which opens this page with
  // ?q=), focus moves to the result count; Tab then reaches the first result.
  function focusResults() { status.setAttribute("tabindex", "-1"); status.focus(); }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var done = run(input.value);
    if (done) done.then(focusResults);
  });
  // The filters' choices come with the index's small meta file, fetched once at load.
  fetchJSON("meta.json").then(fillFilters).catch(function () {});
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) { input.value = initial; var first = run(initial); if (first) first.then(focusResults); }
})();
