// Search benchmark: serves a built site on 127.0.0.1, opens its search page in
// Debian's chromium and, for each query, measures the time from the first
// keystroke to the first result and the bytes the page fetched for the search
// (the Pagefind bundle: script, WebAssembly, index chunks, fragments), cold (a
// fresh page) each time. Prints one line per query.
//
//   node bench/search.js PUBLIC_DIR LANG QUERY...
//
// The site must be built for where it is served: a site whose base URL names a host
// (every generated corpus does) loads its search index from there. Build it with
// `brief build --base-url http://127.0.0.1:PORT/` and run with PORT set to the same
// port (default: any free port, for a site built with a path-only base URL).
//
// playwright-core comes from tests/browser (cd tests/browser && npm ci).
"use strict";
const path = require("path");
const { chromium } = require(path.join(__dirname, "..", "tests", "browser", "node_modules", "playwright-core"));
const http = require("http");
const fs = require("fs");

const [root, lang, ...queries] = process.argv.slice(2);
if (!root || !lang || !queries.length) {
  console.error("usage: node bench/search.js PUBLIC_DIR LANG QUERY...");
  process.exit(2);
}

function serve(dir) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      let file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
      if (!file.startsWith(dir)) { res.writeHead(404); return res.end(); }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
      const type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "application/octet-stream";
      res.writeHead(200, { "content-type": type, "content-length": fs.statSync(file).size });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(Number(process.env.PORT || 0), "127.0.0.1", () => resolve(server));
  });
}

(async () => {
  const dir = path.resolve(root);
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  try {
    for (const query of queries) {
      const page = await browser.newPage();
      const sizes = new Map();
      page.on("requestfinished", async (req) => {
        const url = req.url();
        if (!url.includes("/pagefind/")) return;
        const res = await req.response();
        const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        sizes.set(url, body.length);
      });
      await page.goto(`${base}${lang}/search/`);
      await page.waitForLoadState("networkidle");
      await page.focus("#q");
      await page.evaluate(() => {
        window.__first = new Promise((resolve) => {
          const list = document.querySelector(".search-results");
          new MutationObserver(() => { if (list.children.length) resolve(performance.now()); }).observe(list, { childList: true });
        });
        document.querySelector("#q").addEventListener("input", () => { window.__typed = window.__typed || performance.now(); });
      });
      await page.keyboard.type(query);
      // A query with no result never fills the list: said after 10 s, not waited for.
      const ms = await page.evaluate(async () => {
        const none = new Promise((resolve) => setTimeout(() => resolve(null), 10000));
        const first = await Promise.race([window.__first, none]);
        return first === null ? null : first - window.__typed;
      });
      await page.waitForLoadState("networkidle");
      const count = await page.evaluate(() => document.querySelector(".search-count").textContent);
      if (ms === null) {
        console.log(`${lang} "${query}": ${count}; no result within 10 s`);
        await page.close();
        continue;
      }
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      const kinds = {};
      for (const [url, n] of sizes) {
        const kind = url.includes("/fragment/") ? "fragments" : url.includes("/index/") ? "index" : url.includes("/filter/") ? "filters" : url.includes(".pf_meta") ? "meta" : url.includes("wasm") ? "wasm" : "js+entry";
        kinds[kind] = (kinds[kind] || 0) + n;
      }
      console.log(`${lang} "${query}": ${count}; first result ${ms.toFixed(0)} ms after the first keystroke; ${(total / 1024).toFixed(0)} KiB fetched from pagefind/ (${Object.entries(kinds).map(([k, n]) => `${k} ${(n / 1024).toFixed(0)} KiB`).join(", ")})`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
