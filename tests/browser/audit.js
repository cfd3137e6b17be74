// Theme audit in a real browser: builds the sample site and a generated 200-pair site
// (examples/gen_corpus), serves them on 127.0.0.1, and visits pages in the light and
// dark schemes at 375 and 1280 px with Debian's chromium. On each visit: axe-core
// (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa, best-practice) must report no
// violation, nothing may scroll sideways, and code must be monospace and left to
// right; once per page, print media must hide navigation, switcher, chips and
// footer. Every page of the sample site is visited; of the generated site, a fixed
// sample (see `corpusSample`). Prints "N passed, M failed" and exits non-zero on any
// failure.
//
//   node tests/browser/audit.js [--corpus-dir DIR] [--only sample|corpus] [--match REGEX]
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

async function visit(context, url, label) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
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
  check(`${label}: no script errors`, errors.length === 0, errors.join("; "));
  return page;
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

async function audit(browser, name, url, pages) {
  const match = process.argv.includes("--match") ? new RegExp(process.argv[process.argv.indexOf("--match") + 1]) : null;
  if (match) pages = pages.filter((p) => match.test(p));
  console.log(`== ${name}: ${pages.length} pages x ${SCHEMES.length} schemes x ${VIEWPORTS.length} widths`);
  for (const scheme of SCHEMES) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, reducedMotion: "reduce" });
      for (const p of pages) {
        const label = `${name} ${scheme} ${viewport.width}px /${p}`;
        const page = await visit(context, url + p, label);
        if (scheme === "light" && viewport.width === 1280) await printCheck(page, label);
        await page.close();
      }
      await context.close();
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-audit-"));
  const servers = [];
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
      const sample = corpusSample(all);
      console.log(`generated site: ${all.length} pages, ${sample.length} sampled`);
      await audit(browser, "corpus", url, sample);
    }
  } finally {
    await browser.close();
    for (const s of servers) s.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
