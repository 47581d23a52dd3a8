import Foundation

/// The HTML score report's style and its one script: the scheme switch, the error browser (filters,
/// search, a list drawn a screen at a time so 50,000 errors scroll smoothly, keyboard moves) and the
/// sortable document table. The page's policy allows this script alone, by its SHA-256.
enum HTMLScoreReportScript {
    /// The script's hash for the page's Content-Security-Policy, base64 as CSP wants it.
    static func sha256Base64(_ script: String) -> String {
        Data(SHA256Hex.digest(Array(script.utf8))).base64EncodedString()
    }

    static let style = """
        body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; color: #111; }
        header nav a { margin-right: 0.8rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: right; }
        th[scope=row], td:first-child { text-align: left; }
        tr.fail td { font-weight: 600; }
        tr.fail td:first-child { color: #8a1500; }
        tr.pass td:first-child { color: #1d5e20; }
        table.heat td.diagonal { outline: 2px solid #3b6ea8; outline-offset: -2px; }
        table.heat .share { font-size: 0.85em; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin: 0.5rem 0; }
        #error-list { list-style: none; padding: 0; margin: 0; height: 28rem; overflow-y: auto; border: 1px solid #ccc; position: relative; }
        #error-list:focus { outline: 2px solid #3b6ea8; }
        #error-list li.row { position: absolute; left: 0; right: 0; height: 3.4rem; box-sizing: border-box; padding: 0.25rem 0.5rem;
          border-bottom: 1px solid #eee; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
        #error-list li.row.active { background: #e6eefc; outline: 2px solid #3b6ea8; outline-offset: -2px; }
        #error-list .where { font-size: 0.85em; color: #444; display: block; }
        #error-list .kind { font-weight: 600; margin-right: 0.4rem; }
        mark { background: none; color: inherit; }
        mark.gold { text-decoration: underline 2px #1d5e20; text-underline-offset: 3px; }
        mark.pred { outline: 2px dashed #8a1500; outline-offset: 1px; }
        mark.gold::after, mark.pred::after { content: attr(data-label); font-size: 0.7em; vertical-align: super; margin-left: 0.15em; }
        .keys { font-size: 0.85em; color: #444; }
        table.sortable button { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
        pre { text-align: left; white-space: pre-wrap; margin: 0; font-size: 0.85em; }
        #documents tbody tr { content-visibility: auto; contain-intrinsic-size: auto 1.8em; }
        """

    static let source = #"""
        "use strict";
        (() => {
          const $ = (id) => document.getElementById(id);
          // The scheme switch: one scheme's chart and table shown at a time.
          const scheme = $("scheme");
          if (scheme) scheme.addEventListener("change", () => {
            for (const div of document.querySelectorAll("div.scheme")) div.hidden = div.dataset.scheme !== scheme.value;
          });
          // The error browser.
          const data = JSON.parse($("error-data").textContent);
          // A document in the annotator, in review mode against the server's predictions.
          const link = (id) => data.studio + (data.studio.includes("?") ? "&" : "?") + "doc=" + encodeURIComponent(id) + "&review=1";
          const list = $("error-list");
          const ROW = 3.4 * parseFloat(getComputedStyle(document.documentElement).fontSize || "16");
          let shown = data.errors;
          let active = 0;
          const spacer = document.createElement("li");
          spacer.setAttribute("aria-hidden", "true");
          spacer.style.cssText = "position:absolute;left:0;width:1px;height:1px;visibility:hidden";
          // The search looks in what the error is about: the marked text, not its whole sentence.
          const text = (e) => e.f.toLowerCase();
          function filter() {
            const kind = $("error-kind").value, type = $("error-type").value;
            const doc = $("error-doc").value.trim(), query = $("error-search").value.trim().toLowerCase();
            shown = data.errors.filter((e) => (!kind || e.k === kind) && (!type || e.gt === type || e.pt === type) &&
              (!doc || data.documents[e.d].includes(doc)) && (!query || text(e).includes(query)));
            active = 0;
            list.scrollTop = 0;
            $("error-count").textContent = `${shown.length} of ${data.errors.length} error(s) shown`;
            draw(true);
          }
          // The focus with its spans marked: offsets are code points from the focus's start.
          function context(e) {
            const chars = Array.from(e.f);
            const marks = [];
            if (e.g) marks.push({ from: e.g[0], to: e.g[1], cls: "gold", label: `gold ${e.gt || ""}` });
            if (e.p) marks.push({ from: e.p[0], to: e.p[1], cls: "pred", label: `predicted ${e.pt || ""}` });
            const span = document.createElement("span");
            span.append("…" + e.b.replace(/\n/g, " ⏎ "));
            // Nested when one holds the other; side by side otherwise (a boundary error overlaps).
            const cuts = new Set([0, chars.length]);
            for (const m of marks) { cuts.add(Math.max(0, Math.min(chars.length, m.from))); cuts.add(Math.max(0, Math.min(chars.length, m.to))); }
            const points = [...cuts].sort((a, b) => a - b);
            for (let i = 0; i + 1 < points.length; i++) {
              const [from, to] = [points[i], points[i + 1]];
              let node = document.createTextNode(chars.slice(from, to).join("").replace(/\n/g, " ⏎ "));
              for (const m of marks) {
                if (m.from <= from && to <= m.to) {
                  const mark = document.createElement("mark");
                  mark.className = m.cls;
                  if (from === Math.max(0, m.from)) mark.dataset.label = m.label.trim();
                  mark.setAttribute("aria-label", `${m.label.trim()}: ${chars.slice(from, to).join("")}`);
                  mark.append(node);
                  node = mark;
                }
              }
              span.append(node);
            }
            span.append(e.a.replace(/\n/g, " ⏎ ") + "…");
            return span;
          }
          let drawn = { from: -1, to: -1 };
          function draw(force) {
            const height = list.clientHeight || 448;
            const from = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
            const to = Math.min(shown.length, Math.ceil((list.scrollTop + height) / ROW) + 5);
            if (!force && from === drawn.from && to === drawn.to) return;
            drawn = { from, to };
            const rows = [spacer];
            spacer.style.top = `${Math.max(0, shown.length * ROW - 1)}px`;
            for (let i = from; i < to; i++) {
              const e = shown[i];
              const li = document.createElement("li");
              li.className = "row" + (i === active ? " active" : "");
              li.id = `error-${i}`;
              li.style.top = `${i * ROW}px`;
              li.setAttribute("aria-posinset", String(i + 1));
              li.setAttribute("aria-setsize", String(shown.length));
              li.dataset.kind = e.k;
              li.dataset.document = data.documents[e.d];
              const where = document.createElement("span");
              where.className = "where";
              const at = e.g ? `gold [${e.g[2]},${e.g[3]})` : "";
              const pat = e.p ? `predicted [${e.p[2]},${e.p[3]})` : "";
              where.textContent = `${data.documents[e.d]} · ${[at, pat].filter(Boolean).join(" · ")}`;
              const kind = document.createElement("span");
              kind.className = "kind";
              kind.textContent = e.k;
              li.append(where, kind, context(e));
              rows.push(li);
            }
            list.replaceChildren(...rows);
            if (shown.length) list.setAttribute("aria-activedescendant", `error-${active}`);
            else list.removeAttribute("aria-activedescendant");
          }
          function move(to) {
            if (!shown.length) return;
            active = Math.max(0, Math.min(shown.length - 1, to));
            const top = active * ROW;
            if (top < list.scrollTop) list.scrollTop = top;
            else if (top + ROW > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW - list.clientHeight;
            draw(true);
          }
          list.addEventListener("keydown", (event) => {
            const page = Math.max(1, Math.floor(list.clientHeight / ROW) - 1);
            const moves = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: shown.length - 1 };
            if (event.key in moves) { event.preventDefault(); move(moves[event.key]); return; }
            if (event.key === "Enter" && data.studio && shown[active]) {
              const id = data.documents[shown[active].d];
              location.href = link(id);
            }
          });
          list.addEventListener("click", (event) => {
            const li = event.target instanceof Element ? event.target.closest("li.row") : null;
            if (li) move(Number(li.getAttribute("aria-posinset")) - 1);
          });
          let pending = false;
          list.addEventListener("scroll", () => {
            if (pending) return;
            pending = true;
            requestAnimationFrame(() => { pending = false; draw(false); });
          });
          for (const id of ["error-kind", "error-type"]) $(id).addEventListener("change", filter);
          for (const id of ["error-doc", "error-search"]) $(id).addEventListener("input", filter);
          filter();
          // The document table: every document from the data, a page at a time, sorted by a column's
          // button (again: the other way); worst first to begin with.
          const table = $("document-table");
          const PAGE = 100;
          const rows = data.rows.map(([id, f1, errors, gold, predicted]) => ({ id, f1, errors, gold, predicted }));
          const keys = [(r) => r.id, (r) => (r.f1 === null ? 2 : r.f1), (r) => r.errors, (r) => r.gold, (r) => r.predicted];
          let order = rows.slice().sort((a, b) => keys[1](a) - keys[1](b) || (a.id < b.id ? -1 : 1));
          let page = 0;
          function drawTable() {
            const from = page * PAGE, to = Math.min(order.length, from + PAGE);
            const body = table.tBodies[0];
            body.replaceChildren(...order.slice(from, to).map((r) => {
              const tr = document.createElement("tr");
              const th = document.createElement("th");
              th.scope = "row";
              const name = document.createElement("bdi");
              name.textContent = r.id;
              if (data.studio) { const a = document.createElement("a"); a.href = link(r.id); a.append(name); th.append(a); }
              else th.append(name);
              tr.append(th);
              for (const text of [r.f1 === null ? "—" : r.f1.toFixed(4), String(r.errors), String(r.gold), r.predicted ? "yes" : "no"]) {
                const td = document.createElement("td");
                td.textContent = text;
                tr.append(td);
              }
              return tr;
            }));
            $("docs-range").textContent = order.length ? `Documents ${from + 1}–${to} of ${order.length}.` : "No documents.";
            $("docs-prev").hidden = page === 0;
            $("docs-next").hidden = to >= order.length;
          }
          $("docs-prev").addEventListener("click", () => { page = Math.max(0, page - 1); drawTable(); });
          $("docs-next").addEventListener("click", () => { page += 1; drawTable(); });
          table.querySelector("thead").addEventListener("click", (event) => {
            const button = event.target instanceof Element ? event.target.closest("button") : null;
            if (!button) return;
            const column = Number(button.dataset.column);
            const th = button.parentElement;
            const ascending = th.getAttribute("aria-sort") !== "ascending";
            for (const other of table.querySelectorAll("th[aria-sort]")) other.setAttribute("aria-sort", "none");
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            const key = keys[column];
            order = rows.slice().sort((a, b) => {
              const [x, y] = [key(a), key(b)];
              const by = x < y ? -1 : x > y ? 1 : 0;
              return (ascending ? by : -by) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
            });
            page = 0;
            drawTable();
          });
          drawTable();
        })();
        """#
}
