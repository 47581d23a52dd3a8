// @ts-check
// The team: who is using the page (GET /api/me) with their queue, and curation (a curator settles
// the decisions between two annotators' versions, each taken side one transaction on the gold file).

import { documentPath } from "./api.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Curation} Curation */

/**
 * The decision n / N go to in curation: the next (previous) one still open, round the end; -1 when none.
 * @param {Curation} curation
 * @param {number} from the focused decision
 * @param {number} direction 1 or -1
 */
export function nextOpen(curation, from, direction) {
  const n = curation.decisions.length;
  for (let k = 1; k <= n; k++) {
    const i = (((from + direction * k) % n) + n) % n;
    if (!curation.decisions[i].taken) return i;
  }
  return -1;
}

/**
 * @param {import("./store.js").Store} store
 * @param {import("./api.js").Client} client
 * @param {import("./documents.js").Documents} documents
 * @param {import("./documents.js").Effects} effects
 */
export function createTeam(store, client, documents, effects) {
  const { say } = documents;

  /** Who is using the page, and their queue. */
  async function loadMe() {
    const { status, data } = await client.request("GET", "/api/me");
    if (status === 200) store.update({ me: data });
  }

  /** j: the next document of the queue (the first started, else the first not started). */
  function nextDocument() {
    const next = store.state.me?.progress?.next;
    if (next) return documents.open(next);
    say(store.state.me?.progress ? "Nothing left in your queue." : "Your queue is shown to annotators.");
  }

  /**
   * The answer to a curation step: the gold document and the decisions, the focus on an open one.
   * @param {{ document: import("./types.js").Doc, curation: Curation }} data
   * @param {number} from
   * @param {string} message
   */
  function arrivedCuration(data, from, message) {
    const curation = data.curation;
    const open = curation.decisions[from] && !curation.decisions[from].taken ? from : nextOpen(curation, from, 1);
    store.update({
      ...documents.arrived(data.document), curation: { ...curation, focus: open }, review: null, suggestions: [],
      focus: -1, selected: null, message, offer: null,
    });
    if (open >= 0) effects.showDecision(open);
  }

  /** u: curation on (the agreed annotation put into an empty gold file first), or off. */
  async function toggle() {
    const { id, doc, curation } = store.state;
    if (!id || !doc) return;
    if (curation) { store.update({ curation: null, message: "Curation closed.", offer: null }); return; }
    const { status, data } = await client.request("POST", documentPath(id, "curation"), { body: { start: true }, version: doc.version });
    if (status !== 200) return say(data.error.message);
    const open = data.curation.open;
    arrivedCuration(data, -1, `Curating ${id} between ${data.curation.annotators.join(" and ")}: ${open} decision(s) open. a / b take a side, n / N move, u closes.`);
  }

  /**
   * a / b: the focused decision settled with that annotator's version.
   * @param {"a" | "b"} side
   * @param {number} [index] a decision other than the focused one (its button)
   */
  async function take(side, index) {
    const { id, doc, curation } = store.state;
    if (!id || !doc || !curation) return;
    const at = index ?? curation.focus;
    const decision = curation.decisions[at];
    if (!decision) return say("No decision is focused; n goes to the next open one.");
    const { status, data } = await client.request("POST", documentPath(id, "curation"), { body: { key: decision.key, side }, version: doc.version });
    if (status === 409) { await documents.open(id); return say(`${data.error.message} — reloaded; press u to curate again.`); }
    if (status !== 200) return say(data.error.message);
    const name = curation.annotators[side === "a" ? 0 : 1];
    arrivedCuration(data, at, `#${at + 1} ${decision.kind}: ${name}'s version taken; ${data.curation.open} open.`);
  }

  /**
   * n / N in curation.
   * @param {number} direction
   */
  function step(direction) {
    const c = store.state.curation;
    if (!c) return;
    const i = nextOpen(c, c.focus, direction);
    if (i < 0) return say("Every decision is settled: mark the document gold when it is right.");
    store.update({ curation: { ...c, focus: i } });
    effects.showDecision(i);
  }

  /**
   * A decision's mark clicked: that decision focused.
   * @param {number} index
   */
  function focusDecision(index) {
    const c = store.state.curation;
    if (c && c.decisions[index]) store.update({ curation: { ...c, focus: index } });
  }

  return { loadMe, nextDocument, toggle, take, step, focusDecision };
}

/** @typedef {ReturnType<typeof createTeam>} Team */
