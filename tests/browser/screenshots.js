// README screenshots: builds the sample site, serves it on 127.0.0.1 and, with
// Debian's chromium, photographs the Arabic and English editions of a briefing in the
// light and dark schemes, on a phone (375x812) and a desktop (1280x800), into
// docs/screenshots/<lang>-<scheme>-<phone|desktop>.png. The same build gives the
// same pictures, so a theme change shows up as a diff of these files.
//
//   node tests/browser/screenshots.js [BRIEFING]   (default: putin-sharaa-call)
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repo, buildAndServe, launchOptions } = require("./site");

const briefing = process.argv[2] || "putin-sharaa-call";
const DEVICES = {
  phone: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-shots-"));
  const outDir = path.join(repo, "docs", "screenshots");
  fs.mkdirSync(outDir, { recursive: true });
  const { server, url } = await buildAndServe(repo, path.join(tmp, "site"));
  const browser = await chromium.launch(launchOptions());
  try {
    for (const lang of ["ar", "en"]) {
      for (const scheme of ["light", "dark"]) {
        for (const [device, options] of Object.entries(DEVICES)) {
          const context = await browser.newContext({ ...options, colorScheme: scheme, reducedMotion: "reduce" });
          const page = await context.newPage();
          await page.goto(`${url}${lang}/briefings/${briefing}/`, { waitUntil: "load" });
          await page.evaluate(() => document.fonts.ready);
          const file = path.join(outDir, `${lang}-${scheme}-${device}.png`);
          await page.screenshot({ path: file });
          console.log(path.relative(repo, file));
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
