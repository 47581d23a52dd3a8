// Unit tests of the virtualised document list's pure parts: which documents a filter keeps and which
// rows are drawn for a scroll position.
import assert from "node:assert/strict";
import { test } from "node:test";
import { filterDocuments, rowWindow } from "../../Sources/AttestStudio/Page/render-documents.js";

const docs = Array.from({ length: 10000 }, (_, i) => ({
  id: `story-${String(i).padStart(5, "0")}`, status: i % 3 ? "draft" : "gold", mentions: 1, quotes: 0,
}));

test("a filter keeps the documents whose id or status holds it, ignoring case", () => {
  assert.deepEqual(filterDocuments(docs, "STORY-0999").map((d) => d.id),
    ["story-09990", "story-09991", "story-09992", "story-09993", "story-09994", "story-09995", "story-09996", "story-09997", "story-09998", "story-09999"]);
  assert.equal(filterDocuments(docs, "gold").length, 3334);
  assert.equal(filterDocuments(docs, ""), docs, "no filter: the same list, not a copy");
  assert.deepEqual(filterDocuments([{ id: "Ünïcode-📰", status: "draft", mentions: 0, quotes: 0 }], "ünï").length, 1);
});

test("the rows drawn are those in view and eight either side, whatever the list's length", () => {
  // 800 px of 50 px rows, scrolled to row 100: rows 100..116 in view, 92..124 drawn.
  assert.deepEqual(rowWindow(10000, 5000, 800, 50), { from: 92, to: 124 });
  assert.deepEqual(rowWindow(10000, 0, 800, 50), { from: 0, to: 24 });
  assert.deepEqual(rowWindow(10000, 10000 * 50 - 800, 800, 50), { from: 9976, to: 10000 });
  assert.deepEqual(rowWindow(5, 0, 800, 50), { from: 0, to: 5 });
  assert.deepEqual(rowWindow(0, 0, 800, 50), { from: 0, to: 0 });
  // Not laid out yet: the first 40.
  assert.deepEqual(rowWindow(10000, 0, 0, 50), { from: 0, to: 40 });
  // A scroll offset beyond the rows (the list just shrank under a filter) draws nothing out of range.
  assert.deepEqual(rowWindow(3, 5000, 800, 50), { from: 3, to: 3 });
});
