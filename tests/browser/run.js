// Real-browser checks of a built brief site: builds the sample site and the `basic`
// fixture with a local base URL, serves them on 127.0.0.1, and drives Debian's
// chromium through playwright-core. Prints "N passed, M failed" and exits non-zero on
// any failure.
"use strict";
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repo, serve, briefBinary, checks } = require("./site");

const brief = briefBinary();
const { check, finish } = checks();

function build(site, port, out) {
  execFileSync(brief, ["-C", site, "build", "--base-url", `http://127.0.0.1:${port}/`, "--output", out], { stdio: "pipe" });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-browser-"));
  const sampleOut = path.join(tmp, "sample");
  const basicOut = path.join(tmp, "basic");
  fs.mkdirSync(sampleOut);
  fs.mkdirSync(basicOut);
  const sampleServer = await serve(sampleOut);
  const basicServer = await serve(basicOut);
  const samplePort = sampleServer.address().port;
  const basicPort = basicServer.address().port;
  fs.rmdirSync(sampleOut);
  fs.rmdirSync(basicOut);
  build(repo, samplePort, sampleOut);
  build(path.join(repo, "tests", "fixtures", "basic"), basicPort, basicOut);
  const sample = `http://127.0.0.1:${samplePort}/`;
  const basic = `http://127.0.0.1:${basicPort}/`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const phone = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const pages = ["", "ar/", "en/", "ar/briefings/putin-sharaa-call/", "en/briefings/putin-sharaa-call/", "ar/timeline/", "en/timeline/", "ar/entities/", "en/entities/", "ar/entities/putin/", "ar/tags/", "ar/search/", "404.html"];
    for (const p of pages) {
      await phone.goto(sample + p);
      const m = await phone.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
      check(`no horizontal scrolling at 360px: /${p}`, m.sw <= m.cw, `${m.sw} > ${m.cw}`);
    }

    // The Arabic edition reads right to left; the timeline rule sits on the right.
    await phone.goto(sample + "ar/timeline/");
    const rule = await phone.evaluate(() => {
      const ol = document.querySelector(".tl-list");
      const s = getComputedStyle(ol);
      return { dir: getComputedStyle(document.body).direction, right: s.borderRightWidth, left: s.borderLeftWidth };
    });
    check("Arabic timeline is rtl with its rule on the right", rule.dir === "rtl" && rule.right === "2px" && rule.left === "0px", JSON.stringify(rule));
    await phone.goto(sample + "en/timeline/");
    const ruleEn = await phone.evaluate(() => getComputedStyle(document.querySelector(".tl-list")).borderLeftWidth);
    check("English timeline has its rule on the left", ruleEn === "2px", ruleEn);

    // Latin names inside Arabic are isolated, and code stays left to right.
    await phone.goto(basic + "ar/briefings/call/");
    const bidi = await phone.evaluate(() => ({
      bdi: [...document.querySelectorAll(".body bdi")].map((b) => b.textContent),
      pre: getComputedStyle(document.querySelector("pre")).direction,
      code: getComputedStyle(document.querySelector("p code")).direction,
      headingId: document.querySelector(".body h2").id,
    }));
    check("Latin runs in Arabic are <bdi>", bidi.bdi.includes("Vladimir Putin"), JSON.stringify(bidi.bdi));
    check("code blocks are ltr in the Arabic edition", bidi.pre === "ltr" && bidi.code === "ltr", JSON.stringify(bidi));
    check("Arabic heading id", bidi.headingId === "دعم-سوريا", bidi.headingId);

    // The language switcher goes to the same briefing in English.
    await phone.goto(sample + "ar/briefings/putin-sharaa-call/");
    await phone.click(".lang-switch a[hreflang=en]");
    check("switcher goes to the English edition", phone.url() === sample + "en/briefings/putin-sharaa-call/", phone.url());

    // Search folds hamza: احمد finds أحمد الشرع.
    await phone.goto(sample + "ar/search/");
    await phone.fill("#q", "احمد الشرع");
    await phone.waitForSelector(".search-results .card-title a", { timeout: 15000 }).catch(() => {});
    const hits = await phone.evaluate(() => [...document.querySelectorAll(".search-results .card-title a")].map((a) => a.textContent));
    check("Arabic search folds hamza", hits.length === 3, JSON.stringify(hits));

    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await desk.goto(sample + "ar/briefings/putin-sharaa-call/");
    const layout = await desk.evaluate(() => {
      const h1 = document.querySelector("h1").getBoundingClientRect();
      const main = document.querySelector("main").getBoundingClientRect();
      return { h1Right: Math.round(h1.right), mainRight: Math.round(main.right), pad: parseFloat(getComputedStyle(document.querySelector("main")).paddingRight) };
    });
    check("Arabic headline aligns to the right edge of the column", Math.abs(layout.mainRight - layout.pad - layout.h1Right) <= 1, JSON.stringify(layout));

    await liveReload(browser, tmp);
  } finally {
    await browser.close();
    sampleServer.close();
    basicServer.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish();
}

// `brief serve --watch` reloads a page only when the page, or a stylesheet or script,
// changed: an edit to the Arabic edition reloads the open Arabic page and leaves the
// open English page alone; a new stylesheet reloads both.
async function liveReload(browser, tmp) {
  const { spawn } = require("child_process");
  const site = path.join(tmp, "live");
  fs.mkdirSync(site);
  fs.copyFileSync(path.join(repo, "brief.yaml"), path.join(site, "brief.yaml"));
  fs.cpSync(path.join(repo, "content"), path.join(site, "content"), { recursive: true });
  // The sample's logo and default picture live in static/.
  fs.cpSync(path.join(repo, "static"), path.join(site, "static"), { recursive: true });
  const server = spawn(brief, ["-C", site, "serve", "--watch", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (d) => {
        out += d;
        const m = out.match(/^serving (\S+)/m);
        if (m) resolve(m[1]);
      });
      server.on("exit", () => reject(new Error("brief serve exited: " + out)));
      setTimeout(() => reject(new Error("brief serve did not start: " + out)), 60000);
    });
    const ar = await browser.newPage();
    const en = await browser.newPage();
    // Each page listens once its event stream has answered.
    const listening = [ar, en].map((p) => p.waitForResponse((r) => r.url().endsWith("/__brief/events"), { timeout: 15000 }));
    await ar.goto(url + "ar/briefings/putin-sharaa-call/");
    await en.goto(url + "en/briefings/putin-sharaa-call/");
    await Promise.all(listening);
    await ar.waitForTimeout(300);
    await ar.evaluate(() => { window.stillOpen = true; });
    await en.evaluate(() => { window.stillOpen = true; });

    const file = path.join(site, "content", "briefings", "putin-sharaa-call", "index.ar.md");
    fs.appendFileSync(file, "\nوقال المتحدث باسم الكرملين Dmitry Peskov إن الاتصال استمر 40 دقيقة.\n");
    await ar.waitForFunction(() => !window.stillOpen && document.body.textContent.includes("Dmitry Peskov"), null, { timeout: 15000 }).then(
      () => check("an Arabic edit reloads the open Arabic page", true),
      (e) => check("an Arabic edit reloads the open Arabic page", false, e.message));
    await en.waitForTimeout(1000);
    check("an Arabic edit leaves the open English page alone", await en.evaluate(() => window.stillOpen === true));

    await ar.evaluate(() => { window.stillOpen = true; });
    fs.mkdirSync(path.join(site, "static"), { recursive: true });
    fs.writeFileSync(path.join(site, "static", "desk.css"), "body { outline: 0; }\n");
    const gone = (p) => p.waitForFunction(() => !window.stillOpen, null, { timeout: 15000 }).then(() => true, () => false);
    const [arGone, enGone] = await Promise.all([gone(ar), gone(en)]);
    check("a changed stylesheet reloads every open page", arGone && enGone, JSON.stringify({ arGone, enGone }));

    // A new title: the briefing's page reloads, and so does an open entity page
    // that lists it (rendered after the briefing's, with a reload of its own).
    const briefing = await browser.newPage();
    const entity = await browser.newPage();
    const ready = [briefing, entity].map((p) => p.waitForResponse((r) => r.url().endsWith("/__brief/events"), { timeout: 15000 }));
    await briefing.goto(url + "en/briefings/putin-sharaa-call/");
    await entity.goto(url + "en/entities/putin/");
    await Promise.all(ready);
    await briefing.waitForTimeout(300);
    const english = path.join(site, "content", "briefings", "putin-sharaa-call", "index.en.md");
    const text = fs.readFileSync(english, "utf8");
    fs.writeFileSync(english, text.replace('title: "Putin holds', 'title: "Putin now holds'));
    const shows = (p, what) => p.waitForFunction(() => document.body.textContent.includes("Putin now holds"), null, { timeout: 15000 }).then(
      () => check(`a title edit reloads the open ${what}`, true),
      (e) => check(`a title edit reloads the open ${what}`, false, e.message));
    await Promise.all([shows(briefing, "briefing page"), shows(entity, "entity page that lists it")]);
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
