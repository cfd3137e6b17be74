// Lighthouse (npm lighthouse, pinned in package-lock.json) with Debian's chromium
// (CHROME_PATH, default /usr/bin/chromium; it never downloads a browser), default
// mobile settings (phone emulation, simulated slow 4G and CPU throttling), on the
// sample site's Arabic and English home, a briefing, the timeline and an entity page,
// plus a timeline year page and both entity indexes.
// Requires accessibility, best practices and SEO of 100 and performance of at least
// 95; prints every score and exits non-zero when one falls short. Performance is a
// timing and varies from run to run on a shared machine (93 and 100 for the same page
// were seen minutes apart), so a page short only on performance is measured again, up
// to three times, and its best score counts; the other categories never vary.
//
//   node tests/browser/lighthouse.js
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repo, buildAndServe } = require("./site");

const PAGES = ["ar/", "en/", "ar/briefings/putin-sharaa-call/", "en/briefings/putin-sharaa-call/", "ar/timeline/", "en/timeline/", "ar/timeline/2024/", "ar/entities/", "en/entities/", "ar/entities/putin/", "en/entities/putin/"];
const MINIMUM = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

async function main() {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-lighthouse-"));
  const { server, url } = await buildAndServe(repo, path.join(tmp, "site"));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  let failed = 0;
  try {
    for (const p of PAGES) {
      let lhr, scores, short;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const run = (await lighthouse(url + p, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: Object.keys(MINIMUM),
        })).lhr;
        const runScores = Object.keys(MINIMUM).map((c) => [c, Math.round((run.categories[c].score || 0) * 100)]);
        const performance = runScores.find(([c]) => c === "performance")[1];
        if (!scores || performance > scores.find(([c]) => c === "performance")[1]) {
          lhr = run;
          scores = runScores;
        }
        short = scores.filter(([c, s]) => s < MINIMUM[c]);
        if (!short.length || short.some(([c]) => c !== "performance")) break;
        if (attempt < 3) console.log(`       /${p}: performance ${performance}, measuring again`);
      }
      console.log(`${short.length ? "FAIL" : "ok  "} /${p}  ${scores.map(([c, s]) => `${c} ${s}`).join(", ")}`);
      for (const [c] of short) {
        const failing = lhr.categories[c].auditRefs
          .map((r) => lhr.audits[r.id])
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual");
        for (const a of failing) console.log(`       ${c}: ${a.id} (${a.score}) ${a.displayValue || ""}`);
      }
      failed += short.length;
    }
  } finally {
    await chrome.kill();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
