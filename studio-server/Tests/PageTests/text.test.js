// Unit tests of the page's text module: code points, lines, selection boundaries, visible controls.
import assert from "node:assert/strict";
import { test } from "node:test";
import { boundaryOffset, codePoints, lineOf, lineStarts, trimmedSpan, unitOffsets, visible } from "../../Sources/AttestStudio/Page/text.js";

const STORY = "🚢 Ana Silva said “fine” — 𝒜 ok.\nsecond 👩🏽‍💻 line\n\nlast";

test("an article's code points count an astral character once", () => {
  const chars = codePoints(STORY);
  assert.equal(chars[0], "🚢");
  assert.equal(chars.slice(2, 11).join(""), "Ana Silva");
  assert.equal(chars.length, STORY.length - 5); // 🚢, 𝒜 and three of 👩🏽‍💻's four code points are astral
});

test("lines start after each newline; a final newline starts no line", () => {
  const chars = codePoints("ab\ncd\n\nef\n");
  assert.deepEqual(lineStarts(chars), [0, 3, 6, 7]);
  assert.deepEqual(lineStarts(codePoints("")), [0]);
});

test("the line of an offset is found by binary search", () => {
  const starts = [0, 3, 6, 7];
  assert.deepEqual([0, 2, 3, 5, 6, 7, 100].map((o) => lineOf(starts, o)), [0, 0, 1, 1, 2, 3, 3]);
});

test("a selection boundary counts code points, not UTF-16 units", () => {
  // The DOM gives the text before the boundary as a JavaScript (UTF-16) string.
  assert.equal(boundaryOffset(0, "🚢 "), 2);
  assert.equal(boundaryOffset(40, "𝒜 x"), 43);
  assert.equal(boundaryOffset(7, ""), 7);
  const line = "“Yes,” 👩🏽‍💻 said";
  assert.equal(boundaryOffset(10, line), 10 + Array.from(line).length);
  assert.notEqual(boundaryOffset(10, line), 10 + line.length);
});

test("a span is trimmed of white space at both ends, or null", () => {
  const chars = codePoints("  🚢 Ana\u00a0 \n");
  assert.deepEqual(trimmedSpan(chars, 0, chars.length), { start: 2, end: 7, text: "🚢 Ana" });
  assert.equal(trimmedSpan(chars, 0, 2), null);
  assert.deepEqual(trimmedSpan(chars, 7, 2), { start: 2, end: 7, text: "🚢 Ana" }, "a backward selection");
  assert.deepEqual(trimmedSpan(chars, -3, 99), { start: 2, end: 7, text: "🚢 Ana" }, "clamped to the text");
});

test("bidi controls and zero-width characters are made visible", () => {
  assert.equal(visible("\u202egnp.exe"), "⟨U+202E⟩gnp.exe");
  assert.equal(visible("Ana\u200bSilva\ufeff"), "Ana⟨U+200B⟩Silva⟨U+FEFF⟩");
  assert.equal(visible("São Paulo — “ok” 🚢"), "São Paulo — “ok” 🚢");
});

test("UTF-16 offsets of code points slice the text as code points do", () => {
  const chars = codePoints(STORY);
  const units = unitOffsets(chars);
  assert.equal(units.length, chars.length + 1);
  assert.equal(units[chars.length], STORY.length);
  for (const [a, b] of [[0, 1], [2, 11], [0, chars.length], [30, 40], [5, 5]]) {
    assert.equal(STORY.substring(units[a], units[b]), chars.slice(a, b).join(""), `${a}..${b}`);
  }
});
