// @ts-check
// A change's answer as what changed (`?changes=1`, docs/api.md): the annotation the page holds, patched
// into the one the server wrote, and the spans the change touched (the lines the article redraws).
// Pure functions.

/** @typedef {import("./types.js").Annotation} Annotation */
/** @typedef {import("./types.js").Entity} Entity */
/** @typedef {import("./types.js").Quote} Quote */
/**
 * One list's change: the items new or not as they were, each at its place in the new list; the ids
 * of those that went; the new list's length.
 * @template T
 * @typedef {{ set: { at: number, item: T }[], removed: string[], count: number }} ListChange
 */
/**
 * @typedef {{ status: string, annotators?: string[], entities: ListChange<Entity>, quotes: ListChange<Quote> }} Changes
 */

/**
 * The list after its change: the changed and removed ids dropped, then each changed item put at its
 * place, in order of place (every other item keeps its order). Null when the result is not as long as
 * the server says, or a place is out of range: the page then holds another version than the server
 * changed, and reloads.
 * @template {{ id: string }} T
 * @param {T[]} list
 * @param {ListChange<T>} change
 * @returns {T[] | null}
 */
export function patchList(list, change) {
  // Unchanged: the same list (what draws it can tell at once).
  if (!change.set.length && !change.removed.length) return change.count === list.length ? list : null;
  const gone = new Set(change.removed);
  for (const { item } of change.set) gone.add(item.id);
  const out = list.filter((x) => !gone.has(x.id));
  if (out.length + change.set.length !== change.count) return null;
  const placed = [...change.set].sort((a, b) => a.at - b.at);
  for (const { at, item } of placed) {
    if (at < 0 || at > out.length) return null;
    out.splice(at, 0, item);
  }
  return out;
}

/**
 * The annotation after the change, or null when the change does not fit it.
 * @param {Annotation} annotation
 * @param {Changes} changes
 * @returns {Annotation | null}
 */
export function patchAnnotation(annotation, changes) {
  const entities = patchList(annotation.entities, changes.entities);
  const quotes = patchList(annotation.quotes, changes.quotes);
  if (!entities || !quotes) return null;
  return { ...annotation, status: changes.status, annotators: changes.annotators, entities, quotes };
}

/**
 * Every span whose marks the change may alter, as [start, end) pairs: the mentions added, moved or
 * removed; every mention, before and after, of an entity retyped, renamed or removed; each changed or
 * removed quote's parts, before and after; and the quotes whose speaker entity was renamed, retyped
 * or removed (their labels name it).
 * @param {Annotation} before
 * @param {Changes} changes
 * @param {Annotation} after
 * @returns {[number, number][]}
 */
export function changedSpans(before, changes, after) {
  /** @type {[number, number][]} */
  const spans = [];
  const oldEntities = new Map(before.entities.map((e) => [e.id, e]));
  const oldQuotes = new Map(before.quotes.map((q) => [q.id, q]));
  /** @param {Entity | undefined} e */
  const mentions = (e) => { if (e) for (const m of e.mentions) spans.push([m.start, m.end]); };
  /** @param {Quote | undefined} q */
  const parts = (q) => {
    if (!q) return;
    for (const x of [q.content, q.speaker, q.cue]) if (x) spans.push([x.start, x.end]);
  };
  /** The entities whose type or name changed, or that went: their quotes' labels name them. */
  const entities = new Set(changes.entities.removed);
  /** @type {(m: { id: string, start: number, end: number }) => string} */
  const key = (m) => `${m.id}:${m.start}:${m.end}`;
  for (const { item } of changes.entities.set) {
    const old = oldEntities.get(item.id);
    if (!old || old.type !== item.type || old.name !== item.name) {
      // Every mark of the entity says its type and name.
      entities.add(item.id);
      mentions(item);
      mentions(old);
      continue;
    }
    // The same type and name: only the mentions added, moved or removed.
    const was = new Set(old.mentions.map(key));
    const now = new Set(item.mentions.map(key));
    for (const m of item.mentions) if (!was.has(key(m))) spans.push([m.start, m.end]);
    for (const m of old.mentions) if (!now.has(key(m))) spans.push([m.start, m.end]);
  }
  for (const id of changes.entities.removed) mentions(oldEntities.get(id));
  for (const { item } of changes.quotes.set) { parts(item); parts(oldQuotes.get(item.id)); }
  for (const id of changes.quotes.removed) parts(oldQuotes.get(id));
  for (const q of after.quotes) if (q["speaker-entity"] && entities.has(q["speaker-entity"])) parts(q);
  return spans;
}
