// @ts-check
// The document in hand: listing, opening, realigning, sending edits (with the 409 re-apply),
// undo and redo, status. Every change of what the page shows goes through the store.

import { documentPath } from "./api.js";
import { changedSpans, patchAnnotation } from "./changes.js";
import { codePoints, lineStarts, unitOffsets } from "./text.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Doc} Doc */

/**
 * What the page does beyond drawing the state: moving the focus, reading the reader's selection.
 * @typedef {ReturnType<typeof import("./effects.js").createEffects>} Effects
 */

/**
 * @param {import("./store.js").Store} store
 * @param {import("./api.js").Client} client
 * @param {ReturnType<typeof import("./store.js").createTimings>} timings
 */
export function createDocuments(store, client, timings) {
  /** The time of the key press (or click) that started the change being sent. */
  let keyAt = /** @type {number | undefined} */ (undefined);

  /** @param {string} message */
  const say = (message) => store.update({ message, offer: null });

  /**
   * The fields that change when a document arrives; the text's code points only when the text changed.
   * @param {Doc} doc
   * @returns {Partial<State>}
   */
  function arrived(doc) {
    const s = store.state;
    // A change's answer leaves the article out (?text=omit): a change never alters it.
    if (s.doc && doc.text === undefined) return { doc: { ...doc, text: s.doc.text } };
    if (s.doc && s.doc.text === doc.text) return { doc };
    const chars = codePoints(doc.text);
    return { doc, chars, units: unitOffsets(chars), lines: lineStarts(chars) };
  }

  /**
   * The fresh state of a document just opened.
   * @param {string} id
   * @param {Doc} doc
   */
  const opened = (id, doc) => ({
    ...arrived(doc), id, selected: null, activeQuote: null, suggestions: [], focus: -1, review: null,
    renaming: null, findings: [], curation: null,
  });

  /** @param {Promise<import("./api.js").Answer>} [asked] the answer to a request already sent */
  async function loadList(asked) {
    const { status, data } = await (asked || client.request("GET", "/api/documents"));
    if (status !== 200) return say(data.error.message);
    store.update({ documents: data.documents });
  }

  /**
   * @param {string} id
   * @param {Promise<import("./api.js").Answer>} [asked] the answer to a request already sent
   */
  async function open(id, asked) {
    const started = performance.now();
    const { status, data } = await (asked || client.request("GET", documentPath(id)));
    if (status === 409 && data.error.code === "stale") {
      store.update({ message: `${id}: ${data.error.message}. `, offer: { id, error: data.error } });
      return;
    }
    if (status !== 200) return say(data.error.message);
    store.update({ ...opened(id, data), message: "", offer: null });
    timings.record({ what: "open", ms: performance.now() - started });
    // The list again, for what others changed meanwhile (not waited for: the article is drawn); not
    // when the document came inside the page, with a list just as fresh.
    if (!asked) loadList();
  }

  /**
   * A stale document (its article edited since it was annotated): the annotations are carried across
   * by the API's realign (what `attest realign` does); then the spans to check are listed.
   * @param {import("./types.js").RealignOffer} offer
   */
  async function realign(offer) {
    const { status, data } = await client.request("POST", documentPath(offer.id, "realign"), { version: offer.error.version });
    if (status !== 200) return say(data.error.message);
    /** @type {string[]} */
    const findings = data.findings || [];
    store.update({
      ...opened(offer.id, data), findings, offer: null,
      message: findings.length ? `Realigned: ${findings.length} span(s) to check, listed under Diagnostics.` : "Realigned: every annotation was carried across exactly.",
    });
    await loadList();
  }

  /**
   * The current document's line in the list, from the document in hand (no request): made with the
   * change it follows, so the page draws once.
   * @param {Doc | null | undefined} given the document as it now is (the one in hand when not given)
   */
  function listEntryPatch(given) {
    const { id, documents } = store.state;
    const doc = given || store.state.doc;
    if (!doc) return {};
    const a = doc.annotation;
    const mentions = a.entities.reduce((n, e) => n + e.mentions.length, 0);
    return { documents: documents.map((d) => (d.id === id ? { ...d, status: a.status, mentions, quotes: a.quotes.length, stale: false } : d)) };
  }

  /**
   * Sends edits on the version the page shows; the round trip is timed from the key press (or click)
   * to the marks redrawn. On 409 (changed elsewhere) the newer version is loaded and the same change
   * sent once more on it: nothing typed is lost; a change that no longer applies is named with why.
   * @param {object[]} edits
   * @param {string} what
   * @param {Partial<State>} [after] fields to set with the answer (a selection kept, suggestions left)
   * @returns {Promise<boolean>}
   */
  async function send(edits, what, after = {}, retried = false) {
    const started = keyAt !== undefined ? keyAt : performance.now();
    keyAt = undefined;
    const { id, doc } = store.state;
    if (!id || !doc) return false;
    // The answer says what changed (`changes=1`), patched here into the annotation the page holds.
    const { status, data } = await client.request("POST", `${documentPath(id, "edits")}?text=omit&changes=1`, { body: edits, version: doc.version });
    if (status === 200) {
      const answered = performance.now();
      const notes = data.notes && data.notes.length ? " — " + data.notes.join("; ") : "";
      const { changes, ...rest } = data;
      const annotation = changes ? patchAnnotation(doc.annotation, changes) : data.annotation;
      if (!annotation) {
        // Not the version the server changed (cannot happen while the versions agree): the whole document again.
        await open(id);
        say(`${what}${notes}`);
        return true;
      }
      const fields = arrived({ ...rest, annotation });
      const edited = changes && fields.doc ? { from: doc, to: fields.doc, spans: changedSpans(doc.annotation, changes, annotation) } : null;
      store.update({ ...fields, ...after, ...listEntryPatch(fields.doc), edited, message: `${what}${notes}`, offer: null });
      const drawn = performance.now();
      timings.record({ what: "edit", ms: drawn - started, request: answered - started, redraw: drawn - answered });
      return true;
    }
    if (status === 409 && !retried) {
      const { suggestions, focus, extractor } = store.state;
      await open(id);
      // What was on screen besides the document stays: the suggestions still to decide.
      store.update({ suggestions, focus, extractor });
      const again = await send(edits, what, after, true);
      if (again) say(`${what} — the document had changed elsewhere: reloaded the newer version and applied your change on it`);
      return again;
    }
    const details = (data.error.diagnostics || []).map((/** @type {{ message: string }} */ d) => d.message).join("; ");
    const why = `${data.error.message}${details ? " — " + details : ""}`;
    say(retried
      ? `The document had changed elsewhere and was reloaded; your change (${what}) no longer applies: ${why}. Make it again if you still want it.`
      : `Not saved: ${why}`);
    return false;
  }

  /**
   * Undo and redo name the version the page shows: a change made elsewhere meanwhile is never undone unseen.
   * @param {"undo" | "redo"} which
   */
  async function reverse(which) {
    const { id, doc } = store.state;
    if (!id || !doc) return;
    const { status, data } = await client.request("POST", documentPath(id, which), { version: doc.version });
    const done = which === "undo" ? data.undone : data.redone;
    if (status === 200 && data.text !== undefined) {
      const fields = arrived(data);
      store.update({ ...fields, ...listEntryPatch(fields.doc), review: null, message: `${which === "undo" ? "undid" : "redid"} ${done}`, offer: null });
      return;
    }
    if (status === 409 && data.error && data.error.code === "conflict") {
      await open(id);
      return say(`${data.error.message} — reloaded the newer version.`);
    }
    say(data.error ? data.error.message : which);
  }

  /** Gold means valid: the server refuses gold with the diagnostics, shown here. */
  async function toggleStatus() {
    const { id, doc } = store.state;
    if (!id || !doc) return;
    const next = doc.annotation.status === "gold" ? "draft" : "gold";
    const { status, data } = await client.request("PUT", documentPath(id, "status"), { body: { status: next }, version: doc.version });
    if (status !== 200) {
      const details = (data.error.diagnostics || []).map((/** @type {{ message: string }} */ d) => d.message).join("; ");
      return say(`${data.error.message}${details ? " — " + details : ""}`);
    }
    store.update({ ...arrived(data), message: `status ${next}`, offer: null });
    await loadList();
  }

  return {
    say, loadList, open, realign, send, toggleStatus, arrived,
    undo: () => reverse("undo"),
    redo: () => reverse("redo"),
    /** Marks the start of a change from a key press (the edit's timing starts here). */
    keyPressed() { keyAt = performance.now(); },
  };
}

/** @typedef {ReturnType<typeof createDocuments>} Documents */
