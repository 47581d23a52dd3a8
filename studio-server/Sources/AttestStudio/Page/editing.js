// @ts-check
// The edits the page sends: each is a verb of the editing service (what `attest entity`, `quote`,
// `edit-quote`, `remove`, `rename`, `move`, `split-entity`, `merge-entities`, `retype` do). The server
// gives the ids, fills speaker entities and removes emptied entities.

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Excerpt} Excerpt */
/** @typedef {import("./types.js").Selected} Selected */

/** A quote's kinds, in the order k goes through them (and the Kind control lists them). */
export const QUOTE_KINDS = ["direct", "indirect", "mixed"];

/** @param {Excerpt} x */
const excerpt = (x) => ({ start: x.start, end: x.end, text: x.text });

/**
 * The edit that adds mentions of a type (the server finds the entity of that type and name, or makes one).
 * @param {Excerpt[]} spans
 * @param {string} type
 */
export function mentionEdits(spans, type) {
  return [{ op: "annotate", type, spans: spans.map(excerpt) }];
}

/**
 * The selected quote, from its id (a quote is selected by its content).
 * @param {State} state
 * @param {string} quote
 * @returns {Selected | null}
 */
export function quoteSelection(state, quote) {
  const q = state.doc ? state.doc.annotation.quotes.find((x) => x.id === quote) : null;
  return q ? { id: q.id, kind: "quote", part: "content", start: q.content.start, end: q.content.end } : null;
}

/**
 * @param {import("./store.js").Store} store
 * @param {import("./documents.js").Documents} documents
 * @param {import("./documents.js").Effects} effects
 */
export function createEditing(store, documents, effects) {
  const { send, say } = documents;
  const annotation = () => store.state.doc?.annotation;

  /**
   * After a change from the quote panel, the quote stays selected.
   * @param {string} quote
   */
  const keepQuote = (quote) => {
    const selected = quoteSelection(store.state, quote);
    store.update({ selected, activeQuote: selected || store.state.activeQuote });
  };

  /**
   * The entity a mention belongs to.
   * @param {string} mention
   */
  const ownerOf = (mention) => annotation()?.entities.find((e) => e.mentions.some((m) => m.id === mention));

  /**
   * A type's key: a mention of that type from the selection; on a selected mention, a retype.
   * @param {string} type
   */
  async function typeKey(type) {
    const span = effects.readSelection();
    if (span) {
      effects.clearSelection();
      return send(mentionEdits([span], type), `${type} “${span.text}” added`);
    }
    const s = store.state.selected;
    if (s && s.kind === "mention") {
      const entity = ownerOf(s.id);
      if (entity && entity.type !== type) return send([{ op: "retype", entity: entity.id, type }], `${entity.id} is now ${type}`);
      if (entity) return say(`${entity.id} is already ${type}.`);
    }
    say("Select text first (drag, or Shift+arrows in the article).");
  }

  /**
   * q: a quote of the toolbar's kind from the selection; it is then selected for its speaker and cue.
   * @param {string} kind
   */
  async function quoteKey(kind) {
    const span = effects.readSelection();
    if (!span) return say("Select the quote's content first.");
    effects.clearSelection();
    const ok = await send([{ op: "quote", kind, content: excerpt(span) }], "quote added");
    const made = ok && annotation()?.quotes.find((q) => q.content.start === span.start && q.content.end === span.end);
    if (made) {
      keepQuote(made.id);
      say(`quote ${made.id} added (${kind}): now select its speaker and press s, its cue and press c; change its kind in the Selected panel`);
    }
  }

  /**
   * s or c: the selection (or a mention clicked after the quote) becomes the quote's speaker or cue.
   * The quote is the one in the panel (the last selected), never a mark under the mouse.
   * @param {"speaker" | "cue"} part
   */
  async function partKey(part) {
    let s = store.state.selected;
    let span = effects.readSelection();
    const active = store.state.activeQuote;
    if (!span && s && s.kind === "mention" && active) {
      span = { start: s.start, end: s.end, text: store.state.chars.slice(s.start, s.end).join("") };
      s = active;
    } else if (span && active && (!s || s.kind !== "quote")) s = active;
    if (!s || s.kind !== "quote" || !span) return say("Select a quote (click it), then select text (or click a mention) and press s or c.");
    effects.clearSelection();
    const quote = s.id;
    const ok = await send([{ op: part === "speaker" ? "set-speaker" : "set-cue", quote, [part]: excerpt(span) }], `${part} of ${quote} set`);
    if (ok) keepQuote(quote);
  }

  /**
   * @param {string} quote
   * @param {"speaker" | "cue"} part
   */
  async function removePart(quote, part) {
    const ok = await send([{ op: part === "speaker" ? "set-speaker" : "set-cue", quote, [part]: null }], `${part} of ${quote} removed`);
    if (ok) keepQuote(quote);
  }

  /** Delete: on a quote's speaker or cue, only that part; on its content, the quote; a mention. */
  async function removeSelected() {
    const s = store.state.selected;
    if (!s || s.kind === "review") return;
    if (s.kind === "quote" && (s.part === "speaker" || s.part === "cue")) return removePart(s.id, s.part);
    const fresh = { selected: null, activeQuote: s.kind === "quote" ? null : store.state.activeQuote };
    await send([{ op: "remove", ids: [s.id] }], `${s.id} removed`, fresh);
  }

  /**
   * @param {string} quote
   * @param {string} kind
   */
  async function setKind(quote, kind) {
    if (await send([{ op: "set-quote-kind", quote, kind }], `${quote} is now ${kind}`)) keepQuote(quote);
  }

  /** k: the selected (or last selected) quote's next kind. */
  async function nextKind() {
    const s = store.state.selected;
    const quote = s && s.kind === "quote" ? s : store.state.activeQuote;
    const q = quote ? annotation()?.quotes.find((x) => x.id === quote.id) : undefined;
    if (!q) return say("Select a quote (click it), then press k to change its kind.");
    return setKind(q.id, QUOTE_KINDS[(QUOTE_KINDS.indexOf(q.kind) + 1) % QUOTE_KINDS.length]);
  }

  /**
   * How a pronoun speaker is attributed: the entity, without touching the speaker span.
   * @param {string} quote
   * @param {string} entity
   */
  async function setSpeakerEntity(quote, entity) {
    const what = entity ? `${quote} attributed to ${entity}` : `${quote} has no speaker entity`;
    if (await send([{ op: "set-speaker-entity", quote, entity: entity || null }], what)) keepQuote(quote);
  }

  /** @param {string} quote */
  const removeQuote = (quote) => send([{ op: "remove", ids: [quote] }], `${quote} removed`, { selected: null, activeQuote: null });

  /**
   * @param {string} entity
   * @param {string} name
   */
  async function rename(entity, name) {
    if (!name.trim()) return;
    await send([{ op: "rename", entity, name: name.trim() }], `${entity} renamed`, { renaming: null });
  }

  /**
   * @param {string} mention
   * @param {string} entity
   */
  const split = (mention, entity) => {
    const m = ownerOf(mention)?.mentions.find((x) => x.id === mention);
    return send([{ op: "split-entity", entity, mentions: [mention], name: m ? m.text : mention }], `${mention} split off ${entity} into an entity of its own`);
  };

  /**
   * The verb attest move runs: quotes the mention speaks follow it; an emptied entity goes.
   * @param {string} mention
   * @param {string} entity
   */
  const move = (mention, entity) => send([{ op: "move", mentions: [mention], entity }], `${mention} moved to ${entity}`);

  /**
   * @param {string} source
   * @param {string} target
   */
  const merge = (source, target) => send([{ op: "merge-entities", target, sources: [source] }], `${source} merged into ${target}`);

  return {
    typeKey, quoteKey, partKey, removePart, removeSelected, setKind, nextKind, setSpeakerEntity, removeQuote,
    rename, split, move, merge,
    /** @param {string | null} entity */
    startRename: (entity) => store.update({ renaming: entity }),
  };
}

/** @typedef {ReturnType<typeof createEditing>} Editing */
