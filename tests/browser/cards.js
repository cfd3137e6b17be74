// Is the social card's Arabic really shaped? Compares the title of cards drawn by
// brief (cargo run --example cards -- --probe DIR) with headless Chromium's rendering of
// the same text in the same font file at the same size, and with Chromium's rendering
// of the same letters in their isolated (unjoined) forms.
//
// Method: crop each rendering to the bounding box of its ink, scale Chromium's crop to
// the card's crop size, threshold both at 50% coverage, and take the IoU (intersection
// over union) of the two ink masks. A shaped card must score at least THRESHOLD against
// Chromium's shaped text and below it against each wrong rendering (isolated letters;
// the mixed line laid out left to right), and an isolated-letters card (what an engine
// without shaping draws) must score below it against Chromium's shaped text. Prints
// every score; exits non-zero on any failure.
//
// usage: node tests/browser/cards.js [PROBE_DIR]   (default: draws the probes itself)
"use strict";
const { chromium } = require("playwright-core");
const { execFileSync } = require("child_process");
const http = require("http");
const fs = require("fs");
const os = require("os");
const path = require("path");

// Observed (Chromium 156, Debian 12): matching renderings 0.92-0.96, unshaped or
// misordered ones 0.11-0.21 (README, "Social cards"). The threshold sits in between.
const THRESHOLD = 0.55;

const repo = path.resolve(__dirname, "..", "..");
const fonts = path.join(repo, "assets", "fonts");
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? ": " + detail : ""}`);
}

function probeDir() {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-cards-"));
  const bin = path.join(repo, "target", "release", "examples", "cards");
  if (fs.existsSync(bin)) execFileSync(bin, ["--probe", dir], { stdio: "pipe" });
  else execFileSync("cargo", ["run", "--quiet", "--release", "--example", "cards", "--", "--probe", dir], { cwd: repo, stdio: "pipe" });
  return dir;
}

// Serves /fonts/ from assets/fonts and /probe/ from the probe directory, on loopback.
function serve(probes) {
  const roots = { "/fonts/": fonts, "/probe/": probes };
  const types = { ".png": "image/png", ".ttf": "font/ttf", ".json": "application/json" };
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (p === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end("<!doctype html><title>cards</title>");
      }
      const prefix = Object.keys(roots).find((r) => p.startsWith(r));
      const file = prefix && path.join(roots[prefix], path.basename(p));
      if (!file || !fs.existsSync(file)) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// Letters separated by zero-width non-joiners: each Arabic letter in its isolated form.
function isolate(text) {
  return [...text].map((c, i) => (i > 0 && !/\s/.test(c) ? "\u200c" + c : c)).join("");
}

// Chromium's rendering of `text` as a PNG (black on white), in the card's font and size.
async function chromiumText(page, base, probe, text, dir) {
  const html = `<!doctype html><meta charset=utf-8><style>
    @font-face { font-family: CardArabic; src: url(${base}fonts/NotoNaskhArabic-Bold.ttf); font-weight: 700; }
    @font-face { font-family: CardLatin; src: url(${base}fonts/NotoSans-Bold.ttf); font-weight: 700; }
    html, body { margin: 0; background: #fff; }
    #t { width: ${probe.width}px; padding: 40px; color: #000; font-weight: 700; text-align: start;
         font-family: ${probe.lang === "ar" ? "CardArabic, CardLatin" : "CardLatin, CardArabic"};
         font-size: ${probe.fontSize}px; line-height: ${probe.lineHeight}px; }
  </style><div id=t dir=${dir} lang=${probe.lang}></div>`;
  await page.setContent(html);
  await page.evaluate((t) => (document.getElementById("t").textContent = t), text);
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family));
  if (!loaded.includes(probe.lang === "ar" ? "CardArabic" : "CardLatin")) throw new Error(`the card font did not load in Chromium: ${loaded}`);
  return (await page.locator("#t").screenshot()).toString("base64");
}

// IoU of the ink masks of the card's title box and of a Chromium rendering.
async function similarity(page, base, probe, chromiumPng) {
  return page.evaluate(
    async ({ cardUrl, box, png }) => {
      const load = (src) => new Promise((ok, no) => { const i = new Image(); i.onload = () => ok(i); i.onerror = no; i.src = src; });
      const pixels = (img, sx, sy, sw, sh, w, h) => {
        const c = document.createElement("canvas");
        c.width = w; c.height = h;
        const ctx = c.getContext("2d");
        ctx.imageSmoothingQuality = "high";
        ctx.drawImage(img, sx, sy, sw, sh, 0, 0, w, h);
        return ctx.getImageData(0, 0, w, h).data;
      };
      // Ink coverage 0..1 of each pixel: how far it is from the background towards
      // the text colour (both read from the image: lightest and darkest luminance).
      const coverage = (data) => {
        const lum = [];
        for (let i = 0; i < data.length; i += 4) lum.push(0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]);
        let bg = 0, ink = 255;
        for (const l of lum) { bg = Math.max(bg, l); ink = Math.min(ink, l); }
        return lum.map((l) => (bg - l) / Math.max(1, bg - ink));
      };
      const inkBox = (cov, w, h) => {
        let x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (cov[y * w + x] >= 0.5) {
          x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
        }
        return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
      };
      const card = await load(cardUrl);
      // The title box, with room for marks that reach beyond the line box.
      const pad = 24;
      const bx = Math.max(0, box[0] - pad), by = Math.max(0, box[1] - pad);
      const bw = Math.min(card.width - bx, box[2] + 2 * pad), bh = Math.min(card.height - by, box[3] + 2 * pad);
      const cardCov = coverage(pixels(card, bx, by, bw, bh, bw, bh));
      const a = inkBox(cardCov, bw, bh);
      const shot = await load("data:image/png;base64," + png);
      const shotCov = coverage(pixels(shot, 0, 0, shot.width, shot.height, shot.width, shot.height));
      const b = inkBox(shotCov, shot.width, shot.height);
      if (!a || !b) return { iou: 0, card: a, chromium: b };
      const maskA = coverage(pixels(card, bx + a.x, by + a.y, a.w, a.h, a.w, a.h));
      const maskB = coverage(pixels(shot, b.x, b.y, b.w, b.h, a.w, a.h));
      let inter = 0, union = 0;
      for (let i = 0; i < maskA.length; i++) {
        const p = maskA[i] >= 0.5, q = maskB[i] >= 0.5;
        if (p && q) inter++;
        if (p || q) union++;
      }
      return { iou: inter / union, card: [a.w, a.h], chromium: [b.w, b.h] };
    },
    { cardUrl: `${base}probe/${probe.png}`, box: probe.box, png: chromiumPng },
  );
}

async function main() {
  const dir = probeDir();
  const probes = JSON.parse(fs.readFileSync(path.join(dir, "probes.json"), "utf8"));
  const byName = Object.fromEntries(probes.map((p) => [p.name, p]));
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--font-render-hinting=none"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 400 }, deviceScaleFactor: 1 });
    // The page's origin is the server's, so fonts and cards load without CORS.
    await page.goto(base);
    const score = async (probeName, text, dir) => {
      const probe = byName[probeName];
      const png = await chromiumText(page, base, probe, text, dir);
      const s = await similarity(page, base, probe, png);
      return { ...s, iou: Math.round(s.iou * 1000) / 1000 };
    };
    const show = (s) => `IoU ${s.iou} (ink boxes: card ${s.card}, chromium ${s.chromium})`;
    const expect = (name, s, ok) => check(name, ok, show(s));

    const call = byName["call-ar"].title;
    const kremlin = byName["kremlin-ar"].title;
    const english = byName["call-en"].title;

    let s = await score("call-ar", call, "rtl");
    expect("Arabic card matches Chromium's shaped rendering", s, s.iou >= THRESHOLD);
    s = await score("call-ar", isolate(call), "rtl");
    expect("Arabic card does not match the isolated letters", s, s.iou < THRESHOLD);
    s = await score("call-ar-isolated", call, "rtl");
    expect("an unshaped (isolated-letters) card fails against Chromium's shaped text", s, s.iou < THRESHOLD);
    s = await score("call-ar-isolated", isolate(call), "rtl");
    expect("control: the isolated-letters card matches Chromium's isolated letters", s, s.iou >= THRESHOLD);

    s = await score("kremlin-ar", kremlin, "rtl");
    expect("mixed Arabic/Latin/digits card matches Chromium (bidi order)", s, s.iou >= THRESHOLD);
    s = await score("kremlin-ar", kremlin, "ltr");
    expect("mixed card does not match the same line laid out left to right", s, s.iou < THRESHOLD);
    s = await score("kremlin-ar", isolate(kremlin), "rtl");
    expect("mixed card does not match its isolated letters", s, s.iou < THRESHOLD);

    s = await score("call-en", english, "ltr");
    expect("English card matches Chromium", s, s.iou >= THRESHOLD);

    for (const p of probes) console.log(`     ${p.name}: ${p.lines} line(s) at ${p.fontSize}px`);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
