// @ts-check
// The page's state, declared in types.js, and the one way to change it: `update` with the fields
// that change. Every listener (the renderers) hears of each change with the names of what changed.

/** @typedef {import("./types.js").State} State */
/** @typedef {(state: State, changed: Set<string>) => void} Listener */

/** @returns {State} */
export function initialState() {
  return {
    documents: [], documentFilter: "",
    id: null, doc: null, chars: [], units: new Int32Array(1), lines: [0],
    selected: null, activeQuote: null,
    suggestions: [], focus: -1, extractor: null,
    review: null,
    quoteFilter: "", entityFilter: "", renaming: null,
    findings: [], message: "", offer: null, keysOpen: false,
    me: null, curation: null, edited: null,
  };
}

/** @param {State} initial */
export function createStore(initial) {
  let state = initial;
  /** @type {Listener[]} */
  const listeners = [];
  return {
    get state() { return state; },
    /** @param {Partial<State>} patch */
    update(patch) {
      state = Object.freeze({ ...state, ...patch });
      const changed = new Set(Object.keys(patch));
      for (const listener of listeners) listener(state, changed);
    },
    /** @param {Listener} listener */
    subscribe(listener) { listeners.push(listener); },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */

/** Timings of the latest opens, renders and edits (the browser tests read them); the oldest go. */
export function createTimings() {
  /** @type {import("./types.js").Timing[]} */
  const list = [];
  return {
    list,
    /** @param {import("./types.js").Timing} entry */
    record(entry) {
      list.push(entry);
      if (list.length > 500) list.splice(0, list.length - 500);
    },
  };
}
