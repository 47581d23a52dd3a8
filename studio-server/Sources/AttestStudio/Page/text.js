// @ts-check
// Offsets are Unicode code points, as in the files; JavaScript strings count UTF-16 units, so the
// page keeps the article as an array of code points and converts every offset here. Pure functions.

/**
 * The article as code points.
 * @param {string} text
 */
export function codePoints(text) {
  return Array.from(text);
}

/**
 * Where each code point starts in the JavaScript (UTF-16) string, and where the text ends: a slice of
 * code points a..b is then `text.substring(units[a], units[b])`, with no array made.
 * @param {string[]} chars
 */
export function unitOffsets(chars) {
  const units = new Int32Array(chars.length + 1);
  for (let i = 0; i < chars.length; i++) units[i + 1] = units[i] + chars[i].length;
  return units;
}

/**
 * Where each line starts (a code-point offset); the last line has no newline after it.
 * @param {string[]} chars
 */
export function lineStarts(chars) {
  const starts = [0];
  chars.forEach((c, i) => { if (c === "\n" && i + 1 < chars.length) starts.push(i + 1); });
  return starts;
}

/**
 * The line an offset is on (binary search in the line starts).
 * @param {number[]} starts
 * @param {number} offset
 */
export function lineOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The code-point offset of a selection boundary: its line's offset plus the code points of the text
 * between the line's start and the boundary (which the DOM gives as a UTF-16 string).
 * @param {number} lineOffset
 * @param {string} before
 */
export function boundaryOffset(lineOffset, before) {
  let n = 0;
  for (const _ of before) n++;
  return lineOffset + n;
}

/**
 * A selection as a span: trimmed of white space at both ends; null when nothing but white space.
 * @param {string[]} chars
 * @param {number} start
 * @param {number} end
 * @returns {import("./types.js").Excerpt | null}
 */
export function trimmedSpan(chars, start, end) {
  let from = Math.max(0, Math.min(start, end));
  let to = Math.min(chars.length, Math.max(start, end));
  while (from < to && /\s/u.test(chars[from])) from++;
  while (to > from && /\s/u.test(chars[to - 1])) to--;
  return to > from ? { start: from, end: to, text: chars.slice(from, to).join("") } : null;
}

/**
 * Zero-width and bidi control characters of names and texts, made visible (⟨U+202E⟩) in the panels.
 * @param {string} text
 */
export function visible(text) {
  return text.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu,
    (c) => `⟨U+${(c.codePointAt(0) || 0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}
