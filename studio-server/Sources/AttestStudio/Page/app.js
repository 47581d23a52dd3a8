// @ts-check
// Attest studio: the page. This module wires the parts: the API client, the store (the one state),
// the actions that change it, the renderers that draw it, and the DOM's events to the actions.
// Offsets are Unicode code points, as in the files (text.js converts). Text from the files is only
// ever set as text, never parsed as HTML.

import { createClient } from "./api.js";
import { curating, firstAnswers, reviewing, token, wanted } from "./boot.js";
import { byId, inputById, selectById } from "./dom.js";
import { createDocuments } from "./documents.js";
import { createEditing } from "./editing.js";
import { createEffects } from "./effects.js";
import { commandFor, typeKeys } from "./keys.js";
import { createNavigation } from "./navigation.js";
import { createStore, createTimings, initialState } from "./store.js";
import { createSuggestions } from "./suggestions.js";
import { createTeam } from "./team.js";
import { createView } from "./view.js";

const store = createStore(initialState());
const timings = createTimings();
const client = createClient(token);
// The browser tests read the state and the timings.
Object.defineProperty(window, "attestStudio", { get: () => ({ ...store.state, timings: timings.list }) });

function start() {
  const article = byId("article");
  const effects = createEffects(article, () => store.state.chars);
  const documents = createDocuments(store, client, timings);
  const editing = createEditing(store, documents, effects);
  const suggestions = createSuggestions(store, client, documents, effects);
  const navigation = createNavigation(store, client, documents, effects);
  const team = createTeam(store, client, documents, effects);
  createView(store, timings, { editing, navigation, team, chrome: { open: documents.open, realign: documents.realign, typeKey: editing.typeKey } });

  const kind = selectById("kind");
  const extractor = selectById("extractor");
  const singleKeys = inputById("single-keys");
  const predictions = inputById("pred-file");
  /** @param {string} type */
  const typeOrAccept = (type) => {
    // A type's key on the focused mention suggestion (no text selected) accepts it with that type.
    const { focus, suggestions: list } = store.state;
    if (!effects.readSelection() && focus >= 0 && list[focus] && list[focus].type !== "quote") return suggestions.accept(type);
    return editing.typeKey(type);
  };

  /** @type {Record<string, (type?: string) => unknown>} */
  const commands = {
    escape: () => (store.state.keysOpen ? navigation.closeKeys() : navigation.clear()),
    undo: documents.undo,
    redo: documents.redo,
    keys: navigation.toggleKeys,
    review: () => navigation.review(null),
    "review-only": () => documents.say("Review mode shows a prediction; press r to leave it and edit."),
    type: (type) => typeOrAccept(type || ""),
    accept: () => suggestions.accept(),
    "accept-all": suggestions.acceptAllOfType,
    reject: suggestions.reject,
    quote: () => editing.quoteKey(kind.value),
    speaker: () => editing.partKey("speaker"),
    cue: () => editing.partKey("cue"),
    kind: editing.nextKind,
    suggest: () => suggestions.suggest(extractor.value),
    next: () => navigation.step(1),
    previous: () => navigation.step(-1),
    remove: editing.removeSelected,
    "next-document": team.nextDocument,
    curate: team.toggle,
    "take-a": () => team.take("a"),
    "take-b": () => team.take("b"),
    "next-decision": () => team.step(1),
    "previous-decision": () => team.step(-1),
    "move-forward": () => effects.caretByWord("move", "forward"),
    "move-backward": () => effects.caretByWord("move", "backward"),
    "extend-forward": () => effects.caretByWord("extend", "forward"),
    "extend-backward": () => effects.caretByWord("extend", "backward"),
  };

  document.addEventListener("keydown", (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const state = store.state;
    const found = commandFor({
      key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey,
      inArticle: !target || target === document.body || article.contains(target),
      inField: !!target && target.matches("input, select, textarea"),
      singleKeys: singleKeys.checked, reviewing: !!state.review, suggesting: state.focus >= 0, curating: !!state.curation,
      typeKeys: Object.fromEntries(state.doc ? typeKeys(state.doc.types) : []),
    });
    if (!found || (!state.doc && !["keys", "escape", "next-document"].includes(found.command))) return;
    e.preventDefault();
    documents.keyPressed();
    commands[found.command](found.type);
  });

  // A drag that selects text is a selection, never a click on the mark it started in: the next s or c
  // goes to the quote in the panel, not to whatever mark was under the mouse.
  article.addEventListener("click", (e) => {
    const dragged = window.getSelection();
    if (dragged && !dragged.isCollapsed) return;
    const mark = e.target instanceof Element ? e.target.closest("mark") : null;
    if (mark instanceof HTMLElement && mark.dataset.kind === "decision") team.focusDecision(Number(mark.dataset.index));
    else if (mark instanceof HTMLElement) navigation.select(mark.dataset);
  });
  // Hovering any part of a quote shows all three (content, speaker, cue).
  /**
   * @param {Event} event
   * @param {boolean} on
   */
  const hover = (event, on) => {
    const mark = event.target instanceof Element ? event.target.closest("mark[data-quote]") : null;
    if (!(mark instanceof HTMLElement)) return;
    for (const el of article.querySelectorAll(`mark[data-quote="${CSS.escape(mark.dataset.quote || "")}"]`)) el.classList.toggle("hovered", on);
  };
  article.addEventListener("mouseover", (e) => hover(e, true));
  article.addEventListener("mouseout", (e) => hover(e, false));
  // A mark focused from the keyboard (n / N, the quote list) shows its quote's parts too.
  article.addEventListener("focusin", (e) => hover(e, true));
  article.addEventListener("focusout", (e) => hover(e, false));

  const filter = inputById("filter");
  filter.addEventListener("input", () => store.update({ documentFilter: filter.value }));
  const quoteFilter = selectById("quote-filter");
  quoteFilter.addEventListener("change", () => store.update({ quoteFilter: quoteFilter.value }));
  const entityFilter = inputById("entity-filter");
  entityFilter.addEventListener("input", () => store.update({ entityFilter: entityFilter.value }));
  // Single-key shortcuts can be turned off (WCAG 2.1.4); the choice is kept in this browser.
  singleKeys.checked = localStorage.getItem("attest.singleKeys") !== "off";
  singleKeys.addEventListener("change", () => localStorage.setItem("attest.singleKeys", singleKeys.checked ? "on" : "off"));
  /** @type {[string, () => unknown][]} */
  const buttons = [
    ["keys-button", navigation.toggleKeys], ["keys-close", navigation.closeKeys],
    ["quote", () => editing.quoteKey(kind.value)], ["suggest", () => suggestions.suggest(extractor.value)],
    ["accept-all", suggestions.acceptAllOfType], ["undo", documents.undo], ["redo", documents.redo],
    ["status", documents.toggleStatus], ["review", () => navigation.review(null)],
    ["next-document", team.nextDocument], ["curate", team.toggle],
  ];
  for (const [id, action] of buttons) {
    const button = byId(id);
    button.addEventListener("mousedown", (e) => e.preventDefault());
    button.addEventListener("click", () => { action(); });
  }
  predictions.addEventListener("change", () => navigation.review(predictions.files ? predictions.files[0] : null));

  // The list and the document asked for, sent inside the page (boot.js).
  const first = firstAnswers(client, document, wanted);
  documents.loadList(first.list);
  // The agreement page links to a document's curation (`&curate=1`): opened, then curated.
  // The score report links to a document's review against the server's predictions (`&review=1`).
  if (wanted && first.document) {
    documents.open(wanted, first.document).then(() => {
      if (curating) team.toggle();
      else if (reviewing) navigation.review(null);
    });
  }
  // Who is using the page (a team's server names each user), after the first drawing.
  setTimeout(team.loadMe);
}

// A module runs once the markup is parsed: the page starts at once (its first answers are in the
// markup), without waiting for DOMContentLoaded.
if (document.readyState === "loading") addEventListener("DOMContentLoaded", start);
else start();
