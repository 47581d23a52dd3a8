// @ts-check
// The renderers, called with the state after every change: each part of the page is redrawn when
// what it draws changed. The article redraws only the lines whose marks changed.

import { byId } from "./dom.js";
import { highlight, renderArticle } from "./render-article.js";
import { renderHeader, renderKeys, renderMessage } from "./render-chrome.js";
import { createDocumentList } from "./render-documents.js";
import { renderSide } from "./render-side.js";
import { renderCuration, renderUser } from "./render-team.js";
import { restoreSelection, saveSelection } from "./selection.js";

/** @typedef {import("./types.js").State} State */

/**
 * @param {import("./store.js").Store} store
 * @param {ReturnType<typeof import("./store.js").createTimings>} timings
 * @param {import("./render-quotes.js").Actions & { chrome: import("./render-chrome.js").ChromeActions,
 *   team: { take(side: "a" | "b", index?: number): unknown } }} actions
 */
export function createView(store, timings, actions) {
  const article = byId("article");
  /** @type {import("./render-article.js").Drawn | null} */
  let drawn = null;
  /** @type {string | null} the document drawn */
  let drawnId = null;
  /** What the quote list was drawn from. */
  const quotesDrawn = { key: /** @type {unknown[] | null} */ (null) };
  /**
   * @param {Set<string>} changed
   * @param {string[]} names
   */
  const any = (changed, names) => names.some((n) => changed.has(n));
  const documentList = createDocumentList(actions.chrome);

  store.subscribe((state, changed) => {
    if (any(changed, ["documents", "documentFilter", "id"])) documentList.render(state);
    if (any(changed, ["doc", "id"])) renderHeader(state, actions.chrome);
    let opened = false;
    if (changed.has("me")) renderUser(state);
    if (any(changed, ["doc", "suggestions", "review", "curation"])) {
      const started = performance.now();
      // Another document just opened has no selection in it to keep (the same one reloaded does).
      const kept = drawn && drawnId === state.id ? saveSelection(article) : null;
      // A change the server described, and nothing else drawn in the article changed with it.
      const edited = any(changed, ["suggestions", "review", "curation"]) ? null : state.edited;
      const result = renderArticle(article, state, drawn, edited);
      restoreSelection(article, kept);
      drawn = result.drawn;
      drawnId = state.id;
      highlight(article, state);
      timings.record({ what: "render", ms: performance.now() - started, full: result.full });
      opened = result.full;
    } else if (any(changed, ["selected", "focus"])) highlight(article, state);
    if (changed.has("curation")) renderCuration(state, actions.team);
    if (any(changed, ["doc", "selected", "review", "findings", "quoteFilter", "entityFilter", "renaming"])) {
      const side = () => {
        const started = performance.now();
        renderSide(store.state, actions, quotesDrawn);
        timings.record({ what: "side", ms: performance.now() - started });
      };
      // A document just opened: the article first, the side panels (a long quote list) in the frame
      // after it is painted; a change afterwards redraws both at once.
      if (opened) requestAnimationFrame(() => requestAnimationFrame(side));
      else side();
    }
    if (any(changed, ["message", "offer"])) renderMessage(state, actions.chrome);
    if (changed.has("keysOpen")) renderKeys(state);
  });

}
