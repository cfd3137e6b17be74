// brief serve: live reload. Injected only into pages served by `brief serve`, never
// into `brief build` output. Reloads when a newer build changed this page or a file
// it uses; when a change breaks the site, shows the errors over the (last good) page
// until it is fixed.
(() => {
  "use strict";
  const me = document.currentScript;
  let build = me ? me.dataset.build : "";
  const ID = "brief-serve-error";

  function hide() {
    const old = document.getElementById(ID);
    if (old) old.remove();
  }

  function show(error) {
    hide();
    const box = document.createElement("aside");
    box.id = ID;
    box.setAttribute("role", "alert");
    // Error text is English and code: left to right even on an Arabic page.
    box.setAttribute("dir", "ltr");
    box.setAttribute("lang", "en");
    box.style.cssText = [
      "position:fixed", "left:0", "right:0", "bottom:0", "max-height:60vh",
      "overflow:auto", "z-index:2147483647", "margin:0", "padding:12px 16px",
      "background:#1d1f21", "color:#f0f0f0", "border-top:4px solid #e5484d",
      "font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace",
      "text-align:left", "box-shadow:0 -4px 16px rgba(0,0,0,.35)",
    ].join(";");

    const head = document.createElement("div");
    head.style.cssText = "display:flex;justify-content:space-between;gap:1em;font:inherit;font-weight:bold;color:#ff8a8d";
    const title = document.createElement("span");
    title.textContent = "brief: the last change does not build. Still showing the last good build; save a fix and this page reloads.";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Hide");
    close.style.cssText = "background:none;border:0;color:inherit;font:inherit;font-size:18px;cursor:pointer;line-height:1";
    close.addEventListener("click", hide);
    head.append(title, close);
    box.append(head);

    const list = document.createElement("ul");
    list.style.cssText = "margin:8px 0;padding:0 0 0 1.2em;font:inherit;color:inherit";
    for (const p of error.problems || []) {
      const item = document.createElement("li");
      item.style.cssText = "font:inherit;color:inherit;margin:0";
      const where = p.file ? p.file + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "") + ": " : "";
      item.textContent = where + p.message;
      list.append(item);
    }
    if (list.children.length) box.append(list);

    const pre = document.createElement("pre");
    // The site's own styles for pre, ul and li must not leak into the overlay.
    pre.style.cssText = "margin:0;padding:0;border:0;background:none;white-space:pre-wrap;color:#d6d6d6;font:inherit;direction:ltr";
    pre.textContent = error.text || "";
    box.append(pre);
    (document.body || document.documentElement).append(box);
  }

  // A URL path as the server names files: decoded, `…/index.html` as `…/`.
  function normal(path) {
    let p = path;
    try { p = decodeURIComponent(path); } catch (_) { /* keep it as it is */ }
    return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
  }

  // Whether a build that changed `paths` changes what this page shows: the page
  // itself, any stylesheet or script (shared by every page), or a file this page
  // loads (an image, an icon, a preloaded font, the search index).
  function concerned(paths) {
    const changed = new Set(paths);
    if (changed.has(normal(location.pathname))) return true;
    if (paths.some((p) => /\.(css|js|mjs)$/i.test(p))) return true;
    // Not every <link>: alternates name the other edition, which changes alone.
    const used = document.querySelectorAll(
      "[src], [srcset], [data-index], link[href][rel~=icon], link[href][rel~=preload], link[href][rel~=manifest]"
    );
    for (const el of used) {
      // data-index: the search page's index, fetched by its script.
      const urls = [el.getAttribute("src"), el.getAttribute("href"), el.getAttribute("data-index")];
      for (const part of (el.getAttribute("srcset") || "").split(",")) {
        urls.push(part.trim().split(/\s+/)[0]);
      }
      for (const url of urls) {
        if (!url) continue;
        try {
          const u = new URL(url, location.href);
          if (u.origin === location.origin && changed.has(normal(u.pathname))) return true;
        } catch (_) { /* not a URL */ }
      }
    }
    return false;
  }

  const source = new EventSource("/__brief/events");
  source.addEventListener("hello", (e) => {
    const state = JSON.parse(e.data);
    if (state.error) show(state.error);
    else if (state.build !== build) location.reload();
    else hide();
  });
  source.addEventListener("reload", (e) => {
    const data = JSON.parse(e.data);
    if (data.build === build) return;
    if (data.everything || concerned(data.changed || [])) {
      location.reload();
    } else {
      // Still up to date with the new build: remember it, so reconnecting does not
      // reload, and clear an error the new build fixed.
      build = data.build;
      hide();
    }
  });
  source.addEventListener("broken", (e) => show(JSON.parse(e.data).error));
})();
