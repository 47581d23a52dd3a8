// @ts-check
// Selecting and moving between marks, review mode, the keys overlay.

import { documentPath } from "./api.js";
import { marksOf } from "./marks.js";

/** @typedef {import("./types.js").Selected} Selected */

/**
 * What a mark's data says is selected when it is clicked or focused.
 * @param {DOMStringMap} data a mark's dataset
 * @returns {Selected | null}
 */
export function selectionOf(data) {
  const start = Number(data.start);
  const end = Number(data.end);
  const id = data.id || "";
  if (data.kind === "review") return { id, kind: "review", start, end };
  if (data.kind === "mention") return { id, kind: "mention", part: "mention", start, end };
  if (data.kind === "content" || data.kind === "speaker" || data.kind === "cue") return { id: data.quote || id, kind: "quote", part: data.kind, start, end };
  return null;
}

/**
 * The mark n (or N) goes to from the selection: the next (previous) mention or quote in text order,
 * or review span in review mode; round the end.
 * @param {import("./types.js").State} state
 * @param {number} direction 1 or -1
 * @returns {import("./types.js").Mark | null}
 */
export function stepTarget(state, direction) {
  if (!state.doc) return null;
  const all = marksOf(state.doc.annotation, [], state.review).filter((m) => state.review || m.kind === "mention" || m.kind === "content");
  if (!all.length) return null;
  const s = state.selected;
  const current = s ? all.findIndex((m) => (m.kind === "content" ? m.quote === s.id && s.kind === "quote" : m.id === s.id && m.start === s.start)) : -1;
  if (current < 0) return direction > 0 ? all[0] : all[all.length - 1];
  return all[(current + direction + all.length) % all.length];
}

/**
 * A mention's place in its entity, in document order ("mention 2 of 5"); undefined for anything else.
 * @param {import("./types.js").State} state
 * @param {string} id
 * @returns {string | undefined}
 */
export function mentionPlace(state, id) {
  for (const e of state.doc ? state.doc.annotation.entities : []) {
    const i = e.mentions.findIndex((m) => m.id === id);
    if (i >= 0) return `mention ${i + 1} of ${e.mentions.length}`;
  }
  return undefined;
}

/**
 * @param {import("./store.js").Store} store
 * @param {import("./api.js").Client} client
 * @param {import("./documents.js").Documents} documents
 * @param {import("./documents.js").Effects} effects
 */
export function createNavigation(store, client, documents, effects) {
  const { say } = documents;

  /**
   * A click on a mark (or the focus moved to it).
   * @param {DOMStringMap} data
   */
  function select(data) {
    if (data.kind === "suggestion") {
      store.update({ focus: Number(data.index), selected: null });
      return;
    }
    const selected = selectionOf(data);
    if (!selected) return;
    const title = data.kind === "review" ? { title: data.title } : {};
    store.update({ selected: { ...selected, ...title }, ...(selected.kind === "quote" ? { activeQuote: selected } : {}) });
  }

  /**
   * n / N.
   * @param {number} direction
   */
  function step(direction) {
    const target = stepTarget(store.state, direction);
    if (!target) return;
    const selected = target.kind === "content"
      ? { id: target.quote || target.id, kind: /** @type {const} */ ("quote"), part: "content", start: target.start, end: target.end }
      : { id: target.id, kind: target.kind === "review" ? /** @type {const} */ ("review") : /** @type {const} */ ("mention"), start: target.start, end: target.end, title: target.title };
    store.update({ selected, ...(selected.kind === "quote" ? { activeQuote: selected } : {}) });
    effects.focusMark(target.id, mentionPlace(store.state, target.id));
  }

  /**
   * A quote of the list: selected, and the focus on its content.
   * @param {string} quote
   */
  function jumpToQuote(quote) {
    const q = store.state.doc?.annotation.quotes.find((x) => x.id === quote);
    if (!q) return;
    const selected = { id: q.id, kind: /** @type {const} */ ("quote"), part: "content", start: q.content.start, end: q.content.end };
    store.update({ selected, activeQuote: selected });
    effects.focusMark(q.id);
  }

  /**
   * r: a prediction against this annotation, each span marked with what became of it (the counts of
   * `attest score --errors`); r again closes it.
   * @param {File | null} file a prediction file chosen in the page, or the server's --pred
   */
  async function review(file) {
    const { id, review: open } = store.state;
    if (!id) return;
    if (open && !file) { store.update({ review: null, selected: null, message: "Review closed.", offer: null }); return; }
    const path = documentPath(id, "review");
    const { status, data } = file
      ? await client.request("POST", `${path}?name=${encodeURIComponent(file.name)}`, { raw: await file.text() })
      : await client.request("GET", path);
    if (status !== 200) return say(data.error.message);
    store.update({ review: data, selected: null, suggestions: [], focus: -1, message: `Review of ${data.source}: ${data.errors} error(s). r closes it.`, offer: null });
  }

  return {
    select, step, jumpToQuote, review,
    clear: () => store.update({ selected: null }),
    toggleKeys: () => store.update({ keysOpen: !store.state.keysOpen }),
    closeKeys: () => store.update({ keysOpen: false }),
  };
}

/** @typedef {ReturnType<typeof createNavigation>} Navigation */
