// The search page: the query is folded as brief folds Arabic (fold.js), searched
// in this language's Pagefind bundle, and shown with the date in the house style,
// an excerpt with the matched words in <mark>, entity chips, and the count in the
// language's plural forms. Filters and the order live in the URL (?q=…&entity=…),
// so a search can be linked to. Nothing is fetched from outside the site.
import { fold } from "./fold.js";

const form = document.querySelector("form.search");
const list = document.querySelector(".search-results");
const status = document.querySelector(".search-count");
if (form && list && status) start();

async function start() {
  const config = JSON.parse(form.getAttribute("data-config"));
  const input = form.querySelector("input[name=q]");
  const selects = Array.from(form.querySelectorAll("select"));
  const lang = document.documentElement.lang || "en";
  const collator = new Intl.Collator(lang);
  const plural = new Intl.PluralRules(lang);
  const PAGE = 20;

  const pagefind = await import(config.bundle + "pagefind.js");
  // Result URLs are written whole (with the base path) by brief.
  await pagefind.options({ excerptLength: 30, baseUrl: "/" });
  pagefind.init();

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const select of selects) select.dataset.wanted = params.get(select.name) || "";

  const available = await pagefind.filters();
  for (const select of selects) {
    const name = select.dataset.filter;
    if (!name) continue;
    const values = Object.keys(available[name] || {}).sort((a, b) =>
      name === "year" ? collator.compare(b, a) : collator.compare(a, b));
    if (!values.length) { select.closest("label").hidden = true; continue; }
    for (const value of values) select.add(new Option(value, value));
  }
  for (const select of selects) select.value = select.dataset.wanted;

  let latest = 0;
  let timer = 0;
  async function run() {
    const id = ++latest;
    const query = fold(input.value.trim());
    const filters = {};
    let sort;
    for (const select of selects) {
      if (!select.value) continue;
      if (select.dataset.filter) filters[select.dataset.filter] = select.value;
      else if (select.name === "sort") sort = { date: "desc" };
    }
    remember();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const search = await pagefind.search(query || null, { filters, sort });
    if (id !== latest || !search) return;
    const results = await Promise.all(search.results.slice(0, PAGE).map((r) => r.data()));
    if (id !== latest) return;
    list.replaceChildren(...results.map(item));
    status.textContent = count(search.results.length);
  }

  function schedule() {
    clearTimeout(timer);
    const query = fold(input.value.trim());
    if (query) pagefind.preload(query);
    timer = setTimeout(run, 60);
  }

  function remember() {
    const url = new URL(location.href);
    url.search = "";
    if (input.value.trim()) url.searchParams.set("q", input.value.trim());
    for (const select of selects) if (select.value) url.searchParams.set(select.name, select.value);
    history.replaceState(null, "", url);
  }

  function count(n) {
    const forms = config.count;
    const text = forms[plural.select(n)] ?? forms.other ?? "{n}";
    const digits = String(n).replace(/[0-9]/g, (d) => config.digits[d]);
    return text.replace("{n}", digits);
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "card search-result";
    if (data.meta.image) {
      const img = document.createElement("img");
      img.src = data.meta.image;
      img.alt = "";
      img.loading = "lazy";
      img.className = "search-image";
      li.append(img);
    }
    const h = document.createElement("h2");
    h.className = "card-title";
    const a = document.createElement("a");
    a.href = data.url;
    a.textContent = data.meta.title;
    h.append(a);
    li.append(h);
    if (data.meta.date) {
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = data.meta.date;
      li.append(meta);
    }
    li.append(excerpt(data.content, data.locations));
    const names = (data.filters && data.filters.entity) || [];
    if (names.length) {
      const chips = document.createElement("p");
      chips.className = "chips";
      for (const name of names) {
        const chip = document.createElement(config.entities[name] ? "a" : "span");
        chip.className = "chip";
        chip.textContent = name;
        if (config.entities[name]) chip.href = config.entities[name];
        chips.append(chip, " ");
      }
      li.append(chips);
    }
    return li;
  }

  // The indexed content holds hidden words (see src/search/text.rs): "~~x" is a
  // variant of the word before it, "~^x" a name or title word with no place in
  // the text. They are left out, and a match on a variant marks its word.
  function excerpt(content, locations) {
    const words = content.split(/[^\S\uFEFF]+/);
    const shown = [];
    const at = new Map();
    words.forEach((word, i) => {
      if (word.startsWith("~^")) return;
      if (!word.startsWith("~~")) shown.push(word);
      at.set(i, shown.length - 1);
    });
    const marked = new Set();
    for (const l of locations || []) {
      const s = at.get(l);
      if (s !== undefined && s >= 0) marked.add(s);
    }
    const first = marked.size ? Math.min(...marked) : 0;
    const size = 30;
    const begin = Math.max(0, Math.min(first - 8, shown.length - size));
    const end = Math.min(shown.length, begin + size);
    const p = document.createElement("p");
    p.className = "search-excerpt";
    p.dir = "auto";
    if (begin > 0) p.append("… ");
    for (let i = begin; i < end; i++) {
      if (marked.has(i)) {
        const mark = document.createElement("mark");
        mark.textContent = shown[i];
        p.append(mark);
      } else {
        p.append(shown[i]);
      }
      if (i + 1 < end) p.append(" ");
    }
    if (end < shown.length) p.append(" …");
    return p;
  }

  input.addEventListener("input", schedule);
  for (const select of selects) select.addEventListener("change", run);
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  // Arrow keys move between the box and the results; Escape clears the box.
  form.addEventListener("keydown", (event) => {
    if (event.target !== input) return;
    if (event.key === "ArrowDown") {
      const link = list.querySelector("a");
      if (link) { event.preventDefault(); link.focus(); }
    } else if (event.key === "Escape" && input.value) {
      input.value = "";
      run();
    }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = Array.from(list.querySelectorAll(".card-title a"));
    const i = links.indexOf(document.activeElement);
    if (i < 0) return;
    event.preventDefault();
    if (event.key === "ArrowDown") (links[i + 1] || links[i]).focus();
    else if (i === 0) input.focus();
    else links[i - 1].focus();
  });
  run();
}
