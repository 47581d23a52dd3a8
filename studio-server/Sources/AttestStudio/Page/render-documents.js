// @ts-check
// The document list, virtualised: a corpus of 10,000 documents draws only the rows in view (and a few
// either side), in a list as tall as all of them, so opening, filtering and every change cost the
// same with 10 documents or 10,000. Rows are buttons with their place in the list (aria-posinset,
// aria-setsize); the arrow keys, Page Up/Down, Home and End move the focus through the whole list.

import { bdi, byId } from "./dom.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").DocumentEntry} DocumentEntry */
/** @typedef {{ open(id: string): unknown }} ListActions */

/** Rows drawn beyond those in view, either side. */
const OVERSCAN = 8;
/** A row's height in px before one has been measured (the stylesheet fixes it). */
const ROW_GUESS = 50;
/** Rows drawn when the list has no height yet (not laid out). */
const FIRST_ROWS = 40;

/**
 * The documents `filter` keeps (by id or status, case-insensitive).
 * @param {DocumentEntry[]} documents
 * @param {string} filter
 * @returns {DocumentEntry[]}
 */
export function filterDocuments(documents, filter) {
  const wanted = filter.toLowerCase();
  if (!wanted) return documents;
  return documents.filter((d) => d.id.toLowerCase().includes(wanted) || (d.status || "").includes(wanted));
}

/**
 * Which rows to draw: those from `top` to `top + height` px, and OVERSCAN either side.
 * @param {number} count rows in the list
 * @param {number} top the list's scroll offset in px
 * @param {number} height the list's visible height in px (0: not laid out)
 * @param {number} row a row's height in px
 * @returns {{ from: number, to: number }}
 */
export function rowWindow(count, top, height, row) {
  if (height <= 0) return { from: 0, to: Math.min(count, FIRST_ROWS) };
  const first = Math.floor(top / row);
  const last = Math.ceil((top + height) / row);
  return { from: Math.max(0, Math.min(count, first - OVERSCAN)), to: Math.min(count, last + OVERSCAN) };
}

/**
 * @param {ListActions} actions
 */
export function createDocumentList(actions) {
  const list = byId("documents");
  /** @type {DocumentEntry[]} the rows the filter keeps */
  let rows = [];
  let current = /** @type {string | null} */ (null);
  /** @type {{ documents: DocumentEntry[], filter: string } | null} what `rows` was made from */
  let made = null;
  let row = ROW_GUESS;
  /** @type {HTMLElement} the space above the rows drawn */
  const above = document.createElement("li");
  /** @type {HTMLElement} the space below */
  const below = document.createElement("li");
  for (const spacer of [above, below]) {
    spacer.className = "spacer";
    spacer.setAttribute("aria-hidden", "true");
  }
  /** The window drawn, to redraw only when it moves. */
  let drawn = { from: -1, to: -1, rows: rows, current: current };

  /**
   * One row: the document's button and what is known of it.
   * @param {DocumentEntry} d
   * @param {number} index
   */
  function rowElement(d, index) {
    const li = document.createElement("li");
    li.dataset.id = d.id;
    li.dataset.index = String(index);
    li.setAttribute("aria-posinset", String(index + 1));
    li.setAttribute("aria-setsize", String(rows.length));
    const open = document.createElement("button");
    open.className = "document";
    open.append(bdi(d.id));
    open.title = d.id;
    open.setAttribute("aria-current", d.id === current ? "page" : "false");
    open.addEventListener("click", () => actions.open(d.id));
    li.append(open);
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = d.error ? "unreadable" : `${d.stale ? "stale: article changed, realign · " : ""}${d.status} · ${d.mentions} mentions · ${d.quotes} quotes`;
    if (d.stale) li.classList.add("stale");
    if (d.id === current) li.classList.add("current");
    li.append(meta);
    return li;
  }

  /** Draws the rows in view (again only when the window, the rows or the current document changed). */
  function drawWindow(force = false) {
    const { from, to } = rowWindow(rows.length, list.scrollTop, list.clientHeight, row);
    if (!force && from === drawn.from && to === drawn.to && drawn.rows === rows && drawn.current === current) return;
    const fragment = document.createDocumentFragment();
    for (let i = from; i < to; i++) fragment.append(rowElement(rows[i], i));
    // The focused row is drawn again in place: its button takes the focus back.
    const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement)
      ? document.activeElement.closest("li")?.dataset.id : undefined;
    above.style.height = `${from * row}px`;
    below.style.height = `${(rows.length - to) * row}px`;
    list.replaceChildren(above, fragment, below);
    drawn = { from, to, rows, current };
    if (focused) {
      const again = list.querySelector(`li[data-id="${CSS.escape(focused)}"] button`);
      if (again instanceof HTMLElement) again.focus({ preventScroll: true });
    }
    // The stylesheet fixes a row's height; measured once, from a row drawn.
    if (row === ROW_GUESS && to > from) {
      const first = list.querySelector("li[data-index]");
      if (first instanceof HTMLElement && first.offsetHeight > 0 && first.offsetHeight !== row) {
        row = first.offsetHeight;
        drawWindow(true);
      }
    }
  }

  /**
   * Moves the focus to row `index`, scrolling it into view.
   * @param {number} index
   */
  function focusRow(index) {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    if (i < 0 || !rows.length) return;
    const top = i * row;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + row > list.scrollTop + list.clientHeight) list.scrollTop = top + row - list.clientHeight;
    drawWindow();
    const button = list.querySelector(`li[data-index="${i}"] button`);
    if (button instanceof HTMLElement) button.focus({ preventScroll: true });
  }

  let scheduled = false;
  list.addEventListener("scroll", () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; drawWindow(); });
  });
  list.addEventListener("keydown", (event) => {
    const li = event.target instanceof HTMLElement ? event.target.closest("li[data-index]") : null;
    if (!(li instanceof HTMLElement)) return;
    const at = Number(li.dataset.index);
    const page = Math.max(1, Math.floor(list.clientHeight / row) - 1);
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: rows.length - 1 };
    if (!(event.key in moves) || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    event.stopPropagation();
    focusRow(moves[event.key]);
  });

  /**
   * The list and the corpus's progress for `state`.
   * @param {State} state
   */
  function render(state) {
    const documents = state.documents;
    const gold = documents.reduce((n, d) => n + (d.status === "gold" ? 1 : 0), 0);
    const total = documents.length;
    byId("progress").textContent = `${gold} of ${total} gold (${total ? Math.round((100 * gold) / total) : 0}%)`;
    if (!made || made.documents !== documents || made.filter !== state.documentFilter) {
      const filtered = filterDocuments(documents, state.documentFilter);
      if (made && made.filter !== state.documentFilter) list.scrollTop = 0;
      made = { documents, filter: state.documentFilter };
      rows = filtered;
    }
    current = state.id;
    list.setAttribute("aria-label", rows.length === total ? `Documents (${total})` : `Documents (${rows.length} of ${total})`);
    drawWindow();
  }

  return { render };
}
