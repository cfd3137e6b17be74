// Real-browser checks of full-text search: copies the sample site (plus one
// briefing pair dated 2024, so the year filter has two years to choose from),
// builds it under a base path (/news/), serves it on 127.0.0.1 and drives
// Debian's chromium. Each check types a query invented from the sample text and
// asserts the briefing URLs in the results. Also prints the time from typing to
// the first result. Prints "N passed, M failed"; exits non-zero on any failure.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

const { repo, buildAndServe, checks, launchOptions } = require("./site");

const { check, finish } = checks();

const EXTRA = {
  "index.ar.md": `---
title: "قاعدة حميميم في حسابات موسكو"
date: 2024-06-10
summary: "تقرير أرشيفي عن قاعدة حميميم الجوية قبل سقوط النظام."
tags: [روسيا, القواعد العسكرية]
entities: [russia, moscow]
---

تُعدّ قاعدة حميميم الجوية قرب اللاذقية ركيزةَ الوجود العسكري الروسي على الساحل السوري.
`,
  "index.en.md": `---
title: "Hmeimim in Moscow's calculations"
date: 2024-06-10
summary: "An archive report on the Hmeimim air base before the fall of the regime."
tags: [Russia, Military bases]
entities: [russia, moscow]
---

The Hmeimim air base near Latakia is the mainstay of the Russian military presence on the Syrian coast.
`,
};

function site(tmp) {
  const dir = path.join(tmp, "site");
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(repo, "brief.yaml"), path.join(dir, "brief.yaml"));
  fs.cpSync(path.join(repo, "content"), path.join(dir, "content"), { recursive: true });
  const extra = path.join(dir, "content", "briefings", "hmeimim-2024");
  fs.mkdirSync(extra);
  for (const [name, text] of Object.entries(EXTRA)) fs.writeFileSync(path.join(extra, name), text);
  return dir;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-search-"));
  // Every request the server gets, so that a file the pages asked for and did not
  // find shows (as "404 <path>").
  const requests = [];
  const { server, url: base } = await buildAndServe(site(tmp), path.join(tmp, "public"), { basePath: "news/", log: requests });
  const origin = new URL(base).origin;
  const browser = await chromium.launch(launchOptions());
  const outside = [];
  try {
    const page = await browser.newPage();
    page.on("request", (r) => { if (!r.url().startsWith(`${origin}/`)) outside.push(r.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // A failed fetch shows as a console error without its URL; the server's log
    // of 404s names it (the browser's own favicon.ico request aside).
    page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text()); });

    // Results of a search as the page shows them, after typing `query` (and any
    // filters and order given as URL parameters).
    async function search(lang, query, params = {}) {
      const url = new URL(`${base}${lang}/search/`);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (query) url.searchParams.set("q", query);
      await page.goto(url.href);
      await page.waitForFunction(() => document.querySelector(".search-count").textContent !== "", null, { timeout: 10000 });
      return page.evaluate(() => ({
        count: document.querySelector(".search-count").textContent,
        urls: Array.from(document.querySelectorAll(".search-results .card-title a")).map((a) => new URL(a.href).pathname),
        marks: Array.from(document.querySelectorAll(".search-results mark")).map((m) => m.textContent),
        excerpts: Array.from(document.querySelectorAll(".search-excerpt")).map((p) => p.textContent),
        chips: Array.from(document.querySelectorAll(".search-results .chip")).map((c) => [c.textContent, c.getAttribute("href")]),
        dates: Array.from(document.querySelectorAll(".search-results .meta")).map((p) => p.textContent),
      }));
    }
    const b = (lang, slug) => `/news/${lang}/briefings/${slug}/`;
    const same = (got, want) => JSON.stringify([...got].sort()) === JSON.stringify([...want].sort());

    if (process.env.DEBUG_QUERIES) {
      for (const q of process.env.DEBUG_QUERIES.split(",")) {
        const [lang, query] = q.split(":");
        console.log(q, JSON.stringify(await search(lang, query), null, 1));
      }
    }
    let r = await search("ar", "تحسين الوضع الاجتماعي");
    check("ar: a phrase found only in a body", same(r.urls, [b("ar", "putin-sharaa-call")]), JSON.stringify(r.urls));
    check("ar: the excerpt highlights the matched words", ["تحسين", "الوضع", "الاجتماعي"].every((w) => r.marks.includes(w)), JSON.stringify(r.marks));
    check("ar: the result count in Arabic plural form", r.count === "نتيجة واحدة", r.count);
    check("ar: the date in the house style", r.dates[0] === "12 شباط/فبراير 2025", JSON.stringify(r.dates));

    r = await search("ar", "الاعتبار");
    check("ar: a word written with an attached prefix (بالاعتبار)", same(r.urls, [b("ar", "putin-sharaa-call")]), JSON.stringify(r.urls));
    check("ar: the prefixed word is the one highlighted", r.marks.includes("بالاعتبار"), JSON.stringify(r.marks));

    r = await search("ar", "دمشق");
    check("ar: لدمشق and بدمشق are found by دمشق", r.urls.includes(b("ar", "bogdanov-damascus-visit")) && r.urls.includes(b("ar", "putin-sharaa-call")), JSON.stringify(r.urls));

    r = await search("ar", "الشَّرْعِيَّةَ");
    check("ar: a diacritized query", same(r.urls, [b("ar", "fall-of-assad")]), JSON.stringify(r.urls));

    r = await search("ar", "اعقاب");
    check("ar: a hamza variant (اعقاب finds أعقاب)", same(r.urls, [b("ar", "bogdanov-damascus-visit")]), JSON.stringify(r.urls));
    check("ar: the word as written is highlighted", r.marks.includes("أعقاب"), JSON.stringify(r.marks));

    r = await search("ar", "الكرملين");
    check("ar: an entity's alias finds the briefing that mentions it", same(r.urls, [b("ar", "putin-sharaa-call")]), JSON.stringify(r.urls));
    check("ar: entity chips link to entity pages", r.chips.some(([name, href]) => name === "الكرملين" && href === "/news/ar/entities/kremlin/"), JSON.stringify(r.chips));

    r = await search("ar", "", { entity: "ميخائيل بوغدانوف" });
    check("ar: an entity filter", same(r.urls, [b("ar", "bogdanov-damascus-visit"), b("ar", "putin-sharaa-call")]), JSON.stringify(r.urls));
    check("ar: two results counted in the dual", r.count === "نتيجتان", r.count);

    r = await search("ar", "الروسي", { year: "2024" });
    check("ar: a year filter", same(r.urls, [b("ar", "hmeimim-2024")]), JSON.stringify(r.urls));

    r = await search("ar", "روسيا", { sort: "date" });
    check("ar: sort by date, newest first", r.urls[0] === b("ar", "fall-of-assad") && r.urls[r.urls.length - 1] === b("ar", "hmeimim-2024"), JSON.stringify(r.urls));

    r = await search("en", "Bogdanov's");
    check("en: a possessive finds the name", same(r.urls, [b("en", "bogdanov-damascus-visit"), b("en", "putin-sharaa-call")]), JSON.stringify(r.urls));

    r = await search("en", "Russia's talks");
    check("en: a possessive in the text is found by the query as typed", r.urls.includes(b("en", "fall-of-assad")), JSON.stringify(r.urls));

    r = await search("en", "legitimacy");
    check("en: a word found only in a body", same(r.urls, [b("en", "fall-of-assad")]), JSON.stringify(r.urls));
    check("en: its excerpt highlights it", r.marks.includes("legitimacy"), JSON.stringify(r.marks));

    r = await search("en", "HMEIMIM");
    check("en: case does not matter", same(r.urls, [b("en", "hmeimim-2024")]), JSON.stringify(r.urls));
    check("en: one result in English", r.count === "1 result", r.count);

    r = await search("en", "backed");
    check("en: a part of a hyphenated compound (Moscow-backed)", r.urls.includes(b("en", "fall-of-assad")), JSON.stringify(r.urls));

    r = await search("en", "", { tag: "Military bases", section: "Briefings" });
    check("en: tag and section filters", same(r.urls, [b("en", "fall-of-assad"), b("en", "hmeimim-2024")]), JSON.stringify(r.urls));

    // The header box of any page leads to the search page with the query.
    await page.goto(`${base}en/`);
    await page.fill("#site-q", "legitimacy");
    await page.press("#site-q", "Enter");
    await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 0, null, { timeout: 10000 });
    check("header search box opens the search page with ?q=", new URL(page.url()).pathname === "/news/en/search/" && new URL(page.url()).searchParams.get("q") === "legitimacy", page.url());

    // Keyboard: ArrowDown from the box reaches the first result.
    await page.focus("#q");
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest(".search-results") !== null);
    check("ArrowDown moves from the box to the results", focused);

    // Typing updates the URL, so the search can be linked.
    await page.fill("#q", "");
    await page.type("#q", "Latakia");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "Latakia", null, { timeout: 5000 });
    check("typing keeps ?q= in the address", true);

    // Time from typing to the first result, on a freshly loaded page (cold: the
    // index and its WebAssembly are fetched after the page loads).
    const times = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${base}ar/search/`);
      await page.waitForLoadState("networkidle");
      await page.focus("#q");
      await page.evaluate(() => {
        window.__firstResult = new Promise((resolve) => {
          const list = document.querySelector(".search-results");
          new MutationObserver(() => { if (list.children.length) resolve(performance.now()); }).observe(list, { childList: true });
        });
        document.querySelector("#q").addEventListener("input", () => { window.__typed = window.__typed || performance.now(); });
      });
      await page.keyboard.type("بوتين");
      const ms = await page.evaluate(async () => (await window.__firstResult) - window.__typed);
      times.push(ms);
    }
    times.sort((x, y) => x - y);
    console.log(`time from the first keystroke to the first result (ms, 5 runs): ${times.map((t) => t.toFixed(0)).join(" ")}; median ${times[2].toFixed(0)}`);

    check("no request left the site", outside.length === 0, outside.join(" "));
    check("no script errors", errors.length === 0, errors.join(" | "));
    const missing = requests.filter((r) => r.startsWith("404 "));
    check("every file the pages asked for exists", missing.length === 0, missing.join(" "));
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => { console.error(e); process.exit(1); });
