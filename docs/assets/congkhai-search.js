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
  // Does text syllable s stand for query word w? The last word, while being typed, by prefix.
  function same(s, w, prefix) {
    return s === w || (w === "qd" && s === "qdi") || (prefix && s.lastIndexOf(w, 0) === 0);
  }
  // Runs of consecutive text syllables that match consecutive query words, longest first
  // at each place: "so noi vu" finds "Sở Nội vụ" as one run of 3 (and "Số" as a run of 1).
  function runs(folded, words, prefixLast) {
    var syl = [], re = /[a-z0-9]+/g, m, out = [];
    while ((m = re.exec(folded))) syl.push([m.index, m.index + m[0].length, m[0]]);
    for (var i = 0; i < syl.length;) {
      var best = 0;
      for (var k = 0; k < words.length; k++) {
        var n = 0;
        while (i + n < syl.length && k + n < words.length && same(syl[i + n][2], words[k + n], prefixLast && k + n === words.length - 1)) n++;
        if (n > best) best = n;
      }
      if (best) { out.push([syl[i][0], syl[i + best - 1][1], best]); i += best; } else i++;
    }
    return out;
  }
  // The excerpt around the longest run; marks whole phrases (runs of 2 or more) when there
  // are any, single words otherwise. Returns [html, length of the longest run].
  function excerpt(text, words, prefixLast) {
    var chars = Array.from(text), folded = chars.map(foldChar).join("");
    if (!words.length) return [escapeHTML(chars.slice(0, 200).join("")), 0];
    var found = runs(folded, words, prefixLast), best = 0, centre = 0;
    found.forEach(function (r) { if (r[2] > best) { best = r[2]; centre = r[0]; } });
    var spans = found.filter(function (r) { return best < 2 || r[2] >= 2; });
    var start = Math.max(0, centre - 80), end = Math.min(chars.length, start + 260);
    while (start > 0 && /[a-z0-9]/.test(folded[start - 1])) start--;
    while (end < chars.length && /[a-z0-9]/.test(folded[end])) end++;
    var out = start > 0 ? "…" : "", at = start;
    spans.forEach(function (sp) {
      if (sp[0] < start || sp[1] > end) return;
      out += escapeHTML(chars.slice(at, sp[0]).join("")) + "<mark>" + escapeHTML(chars.slice(sp[0], sp[1]).join("")) + "</mark>";
      at = sp[1];
    });
    return [out + escapeHTML(chars.slice(at, end).join("")) + (end < chars.length ? "…" : ""), best];
  }
  // The shard keeps a record's first characters; the rest of a longer text (rec[7]) is
  // fetched only when the index says the record holds the whole phrase (every pair) but the
  // first characters do not show it, or show no query word at all: "Sở Nội vụ" or a
  // signer's name at the foot of a report, not the scattered "Số" and "vụ" of its opening.
  function bestExcerpt(meta, doc, rec, words, prefixLast, phrase) {
    var short = excerpt(rec[5], words, prefixLast);
    var wanted = short[1] === 0 || (phrase && short[1] < words.length);
    if (!rec[7] || !wanted) return Promise.resolve(short[0]);
    return fetchJSON("x/" + Math.floor(doc / meta.shard) + ".json").then(function (rest) {
      var full = excerpt(rec[5] + (rest[String(doc % meta.shard)] || ""), words, prefixLast);
      return full[1] > short[1] ? full[0] : short[0];
    }, function () { return short[0]; });
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

  function show(meta, scored, words, query, mine, limit, prefixLast) {
    var top = scored.slice(0, limit);
    return Promise.all(top.map(function (r) {
      return fetchJSON("d/" + Math.floor(r[1] / meta.shard) + ".json").then(function (shard) {
        var rec = shard[r[1] % meta.shard];
        return bestExcerpt(meta, r[1], rec, words, prefixLast, r[2]).then(function (html) { return [r, rec, html]; });
      });
    })).then(function (rows) {
      if (mine !== generation) return;
      list.innerHTML = rows.map(function (row) {
        var rec = row[1], kind = meta.labels.kind[meta.codes[row[0][1] * 4]] || rec[1];
        var facts = [kind];
        if (rec[3]) facts.push(rec[3]);
        if (rec[4]) facts.push(shortDate(rec[4]));
        var tag = rec[6] ? ' <span class="ck-tag">minh họa</span>' : "";
        return '<li class="ck-result" data-kind="' + escapeHTML(rec[1]) + '"><p class="ck-result__kind">' + escapeHTML(facts.join(" · ")) + tag +
          '</p><a class="ck-result__title" href="' + escapeHTML(siteBase + rec[0]) + '">' + escapeHTML(rec[2]) +
          '</a><p class="ck-result__excerpt">' + row[2] + "</p></li>";
      }).join("");
      status.textContent = scored.length ? "Tìm thấy " + scored.length + " kết quả" + (scored.length > top.length ? ", đang hiển thị " + top.length + "." : ".") : "Không tìm thấy kết quả nào.";
      more.hidden = scored.length <= top.length;
      more.onclick = function () { show(meta, scored, words, query, mine, limit + PAGE, prefixLast); };
      list.setAttribute("data-ms", String(Math.round(performance.now() - typedAt)));
      list.setAttribute("data-query", query);
    });
  }
  // The dates a query names, as the index's date terms: "tháng 12" -> @12, "15/12" -> @15/12,
  // "12/2021" -> @12/2021, "15/12/2021" -> @15/12/2021 (numbers unpadded, as indexed).
  function dateTerms(query, mark) {
    var f = foldChars(query).join(""), out = [], m, n = function (x) { return String(+x); };
    var full = /(?:^|[^0-9])(\d{1,2})[\/.-](\d{1,2})(?:[\/.-](\d{4}))?(?![0-9])/g;
    while ((m = full.exec(f))) if (+m[2] >= 1 && +m[2] <= 12) out.push(mark + n(m[1]) + "/" + n(m[2]) + (m[3] ? "/" + m[3] : ""));
    var monthYear = /(?:^|[^0-9\/.-])(\d{1,2})[\/.-](\d{4})(?![0-9])/g;
    while ((m = monthYear.exec(f))) if (+m[1] >= 1 && +m[1] <= 12) out.push(mark + n(m[1]) + "/" + m[2]);
    var month = /thang (\d{1,2})(?: nam (\d{4}))?(?![0-9])/g;
    while ((m = month.exec(f))) if (+m[1] >= 1 && +m[1] <= 12) out.push(mark + n(m[1]) + (m[2] ? "/" + m[2] : ""));
    return out;
  }
  // The register's type and year pages whose name the query contains, offered as links.
  var facetBox = root.querySelector("#ck-facets");
  function showFacets(words) {
    if (!facetBox) return;
    var said = " " + words.join(" ") + " ", any = false;
    facetBox.querySelectorAll("li[data-terms]").forEach(function (li) {
      var terms = li.getAttribute("data-terms");
      li.hidden = !terms || said.indexOf(" " + terms + " ") < 0;
      any = any || !li.hidden;
    });
    facetBox.hidden = !any;
  }
  function clear(query, hint) {
    list.innerHTML = ""; status.textContent = hint; more.hidden = true; list.setAttribute("data-query", query);
    showFacets([]);
  }
  function run(query) {
    var mine = ++generation, words = tokens(query);
    // One character says nothing yet: no search, so no "Không tìm thấy" while typing "t".
    if (words.join("").length < 2) { clear(query, ""); return; }
    showFacets(words);
    return fetchJSON("meta.json").then(function (meta) {
      fillFilters(meta);
      if (mine !== generation) return;
      var mark = (meta.prefix || [])[0], least = (meta.prefix || [])[1];
      var last = words[words.length - 1];
      // The last syllable is still being typed unless a space or mark follows it.
      var prefixLast = !!mark && /[a-z0-9]$/.test(foldChars(query).join("")) && last.length >= least && /[a-z]/.test(last);
      var pairs = [];
      for (var i = 0; i + 1 < words.length; i++) pairs.push(words[i] + " " + words[i + 1]);
      var wanted = words.concat(pairs);
      if (prefixLast) wanted.push(last + mark);
      var dates = meta.date ? dateTerms(query, meta.date) : [];
      return Promise.all(wanted.concat(dates).map(function (t) { return postings(meta, t); })).then(function (maps) {
        var dated = maps.splice(wanted.length);
        var uni = maps.slice(0, words.length), bi = maps.slice(words.length, words.length + pairs.length);
        if (prefixLast) {
          // A syllable that only begins with what was typed counts half as much as the word itself.
          var exact = uni[uni.length - 1], merged = new Map(exact);
          maps[maps.length - 1].forEach(function (score, doc) { if (!exact.has(doc)) merged.set(doc, Math.max(1, score >> 1)); });
          uni[uni.length - 1] = merged;
          if (bi.length && bi[bi.length - 1].size === 0) bi.pop();
        }
        // Still typing: an unknown last syllable is left out rather than emptying the list.
        if (uni.length > 1 && uni[uni.length - 1].size === 0) { uni.pop(); words = words.slice(0, -1); bi = bi.slice(0, words.length - 1); prefixLast = false; }
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
          // A record of the date the query names comes before those that merely mention it.
          for (var d = 0; d < dated.length; d++) { if (dated[d].has(doc)) score += 1e6; }
          scored.push([score, doc, phrase]);
        });
        scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
        return show(meta, scored, words, query, mine, PAGE, prefixLast);
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
