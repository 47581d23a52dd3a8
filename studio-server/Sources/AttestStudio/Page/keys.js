// @ts-check
// The keyboard map: which key does what, as data (the ? overlay and the README list it) and as a
// pure function from a key press to the command it runs.

/** Every key, for the ? overlay and the README. */
export const KEY_LIST = [
  ["p, o, l, digits", "add a mention of that type from the selection; on a selected mention, retype it"],
  ["q", "add a quote from the selection (its kind: the toolbar's Quote kind; change it later in the Selected panel)"],
  ["s / c", "the selection (or a clicked mention) becomes the selected quote's speaker / cue"],
  ["k", "the selected quote's next kind (direct, indirect, mixed)"],
  ["Delete, Backspace", "remove the selected mention or quote; on a speaker or cue, only that part"],
  ["n / N", "focus the next / previous annotation"],
  ["Shift+Right / Shift+Left", "in the article: extend the selection by a word (a span from the keyboard)"],
  ["Right / Left", "in the article: move the caret by a word"],
  ["Escape", "clear the selection; close this list"],
  ["x", "ask the extractor for suggestions"],
  ["Enter / Shift+Enter / Backspace", "accept the focused suggestion / all of its type / reject it"],
  ["a type's key on a suggestion", "accept it with that type"],
  ["r", "review a prediction against this annotation"],
  ["j", "open the next document of your queue (an annotator's)"],
  ["u", "curate: the agreed annotation in place, each disagreement a decision (a curator's); u again closes it"],
  ["a / b (curating)", "take annotator A's / B's version of the focused decision"],
  ["n / N (curating)", "the next / previous open decision"],
  ["Ctrl+Z / Ctrl+Shift+Z, Ctrl+Y", "undo / redo"],
  ["?", "show or hide this list"],
];

/**
 * What the page knows when a key is pressed.
 * @typedef {{ key: string, shiftKey: boolean, ctrlKey: boolean, metaKey: boolean, altKey: boolean,
 *   inArticle: boolean, inField: boolean, singleKeys: boolean, reviewing: boolean, suggesting: boolean,
 *   typeKeys: Record<string, string>, curating?: boolean }} KeyContext
 */

/**
 * A command: its name and, for a type's key, the type.
 * @typedef {{ command: string, type?: string }} Command
 */

/**
 * The command a key runs, or null. Single keys act only in the article (or with nothing focused),
 * never in a field, and not at all when single-key shortcuts are off (WCAG 2.1.4).
 * @param {KeyContext} k
 * @returns {Command | null}
 */
export function commandFor(k) {
  if (k.key === "Escape" && !k.inField) return { command: "escape" };
  if (k.inField) return null;
  const control = k.ctrlKey || k.metaKey;
  if (control && !k.altKey && (k.key === "y" || (k.shiftKey && (k.key === "z" || k.key === "Z")))) return { command: "redo" };
  if (control && !k.altKey && k.key === "z") return { command: "undo" };
  if (control || k.altKey) return null;
  if (k.key === "?") return { command: "keys" };
  if (!k.inArticle) return null;
  if (k.key === "ArrowRight" || k.key === "ArrowLeft") {
    return { command: `${k.shiftKey ? "extend" : "move"}-${k.key === "ArrowRight" ? "forward" : "backward"}` };
  }
  const single = k.key.length === 1;
  if (single && !k.singleKeys) return null;
  if (k.key === "r") return { command: "review" };
  if (k.key === "j") return { command: "next-document" };
  if (k.key === "u") return { command: "curate" };
  if (k.curating && (k.key === "a" || k.key === "b")) return { command: `take-${k.key}` };
  if (k.curating && (k.key === "n" || k.key === "N")) return { command: k.key === "n" ? "next-decision" : "previous-decision" };
  if (k.reviewing) {
    if (k.key === "n" || k.key === "N") return { command: k.key === "n" ? "next" : "previous" };
    if (single || k.key === "Delete" || k.key === "Backspace" || k.key === "Enter") return { command: "review-only" };
    return null;
  }
  const type = k.typeKeys[k.key];
  if (type) return { command: "type", type };
  if (k.suggesting && k.key === "Enter") return { command: k.shiftKey ? "accept-all" : "accept" };
  if (k.suggesting && k.key === "Backspace") return { command: "reject" };
  /** @type {Record<string, string>} */
  const plain = { q: "quote", s: "speaker", c: "cue", k: "kind", x: "suggest", n: "next", N: "previous", Delete: "remove", Backspace: "remove" };
  return plain[k.key] ? { command: plain[k.key] } : null;
}

/**
 * The keys of the entity types, in the types' order: p, o, l for PERSON, ORG, LOC; digits for the others.
 * @param {string[]} types
 * @returns {[string, string][]} key, type
 */
export function typeKeys(types) {
  /** @type {Record<string, string>} */
  const named = { PERSON: "p", ORG: "o", LOC: "l" };
  let digit = 1;
  return types.map((type) => [named[type] || String(digit++), type]);
}
