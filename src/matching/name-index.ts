// Candidate retrieval: an inverted index over name keys, so a query scores tens of candidates
// instead of every name on every list. Keys per name word: the folded word and its other
// romanisations (w:), its consonant skeletons (k:), its given-name group (g:) and its character
// trigrams (n:, for typos). Candidates are ranked by IDF-weighted shared keys: each query word
// adds the best of its own keys a name holds, trigrams add up (see screen in screener.ts).
// One index per list version; built from a ListSnapshot and cached by the screener.
import type { Entity, NameQuality } from '../domain/entity.js';
import type { ListSnapshot } from '../domain/list.js';
import { toCountryCode } from '../geo/countries.js';
import { normaliseIdentifier } from './compare/identifiers.js';
import { loadMatchingKnowledge } from './knowledge.js';
import { prepareName, type NameToken } from './normalize.js';
import { SCORER_VERSION, type IndexedEntity } from './scorer.js';

export const INDEX_FORMAT = 4;

export interface MatchIndex {
  format: number;
  scorer: string;
  knowledge: string;
  source: string;
  version: string;
  entities: IndexedEntity[];
  /** Per indexed name: the entity it belongs to. */
  nameEntity: Int32Array;
  /** Per entity: id of its first name (names of an entity are numbered consecutively). */
  nameStart: Int32Array;
  postings: Map<string, Int32Array>;
  /** Normalised identifier -> entity indices. */
  idPostings: Map<string, Int32Array>;
}

/** Relative weight of each key kind in the candidate ranking. */
export const KEY_WEIGHTS: Record<string, number> = { w: 1, g: 0.9, k: 0.8, n: 0.2 };

/** Retrieval keys of one name word. */
export function tokenKeys(t: NameToken): string[] {
  const keys = [`w:${t.text}`];
  if (t.weak) return keys;
  for (const a of t.alts) keys.push(`w:${a}`);
  for (const s of t.skeletons) if (s.length >= 2) keys.push(`k:${s}`);
  if (t.group >= 0) keys.push(`g:${t.group}`);
  if (t.text.length >= 4 && !/^\d+$/.test(t.text)) {
    const padded = `^${t.text}$`;
    for (let i = 0; i + 3 <= padded.length; i++) keys.push(`n:${padded.slice(i, i + 3)}`);
  }
  return keys;
}

function countryCodes(e: Entity): string[] {
  const out = new Set<string>();
  for (const c of e.countries) out.add(c.code.toUpperCase());
  for (const a of e.addresses) if (a.country) out.add(a.country.toUpperCase());
  return [...out];
}

export function indexEntity(e: Entity): IndexedEntity {
  const person = e.schema === 'Person';
  const seen = new Set<string>();
  const names: IndexedEntity['names'] = [];
  const all = e.names.length ? e.names : [{ full: e.name, quality: 'primary' as const }];
  const expanded: { full: string; quality: NameQuality }[] = [];
  for (const n of all) {
    expanded.push(n);
    // "SHAHID BAGHERI INDUSTRIAL GROUP (SBIG)": the name without its parenthesis, and the
    // parenthesis (an acronym or former name) on its own, are names the party is known by.
    const m = /^(.*?)\s*\(([^)]+)\)\s*(.*)$/.exec(n.full);
    if (m && m[1]!.trim()) {
      expanded.push({ full: `${m[1]!.trim()} ${m[3]!.trim()}`.trim(), quality: n.quality });
      expanded.push({ full: m[2]!.trim(), quality: 'weak' });
    }
  }
  for (const n of expanded) {
    const key = n.full.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const tokens = prepareName(n.full, { person }).tokens;
    if (tokens.length) names.push({ full: n.full, quality: n.quality, tokens });
  }
  const ids = new Set<string>();
  for (const id of e.identifiers) {
    const v = normaliseIdentifier(id.value);
    if (v) ids.add(v);
  }
  const out: IndexedEntity = {
    id: e.id,
    source: e.source,
    sourceId: e.sourceId,
    schema: e.schema,
    name: e.name,
    names,
    birthDates: e.birthDates,
    countries: countryCodes(e),
    ids: [...ids],
    programs: e.programs,
    lists: e.lists ?? [],
  };
  if (e.listedOn) out.listedOn = e.listedOn;
  return out;
}

function toPostings(m: Map<string, number[]>): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  for (const [k, v] of m) out.set(k, Int32Array.from(v));
  return out;
}

/** Build the index of one list version. Pure: same snapshot and knowledge, same index. */
export function buildMatchIndex(snapshot: ListSnapshot): MatchIndex {
  const entities = snapshot.entities.map(indexEntity);
  return buildFromIndexed(snapshot.info.source, snapshot.info.version, entities);
}

/**
 * Make equal name words one shared object: a list repeats the same words thousands of times
 * (317,770 words, 45,587 distinct over every list), and a cached index that shares them is
 * written once per word, read back several times faster and held in a fraction of the memory.
 * Tokens are never changed after they are made, so sharing them is safe.
 */
function shareTokens(entities: IndexedEntity[]): void {
  const shared = new Map<string, NameToken>();
  for (const e of entities) {
    for (const n of e.names) {
      n.tokens = n.tokens.map((t) => {
        const key = JSON.stringify(t);
        const s = shared.get(key);
        if (s) return s;
        shared.set(key, t);
        return t;
      });
    }
  }
}

export function buildFromIndexed(source: string, version: string, entities: IndexedEntity[]): MatchIndex {
  shareTokens(entities);
  const postings = new Map<string, number[]>();
  const idPostings = new Map<string, number[]>();
  const nameEntity: number[] = [];
  const nameStart: number[] = [];
  entities.forEach((e, ei) => {
    nameStart.push(nameEntity.length);
    for (const n of e.names) {
      const nameId = nameEntity.length;
      nameEntity.push(ei);
      const keys = new Set<string>();
      for (const t of n.tokens) for (const k of tokenKeys(t)) keys.add(k);
      for (const k of keys) {
        const p = postings.get(k);
        if (p) p.push(nameId);
        else postings.set(k, [nameId]);
      }
    }
    for (const id of e.ids) {
      const p = idPostings.get(id);
      if (p) p.push(ei);
      else idPostings.set(id, [ei]);
    }
  });
  return {
    format: INDEX_FORMAT,
    scorer: SCORER_VERSION,
    knowledge: loadMatchingKnowledge().version,
    source,
    version,
    entities,
    nameEntity: Int32Array.from(nameEntity),
    nameStart: Int32Array.from(nameStart),
    postings: toPostings(postings),
    idPostings: toPostings(idPostings),
  };
}

/** Resolve a user's country input to ISO alpha-2, as entities store it. */
export function queryCountry(input: string | undefined): string | undefined {
  return input ? (toCountryCode(input) ?? input.toUpperCase()) : undefined;
}

/** The serialised form of postings: one array of keys, one of offsets, one of name ids. */
export interface PackedPostings {
  keys: string[];
  offsets: Int32Array;
  data: Int32Array;
}

export function packPostings(m: Map<string, Int32Array>): PackedPostings {
  const keys = [...m.keys()];
  const offsets = new Int32Array(keys.length + 1);
  let total = 0;
  keys.forEach((k, i) => {
    offsets[i] = total;
    total += m.get(k)!.length;
  });
  offsets[keys.length] = total;
  const data = new Int32Array(total);
  keys.forEach((k, i) => data.set(m.get(k)!, offsets[i]!));
  return { keys, offsets, data };
}

export function unpackPostings(p: PackedPostings): Map<string, Int32Array> {
  const m = new Map<string, Int32Array>();
  for (let i = 0; i < p.keys.length; i++) m.set(p.keys[i]!, p.data.subarray(p.offsets[i]!, p.offsets[i + 1]!));
  return m;
}

/** Number of words of each indexed name, to prefer shorter names among equally ranked ones. */
export function nameLengths(entities: IndexedEntity[]): Uint8Array {
  const out: number[] = [];
  for (const e of entities) for (const n of e.names) out.push(Math.min(255, n.tokens.length));
  return Uint8Array.from(out);
}
