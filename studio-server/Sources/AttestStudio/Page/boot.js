// @ts-check
// The page's first two answers: the document list and the document asked for (`?doc=ID`). The
// server sends them inside the page itself (a `first-answers` JSON block, StudioFirstPage.swift),
// so they arrive with the markup instead of queueing behind the modules; a page served without
// them (`/index.html`) asks for them.

/** @typedef {import("./api.js").Answer} Answer */
/** @typedef {import("./api.js").Client} Client */

const params = new URLSearchParams(globalThis.location?.search ?? "");
/** The token the page was opened with (a server bound beyond 127.0.0.1 requires one). */
export const token = params.get("token");
/** The document asked for in the address (`?doc=ID`). */
export const wanted = params.get("doc");
/** Whether the address asks for that document's curation (`&curate=1`, the agreement page's links). */
export const curating = params.get("curate") === "1";
/** Whether the address asks for that document in review mode against the server's `--pred` (`&review=1`, the score report's links). */
export const reviewing = params.get("review") === "1";

/**
 * The answers the page opens with: from the page's `first-answers` block when it holds them (and
 * holds the document asked for), otherwise requested.
 * @param {Pick<Client, "request">} client
 * @param {Pick<Document, "getElementById">} page
 * @param {string | null} wanted the document asked for
 * @returns {{ list: Promise<Answer>, document: Promise<Answer> | null }}
 */
export function firstAnswers(client, page, wanted) {
  const given = readBlock(page.getElementById("first-answers"));
  const list = given?.list ? Promise.resolve(given.list) : client.request("GET", "/api/documents");
  if (!wanted) return { list, document: null };
  const document = given?.document?.id === wanted && given.document.answer
    ? Promise.resolve(given.document.answer)
    : client.request("GET", `/api/documents/${encodeURIComponent(wanted)}`);
  return { list, document };
}

/**
 * @param {HTMLElement | null} block
 * @returns {{ list?: Answer, document?: { id: string, answer?: Answer } } | null}
 */
export function readBlock(block) {
  if (!block?.textContent) return null;
  try {
    const value = JSON.parse(block.textContent);
    return value && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
