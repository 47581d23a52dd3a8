// Unit tests of a change's answer as what changed: the patched annotation, and the lines it redraws.
import assert from "node:assert/strict";
import { test } from "node:test";
import { changedSpans, patchAnnotation, patchList } from "../../Sources/AttestStudio/Page/changes.js";
import { bucketByLine, marksOf, onLines, signature, spanLines } from "../../Sources/AttestStudio/Page/marks.js";

const before = {
  status: "draft",
  annotators: [],
  entities: [
    { id: "e1", type: "PERSON", name: "Cres Eastman", mentions: [{ id: "m1", start: 0, end: 12, text: "Cres Eastman" }, { id: "m3", start: 140, end: 142, text: "he" }] },
    { id: "e2", type: "ORG", name: "UNSW", mentions: [{ id: "m2", start: 20, end: 24, text: "UNSW" }] },
    { id: "e3", type: "LOC", name: "Oslo", mentions: [{ id: "m4", start: 230, end: 234, text: "Oslo" }] },
  ],
  quotes: [
    { id: "q1", kind: "indirect", content: { start: 130, end: 138, text: "x" }, speaker: { start: 140, end: 142, text: "he" }, cue: { start: 125, end: 129, text: "says" }, "speaker-entity": "e1" },
    { id: "q2", kind: "direct", content: { start: 244, end: 250, text: "y" } },
    { id: "q3", kind: "direct", content: { start: 260, end: 270, text: "z" }, "speaker-entity": "e1" },
  ],
};
/** Lines of 100 code points: 0, 100, 200 (the article is 300 long). */
const starts = [0, 100, 200];

/** The list change the server would send from `a` to `b` (both in canonical order). */
function listChange(a, b) {
  const was = new Map(a.map((x) => [x.id, JSON.stringify(x)]));
  const now = new Set(b.map((x) => x.id));
  return {
    set: b.flatMap((x, at) => (was.get(x.id) === JSON.stringify(x) ? [] : [{ at, item: x }])),
    removed: a.filter((x) => !now.has(x.id)).map((x) => x.id),
    count: b.length,
  };
}
const changesOf = (a, b) => ({ status: b.status, annotators: b.annotators, entities: listChange(a.entities, b.entities), quotes: listChange(a.quotes, b.quotes) });

/** Every line's signature, all marks worked out. */
const lineSignatures = (annotation) => bucketByLine(marksOf(annotation, [], null), starts).map(signature);

/** Each change: patched, the result is `after`; redrawing only the lines it touched gives what a full redraw gives. */
function check(after) {
  const changes = changesOf(before, after);
  const patched = patchAnnotation(before, changes);
  assert.deepEqual(patched, after);
  const spans = changedSpans(before, changes, after);
  const dirty = spanLines(spans, starts);
  const full = lineSignatures(after);
  const old = lineSignatures(before);
  const some = bucketByLine(marksOf(after, [], null, null, onLines(dirty, starts, 300)), starts).map(signature);
  starts.forEach((_, l) => {
    if (dirty.includes(l)) assert.equal(some[l], full[l], `line ${l}, worked out again`);
    else assert.equal(old[l], full[l], `line ${l} is not redrawn, so nothing on it may change`);
  });
  return dirty;
}

const clone = (x) => JSON.parse(JSON.stringify(x));

test("a new mention of a new entity: its line only", () => {
  const after = clone(before);
  after.entities.splice(2, 0, { id: "e4", type: "PERSON", name: "Ana", mentions: [{ id: "m5", start: 50, end: 53, text: "Ana" }] });
  assert.deepEqual(check(after), [0]);
});

test("a mention added to an entity of the same name redraws its line, not every line of the entity", () => {
  const after = clone(before);
  after.entities[0].mentions.push({ id: "m9", start: 252, end: 255, text: "him" });
  assert.deepEqual(check(after), [2]);
});

test("renaming an entity redraws its mentions and the quotes it speaks (their labels name it)", () => {
  const after = clone(before);
  after.entities[0].name = "Cres E.";
  assert.deepEqual(check(after), [0, 1, 2], "q3 on line 2 says who speaks it");
});

test("a mention removed, a quote's speaker taken away, a quote removed, a status changed", () => {
  const after = clone(before);
  after.entities[0].mentions.pop();
  after.quotes[0].speaker = null;
  after.quotes.splice(1, 1);
  after.status = "gold";
  check(after);
});

test("an entity moved in the canonical order and one removed", () => {
  const after = clone(before);
  after.entities[2].mentions[0] = { id: "m4", start: 10, end: 14, text: "Oslo" };
  const moved = after.entities.splice(2, 1)[0];
  after.entities.splice(1, 0, moved);
  after.entities.splice(0, 1);
  after.quotes[0]["speaker-entity"] = null;
  check(after);
});

test("a change that does not fit the list held is refused (the page reloads)", () => {
  assert.equal(patchList(before.entities, { set: [], removed: [], count: 4 }), null);
  assert.equal(patchList(before.entities, { set: [{ at: 7, item: { id: "e9" } }], removed: [], count: 4 }), null);
  assert.deepEqual(patchList(before.entities, { set: [], removed: ["e2"], count: 2 }).map((e) => e.id), ["e1", "e3"]);
});
