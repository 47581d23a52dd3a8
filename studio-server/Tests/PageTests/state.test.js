// Unit tests of the store, the API client's error shapes, and where n / N and a click go.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createClient, documentPath } from "../../Sources/AttestStudio/Page/api.js";
import { selectionOf, stepTarget } from "../../Sources/AttestStudio/Page/navigation.js";
import { createStore, createTimings, initialState } from "../../Sources/AttestStudio/Page/store.js";

test("the store changes only through update, and says what changed", () => {
  const store = createStore(initialState());
  const heard = [];
  store.subscribe((state, changed) => heard.push([[...changed].sort(), state.message]));
  const before = store.state;
  store.update({ message: "hi", focus: 2 });
  assert.deepEqual(heard, [[["focus", "message"], "hi"]]);
  assert.equal(before.message, "", "the old state is untouched");
  assert.throws(() => { "use strict"; store.state.message = "x"; }, TypeError, "the state is frozen");
});

test("timings keep the latest 500", () => {
  const timings = createTimings();
  for (let i = 0; i < 520; i++) timings.record({ what: "edit", ms: i });
  assert.equal(timings.list.length, 500);
  assert.equal(timings.list[0].ms, 20);
});

test("the client sends the version and the token, and turns failures into the API's error shape", async () => {
  const seen = [];
  const ok = createClient("t0k", async (path, init) => { seen.push([path, init]); return { status: 200, json: async () => ({ fine: true }) }; });
  assert.deepEqual(await ok.request("POST", "/api/x", { body: { a: 1 }, version: "v1" }), { status: 200, data: { fine: true } });
  assert.deepEqual(seen[0][1].headers, { "Content-Type": "application/json", "If-Match": "\"v1\"", Authorization: "Bearer t0k" });
  assert.equal(seen[0][1].body, "{\"a\":1}");
  const down = createClient(null, async () => { throw new TypeError("Failed to fetch"); });
  const refused = await down.request("GET", "/api/documents");
  assert.equal(refused.status, 0);
  assert.equal(refused.data.error.code, "network");
  assert.match(refused.data.error.message, /cannot be reached \(Failed to fetch\); nothing was saved/);
  const proxy = createClient(null, async () => ({ status: 502, json: async () => { throw new SyntaxError("Unexpected token <"); } }));
  const page = await proxy.request("GET", "/api/documents");
  assert.deepEqual(page, { status: 502, data: { error: { code: "not-json", message: "the server answered 502 without JSON; nothing was saved" } } });
});

test("document paths escape the id", () => {
  assert.equal(documentPath("a b/ç"), "/api/documents/a%20b%2F%C3%A7");
  assert.equal(documentPath("x", "edits"), "/api/documents/x/edits");
});

test("a click on a quote's speaker or cue selects the quote, with the part", () => {
  assert.deepEqual(selectionOf({ kind: "cue", id: "q2.cue", quote: "q2", start: "5", end: "9" }), { id: "q2", kind: "quote", part: "cue", start: 5, end: 9 });
  assert.deepEqual(selectionOf({ kind: "mention", id: "m1", start: "0", end: "3" }), { id: "m1", kind: "mention", part: "mention", start: 0, end: 3 });
  assert.equal(selectionOf({ kind: "suggestion", index: "0" }), null);
});

test("n / N go through mentions and quotes in text order, round the end", () => {
  const doc = { id: "d", text: "", version: "v", types: [], diagnostics: [], annotation: {
    status: "draft",
    entities: [{ id: "e1", type: "PERSON", name: "A", mentions: [{ id: "m1", start: 0, end: 3, text: "" }, { id: "m2", start: 30, end: 33, text: "" }] }],
    quotes: [{ id: "q1", kind: "direct", content: { start: 10, end: 20, text: "" }, speaker: { start: 0, end: 3, text: "" } }],
  } };
  const state = { ...initialState(), doc };
  assert.equal(stepTarget(state, 1).id, "m1");
  assert.equal(stepTarget(state, -1).id, "m2");
  assert.equal(stepTarget({ ...state, selected: { id: "m1", kind: "mention", start: 0, end: 3 } }, 1).id, "q1");
  assert.equal(stepTarget({ ...state, selected: { id: "q1", kind: "quote", part: "content", start: 10, end: 20 } }, 1).id, "m2");
  assert.equal(stepTarget({ ...state, selected: { id: "m2", kind: "mention", start: 30, end: 33 } }, 1).id, "m1");
});
