// @ts-check
// The reader's text selection in the article, as code-point offsets (trimmed of white space).

import { boundaryOffset, trimmedSpan } from "./text.js";

/**
 * @param {HTMLElement} root the article
 * @param {string[]} chars the article's code points
 * @returns {import("./types.js").Excerpt | null}
 */
export function selectedSpan(root, chars) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  return trimmedSpan(chars, start, end);
}

/**
 * A boundary's offset, counted from the start of the line it is in (each line knows its offset).
 * @param {HTMLElement} root
 * @param {Node} container
 * @param {number} unit
 */
function offsetOf(root, container, unit) {
  const element = container.nodeType === Node.TEXT_NODE ? container.parentElement : /** @type {Element} */ (container);
  const line = element ? element.closest(".line") : null;
  if (!line && element) {
    // A boundary between lines (in the article or in a chunk of lines): where the line after it
    // starts, or where the one before it ends; not the text of the whole article up to it.
    /** @param {Node | undefined} node @param {boolean} last */
    const lineIn = (node, last) => {
      if (!(node instanceof HTMLElement)) return null;
      if (node.classList.contains("line")) return node;
      const lines = node.querySelectorAll(".line");
      return lines.length ? /** @type {HTMLElement} */ (lines[last ? lines.length - 1 : 0]) : null;
    };
    const after = lineIn(element.childNodes[unit], false);
    if (after) return Number(after.dataset.offset);
    const before = lineIn(element.childNodes[unit - 1], true);
    if (before) return boundaryOffset(Number(before.dataset.offset), before.textContent || "");
  }
  const probe = document.createRange();
  probe.setStart(line || root, 0);
  probe.setEnd(container, unit);
  const lineOffset = line instanceof HTMLElement ? Number(line.dataset.offset) : 0;
  return boundaryOffset(lineOffset, probe.toString());
}

/** Clears the reader's selection (after it became an annotation). */
export function clearSelection() {
  window.getSelection()?.removeAllRanges();
}

/**
 * Moves the caret, or extends the selection, by a word: a span made from the keyboard. When the
 * selection is not in the article, it starts at `from` (a code-point offset: where the last span made
 * ended), at the focused mark, or at the article's start.
 * @param {HTMLElement} root
 * @param {"move" | "extend"} alter
 * @param {"forward" | "backward"} direction
 * @param {number | null} from
 */
export function caretByWord(root, alter, direction, from) {
  const sel = window.getSelection();
  if (!sel) return;
  if (sel.rangeCount === 0 || !root.contains(sel.anchorNode)) {
    const active = document.activeElement;
    const range = document.createRange();
    const point = from !== null ? caretPoint(root, from) : null;
    if (point) range.setStart(point.node, point.unit);
    else range.setStart(active instanceof HTMLElement && active.tagName === "MARK" && root.contains(active) ? active : root, 0);
    range.collapse(true);
    sel.removeAllRanges();
    sel.addRange(range);
  }
  // Selection.modify is not in TypeScript's DOM types (it is in every browser's).
  /** @type {Selection & { modify(alter: string, direction: string, granularity: string): void }} */ (sel).modify(alter, direction, "word");
}

/**
 * The DOM point (text node and UTF-16 unit) of a code-point offset of the article.
 * @param {HTMLElement} root
 * @param {number} offset
 * @returns {{ node: Node, unit: number } | null}
 */
function caretPoint(root, offset) {
  /** @type {HTMLElement | null} */
  let line = null;
  // The lines are in chunks (render-article.js): the chunk first, then its line.
  let chunk = null;
  for (const el of root.children) {
    const first = el.firstElementChild;
    if (first instanceof HTMLElement && Number(first.dataset.offset) <= offset) chunk = el;
    else break;
  }
  for (const el of chunk ? chunk.children : []) {
    if (el instanceof HTMLElement && Number(el.dataset.offset) <= offset) line = el;
    else break;
  }
  if (!line) return null;
  let left = offset - Number(line.dataset.offset);
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = Array.from(node.textContent || "");
    if (left <= chars.length) return { node, unit: chars.slice(0, left).join("").length };
    left -= chars.length;
  }
  return null;
}

/**
 * The reader's selection in the article as code-point offsets (anchor and focus, not trimmed), or null.
 * @param {HTMLElement} root
 * @returns {{ anchor: number, focus: number } | null}
 */
export function saveSelection(root) {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
  if (!root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null;
  return { anchor: offsetOf(root, sel.anchorNode, sel.anchorOffset), focus: offsetOf(root, sel.focusNode, sel.focusOffset) };
}

/**
 * Puts the selection back after a redraw replaced the lines it was in (an answer that arrives while
 * the reader selects the next span never takes the selection away).
 * @param {HTMLElement} root
 * @param {{ anchor: number, focus: number } | null} saved
 */
export function restoreSelection(root, saved) {
  const sel = window.getSelection();
  if (!saved || !sel) return;
  // A removed node takes the selection with it (the browser collapses it where the node was).
  const now = saveSelection(root);
  if (now && now.anchor === saved.anchor && now.focus === saved.focus) return;
  const anchor = caretPoint(root, saved.anchor);
  const focus = caretPoint(root, saved.focus);
  if (anchor && focus) sel.setBaseAndExtent(anchor.node, anchor.unit, focus.node, focus.unit);
}
