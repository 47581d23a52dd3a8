// @ts-check
// The first requests, sent as soon as this module runs: it imports nothing and is loaded `async`
// ahead of the page's other modules, so the document list and the document asked for are on their
// way while the rest of the page is fetched and evaluated. api.js reads their answers.

const params = new URLSearchParams(location.search);
/** The token the page was opened with (a server bound beyond 127.0.0.1 requires one). */
export const token = params.get("token");
/** The document asked for in the address (`?doc=ID`). */
export const wanted = params.get("doc");
/** @type {HeadersInit} */
const headers = token ? { Authorization: `Bearer ${token}` } : {};
export const early = {
  list: fetch("/api/documents", { headers }),
  document: wanted ? fetch(`/api/documents/${encodeURIComponent(wanted)}`, { headers }) : null,
};
// A failure is read (and shown) when the page reads the answer, not reported here as unhandled.
early.list.catch(() => {});
early.document?.catch(() => {});
