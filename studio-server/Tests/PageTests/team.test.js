// The team's pure parts: moving between open decisions, and each decision's versions as marks.
import test from "node:test";
import assert from "node:assert/strict";
import { nextOpen } from "../../Sources/AttestStudio/Page/team.js";
import { marksOf } from "../../Sources/AttestStudio/Page/marks.js";
import { commandFor } from "../../Sources/AttestStudio/Page/keys.js";

/** @param {(string | null)[]} taken */
const curation = (taken) => ({
  id: "d", annotators: ["ann1", "ann2"], open: taken.filter((t) => !t).length, agreed: { mentions: 0, quotes: 0 }, focus: 0,
  decisions: taken.map((t, i) => ({
    key: `k${i}`, kind: "type", a: `A${i}`, b: `B${i}`, start: 10 * i, end: 10 * i + 5,
    "a-span": { start: 10 * i, end: 10 * i + 5 }, "b-span": i === 2 ? null : { start: 10 * i, end: 10 * i + 7 }, taken: t,
  })),
});

test("n and N go round the open decisions only", () => {
  const c = curation([null, "a", null, "b"]);
  assert.equal(nextOpen(c, 0, 1), 2);
  assert.equal(nextOpen(c, 2, 1), 0);
  assert.equal(nextOpen(c, 0, -1), 2);
  assert.equal(nextOpen(c, -1, 1), 0);
  assert.equal(nextOpen(curation(["a", "b"]), 0, 1), -1);
});

test("each open decision shows both versions (the longer first), labelled with the annotator, not by colour alone", () => {
  const marks = marksOf({ status: "draft", entities: [], quotes: [] }, [], null, curation([null, "a", null]));
  assert.deepEqual(marks.map((m) => [m.id, m.label, m.start, m.end]), [
    ["d0b", "#1 B ann2", 0, 7],
    ["d0a", "#1 A ann1", 0, 5],
    ["d2a", "#3 A ann1", 20, 25],
  ]);
  assert.ok(marks.every((m) => m.kind === "decision" && m.name?.startsWith("decision ")));
});

test("a and b take a side only while curating", () => {
  const base = { shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, inArticle: true, inField: false,
    singleKeys: true, reviewing: false, suggesting: false, typeKeys: { p: "PERSON" } };
  assert.deepEqual(commandFor({ ...base, key: "a", curating: true }), { command: "take-a" });
  assert.deepEqual(commandFor({ ...base, key: "b", curating: true }), { command: "take-b" });
  assert.equal(commandFor({ ...base, key: "a" }), null);
  assert.deepEqual(commandFor({ ...base, key: "n", curating: true }), { command: "next-decision" });
  assert.deepEqual(commandFor({ ...base, key: "n" }), { command: "next" });
  assert.deepEqual(commandFor({ ...base, key: "u" }), { command: "curate" });
  assert.deepEqual(commandFor({ ...base, key: "j" }), { command: "next-document" });
});
