// @ts-check
import assert from "node:assert/strict";
import { test } from "node:test";
import { firstAnswers, readBlock } from "../../Sources/AttestStudio/Page/boot.js";

/** A client that records what it was asked for. */
function recording() {
  /** @type {string[]} */
  const asked = [];
  return {
    asked,
    /** @param {string} method @param {string} path */
    request: async (method, path) => { asked.push(`${method} ${path}`); return { status: 200, data: { asked: path } }; },
  };
}

/** @param {string | null} text */
const page = (text) => ({
  /** @param {string} id */
  getElementById: (id) => (id === "first-answers" && text !== null ? /** @type {any} */ ({ textContent: text }) : null),
});

const block = JSON.stringify({
  list: { status: 200, data: { documents: [{ id: "a b" }] } },
  document: { id: "a b", answer: { status: 404, data: { error: { code: "not-found", message: "no a b" } } } },
});

test("the answers inside the page are used, errors included, and nothing is requested", async () => {
  const client = recording();
  const first = firstAnswers(client, page(block), "a b");
  assert.deepEqual(await first.list, { status: 200, data: { documents: [{ id: "a b" }] } });
  assert.equal((await first.document)?.status, 404);
  assert.deepEqual(client.asked, []);
});

test("a block for another document, no block, or a broken block: what is missing is requested", async () => {
  let client = recording();
  let first = firstAnswers(client, page(block), "other");
  assert.equal((await first.list).status, 200);
  await first.document;
  assert.deepEqual(client.asked, ["GET /api/documents/other"]);

  client = recording();
  first = firstAnswers(client, page(null), "x/y");
  await first.list;
  await first.document;
  assert.deepEqual(client.asked, ["GET /api/documents", "GET /api/documents/x%2Fy"]);

  client = recording();
  first = firstAnswers(client, page("{not json"), null);
  await first.list;
  assert.equal(first.document, null);
  assert.deepEqual(client.asked, ["GET /api/documents"]);
  assert.equal(readBlock(/** @type {any} */ ({ textContent: "[1]" }))?.list, undefined);
  assert.equal(readBlock(/** @type {any} */ ({ textContent: "null" })), null);
});
