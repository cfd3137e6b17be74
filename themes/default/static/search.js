// Client-side search over <lang>/search.json. Arabic text is folded the way the
// entity matcher folds it (diacritics and tatweel dropped, alef/hamza forms and
// alef maqsura unified), so احمد finds أحمد.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var list = document.querySelector(".search-results");
  if (!form || !list) return;
  var input = form.querySelector("input");
  var entries = null;

  function fold(text) {
    return (text || "")
      .normalize("NFC")
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064A")
      .toLowerCase();
  }

  function haystack(e) {
    return fold([e.title, e.summary].concat(e.entities || [], e.headings || []).join(" "));
  }

  function show(query) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length || !entries) return;
    var hits = entries.filter(function (e) {
      return words.every(function (w) { return e._text.indexOf(w) !== -1; });
    });
    if (!hits.length) {
      var empty = document.createElement("li");
      empty.textContent = form.getAttribute("data-empty");
      list.appendChild(empty);
      return;
    }
    hits.slice(0, 50).forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.url;
      a.textContent = e.title;
      li.appendChild(a);
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = e.date;
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  fetch(form.getAttribute("data-index"))
    .then(function (r) { return r.json(); })
    .then(function (data) {
      entries = data.map(function (e) { e._text = haystack(e); return e; });
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; show(q); }
    });
  input.addEventListener("input", function () { show(input.value); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); show(input.value); });
})();
