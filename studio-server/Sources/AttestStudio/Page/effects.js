// @ts-check
// What the page does beyond drawing the state: the reader's selection read and cleared, the focus
// moved to a mark, a suggestion scrolled into view.

import { focusMark } from "./render-article.js";
import { caretByWord, clearSelection, selectedSpan } from "./selection.js";

/**
 * @param {HTMLElement} article
 * @param {() => string[]} chars the article's code points now
 */
export function createEffects(article, chars) {
  /** Where the last span made ended: a span from the keyboard goes on from there. */
  let caret = /** @type {number | null} */ (null);
  return {
    readSelection: () => selectedSpan(article, chars()),
    clearSelection() {
      const span = selectedSpan(article, chars());
      if (span) caret = span.end;
      clearSelection();
    },
    /**
     * @param {"move" | "extend"} alter
     * @param {"forward" | "backward"} direction
     */
    caretByWord: (alter, direction) => caretByWord(article, alter, direction, caret),
    /**
     * @param {string} id
     * @param {string} [description] what the mark is besides its name ("mention 2 of 5")
     */
    focusMark(id, description) {
      const mark = article.querySelector(`mark[data-id="${CSS.escape(id)}"]`);
      if (mark instanceof HTMLElement) focusMark(article, mark, description);
    },
    /** @param {number} index a curation decision: its marks and its line in the panel shown */
    showDecision(index) {
      article.querySelector(`mark.decision[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
      document.querySelector(`#decisions li[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
    },
    /** @param {number} index */
    showSuggestion(index) {
      article.querySelector(`mark.suggestion[data-index="${index}"]`)?.scrollIntoView({ block: "nearest" });
    },
  };
}
