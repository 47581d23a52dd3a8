// @ts-check
// Everything around the article but the document list (render-documents.js): the title, the status
// button, the entity types' buttons, the message line (with Realign for a stale document), the keys.

import { actionButton, byId } from "./dom.js";
import { KEY_LIST, typeKeys } from "./keys.js";

/** @typedef {import("./types.js").State} State */
/**
 * @typedef {{ open(id: string): unknown, realign(offer: import("./types.js").RealignOffer): unknown,
 *   typeKey(type: string): unknown }} ChromeActions
 */

/**
 * The title, the status button (never empty), the entity types' buttons with their keys.
 * @param {State} state
 * @param {ChromeActions} actions
 */
export function renderHeader(state, actions) {
  const doc = state.doc;
  byId("title").textContent = doc ? doc.id : "Choose a document";
  const status = byId("status");
  status.hidden = !doc;
  status.textContent = doc && doc.annotation.status === "gold" ? "Back to draft" : "Mark gold";
  // A gold document says so before the first change.
  byId("gold-note").hidden = !doc || doc.annotation.status !== "gold";
  const bar = byId("types");
  bar.replaceChildren();
  if (!doc) return;
  // The legend: each type with its key and how many mentions it has.
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const e of doc.annotation.entities) counts.set(e.type, (counts.get(e.type) || 0) + e.mentions.length);
  for (const [key, type] of typeKeys(doc.types)) {
    const button = actionButton(`${type} (${key}) · ${counts.get(type) || 0}`, () => actions.typeKey(type), "type");
    button.dataset.type = type;
    button.dataset.key = key;
    button.setAttribute("aria-keyshortcuts", key);
    button.setAttribute("aria-label", type);
    bar.append(button);
  }
}

/**
 * The message line; for a stale document, the Realign button, focused.
 * @param {State} state
 * @param {ChromeActions} actions
 */
export function renderMessage(state, actions) {
  const message = byId("message");
  message.replaceChildren(state.message);
  const offer = state.offer;
  if (!offer) return;
  const button = actionButton(`Realign ${offer.id}`, () => actions.realign(offer), "");
  button.id = "realign";
  message.append(button);
  button.focus();
}

/**
 * The ? overlay: every key.
 * @param {State} state
 */
export function renderKeys(state) {
  const overlay = byId("keys");
  const wasOpen = !overlay.hidden;
  overlay.hidden = !state.keysOpen;
  if (!state.keysOpen || wasOpen) return;
  const list = byId("key-list");
  list.replaceChildren();
  for (const [key, does] of KEY_LIST) {
    const dt = document.createElement("dt");
    dt.textContent = key;
    const dd = document.createElement("dd");
    dd.textContent = does;
    list.append(dt, dd);
  }
  byId("keys-close").focus();
}
