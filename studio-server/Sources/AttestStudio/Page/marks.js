// @ts-check
// What the article shows: every annotation (or review span, or suggestion) as a mark, in the order
// they nest, bucketed by line, and each line's marks as a tree of text runs. Pure functions.

import { lineOf } from "./text.js";

/** @typedef {import("./types.js").Mark} Mark */

/**
 * Marks in drawing order: by start, the longer first (so it contains the shorter), then by rank
 * (a quote's content outside its speaker or cue, those outside mentions, suggestions innermost).
 * @param {Mark[]} marks
 */
export function ordered(marks) {
  return [...marks].sort((x, y) => x.start - y.start || y.end - x.end || x.rank - y.rank);
}

/**
 * The marks of a document: every mark says what it is in text (a label drawn beside it), so nothing
 * is told by colour alone: a mention its type; a quote its number, speaker entity's name and kind;
 * a speaker or cue the number of its quote. In review mode, the review's spans only.
 * @param {import("./types.js").Annotation} annotation
 * @param {import("./types.js").Suggestion[]} suggestions
 * @param {import("./types.js").Review | null} review
 * @param {import("./types.js").Curation | null} [curation] in curation, each open decision's two
 *   versions as marks labelled with their annotator (the agreed annotation is the document's own marks)
 * @param {((start: number, end: number) => boolean) | null} [within] only the marks on the spans it
 *   accepts (the lines a change redraws); every mark when not given
 * @returns {Mark[]}
 */
export function marksOf(annotation, suggestions, review, curation = null, within = null) {
  /** @type {Mark[]} */
  const all = [];
  const out = within ? { push: (/** @type {Mark} */ m) => { if (within(m.start, m.end)) all.push(m); } } : all;
  if (review) {
    for (const m of review.marks) {
      const rank = m.review.includes("quote") || m.review === "speaker" ? 0 : 2;
      out.push({ id: m.id, start: m.start, end: m.end, kind: "review", review: m.review, title: m.title, rank, label: m.review });
    }
    return ordered(all);
  }
  const names = new Map(annotation.entities.map((e) => [e.id, e.name]));
  /** @type {Map<string, Mark>} */
  const mentions = new Map();
  for (const e of annotation.entities) {
    e.mentions.forEach((m) => {
      if (within && !within(m.start, m.end)) return;
      /** @type {Mark} */
      // Named by what it is and whose (not "mention i of n": a mention added to an entity of 2,500 would
      // rename the 2,500; the Selected panel and the entity list give the count).
      const mark = { id: m.id, start: m.start, end: m.end, kind: "mention", type: e.type, entity: e.id, rank: 2, label: e.type,
        name: `${e.type} ${e.name}` };
      out.push(mark);
      mentions.set(`${m.start}:${m.end}`, mark);
    });
  }
  for (const q of annotation.quotes) {
    const entity = q["speaker-entity"];
    const who = entity ? names.get(entity) || entity : "no speaker entity";
    out.push({ id: q.id, start: q.content.start, end: q.content.end, kind: "content", rank: 0, quote: q.id,
      label: `${q.id} · ${who} · ${q.kind}`, name: `quote ${q.id}, ${q.kind}, speaker ${who}` });
    // A speaker that is a mention says so on the mention's label (one label, not two on one place).
    const named = q.speaker ? mentions.get(`${q.speaker.start}:${q.speaker.end}`) : undefined;
    if (named) named.label = `${named.label} · ${q.id} speaker`;
    if (q.speaker) out.push({ id: `${q.id}.speaker`, start: q.speaker.start, end: q.speaker.end, kind: "speaker",
      rank: 1, quote: q.id, label: named ? undefined : `${q.id} speaker`, name: `speaker of quote ${q.id}` });
    if (q.cue) out.push({ id: `${q.id}.cue`, start: q.cue.start, end: q.cue.end, kind: "cue", rank: 1, quote: q.id,
      label: `${q.id} cue`, name: `cue of quote ${q.id}` });
  }
  if (curation) {
    curation.decisions.forEach((d, i) => {
      if (d.taken) return;
      /** @type {[string, { start: number, end: number } | null][]} */
      const sides = [["a", d["a-span"]], ["b", d["b-span"]]];
      for (const [side, span] of sides) {
        if (!span) continue;
        const who = curation.annotators[side === "a" ? 0 : 1];
        out.push({ id: `d${i}${side}`, start: span.start, end: span.end, kind: "decision", review: `side-${side}`, rank: 3, index: i,
          label: `#${i + 1} ${side.toUpperCase()} ${who}`, name: `decision ${i + 1}, ${d.kind}: ${who}'s version, ${side === "a" ? d.a : d.b}` });
      }
    });
  }
  suggestions.forEach((s, i) => out.push({
    id: `s${i}`, start: s.start, end: s.end, kind: "suggestion", type: s.type, rank: 3, index: i,
    label: s.type === "quote" ? `suggested ${s.kind} quote${s.speaker ? ` · speaker “${s.speaker.text}”` : ""}` : `suggested ${s.type}`,
  }));
  return ordered(all);
}

/**
 * The lines the spans are on, sorted, each once (an empty span is on the line its start is on).
 * @param {[number, number][]} spans
 * @param {number[]} starts the lines' starts
 * @returns {number[]}
 */
export function spanLines(spans, starts) {
  const lines = new Set();
  for (const [a, b] of spans) {
    for (let l = lineOf(starts, a), last = lineOf(starts, Math.max(a, b - 1)); l <= last; l++) lines.add(l);
  }
  return [...lines].sort((x, y) => x - y);
}

/**
 * Whether a mark on start..end is on one of the lines `lines` (sorted line numbers): what
 * `bucketByLine` would put there (an empty mark goes to the line its start is on).
 * @param {number[]} lines
 * @param {number[]} starts the lines' starts
 * @param {number} total the text's length in code points
 * @returns {(start: number, end: number) => boolean}
 */
export function onLines(lines, starts, total) {
  const ranges = lines.map((l) => [starts[l], l + 1 < starts.length ? starts[l + 1] : total + 1]);
  return (start, end) => {
    const last = Math.max(end, start + 1);
    return ranges.some(([a, b]) => start < b && last > a);
  };
}

/**
 * Each line's marks: a mark goes to every line it covers (an empty mark to the line it is on).
 * @param {Mark[]} marks in drawing order
 * @param {number[]} starts the lines' starts
 * @returns {Mark[][]}
 */
export function bucketByLine(marks, starts) {
  /** @type {Mark[][]} */
  const buckets = starts.map(() => []);
  for (const m of marks) {
    if (m.end <= m.start) { buckets[lineOf(starts, m.start)].push(m); continue; }
    for (let l = lineOf(starts, m.start), last = lineOf(starts, m.end - 1); l <= last; l++) buckets[l].push(m);
  }
  return buckets;
}

/**
 * What a line shows, as one string: a line is redrawn only when this changes.
 * @param {Mark[]} list
 */
export function signature(list) {
  return list.map((m) => `${shapeOf(m)}|${m.label || ""}|${m.name || ""}`).join(" ");
}

/**
 * What a line's elements are, as one string: when only the labels and names changed (a rename, a
 * quote's kind), the line's marks are updated in place, and a selection in it survives.
 * @param {Mark[]} list
 */
export function shape(list) {
  return list.map(shapeOf).join(" ");
}

/** @param {Mark} m */
function shapeOf(m) {
  return `${m.id}|${m.start}|${m.end}|${m.kind}|${m.type || ""}|${m.review || ""}|${m.entity || ""}|${m.quote || ""}|${m.index ?? ""}`;
}

/**
 * A run of a line: text from..to, or a mark holding runs. Marks nest in drawing order; a mark that
 * crosses the end of the one it starts in is clipped there (its other part is not drawn twice).
 * @typedef {{ from: number, to: number } | { mark: Mark, from: number, to: number, runs: Run[] }} Run
 */

/**
 * The runs of the line from..to holding the given marks (in drawing order).
 * @param {Mark[]} list
 * @param {number} from
 * @param {number} to
 * @returns {Run[]}
 */
export function nest(list, from, to) {
  /** @type {Run[]} */
  const top = [];
  /** @type {{ runs: Run[], end: number }[]} */
  const stack = [{ runs: top, end: to }];
  let at = from;
  /** @param {number} b */
  const text = (b) => { if (b > at) stack[stack.length - 1].runs.push({ from: at, to: b }); at = Math.max(at, b); };
  const close = () => { text(stack[stack.length - 1].end); stack.pop(); };
  for (const m of list) {
    const start = Math.max(m.start, from);
    while (stack.length > 1 && stack[stack.length - 1].end <= start) close();
    text(start);
    const end = Math.max(start, Math.min(m.end, stack[stack.length - 1].end));
    /** @type {Run[]} */
    const runs = [];
    stack[stack.length - 1].runs.push({ mark: m, from: start, to: end, runs });
    stack.push({ runs, end });
  }
  while (stack.length > 1) close();
  text(to);
  return top;
}

/**
 * Where each mark's label goes, above or below the text, so that labels of marks close together do
 * not overprint each other: a label takes its mark's usual row (quotes, speakers and review spans
 * above; mentions, cues and suggestions below) when that stretch of the row is free, else the other
 * row when free there, else its usual row. A label's width is estimated in the article's code points
 * (it is set at 0.6 of the text's size), so this holds for text on one visual line.
 * @param {Mark[]} list a line's marks, in drawing order
 * @param {number} from the line's first offset
 * @returns {("above" | "below")[]} one per mark
 */
export function labelRows(list, from) {
  /** @type {Record<"above" | "below", [number, number][]>} */
  const taken = { above: [], below: [] };
  /** @param {"above" | "below"} row @param {number} a @param {number} b */
  const free = (row, a, b) => taken[row].every(([x, y]) => b <= x || y <= a);
  return list.map((m) => {
    const usual = m.kind === "mention" || m.kind === "cue" || m.kind === "suggestion" ? "below" : "above";
    if (!m.label) return usual;
    const at = Math.max(m.start, from);
    const end = at + Math.ceil(Array.from(m.label).length * 0.62) + 1;
    const other = usual === "above" ? "below" : "above";
    const row = free(usual, at, end) || !free(other, at, end) ? usual : other;
    taken[row].push([at, end]);
    return row;
  });
}
