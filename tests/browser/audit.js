// Theme audit in a real browser: builds the sample site and a generated 200-pair site
// (examples/gen_corpus), serves them on 127.0.0.1, and visits EVERY page of both in
// the light and dark schemes at 375 and 1280 px with Debian's chromium. On each
// visit: axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice) must
// report no violation, nothing may scroll sideways, and code must be monospace and
// left to right; once per page (light, 1280 px), print media must hide navigation,
// switcher, chips and footer. One browser context per scheme and width; within it,
// `--workers N` tabs (default 2) take pages from a shared queue, each tab reused from
// page to page. Prints "N passed, M failed" and the time taken, and exits non-zero
// on any failure.
//
//   node tests/browser/audit.js [--corpus-dir DIR] [--only sample|corpus] [--match REGEX]
//                               [--workers N] [--sample]
//
// `--sample` visits only a fixed sample of the generated site (see `corpusSample`),
// for iterating on the theme; CI visits every page.
"use strict";
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repo, briefBinary, buildAndServe, pagesOf, launchOptions } = require("./site");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const VIEWPORTS = [
  { width: 375, height: 667 },
  { width: 1280, height: 900 },
];
const SCHEMES = ["light", "dark"];
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

// The generated site's sample: every page kind, in both languages, the first and a
// middle page of paginated lists, and every 40th briefing and entity page.
function corpusSample(pages) {
  const pick = new Set();
  const fixed = [
    "", "404.html", "ar/", "en/", "ar/timeline/", "en/timeline/", "ar/entities/", "en/entities/",
    "ar/tags/", "en/tags/", "ar/search/", "en/search/", "ar/briefings/", "en/briefings/",
    "ar/briefings/page/2/", "en/briefings/page/10/",
  ];
  for (const p of fixed) if (pages.includes(p)) pick.add(p);
  for (const kind of ["briefings", "entities", "tags"]) {
    for (const lang of ["ar", "en"]) {
      const of = pages.filter((p) => p.startsWith(`${lang}/${kind}/`) && !p.includes("/page/") && p !== `${lang}/${kind}/`);
      for (let i = 0; i < of.length; i += 40) pick.add(of[i]);
    }
  }
  return [...pick].sort();
}

async function visit(page, url, label) {
  const errors = [];
  const onError = (e) => errors.push(String(e));
  page.on("pageerror", onError);
  const response = await page.goto(url, { waitUntil: "load" });
  const status = response ? response.status() : 0;
  const okStatus = label.endsWith("404.html") ? status === 404 || status === 200 : status === 200;
  check(`${label}: loads`, okStatus, `status ${status}`);

  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }), TAGS);
  const violations = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  check(`${label}: axe`, violations.length === 0, "\n    " + violations.join("\n    "));

  const layout = await page.evaluate(() => {
    const doc = document.documentElement;
    const width = (el, text) => {
      const probe = document.createElement("span");
      const s = getComputedStyle(el);
      probe.style.font = s.font;
      probe.style.position = "absolute";
      probe.style.whiteSpace = "pre";
      probe.textContent = text;
      el.appendChild(probe);
      const w = probe.getBoundingClientRect().width;
      probe.remove();
      return w;
    };
    const code = [...document.querySelectorAll("main pre, main code")].map((el) => {
      const s = getComputedStyle(el);
      return { tag: el.tagName, dir: s.direction, mono: Math.abs(width(el, "iiiiiiii") - width(el, "MMMMMMMM")) < 0.5, font: s.fontFamily.slice(0, 40) };
    });
    return { scroll: doc.scrollWidth, client: doc.clientWidth, code, errors: [] };
  });
  check(`${label}: no sideways scrolling`, layout.scroll <= layout.client, `${layout.scroll} > ${layout.client}`);
  const badCode = layout.code.filter((c) => c.dir !== "ltr" || !c.mono);
  check(`${label}: code is monospace and ltr`, badCode.length === 0, JSON.stringify(badCode.slice(0, 3)));
  page.off("pageerror", onError);
  check(`${label}: no script errors`, errors.length === 0, errors.join("; "));
}

async function printCheck(page, label) {
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return getComputedStyle(el).display !== "none" && r.width > 0 && r.height > 0;
    };
    const hidden = [".site-nav", ".lang-switch", ".site-footer", ".chips", ".skip", ".tags"];
    const kept = ["h1", ".source-url"];
    return {
      leaked: hidden.flatMap((s) => [...document.querySelectorAll(s)].filter(visible).map(() => s)),
      missing: kept.filter((s) => document.querySelector(s) && ![...document.querySelectorAll(s)].some(visible)),
    };
  });
  check(`${label}: print hides navigation, switcher, chips and footer`, shown.leaked.length === 0, shown.leaked.join(", "));
  check(`${label}: print shows the title and the sources' addresses`, shown.missing.length === 0, shown.missing.join(", "));
  await page.emulateMedia({ media: "screen" });
}

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function audit(browser, name, url, pages) {
  const match = option("--match", null);
  if (match) pages = pages.filter((p) => new RegExp(match).test(p));
  const workers = Math.max(1, Number(option("--workers", "2")));
  console.log(`== ${name}: ${pages.length} pages x ${SCHEMES.length} schemes x ${VIEWPORTS.length} widths, ${workers} tabs`);
  for (const scheme of SCHEMES) {
    for (const viewport of VIEWPORTS) {
      const started = Date.now();
      const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: "reduce" });
      let next = 0;
      const worker = async () => {
        const page = await context.newPage();
        while (next < pages.length) {
          const p = pages[next++];
          const label = `${name} ${scheme} ${viewport.width}px /${p}`;
          try {
            await visit(page, url + p, label);
            if (scheme === "light" && viewport.width === 1280) await printCheck(page, label);
          } catch (e) {
            check(`${label}: visit`, false, String(e));
          }
        }
        await page.close();
      };
      await Promise.all(Array.from({ length: workers }, worker));
      await context.close();
      const seconds = (Date.now() - started) / 1000;
      console.log(`   ${scheme} ${viewport.width}px: ${pages.length} pages in ${seconds.toFixed(0)} s (${((seconds * 1000) / pages.length).toFixed(0)} ms a page)`);
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-audit-"));
  const servers = [];
  const started = Date.now();
  const browser = await chromium.launch(launchOptions());
  try {
    if (only !== "corpus") {
      const out = path.join(tmp, "sample");
      const { server, url } = await buildAndServe(repo, out);
      servers.push(server);
      await audit(browser, "sample", url, pagesOf(out));
    }
    if (only !== "sample") {
      let corpus = args.includes("--corpus-dir") ? args[args.indexOf("--corpus-dir") + 1] : null;
      if (!corpus) {
        corpus = path.join(tmp, "corpus-src");
        // The generator is built with the same profile as the brief binary in use.
        const profile = briefBinary().includes(`${path.sep}release${path.sep}`) ? ["--release"] : [];
        execFileSync("cargo", ["run", ...profile, "--quiet", "--example", "gen_corpus", "--", "--pairs", "200", "--seed", "1", "--out", corpus], { cwd: repo, stdio: "inherit" });
      }
      const out = path.join(tmp, "corpus");
      const { server, url } = await buildAndServe(corpus, out);
      servers.push(server);
      const all = pagesOf(out);
      const visited = args.includes("--sample") ? corpusSample(all) : all;
      console.log(`generated site: ${all.length} pages${visited.length < all.length ? `, ${visited.length} in the sample` : ""}`);
      await audit(browser, "corpus", url, visited);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 60000).toFixed(1)} min)`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
