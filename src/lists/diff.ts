// What changed between two versions of a list: added, removed and changed entities by id.
import { isDeepStrictEqual } from 'node:util';
import type { Entity } from '../domain/entity.js';
import type { ListSnapshot } from '../domain/list.js';

export interface EntityChange {
  id: string;
  name: string;
  /** Top-level entity fields whose values differ. */
  fields: string[];
}

export interface ListDiff {
  source: string;
  from: { version: string; publishedAt?: string };
  to: { version: string; publishedAt?: string };
  added: { id: string; name: string; schema: string }[];
  removed: { id: string; name: string; schema: string }[];
  changed: EntityChange[];
}

function changedFields(a: Entity, b: Entity): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Entity>;
  return [...keys].filter((k) => !isDeepStrictEqual(a[k], b[k])).sort();
}

/** Pure: compare two snapshots of the same source. */
export function diffSnapshots(from: ListSnapshot, to: ListSnapshot): ListDiff {
  const before = new Map(from.entities.map((e) => [e.id, e]));
  const after = new Map(to.entities.map((e) => [e.id, e]));
  const brief = (e: Entity) => ({ id: e.id, name: e.name, schema: e.schema });
  const added = to.entities.filter((e) => !before.has(e.id)).map(brief);
  const removed = from.entities.filter((e) => !after.has(e.id)).map(brief);
  const changed: EntityChange[] = [];
  for (const e of to.entities) {
    const old = before.get(e.id);
    if (!old) continue;
    const fields = changedFields(old, e);
    if (fields.length) changed.push({ id: e.id, name: e.name, fields });
  }
  const ref = (s: ListSnapshot) => ({ version: s.info.version, ...(s.info.publishedAt ? { publishedAt: s.info.publishedAt } : {}) });
  return { source: to.info.source, from: ref(from), to: ref(to), added, removed, changed };
}
