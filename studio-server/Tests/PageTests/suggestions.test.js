// Unit tests of what the page makes of an extractor's suggestions and of its edits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mentionEdits } from "../../Sources/AttestStudio/Page/editing.js";
import { describeSuggestion, newSuggestions, suggestionEdits } from "../../Sources/AttestStudio/Page/suggestions.js";

const annotation = {
  status: "draft",
  entities: [{ id: "e1", type: "PERSON", name: "Ana", mentions: [{ id: "m1", start: 0, end: 3, text: "Ana" }] }],
  quotes: [{ id: "q1", kind: "direct", content: { start: 10, end: 20, text: "x" } }],
};

test("suggestions leave out annotated spans and quotes over a quote's content, in text order", () => {
  const answer = {
    mentions: [{ start: 30, end: 34, text: "Oslo", type: "LOC" }, { start: 0, end: 3, text: "Ana", type: "PERSON" }, { start: 0, end: 3, text: "Ana", type: "ORG" }, { start: 5, end: 8, text: "Bob", type: "PERSON" }],
    quotes: [
      { content: { start: 15, end: 25, text: "over q1" }, kind: "direct" },
      { content: { start: 21, end: 29, text: "free" }, kind: "indirect", speaker: { start: 5, end: 8, text: "Bob" }, cue: { start: 9, end: 10, text: "s" } },
    ],
  };
  const list = newSuggestions(annotation, answer);
  assert.deepEqual(list.map((s) => `${s.start}:${s.type}`), ["5:PERSON", "21:quote", "30:LOC"]);
  assert.deepEqual(list[1], { start: 21, end: 29, text: "free", type: "quote", kind: "indirect", speaker: { start: 5, end: 8, text: "Bob" }, cue: { start: 9, end: 10, text: "s" } });
  assert.deepEqual(newSuggestions(annotation, { mentions: [] }), []);
});

test("a mention accepted as another type is sent with that type; a quote as one change with its parts", () => {
  assert.deepEqual(suggestionEdits([{ start: 30, end: 34, text: "Oslo", type: "LOC" }], "ORG"), [{ op: "annotate", type: "ORG", spans: [{ start: 30, end: 34, text: "Oslo" }] }]);
  const quote = { start: 21, end: 29, text: "free", type: "quote", kind: "indirect", speaker: { start: 5, end: 8, text: "Bob" }, cue: null };
  assert.deepEqual(suggestionEdits([quote], "quote"), [{ op: "quote", kind: "indirect", content: { start: 21, end: 29, text: "free" }, speaker: { start: 5, end: 8, text: "Bob" }, cue: undefined }]);
  assert.deepEqual(mentionEdits([{ start: 1, end: 2, text: "a", extra: 1 }], "LOC"), [{ op: "annotate", type: "LOC", spans: [{ start: 1, end: 2, text: "a" }] }]);
});

test("the focused suggestion is said with its type, its place and the keys", () => {
  assert.equal(describeSuggestion({ start: 0, end: 4, text: "Oslo", type: "LOC" }, 1, 5), "Suggestion 2 of 5: LOC “Oslo” — Enter accepts, a type's key accepts with that type, Backspace rejects.");
  assert.equal(describeSuggestion({ start: 0, end: 4, text: "free", type: "quote", kind: "direct", speaker: { start: 0, end: 1, text: "He" }, cue: { start: 2, end: 3, text: "said" } }, 0, 1),
    "Suggestion 1 of 1: direct quote “free”, speaker “He”, cue “said” — Enter accepts, Backspace rejects.");
});
