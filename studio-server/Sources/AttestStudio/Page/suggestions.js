// @ts-check
// Suggestions of an extractor: shown with their type, focused one at a time, accepted (with their
// type or another), all of a type at once, or rejected (remembered beside the journal).

import { documentPath } from "./api.js";
import { mentionEdits } from "./editing.js";

/** @typedef {import("./types.js").Suggestion} Suggestion */
/** @typedef {import("./types.js").Excerpt} Excerpt */

/**
 * The edits that accept suggestions: mentions as attest entity adds them, a quote with its parts.
 * @param {Suggestion[]} list
 * @param {string} type
 */
export function suggestionEdits(list, type) {
  if (type !== "quote") return mentionEdits(list, type);
  /** @param {Excerpt | null | undefined} x */
  const part = (x) => (x ? { start: x.start, end: x.end, text: x.text } : undefined);
  return list.map((q) => ({ op: "quote", kind: q.kind, content: { start: q.start, end: q.end, text: q.text }, speaker: part(q.speaker), cue: part(q.cue) }));
}

/**
 * What the extractor answered, less what the annotation has: mentions on spans not yet annotated,
 * quotes not overlapping a quote's content; in text order.
 * @param {import("./types.js").Annotation} annotation
 * @param {{ mentions: Suggestion[], quotes?: { content: Excerpt, kind: string, speaker?: Excerpt | null, cue?: Excerpt | null }[] }} answer
 * @returns {Suggestion[]}
 */
export function newSuggestions(annotation, answer) {
  const taken = new Set(annotation.entities.flatMap((e) => e.mentions.map((m) => `${m.start}:${m.end}`)));
  const quoted = annotation.quotes.map((q) => q.content);
  /** @param {Excerpt} c */
  const overlapsQuote = (c) => quoted.some((q) => c.start < q.end && q.start < c.end);
  const quotes = (answer.quotes || [])
    .filter((q) => !overlapsQuote(q.content))
    .map((q) => ({ start: q.content.start, end: q.content.end, text: q.content.text, type: "quote", kind: q.kind, speaker: q.speaker, cue: q.cue }));
  return [...answer.mentions.filter((m) => !taken.has(`${m.start}:${m.end}`)), ...quotes].sort((x, y) => x.start - y.start || x.end - y.end);
}

/**
 * What the message line says of the focused suggestion.
 * @param {Suggestion} s
 * @param {number} index
 * @param {number} count
 */
export function describeSuggestion(s, index, count) {
  const what = s.type === "quote" ? `${s.kind} quote` : s.type;
  const parts = `${s.speaker ? `, speaker “${s.speaker.text}”` : ""}${s.cue ? `, cue “${s.cue.text}”` : ""}`;
  const keys = `Enter accepts${s.type === "quote" ? "" : ", a type's key accepts with that type"}, Backspace rejects.`;
  return `Suggestion ${index + 1} of ${count}: ${what} “${s.text}”${parts} — ${keys}`;
}

/**
 * @param {import("./store.js").Store} store
 * @param {import("./api.js").Client} client
 * @param {import("./documents.js").Documents} documents
 * @param {import("./documents.js").Effects} effects
 */
export function createSuggestions(store, client, documents, effects) {
  const { say, send } = documents;

  /**
   * Focuses the suggestion at `focus` of `list` and says it; or says none is left.
   * @param {Suggestion[]} list
   * @param {number} focus
   * @param {string} none
   */
  function focusOn(list, focus, none) {
    const s = list[focus];
    store.update({ suggestions: list, focus: s ? focus : -1, message: s ? describeSuggestion(s, focus, list.length) : none, offer: null });
    if (s) effects.showSuggestion(focus);
  }

  /**
   * x: a POST, since asking runs a program (never a GET another site could trigger).
   * @param {string} extractor
   */
  async function suggest(extractor) {
    const { id, doc } = store.state;
    if (!id || !doc) return;
    const { status, data } = await client.request("POST", `${documentPath(id, "suggestions")}?extractor=${encodeURIComponent(extractor)}`, { body: {} });
    if (status !== 200) return say(data.error.message);
    store.update({ extractor, review: null });
    focusOn(newSuggestions(doc.annotation, data), 0, `No suggestions left${data.rejected ? ` (${data.rejected} rejected before)` : ""}.`);
  }

  /**
   * Enter, or a type's key: the focused suggestion, with its type or the one given.
   * @param {string} [as]
   */
  async function accept(as) {
    const { suggestions, focus } = store.state;
    const s = suggestions[focus];
    if (!s) return;
    const type = as || s.type;
    const rest = suggestions.filter((_, i) => i !== focus);
    const what = `accepted ${type === "quote" ? `${s.kind} quote` : type} “${s.text}”${type !== s.type ? ` (suggested as ${s.type})` : ""}`;
    if (!(await send(suggestionEdits([s], type), what, { suggestions: rest, focus: rest.length ? Math.min(focus, rest.length - 1) : -1 }))) return;
    const now = store.state;
    if (now.focus >= 0) focusOn(now.suggestions, now.focus, "");
  }

  /** Shift+Enter: every suggestion of the focused one's type, as one change. */
  async function acceptAllOfType() {
    const { suggestions, focus } = store.state;
    const s = suggestions[focus];
    if (!s) return;
    const chosen = suggestions.filter((x) => x.type === s.type);
    const rest = suggestions.filter((x) => x.type !== s.type);
    await send(suggestionEdits(chosen, s.type), `accepted ${chosen.length} ${s.type} suggestion(s)`, { suggestions: rest, focus: rest.length ? 0 : -1 });
  }

  /** Backspace: rejected, and remembered per document and extractor, so it is not offered again. */
  async function reject() {
    const { id, suggestions, focus, extractor } = store.state;
    const s = suggestions[focus];
    if (!s || !id) return;
    const body = { extractor: extractor || "baseline", start: s.start, end: s.end, type: s.type };
    const { status, data } = await client.request("POST", documentPath(id, "rejections"), { body });
    if (status !== 200) return say(`Not rejected: ${data.error.message}`);
    const rest = suggestions.filter((_, i) => i !== focus);
    focusOn(rest, Math.min(focus, rest.length - 1), `Rejected ${s.type} “${s.text}”; no suggestions left.`);
  }

  /**
   * A click on a suggestion focuses it.
   * @param {number} index
   */
  const focus = (index) => focusOn(store.state.suggestions, index, "");

  return { suggest, accept, acceptAllOfType, reject, focus };
}

/** @typedef {ReturnType<typeof createSuggestions>} Suggestions */
