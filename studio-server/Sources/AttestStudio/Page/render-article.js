// @ts-check
// The article, drawn line by line: each line is an element of its own, so a change redraws only the
// lines whose marks changed, and a selection's offset is counted from its line's start.

import { bucketByLine, labelRows, marksOf, nest, onLines, shape, signature, spanLines } from "./marks.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./marks.js").Run} Run */

/**
 * What is on screen: the text drawn and each line's marks (their signatures and shapes computed at
 * the first change, not while a document opens).
 * @typedef {{ chars: string[], buckets: import("./types.js").Mark[][],
 *   signatures: (string | undefined)[] | null, shapes: (string | undefined)[] | null,
 *   doc: import("./types.js").Doc | null, firsts: number[] }} Drawn
 */
/** @typedef {(from: number, to: number) => string} Slice the article's code points from..to, as a string */

/**
 * Lines are drawn in chunks, each laid out only near the view (content-visibility): the browser then
 * tracks a chunk rather than each line at every frame (with 5,000 lines, a change on a 20,000-annotation
 * article spent 5 ms a frame on the lines' visibility alone). A chunk holds lines up to about this many
 * code points (a part of a screen: opening lays out little more than what is in view), and one line
 * at least.
 */
export const CHUNK_CODE_POINTS = 1200;

/**
 * The chunks of lines: the first line of each chunk, and then the text's end.
 * @param {number[]} starts the lines' starts
 * @returns {number[]}
 */
export function chunkFirsts(starts) {
  const firsts = [];
  let from = -1;
  for (let l = 0; l < starts.length; l++) {
    if (from < 0 || starts[l] - from >= CHUNK_CODE_POINTS) {
      firsts.push(l);
      from = starts[l];
    }
  }
  firsts.push(starts.length);
  return firsts;
}

/**
 * The element of line `l`.
 * @param {HTMLElement} root
 * @param {number[]} firsts the chunks' first lines (`chunkFirsts`)
 * @param {number} l
 */
export function lineElement(root, firsts, l) {
  let lo = 0;
  let hi = firsts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid] <= l) lo = mid; else hi = mid - 1;
  }
  return root.children[lo].children[l - firsts[lo]];
}

/**
 * @param {State} state
 * @returns {Slice}
 */
function slicer(state) {
  const text = state.doc ? state.doc.text : "";
  const units = state.units;
  return (from, to) => text.substring(units[from], units[to]);
}

/**
 * Draws the article of `state` into `root`, reusing the lines whose marks did not change and updating
 * in place those whose marks only changed their labels or names. With `edited` (the change the server
 * described, made on the document on screen), only the lines of the spans it touched are worked out
 * again: an edit on a 20,000-annotation article redraws a line or two without building 20,000 marks.
 * @param {HTMLElement} root
 * @param {State} state
 * @param {Drawn | null} drawn what is on screen now
 * @param {import("./types.js").Edited | null} [edited]
 * @returns {{ drawn: Drawn, full: boolean }}
 */
export function renderArticle(root, state, drawn, edited = null) {
  const doc = state.doc;
  if (!doc) { root.replaceChildren(); return { drawn: { chars: [], buckets: [], signatures: [], shapes: [], doc: null, firsts: [0] }, full: true }; }
  const starts = state.lines;
  const full = !drawn || drawn.chars !== state.chars || root.childElementCount !== drawn.firsts.length - 1;
  if (!drawn || full) {
    const buckets = bucketByLine(marksOf(doc.annotation, state.suggestions, state.review, state.curation), starts);
    const firsts = chunkFirsts(starts);
    const fragment = document.createDocumentFragment();
    for (let c = 0; c + 1 < firsts.length; c++) {
      const chunk = document.createElement("div");
      chunk.className = "chunk";
      // Its size until it is first laid out: what its lines' sizes were when each line was a box of
      // its own (8.7em), so that opening lays out what is in view and no more.
      chunk.style.setProperty("contain-intrinsic-size", `auto ${(8.7 * (firsts[c + 1] - firsts[c])).toFixed(1)}em`);
      for (let l = firsts[c]; l < firsts[c + 1]; l++) chunk.append(renderLine(state, l, buckets[l]));
      fragment.append(chunk);
    }
    root.replaceChildren(fragment);
    return { drawn: { chars: state.chars, buckets, signatures: null, shapes: null, doc, firsts }, full: true };
  }
  if (edited && edited.from === drawn.doc && edited.to === doc && !state.review) {
    const lines = spanLines(edited.spans, starts);
    const marks = marksOf(doc.annotation, state.suggestions, state.review, state.curation, onLines(lines, starts, state.chars.length));
    const some = bucketByLine(marks, starts);
    const buckets = [...drawn.buckets];
    for (const l of lines) buckets[l] = some[l];
    return { drawn: redraw(root, state, drawn, buckets, lines, doc), full: false };
  }
  const buckets = bucketByLine(marksOf(doc.annotation, state.suggestions, state.review, state.curation), starts);
  return { drawn: redraw(root, state, drawn, buckets, starts.map((_, l) => l), doc), full: false };
}

/**
 * Redraws the lines `lines` whose marks changed from what `drawn` shows.
 * @param {HTMLElement} root
 * @param {State} state
 * @param {Drawn} drawn
 * @param {import("./types.js").Mark[][]} buckets every line's marks now
 * @param {number[]} lines the lines to compare
 * @param {import("./types.js").Doc} doc
 * @returns {Drawn}
 */
function redraw(root, state, drawn, buckets, lines, doc) {
  const starts = state.lines;
  // Each line's signature and shape, worked out when first compared (not for every line at once).
  const signatures = drawn.signatures ? [...drawn.signatures] : new Array(starts.length);
  const shapes = drawn.shapes ? [...drawn.shapes] : new Array(starts.length);
  for (const l of lines) {
    const sig = signature(buckets[l]);
    const before = signatures[l] ?? signature(drawn.buckets[l]);
    signatures[l] = sig;
    if (sig === before) continue;
    const form = shape(buckets[l]);
    const was = shapes[l] ?? shape(drawn.buckets[l]);
    if (form === was) relabel(lineElement(root, drawn.firsts, l), buckets[l], starts[l], slicer(state));
    else lineElement(root, drawn.firsts, l).replaceWith(renderLine(state, l, buckets[l]));
    signatures[l] = sig;
    shapes[l] = form;
  }
  return { chars: state.chars, buckets, signatures, shapes, doc, firsts: drawn.firsts };
}

/**
 * A line's marks given their new labels and names, the elements kept.
 * @param {Element} line
 * @param {import("./types.js").Mark[]} list
 * @param {number} from
 * @param {Slice} slice
 */
function relabel(line, list, from, slice) {
  /** @type {Map<string, HTMLElement>} */
  const elements = new Map();
  for (const el of line.querySelectorAll("mark")) if (el instanceof HTMLElement) elements.set(el.dataset.id || "", el);
  const rows = labelRows(list, from);
  list.forEach((m, i) => {
    const el = elements.get(m.id);
    if (el) describe(el, m, rows[i], slice);
  });
}

/**
 * What a mark's element says of it: its label (and the row it goes in) and its accessible name.
 * @param {HTMLElement} el
 * @param {import("./types.js").Mark} m
 * @param {string} row
 * @param {Slice} slice
 */
function describe(el, m, row, slice) {
  if (m.label) {
    el.setAttribute("data-label", m.label);
    el.setAttribute("data-row", row);
  } else {
    el.removeAttribute("data-label");
    el.removeAttribute("data-row");
  }
  // Named for screen readers; n / N give one mark at a time a tabindex and the focus (a mark that
  // is always focusable would stop a mouse drag from selecting text in it).
  const name = m.name || (m.review ? `review ${m.review}` : m.label);
  if (name) el.setAttribute("aria-label", `${name}: ${slice(m.start, m.end)}`);
}

/**
 * @param {State} state
 * @param {number} l
 * @param {import("./types.js").Mark[]} list
 */
function renderLine(state, l, list) {
  const chars = state.chars;
  const starts = state.lines;
  const from = starts[l];
  const to = l + 1 < starts.length ? starts[l + 1] : chars.length;
  const line = document.createElement("span");
  line.className = "line";
  line.dataset.offset = String(from);
  const rows = new Map(labelRows(list, from).map((row, i) => [list[i], row]));
  appendRuns(line, nest(list, from, to), slicer(state), rows);
  return line;
}

/**
 * @param {Element} parent
 * @param {Run[]} runs
 * @param {Slice} slice
 * @param {Map<import("./types.js").Mark, string>} rows where each mark's label goes
 */
function appendRuns(parent, runs, slice, rows) {
  for (const run of runs) {
    if (!("mark" in run)) { parent.append(slice(run.from, run.to)); continue; }
    const m = run.mark;
    const el = document.createElement("mark");
    el.className = m.kind === "review" ? `review ${(m.review || "").replace("+", "-")}` : m.kind === "decision" ? `decision ${m.review}` : m.kind;
    // setAttribute rather than dataset: a third faster on 2,000 marks (measured in Chromium).
    el.setAttribute("data-id", m.id);
    el.setAttribute("data-start", String(m.start));
    el.setAttribute("data-end", String(m.end));
    el.setAttribute("data-kind", m.kind);
    if (m.type) el.setAttribute("data-type", m.type);
    if (m.entity) el.setAttribute("data-entity", m.entity);
    if (m.quote) el.setAttribute("data-quote", m.quote);
    if (m.review) el.setAttribute("data-review", m.review);
    if (m.index !== undefined) el.setAttribute("data-index", String(m.index));
    describe(el, m, rows.get(m) || "above", slice);
    // A review span's explanation as its tooltip; an annotation's label and accessible name say the rest.
    if (m.title) el.title = m.title;
    appendRuns(el, run.runs, slice, rows);
    parent.append(el);
  }
}

/**
 * The marks that show the selection: the selected mention and every mention of its entity; the
 * selected quote with its speaker and cue; the focused suggestion.
 * @param {HTMLElement} root
 * @param {State} state
 */
export function highlight(root, state) {
  for (const el of root.querySelectorAll("mark.selected, mark.linked, mark.focused")) el.classList.remove("selected", "linked", "focused");
  const s = state.selected;
  /**
   * @param {string} selector
   * @param {string} name
   */
  const mark = (selector, name) => { for (const el of root.querySelectorAll(selector)) el.classList.add(name); };
  if (s && s.kind === "mention") {
    const entity = /** @type {HTMLElement | null} */ (root.querySelector(`mark.mention[data-id="${CSS.escape(s.id)}"]`))?.dataset.entity;
    if (entity) mark(`mark.mention[data-entity="${CSS.escape(entity)}"]:not([data-id="${CSS.escape(s.id)}"])`, "linked");
    mark(`mark.mention[data-id="${CSS.escape(s.id)}"]`, "selected");
  }
  if (s && s.kind === "quote") {
    mark(`mark.content[data-quote="${CSS.escape(s.id)}"]`, "selected");
    mark(`mark.speaker[data-quote="${CSS.escape(s.id)}"], mark.cue[data-quote="${CSS.escape(s.id)}"]`, "linked");
  }
  if (s && s.kind === "review") mark(`mark.review[data-start="${s.start}"][data-end="${s.end}"]`, "selected");
  if (state.focus >= 0) mark(`mark.suggestion[data-index="${state.focus}"]`, "focused");
  if (state.curation && state.curation.focus >= 0) mark(`mark.decision[data-index="${state.curation.focus}"]`, "focused");
}

/**
 * Moves the focus to a mark (roving tabindex: only that mark is in the tab order) and shows it. A
 * mention focused is described by its place in its entity ("mention 2 of 5"), worked out as it is
 * focused rather than kept on every mark (a mention added would change the place of all the others).
 * @param {HTMLElement} root
 * @param {HTMLElement} mark
 * @param {string} [description]
 */
export function focusMark(root, mark, description) {
  for (const el of root.querySelectorAll("mark[tabindex]")) {
    el.removeAttribute("tabindex");
    el.removeAttribute("aria-description");
  }
  if (description) mark.setAttribute("aria-description", description);
  mark.tabIndex = 0;
  mark.focus();
  mark.scrollIntoView({ block: "nearest" });
}
