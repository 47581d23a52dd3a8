// @ts-check
// What the page does beyond drawing the state: the reader's selection read and cleared, the focus
// moved to a mark, a suggestion scrolled into view.

import { focusMark } from "./render-article.js";
import { clearSelection, selectedSpan } from "./selection.js";

/**
 * @param {HTMLElement} article
 * @param {() => string[]} chars the article's code points now
 * @returns {import("./documents.js").Effects}
 */
export function createEffects(article, chars) {
  return {
    readSelection: () => selectedSpan(article, chars()),
    clearSelection,
    focusMark(id) {
      const mark = article.querySelector(`mark[data-id="${CSS.escape(id)}"]`);
      if (mark instanceof HTMLElement) focusMark(article, mark);
    },
    showSuggestion(index) {
      article.querySelector(`mark.suggestion[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
    },
  };
}
