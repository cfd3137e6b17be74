// Builds a brief site with a loopback base URL and serves its output on 127.0.0.1:
// a site directory in, a server and the site's URL out. Shared by the browser checks.
"use strict";
const { execFileSync } = require("child_process");
const http = require("http");
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..", "..");

function briefBinary() {
  if (process.env.BRIEF_BIN) return process.env.BRIEF_BIN;
  const target = process.env.CARGO_TARGET_DIR || path.join(repo, "target");
  for (const profile of ["release", "debug"]) {
    const bin = path.join(target, profile, "brief");
    if (fs.existsSync(bin)) return bin;
  }
  throw new Error("no brief binary: run `cargo build --release` or set BRIEF_BIN");
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".txt": "text/plain",
};

// A minimal static server over `root`, bound to loopback only. Unknown paths get the
// site's own 404 page with status 404, as GitHub Pages does. Given a `log` array, it
// records the URL of every request, and every miss again as "404 <path>" (the
// browser's own /favicon.ico request aside), so a check can tell what the pages asked
// for and what was missing.
function serve(root, log) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      if (log) log.push(req.url);
      const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = path.normalize(path.join(root, p));
      if (!file.startsWith(root)) {
        res.writeHead(404);
        return res.end();
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      if (!fs.existsSync(file)) {
        if (log && p !== "/favicon.ico") log.push(`404 ${p}`);
        const notFound = path.join(root, "404.html");
        res.writeHead(404, { "content-type": types[".html"] });
        return fs.existsSync(notFound) ? fs.createReadStream(notFound).pipe(res) : res.end();
      }
      res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// Serves `out` and builds `site` into it with the server's URL as base URL; returns
// { server, url }. With `basePath` ("news/"), the site is built into that directory
// of `out` and `url` ends with it, as a project page is served; `log` is serve's.
async function buildAndServe(site, out, { basePath = "", log } = {}) {
  fs.mkdirSync(out, { recursive: true });
  const server = await serve(out, log);
  const url = `http://127.0.0.1:${server.address().port}/${basePath}`;
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(briefBinary(), ["-C", site, "build", "--base-url", url, "--output", path.join(out, basePath)], { stdio: "pipe" });
  return { server, url };
}

// Every HTML page of a built site, as paths relative to its root ("ar/", "404.html"),
// sorted.
function pagesOf(out) {
  const pages = [];
  const walk = (dir) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (name.endsWith(".html")) {
        const rel = path.relative(out, file).split(path.sep).join("/");
        pages.push(rel.endsWith("index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  };
  walk(out);
  return pages;
}

// Named checks counted as they run: `check(name, ok, detail)` prints `ok` or `FAIL`,
// `finish()` prints "N passed, M failed" and exits non-zero on any failure.
function checks() {
  let passed = 0;
  let failed = 0;
  return {
    check(name, ok, detail) {
      if (ok) {
        passed++;
        console.log(`ok   ${name}`);
      } else {
        failed++;
        console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
      }
    },
    finish() {
      console.log(`${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

function launchOptions() {
  return {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  };
}

module.exports = { repo, briefBinary, types, serve, buildAndServe, pagesOf, checks, launchOptions };
