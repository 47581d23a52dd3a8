// @ts-check
// Small helpers to build the page's elements. Text from the files is only ever set as text, never
// parsed as HTML, and every name or text from the files is bidi-isolated.

import { visible } from "./text.js";

/**
 * An element of the page by id (the page's fixed skeleton, index.html).
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

/**
 * @param {string} id
 * @returns {HTMLInputElement}
 */
export function inputById(id) {
  return /** @type {HTMLInputElement} */ (byId(id));
}

/**
 * @param {string} id
 * @returns {HTMLSelectElement}
 */
export function selectById(id) {
  return /** @type {HTMLSelectElement} */ (byId(id));
}

/**
 * A name or text from the files: isolated, with its invisible characters made visible.
 * @param {string} text
 */
export function bdi(text) {
  const el = document.createElement("bdi");
  el.textContent = visible(text);
  return el;
}

/**
 * A button that does not take the focus from the article when clicked (so a selection survives).
 * @param {string} text
 * @param {() => unknown} action
 * @param {string} [className]
 */
export function actionButton(text, action, className = "entity-action") {
  const b = document.createElement("button");
  b.textContent = text;
  b.className = className;
  b.addEventListener("mousedown", (ev) => ev.preventDefault());
  b.addEventListener("click", () => { action(); });
  return b;
}

/**
 * A select of values; `label` is its accessible name.
 * @param {string} id
 * @param {string} label
 * @param {[string, string][]} options value, text
 * @param {string} value
 * @param {(value: string) => unknown} changed
 */
export function choice(id, label, options, value, changed) {
  const select = document.createElement("select");
  select.id = id;
  select.setAttribute("aria-label", label);
  for (const [v, text] of options) {
    const o = document.createElement("option");
    o.value = v;
    o.textContent = text;
    select.append(o);
  }
  select.value = value;
  select.addEventListener("change", () => { changed(select.value); });
  return select;
}

/**
 * Redraws a list keeping the items whose signature did not change (a long list of quotes or
 * entities costs an edit only the items that changed).
 * @param {HTMLElement} list
 * @param {{ key: string, signature: string, build: () => HTMLElement }[]} items in order
 */
export function keyedList(list, items) {
  /** @type {Map<string, HTMLElement>} */
  const old = new Map();
  for (const el of list.children) if (el instanceof HTMLElement && el.dataset.key !== undefined) old.set(el.dataset.key, el);
  items.forEach(({ key, signature, build }, i) => {
    const kept = old.get(key);
    let el = kept && kept.dataset.signature === signature ? kept : null;
    if (!el) {
      el = build();
      el.dataset.key = key;
      el.dataset.signature = signature;
      if (kept) kept.remove();
    }
    if (list.children[i] !== el) list.insertBefore(el, list.children[i] || null);
  });
  while (list.children.length > items.length) list.lastElementChild?.remove();
}
