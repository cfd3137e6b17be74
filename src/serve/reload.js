// brief serve: live reload. Injected only into pages served by `brief serve`, never
// into `brief build` output. Reloads when a newer build is served; when a change
// breaks the site, shows the errors over the (last good) page until it is fixed.
(() => {
  "use strict";
  const me = document.currentScript;
  const build = me ? me.dataset.build : "";
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

  const source = new EventSource("/__brief/events");
  source.addEventListener("hello", (e) => {
    const state = JSON.parse(e.data);
    if (state.error) show(state.error);
    else if (state.build !== build) location.reload();
    else hide();
  });
  source.addEventListener("reload", (e) => {
    if (JSON.parse(e.data).build !== build) location.reload();
  });
  source.addEventListener("broken", (e) => show(JSON.parse(e.data).error));
})();
