// Unit tests of the page's marks: what each annotation shows, drawing order, line buckets, nesting.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bucketByLine, labelRows, marksOf, nest, ordered, signature } from "../../Sources/AttestStudio/Page/marks.js";

const annotation = {
  status: "draft",
  entities: [
    { id: "e1", type: "PERSON", name: "Cres Eastman", mentions: [{ id: "m1", start: 0, end: 12, text: "Cres Eastman" }, { id: "m3", start: 40, end: 42, text: "he" }] },
    { id: "e2", type: "ORG", name: "UNSW", mentions: [{ id: "m2", start: 20, end: 24, text: "UNSW" }] },
  ],
  quotes: [
    { id: "q1", kind: "indirect", content: { start: 30, end: 38, text: "x" }, speaker: { start: 0, end: 12, text: "Cres Eastman" }, cue: { start: 25, end: 29, text: "says" }, "speaker-entity": "e1" },
    { id: "q2", kind: "direct", content: { start: 44, end: 50, text: "y" } },
  ],
};

test("every mark says what it is in text: type, quote number, speaker entity's name, kind", () => {
  const marks = marksOf(annotation, [], null);
  const by = (id) => marks.find((m) => m.id === id);
  assert.equal(by("m3").name, "PERSON Cres Eastman");
  assert.equal(by("q1").label, "q1 · Cres Eastman · indirect");
  assert.equal(by("q1.speaker").label, undefined, "the speaker is the mention m1: one label says both");
  assert.equal(by("m1").label, "PERSON · q1 speaker");
  assert.equal(by("q1.cue").label, "q1 cue");
  assert.equal(by("q2").label, "q2 · no speaker entity · direct");
  assert.equal(by("q2.speaker"), undefined);
  assert.equal(marks.length, 3 + 3 + 1);
});

test("suggestions are marks of their own, labelled with their type", () => {
  const marks = marksOf(annotation, [{ start: 52, end: 56, text: "Oslo", type: "LOC" }, { start: 60, end: 70, text: "q", type: "quote", kind: "direct", speaker: { start: 71, end: 73, text: "He" } }], null);
  assert.deepEqual(marks.filter((m) => m.kind === "suggestion").map((m) => [m.label, m.index]), [["suggested LOC", 0], ["suggested direct quote · speaker “He”", 1]]);
});

test("review mode shows the review's spans only, each labelled with what became of it", () => {
  const review = { source: "p", errors: 1, counts: {}, diagnostics: [], marks: [{ id: "r1", start: 0, end: 4, review: "missed" }, { id: "r2", start: 0, end: 8, review: "correct-quote" }] };
  const marks = marksOf(annotation, [{ start: 1, end: 2, text: "a", type: "LOC" }], review);
  assert.deepEqual(marks.map((m) => [m.id, m.label]), [["r2", "correct-quote"], ["r1", "missed"]]);
});

test("drawing order: by start, the longer first, then quotes outside speakers outside mentions", () => {
  const m = (id, start, end, rank) => ({ id, start, end, kind: "x", rank });
  assert.deepEqual(ordered([m("a", 5, 6, 2), m("b", 0, 12, 2), m("c", 0, 12, 1), m("d", 0, 20, 3)]).map((x) => x.id), ["d", "c", "b", "a"]);
  const marks = marksOf(annotation, [], null);
  assert.deepEqual(marks.slice(0, 2).map((x) => x.id), ["q1.speaker", "m1"], "the speaker holds the mention it covers");
});

test("a mark goes to every line it covers; an empty mark to its own line", () => {
  const starts = [0, 10, 20];
  const marks = [{ id: "a", start: 8, end: 12, kind: "x", rank: 0 }, { id: "b", start: 15, end: 15, kind: "x", rank: 0 }, { id: "c", start: 20, end: 25, kind: "x", rank: 0 }, { id: "d", start: 5, end: 10, kind: "x", rank: 0 }];
  assert.deepEqual(bucketByLine(marks, starts).map((l) => l.map((m) => m.id)), [["a", "d"], ["a", "b"], ["c"]]);
});

/** The text of runs, with marks as [id …]. */
function show(runs, chars) {
  return runs.map((r) => ("mark" in r ? `[${r.mark.id} ${show(r.runs, chars)}]` : chars.slice(r.from, r.to).join(""))).join("");
}

test("marks nest: a quote holds its speaker, which holds the mention; the text is drawn once", () => {
  const chars = Array.from("Cres Eastman of the UNSW says it is ok, he said");
  const marks = marksOf(annotation, [], null).filter((m) => m.end <= chars.length);
  assert.equal(show(nest(marks, 0, chars.length), chars), "[q1.speaker [m1 Cres Eastman]] of the [m2 UNSW] [q1.cue says] [q1 it is ok], [m3 he] said");
});

test("a mark that crosses the end of the one it starts in is clipped there", () => {
  const chars = Array.from("0123456789");
  const marks = ordered([{ id: "a", start: 0, end: 5, kind: "x", rank: 0 }, { id: "b", start: 3, end: 8, kind: "x", rank: 1 }]);
  assert.equal(show(nest(marks, 0, 10), chars), "[a 012[b 34]]56789");
});

test("a mark from an earlier line starts at this line's start", () => {
  const chars = Array.from("ab\ncdef\n");
  const marks = [{ id: "a", start: 1, end: 5, kind: "x", rank: 0 }];
  assert.equal(show(nest(marks, 3, 8), chars), "[a cd]ef\n");
});

test("every code point of a line is drawn exactly once, whatever the marks", () => {
  const chars = Array.from("🚢 Ana Silva said “fine” — 𝒜 ok, she said.");
  let seed = 7;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 300; round++) {
    const marks = [];
    for (let i = 0; i < 1 + random(8); i++) {
      const start = random(chars.length);
      marks.push({ id: `m${i}`, start, end: start + random(chars.length - start + 1), kind: "x", rank: random(4) });
    }
    const text = (runs) => runs.map((r) => ("mark" in r ? text(r.runs) : chars.slice(r.from, r.to).join(""))).join("");
    assert.equal(text(nest(ordered(marks), 0, chars.length)), chars.join(""), JSON.stringify(marks));
  }
});

test("a line's signature changes when a mark's label changes", () => {
  const a = marksOf(annotation, [], null);
  const renamed = { ...annotation, entities: [{ ...annotation.entities[0], name: "C. Eastman" }, annotation.entities[1]] };
  assert.notEqual(signature(a), signature(marksOf(renamed, [], null)));
  assert.equal(signature(a), signature(marksOf(annotation, [], null)));
});

test("labels of marks close together go to different rows; far apart, each to its usual row", () => {
  const mark = (id, kind, start, end, label) => ({ id, kind, start, end, label, rank: 0 });
  // “second line,” said Ana Silva: a short quote, then its speaker; the speaker's label moves below.
  const close = ordered([mark("q2", "content", 1, 12, "q2 · Ana M. Silva · indirect"), mark("q2.speaker", "speaker", 19, 28, "q2 speaker")]);
  assert.deepEqual(labelRows(close, 0), ["above", "below"], "the speaker's label takes the free row below");
  // A long quote: its speaker's label has the row above to itself.
  const far = ordered([mark("q1", "content", 0, 60, "q1 · Ana · direct"), mark("q1.speaker", "speaker", 70, 79, "q1 speaker"), mark("m1", "mention", 70, 79, "PERSON"), mark("q1.cue", "cue", 80, 84, "q1 cue")]);
  assert.deepEqual(labelRows(far, 0), ["above", "above", "below", "below"]);
  // Both rows taken: the usual row (and a mark without a label keeps its usual row).
  const crowded = [mark("a", "mention", 0, 2, "PERSON"), mark("b", "content", 1, 3, "q1 · x · direct"), mark("c", "mention", 2, 4, "ORG"), mark("d", "mention", 3, 5, undefined)];
  assert.deepEqual(labelRows(crowded, 0), ["below", "above", "below", "below"]);
});

test("a mention focused is described by its place in its entity, worked out as it is focused", async () => {
  const { mentionPlace } = await import("../../Sources/AttestStudio/Page/navigation.js");
  const state = { doc: { annotation } };
  assert.equal(mentionPlace(state, "m3"), "mention 2 of 2");
  assert.equal(mentionPlace(state, "m2"), "mention 1 of 1");
  assert.equal(mentionPlace(state, "q1"), undefined);
});

test("the article's lines go in chunks of about 1,200 code points, one line at least", async () => {
  const { chunkFirsts } = await import("../../Sources/AttestStudio/Page/render-article.js");
  // Lines of 300 code points: four to a chunk; a line of 5,000 alone (then two short ones together).
  assert.deepEqual(chunkFirsts([0, 300, 600, 900, 1200, 1500, 1800]), [0, 4, 7]);
  assert.deepEqual(chunkFirsts([0, 5000, 5010]), [0, 1, 3]);
  assert.deepEqual(chunkFirsts([0]), [0, 1]);
});
