// The TimelineJS export in the real library: builds the sample site (plus one
// briefing pair whose event has a time and whose texts carry characters HTML must
// escape), serves it and Knight Lab's TimelineJS3 (npm @knight-lab/timelinejs, from
// node_modules) on 127.0.0.1, and embeds each language's
// `<lang>/timeline.timelinejs.json` in a page of another path, as a desk's embed
// would. Asserts that every event of the JSON shows (a marker and a slide with its
// unique_id), that the group labels are in the timeline's language, that every link
// is absolute and leads to a built page, that the escaped texts show as text, and
// that no console error or request to another host happens.
// Prints "N passed, M failed"; exits non-zero on any failure.
"use strict";
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const http = require("http");
const fs = require("fs");
const os = require("os");
const path = require("path");

const { repo, briefBinary, types, checks } = require("./site");

const brief = briefBinary();
const library = path.join(__dirname, "node_modules", "@knight-lab", "timelinejs", "dist");
const { check, finish } = checks();

// Serves `/news/…` from the built site, `/timelinejs/…` from the library and
// `/embed/<lang>.html` from `pages`; loopback only, every 404 recorded.
function serve(site, pages, missing) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let root;
      let rest;
      if (p.startsWith("/news/")) [root, rest] = [site, p.slice("/news/".length)];
      else if (p.startsWith("/timelinejs/")) [root, rest] = [library, p.slice("/timelinejs/".length)];
      else if (pages[p]) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(pages[p]);
      } else {
        if (p !== "/favicon.ico") missing.push(p);
        res.writeHead(404);
        return res.end();
      }
      let file = path.normalize(path.join(root, rest));
      if (!file.startsWith(root)) { res.writeHead(404); return res.end(); }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) { missing.push(p); res.writeHead(404); return res.end(); }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// A briefing pair with a timestamped event, and texts with `<`, `&` and quotes.
const EXTRA = {
  "index.ar.md": `---
title: "لافروف والشيباني: «الحوار» <مستمر> & الملفات مفتوحة"
date: 2025-02-20
summary: "اتصال هاتفي بين وزيري الخارجية."
tags: [روسيا, دبلوماسية]
entities: [russia]
events:
  - id: lavrov-shaibani-call
    date: 2025-02-20T13:45
    text: "اتصال بين لافروف والشيباني يتناول قاعدتي حميميم وطرطوس و\\"الاتفاقات\\" <السابقة>"
    entities: [russia]
---

ناقش الوزيران مستقبل القاعدتين الروسيتين.
`,
  "index.en.md": `---
title: "Lavrov & Shaibani: \\"dialogue\\" <continues>"
date: 2025-02-20
summary: "A phone call between the two foreign ministers."
tags: [Russia, Diplomacy]
entities: [russia]
events:
  - id: lavrov-shaibani-call
    date: 2025-02-20T13:45
    text: "Lavrov and Shaibani discuss Hmeimim & Tartus and \\"past agreements\\" in a <10 km zone"
    entities: [russia]
---

The ministers discussed the future of the two Russian bases.
`,
};

function site(tmp) {
  const dir = path.join(tmp, "site");
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(repo, "brief.yaml"), path.join(dir, "brief.yaml"));
  fs.cpSync(path.join(repo, "content"), path.join(dir, "content"), { recursive: true });
  if (fs.existsSync(path.join(repo, "static"))) fs.cpSync(path.join(repo, "static"), path.join(dir, "static"), { recursive: true });
  const extra = path.join(dir, "content", "briefings", "lavrov-shaibani-call");
  fs.mkdirSync(extra);
  for (const [name, text] of Object.entries(EXTRA)) fs.writeFileSync(path.join(extra, name), text);
  return dir;
}

function embed(lang, dir) {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>embed</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 1200px; height: 650px"></div>
<script>
window.timeline = new TL.Timeline("timeline-embed", "/news/${lang}/timeline.timelinejs.json", {
  language: "${lang}", script_path: "/timelinejs/js/", font: null, hash_bookmark: false
});
window.timeline.on("ready", () => { window.timelineReady = true; });
</script></body></html>`;
}

// The status of a GET of `url`; 0 when it is not an absolute http URL or fails.
function get(url) {
  return new Promise((resolve) => {
    let parsed;
    try { parsed = new URL(url); } catch { return resolve(0); }
    http.get(parsed, (res) => { res.resume(); resolve(res.statusCode); }).on("error", () => resolve(0));
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "brief-timelinejs-"));
  const out = path.join(tmp, "public");
  const missing = [];
  const pages = { "/embed/ar.html": embed("ar", "rtl"), "/embed/en.html": embed("en", "ltr") };
  const server = await serve(out, pages, missing);
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/news/`;
  execFileSync(brief, ["-C", site(tmp), "build", "--base-url", base, "--output", out], { stdio: "pipe" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    for (const [lang, labels] of [["ar", ["حدث", "إحاطة"]], ["en", ["Event", "Briefing"]]]) {
      const json = JSON.parse(fs.readFileSync(path.join(out, lang, "timeline.timelinejs.json"), "utf8"));
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors = [];
      const outside = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("request", (r) => { if (!r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith("data:")) outside.push(r.url()); });
      // Requests to other hosts (a CDN font, say) are refused, and reported below.
      await page.route((url) => !url.href.startsWith(`http://127.0.0.1:${port}/`) && !url.href.startsWith("data:"), (route) => route.abort());
      await page.goto(`http://127.0.0.1:${port}/embed/${lang}.html`);
      await page.waitForFunction(() => window.timelineReady === true, null, { timeout: 20000 }).catch(() => {});
      const shown = await page.evaluate(() => ({
        ready: window.timelineReady === true,
        markers: document.querySelectorAll(".tl-timemarker").length,
        slides: document.querySelectorAll(".tl-slide").length,
        ids: Array.from(document.querySelectorAll(".tl-slide")).map((s) => s.id),
        groups: Array.from(document.querySelectorAll(".tl-timegroup-message")).map((g) => g.textContent.trim()),
        links: Array.from(document.querySelectorAll(".tl-slide a[href]")).map((a) => a.getAttribute("href")),
        headlines: Array.from(document.querySelectorAll(".tl-slide .tl-headline")).map((h) => h.textContent.trim()),
        dates: Array.from(document.querySelectorAll(".tl-slide .tl-headline-date")).map((h) => h.textContent.trim()),
      }));
      check(`${lang}: TimelineJS reads the file and is ready`, shown.ready, JSON.stringify(errors));
      check(`${lang}: one marker per event (${json.events.length})`, shown.markers === json.events.length, `${shown.markers} markers`);
      check(`${lang}: one slide per event, and the title slide`, shown.slides === json.events.length + 1, `${shown.slides} slides`);
      const absent = json.events.map((e) => e.unique_id).filter((id) => !shown.ids.includes(id));
      check(`${lang}: every event's unique_id is a slide's id`, absent.length === 0, JSON.stringify(absent));
      check(`${lang}: the group labels are in the timeline's language`, JSON.stringify([...shown.groups].sort()) === JSON.stringify([...labels].sort()), JSON.stringify(shown.groups));
      check(`${lang}: every link in the slides is absolute`, shown.links.length > 0 && shown.links.every((h) => h.startsWith(base)), JSON.stringify(shown.links.filter((h) => !h.startsWith(base))));
      const statuses = await Promise.all([...new Set(shown.links)].map(async (h) => [h, await get(h)]));
      const broken = statuses.filter(([, s]) => s !== 200);
      check(`${lang}: every link leads to a built page`, broken.length === 0, JSON.stringify(broken));
      const title = lang === "ar" ? "لافروف والشيباني: «الحوار» <مستمر> & الملفات مفتوحة" : "Lavrov & Shaibani: \"dialogue\" <continues>";
      const event = lang === "ar" ? "اتصال بين لافروف والشيباني يتناول قاعدتي حميميم وطرطوس و\"الاتفاقات\" <السابقة>" : "Lavrov and Shaibani discuss Hmeimim & Tartus and \"past agreements\" in a <10 km zone";
      check(`${lang}: a title with <, & and quotes shows as written`, shown.headlines.includes(title), JSON.stringify(shown.headlines));
      check(`${lang}: an event text with <, & and quotes shows as written`, shown.headlines.includes(event), JSON.stringify(shown.headlines));
      const timed = json.events.find((e) => e.unique_id === "lavrov-shaibani-call");
      check(`${lang}: a timestamped event has its hour and minute`, timed && timed.start_date.hour === 13 && timed.start_date.minute === 45, JSON.stringify(timed && timed.start_date));
      check(`${lang}: the date shows with its time`, shown.dates.some((d) => d.includes("13:45")), JSON.stringify(shown.dates));
      check(`${lang}: no console error`, errors.length === 0, JSON.stringify(errors));
      check(`${lang}: nothing asked of another host`, outside.length === 0, JSON.stringify(outside));
      await page.close();
    }
    check("no request for a missing file", missing.length === 0, JSON.stringify(missing));
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  finish();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
