// @ts-check
// The selected quote's panel (everything a quote has, each part editable) and the list of every quote.

import { actionButton, bdi, choice, keyedList } from "./dom.js";
import { QUOTE_KINDS } from "./editing.js";
import { visible } from "./text.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Quote} Quote */
/** @typedef {{ editing: import("./editing.js").Editing, navigation: import("./navigation.js").Navigation }} Actions */

/**
 * What a quote lacks, as the list and its filter name it.
 * @param {Quote} q
 */
export function lacks(q) {
  const out = [];
  if (!q.speaker) out.push("no speaker");
  if (!q["speaker-entity"]) out.push("no speaker entity");
  if (!q.cue) out.push("no cue");
  return out;
}

/**
 * The quote panel: content; Kind; speaker span (Remove speaker); Speaker entity (how a pronoun
 * speaker is attributed, without touching the span); cue (Remove cue); Remove quote.
 * @param {HTMLElement} panel
 * @param {State} state
 * @param {Quote} q
 * @param {Actions} actions
 */
export function renderQuotePanel(panel, state, q, actions) {
  const a = state.doc ? state.doc.annotation : { entities: [] };
  panel.replaceChildren();
  /**
   * @param {string} label
   * @param {import("./types.js").Excerpt | null | undefined} excerpt
   */
  const part = (label, excerpt) => {
    const row = document.createElement("div");
    row.className = "quote-part";
    row.append(`${label}: `);
    if (excerpt) row.append("“", bdi(excerpt.text), `” [${excerpt.start},${excerpt.end})`);
    else row.append("none");
    panel.append(row);
    return row;
  };
  const head = document.createElement("div");
  head.append(`quote ${q.id}`);
  panel.append(head);
  part("Content", q.content);

  const kindRow = document.createElement("label");
  kindRow.className = "quote-part";
  const kind = choice("quote-kind", "Kind", QUOTE_KINDS.map((k) => [k, k]), q.kind, (k) => actions.editing.setKind(q.id, k));
  kind.setAttribute("aria-keyshortcuts", "k");
  kindRow.append("Kind (k) ", kind);
  panel.append(kindRow);

  const speaker = part("Speaker", q.speaker);
  if (q.speaker) speaker.append(" ", actionButton("Remove speaker", () => actions.editing.removePart(q.id, "speaker")));

  /** @type {[string, string][]} */
  const entities = [["", "none"], ...[...a.entities].sort((x, y) => x.name.localeCompare(y.name))
    .map((e) => /** @type {[string, string]} */ ([e.id, `${visible(e.name)} (${e.type}, ${e.id})`]))];
  const whoRow = document.createElement("label");
  whoRow.className = "quote-part";
  whoRow.append("Speaker entity ", choice("speaker-entity", "Speaker entity", entities, q["speaker-entity"] || "", (e) => actions.editing.setSpeakerEntity(q.id, e)));
  panel.append(whoRow);

  const cue = part("Cue", q.cue);
  if (q.cue) cue.append(" ", actionButton("Remove cue", () => actions.editing.removePart(q.id, "cue")));
  const keys = document.createElement("div");
  keys.className = "quote-part";
  keys.append(actionButton("Remove quote", () => actions.editing.removeQuote(q.id)));
  keys.append(" s: speaker from the selection · c: cue from the selection · Delete on the speaker or cue removes only it");
  panel.append(keys);
}

/**
 * Every quote in document order, with what it lacks; click or Enter selects it in the article.
 * @param {HTMLElement} list
 * @param {HTMLElement} count
 * @param {State} state
 * @param {Actions} actions
 * @param {{ key: unknown[] | null }} drawn what the list was drawn from: when that is the same (the
 *   same quotes, as a change of mentions only leaves them, the same names, filter and selected
 *   quote), the list is left as it is rather than 2,000 items compared
 */
export function renderQuoteList(list, count, state, actions, drawn) {
  if (!state.doc) { list.replaceChildren(); drawn.key = null; return; }
  const a = state.doc.annotation;
  const selected = state.selected && state.selected.kind === "quote" ? state.selected.id : null;
  const key = [a.quotes, state.quoteFilter, selected, a.entities.map((e) => `${e.id}\u0000${e.name}`).join("\u0001")];
  if (drawn.key && key.every((k, i) => drawn.key && drawn.key[i] === k)) return;
  drawn.key = key;
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  const quotes = [...a.quotes].sort((x, y) => x.content.start - y.content.start);
  const shown = quotes.filter((q) => !state.quoteFilter || lacks(q).includes(state.quoteFilter));
  keyedList(list, shown.map((q) => {
    const entity = q["speaker-entity"];
    const who = entity ? names.get(entity) || entity : "—";
    const current = !!state.selected && state.selected.kind === "quote" && state.selected.id === q.id;
    return {
      key: q.id,
      signature: JSON.stringify([q, who, current]),
      build: () => quoteItem(q, who, current, actions),
    };
  }));
  count.textContent = `${shown.length} of ${quotes.length}`;
}

/**
 * One quote of the list: a button that selects it in the article.
 * @param {Quote} q
 * @param {string} who its speaker entity's name
 * @param {boolean} current
 * @param {Actions} actions
 */
function quoteItem(q, who, current, actions) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.className = "quote-item";
  b.dataset.quote = q.id;
  const missing = lacks(q);
  const text = q.content.text.length > 50 ? q.content.text.slice(0, 50) + "…" : q.content.text;
  b.append(`${q.id} · ${q.kind} · `, bdi(who), " · “", bdi(text), "”");
  if (q.cue) b.append(" · cue “", bdi(q.cue.text), "”");
  if (missing.length) b.append(` · ⚠ ${missing.join(", ")}`);
  b.setAttribute("aria-current", current ? "true" : "false");
  b.addEventListener("click", () => actions.navigation.jumpToQuote(q.id));
  li.append(b);
  return li;
}
