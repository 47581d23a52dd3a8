// @ts-check
// The shapes the page works with: what the API answers, and the page's own state. Types only.

/** @typedef {{ start: number, end: number, text: string }} Excerpt */
/** @typedef {{ id: string, start: number, end: number, text: string }} Mention */
/** @typedef {{ id: string, type: string, name: string, mentions: Mention[] }} Entity */
/**
 * @typedef {{ id: string, kind: string, content: Excerpt, speaker?: Excerpt | null, cue?: Excerpt | null,
 *   "speaker-entity"?: string | null }} Quote
 */
/** @typedef {{ id?: string, status: string, annotators?: string[], entities: Entity[], quotes: Quote[] }} Annotation */
/** @typedef {{ severity: string, message: string, rule: string }} Diagnostic */
/**
 * @typedef {{ id: string, text: string, version: string, types: string[], annotation: Annotation,
 *   diagnostics: Diagnostic[], notes?: string[], findings?: string[] }} Doc
 */
/** @typedef {{ id: string, status: string, mentions: number, quotes: number, stale?: boolean, error?: string }} DocumentEntry */
/**
 * A suggestion of the extractor: a mention (type, span) or a quote (type "quote", with its kind and parts).
 * @typedef {{ start: number, end: number, text: string, type: string, kind?: string,
 *   speaker?: Excerpt | null, cue?: Excerpt | null }} Suggestion
 */
/** @typedef {{ id: string, start: number, end: number, review: string, title?: string }} ReviewMark */
/**
 * @typedef {{ source: string, errors: number, counts: Record<string, number>, marks: ReviewMark[],
 *   diagnostics: Diagnostic[] }} Review
 */
/**
 * What is selected: a mention, a quote (with the part clicked: content, speaker or cue), or a review span.
 * @typedef {{ id: string, kind: "mention" | "quote" | "review", part?: string, start: number, end: number,
 *   title?: string }} Selected
 */
/**
 * One mark to draw: an annotation's span with what it says of itself (label, accessible name).
 * @typedef {{ id: string, start: number, end: number, kind: string, rank: number, type?: string,
 *   entity?: string, quote?: string, label?: string, name?: string, review?: string, title?: string,
 *   index?: number }} Mark
 */
/** @typedef {{ code: string, message: string, version?: string, diagnostics?: Diagnostic[] }} ApiError */
/**
 * One decision of a curation: what each annotator has, where, and the side taken.
 * @typedef {{ key: string, kind: string, a: string, b: string, start: number, end: number,
 *   "a-span": { start: number, end: number } | null, "b-span": { start: number, end: number } | null,
 *   taken: "a" | "b" | null }} Decision
 */
/**
 * @typedef {{ id: string, annotators: string[], open: number, agreed: { mentions: number, quotes: number },
 *   decisions: Decision[], focus: number }} Curation
 */
/**
 * An annotator's queue (GET /api/progress, one line).
 * @typedef {{ name: string, assigned: number, done: string[], started: string[], "not-started": string[],
 *   next: string | null }} Queue
 */
/** @typedef {{ name: string | null, role: string, annotations?: string, progress?: Queue }} Me */
/** @typedef {{ id: string, error: ApiError }} RealignOffer */
/**
 * The page's whole state. It changes only through the store's `update`; renderers draw from it.
 * @typedef {{
 *   documents: DocumentEntry[], documentFilter: string,
 *   id: string | null, doc: Doc | null, chars: string[], units: Int32Array, lines: number[],
 *   selected: Selected | null, activeQuote: Selected | null,
 *   suggestions: Suggestion[], focus: number, extractor: string | null,
 *   review: Review | null,
 *   quoteFilter: string, entityFilter: string, renaming: string | null,
 *   findings: string[], message: string, offer: RealignOffer | null, keysOpen: boolean,
 *   me: Me | null, curation: Curation | null, edited: Edited | null
 * }} State
 */
/**
 * The latest change as the server described it (`?changes=1`): the document it was made on, the one
 * it made, and the spans it touched; the article redraws only their lines when it shows `from`.
 * @typedef {{ from: Doc, to: Doc, spans: [number, number][] }} Edited
 */
/** @typedef {{ what: string, ms: number, full?: boolean, request?: number, redraw?: number }} Timing */

export {};
