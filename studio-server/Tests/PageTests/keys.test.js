// Unit tests of the page's keyboard map.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KEY_LIST, commandFor, typeKeys } from "../../Sources/AttestStudio/Page/keys.js";

const base = { shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, inArticle: true, inField: false, singleKeys: true, reviewing: false, suggesting: false, typeKeys: { p: "PERSON", o: "ORG", l: "LOC", 1: "EVENT" } };
const command = (key, more = {}) => {
  const found = commandFor({ ...base, key, ...more });
  return found && (found.type ? `${found.command}:${found.type}` : found.command);
};

test("single keys in the article", () => {
  assert.deepEqual(["p", "1", "q", "s", "c", "k", "x", "n", "N", "Delete", "Backspace", "r", "?", "Escape"].map((k) => command(k)),
    ["type:PERSON", "type:EVENT", "quote", "speaker", "cue", "kind", "suggest", "next", "previous", "remove", "remove", "review", "keys", "escape"]);
  assert.equal(command("z"), null);
});

test("single keys are scoped to the article and never act in a field", () => {
  assert.equal(command("p", { inArticle: false }), null);
  assert.equal(command("Delete", { inArticle: false }), null);
  assert.equal(command("p", { inField: true }), null);
  assert.equal(command("z", { ctrlKey: true, inField: true }), null, "a field's own undo");
  assert.equal(command("?", { inArticle: false }), "keys");
  assert.equal(command("z", { ctrlKey: true, inArticle: false }), "undo");
});

test("single-key shortcuts can be turned off; keys with a modifier and named keys stay", () => {
  const off = { singleKeys: false };
  for (const k of ["p", "q", "s", "c", "x", "n", "r", "1"]) assert.equal(command(k, off), null, k);
  assert.equal(command("z", { ...off, ctrlKey: true }), "undo");
  assert.equal(command("Z", { ...off, ctrlKey: true, shiftKey: true }), "redo");
  assert.equal(command("y", { ...off, metaKey: true }), "redo");
  assert.equal(command("Delete", off), "remove");
  assert.equal(command("ArrowRight", { ...off, shiftKey: true }), "extend-forward");
});

test("a span from the keyboard: Shift+arrows extend by a word, arrows move the caret", () => {
  assert.equal(command("ArrowRight", { shiftKey: true }), "extend-forward");
  assert.equal(command("ArrowLeft", { shiftKey: true }), "extend-backward");
  assert.equal(command("ArrowRight"), "move-forward");
  assert.equal(command("ArrowLeft", { inArticle: false }), null);
});

test("suggestions: Enter accepts, Shift+Enter all of the type, Backspace rejects, a type's key retypes", () => {
  const on = { suggesting: true };
  assert.equal(command("Enter", on), "accept");
  assert.equal(command("Enter", { ...on, shiftKey: true }), "accept-all");
  assert.equal(command("Backspace", on), "reject");
  assert.equal(command("o", on), "type:ORG");
  assert.equal(command("Enter"), null);
});

test("review mode: n / N move, r leaves, other keys only say so", () => {
  const on = { reviewing: true };
  assert.equal(command("n", on), "next");
  assert.equal(command("r", on), "review");
  assert.equal(command("p", on), "review-only");
  assert.equal(command("Delete", on), "review-only");
  assert.equal(command("z", { ...on, ctrlKey: true }), "undo");
});

test("Alt combinations are left to the browser", () => {
  assert.equal(command("p", { altKey: true }), null);
  assert.equal(command("z", { altKey: true, ctrlKey: true }), null);
});

test("type keys: p, o, l for the usual types, digits for the others, in the types' order", () => {
  assert.deepEqual(typeKeys(["LOC", "MISC", "ORG", "PERSON", "EVENT"]), [["l", "LOC"], ["1", "MISC"], ["o", "ORG"], ["p", "PERSON"], ["2", "EVENT"]]);
});

test("the key list names every command the map runs", () => {
  const listed = KEY_LIST.map(([k]) => k).join(" ");
  for (const k of ["q", "s / c", "n / N", "Shift+Right", "Escape", "x", "Shift+Enter", "r", "Ctrl+Z", "?"]) assert.ok(listed.includes(k), k);
});

test("the README's key table is the page's key map", async () => {
  const { readFile } = await import("node:fs/promises");
  const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
  for (const [key, does] of KEY_LIST) assert.ok(readme.includes(`| ${key} | ${does} |`), `README lacks | ${key} | ${does} |`);
});
