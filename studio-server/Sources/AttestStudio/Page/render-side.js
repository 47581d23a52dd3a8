// @ts-check
// The side panels: what is selected, the diagnostics (and what realignment asks to check), the
// entities with what can be done to them.

import { actionButton, bdi, byId, keyedList } from "./dom.js";
import { renderQuoteList, renderQuotePanel } from "./render-quotes.js";
import { renderReview } from "./render-review.js";
import { visible } from "./text.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./render-quotes.js").Actions} Actions */

/**
 * @param {State} state
 * @param {Actions} actions
 * @param {{ key: unknown[] | null }} quotesDrawn what the quote list was drawn from (`renderQuoteList`)
 */
export function renderSide(state, actions, quotesDrawn) {
  renderDiagnostics(byId("diagnostics"), state);
  renderQuoteList(byId("quotes"), byId("quote-count"), state, actions, quotesDrawn);
  renderEntities(byId("entities"), state, actions);
  renderReview(byId("review-panel"), state.review);
  renderSelected(byId("selected"), state, actions);
}

/**
 * @param {HTMLElement} list
 * @param {State} state
 */
function renderDiagnostics(list, state) {
  list.replaceChildren();
  // What realignment could not carry across with certainty, each focusable.
  for (const f of state.findings) {
    const li = document.createElement("li");
    li.className = "warning finding";
    li.tabIndex = 0;
    li.textContent = `check: ${f}`;
    list.append(li);
  }
  const diagnostics = state.doc ? state.doc.diagnostics : [];
  for (const d of diagnostics) {
    const li = document.createElement("li");
    li.className = d.severity;
    li.textContent = `${d.severity}: ${d.message} [${d.rule}]`;
    list.append(li);
  }
  if (!diagnostics.length && !state.findings.length) {
    const li = document.createElement("li");
    li.textContent = "None.";
    list.append(li);
  }
}

/**
 * The entities, by name, filterable; with a mention selected: split it off, move it here (entities
 * of its type only: a move never retypes), merge its entity into another.
 * @param {HTMLElement} list
 * @param {State} state
 * @param {Actions} actions
 */
function renderEntities(list, state, actions) {
  if (!state.doc) { list.replaceChildren(); return; }
  const entities = state.doc.annotation.entities;
  const s = state.selected;
  const owner = s && s.kind === "mention" ? entities.find((e) => e.mentions.some((m) => m.id === s.id)) || null : null;
  const wanted = state.entityFilter.trim().toLowerCase();
  const shown = entities.filter((e) => !wanted || `${e.name} ${e.type} ${e.id}`.toLowerCase().includes(wanted));
  keyedList(list, shown.map((e) => {
    // What the item offers with a mention selected: split it off its own entity; move it to, or
    // merge its entity into, an entity of its type (a move never retypes).
    const offers = !s || !owner ? "" : owner.id === e.id ? (e.mentions.length > 1 ? "split" : "") : owner.type === e.type ? "move" : "";
    const renaming = state.renaming === e.id;
    return {
      key: e.id,
      signature: JSON.stringify([e.type, e.name, e.mentions.length, renaming, offers, offers && s ? s.id : "", offers === "move" && owner ? owner.name : ""]),
      build: () => entityItem(e, renaming, offers, s, owner, actions.editing),
    };
  }));
}

/**
 * @param {import("./types.js").Entity} e
 * @param {boolean} renaming
 * @param {string} offers "split", "move" or ""
 * @param {import("./types.js").Selected | null} s
 * @param {import("./types.js").Entity | null} owner the selected mention's entity
 * @param {import("./editing.js").Editing} editing
 */
function entityItem(e, renaming, offers, s, owner, editing) {
  const li = document.createElement("li");
  li.dataset.entity = e.id;
  if (renaming) { li.append(renameField(e, editing)); return li; }
  const label = document.createElement("span");
  label.append(`${e.type} “`, bdi(e.name), `” ${e.id} (${e.mentions.length}) `);
  li.append(label);
  li.append(actionButton("Rename", () => editing.startRename(e.id)));
  if (s && offers === "split") li.append(actionButton("Split off the selected mention", () => editing.split(s.id, e.id)));
  if (s && owner && offers === "move") {
    li.append(actionButton("Move here", () => editing.move(s.id, e.id)));
    li.append(actionButton(`Merge “${visible(owner.name)}” into this`, () => editing.merge(owner.id, e.id)));
  }
  return li;
}

/**
 * @param {import("./types.js").Entity} entity
 * @param {import("./editing.js").Editing} editing
 */
function renameField(entity, editing) {
  const input = document.createElement("input");
  input.id = "rename";
  input.value = entity.name;
  input.setAttribute("aria-label", `New name of ${entity.id}`);
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && input.value.trim()) editing.rename(entity.id, input.value);
    if (ev.key === "Escape") editing.startRename(null);
  });
  queueMicrotask(() => { input.focus(); input.select(); });
  return input;
}

/**
 * The Selected panel (a live region): a quote's panel, or what the selected mark is.
 * @param {HTMLElement} panel
 * @param {State} state
 * @param {Actions} actions
 */
function renderSelected(panel, state, actions) {
  const s = state.selected;
  if (!s || !state.doc) { panel.textContent = "Nothing selected."; return; }
  const a = state.doc.annotation;
  const quote = s.kind === "quote" ? a.quotes.find((q) => q.id === s.id) : null;
  if (quote) return renderQuotePanel(panel, state, quote, actions);
  panel.replaceChildren();
  const line = document.createElement("div");
  const entity = s.kind === "mention" ? a.entities.find((e) => e.mentions.some((m) => m.id === s.id)) : null;
  line.append(`${s.kind} ${s.id} [${s.start},${s.end}) “`, bdi(state.chars.slice(s.start, s.end).join("")), "”");
  if (entity) line.append(` — ${entity.type} `, bdi(entity.name), ` (${entity.mentions.length} mention(s))`);
  if (s.title) line.append(` — ${s.title}`);
  panel.append(line);
}
