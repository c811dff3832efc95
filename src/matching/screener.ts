// The screening engine's public surface (CONTRACTS.md): build or open a screener over list
// versions, then screen names against it. Retrieval through the per-version inverted index, then
// scoring of every alias of each candidate by the versioned scoring model.
import { existsSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { randomBytes } from 'node:crypto';
import type { Match } from '../domain/decision.js';
import type { ListSnapshot, ListVersionInfo } from '../domain/list.js';
import type { ListStore } from '../lists/store.js';
import { normaliseIdentifier } from './compare/identifiers.js';
import { canonicalSchema } from './compare/schema.js';
import { loadMatchingKnowledge } from './knowledge.js';
import { buildMatchIndex, INDEX_FORMAT, KEY_WEIGHTS, nameLengths, packPostings, queryCountry, tokenKeys, unpackPostings, type MatchIndex, type PackedPostings } from './name-index.js';
import { makeToken, prepareName, type NameToken } from './normalize.js';
import { SCORER_VERSION, scoreEntity, type PreparedQuery } from './scorer.js';

/**
 * The default alert threshold: a match scoring at or above it is an alert. Chosen on the
 * benchmark (docs/screening.md): list aliases and transliteration/typo variants of listed names
 * score above it, plausible unlisted names below it.
 */
export const DEFAULT_THRESHOLD = 0.8;
export const DEFAULT_LIMIT = 10;

export interface ScreenQuery {
  name: string;
  schema?: string;
  country?: string;
  birthDate?: string;
  ids?: string[];
}

export interface ScreenOptions {
  threshold?: number;
  limit?: number;
  sources?: string[];
}

export interface Screener {
  readonly scorerVersion: string;
  /** Source id -> version id of every list the screener holds. */
  readonly listVersions: Record<string, string>;
  screen(query: ScreenQuery, options?: ScreenOptions): Match[];
}

export class ScreeningError extends Error {
  override readonly name = 'ScreeningError';
}

/** How many candidate names (across all lists) are scored per query at most. */
const MAX_CANDIDATE_NAMES = 40;
/** Trigram keys this common carry almost no information and cost the most time: skipped. */
const NGRAM_DF_CAP = 1000;
/** The same cap for the trigrams of a word some list already spells the query's way. */
const KNOWN_WORD_NGRAM_DF_CAP = 200;
/**
 * Longer query words are not cut into two listed words: two name words run together stay well
 * below it, and each cut costs two lookups (a 20,000-letter "word" took 0.4 s to split).
 */
const MAX_SPLIT_LENGTH = 40;
/** Word keys more common than this are skipped when the word has a rarer key. */
const COMMON_KEY_DF = 1500;

interface Loaded {
  index: MatchIndex;
  acc: Float32Array;
}

function prepareQuery(q: ScreenQuery): PreparedQuery {
  const schema = canonicalSchema(q.schema) ?? q.schema;
  const name = prepareName(q.name);
  // A query with one comma may be "LAST, FIRST"; unless it names an organisation ("ACME, LTD").
  // Without exactly one comma both readings are the same words: prepared once.
  const oneComma = q.name.indexOf(',') >= 0 && q.name.indexOf(',') === q.name.lastIndexOf(',');
  const personName = (schema && schema !== 'Person') || !oneComma ? name : prepareName(q.name, { person: true });
  const pq: PreparedQuery = { name, personName };
  if (schema) pq.schema = schema;
  const country = queryCountry(q.country);
  if (country) pq.country = country;
  if (q.birthDate) pq.birthDate = q.birthDate;
  if (q.ids?.length) pq.ids = q.ids;
  return pq;
}

/** A key's postings on each list (by position in the screener's lists) and their total length. */
interface MergedKey {
  df: number;
  lists: (Int32Array | undefined)[];
}

/**
 * One table of every key of every list: a query looks each key up once instead of once per
 * list (the lookups, not the walks, were a tenth of a query's time with eight lists). Built when
 * the screener opens, from the per-list postings it points into (~80,000 keys: tens of ms).
 */
function mergeKeys(indexes: MatchIndex[]): Map<string, MergedKey> {
  const merged = new Map<string, MergedKey>();
  indexes.forEach((index, i) => {
    for (const [key, p] of index.postings) {
      let m = merged.get(key);
      if (!m) merged.set(key, (m = { df: 0, lists: new Array<Int32Array | undefined>(indexes.length).fill(undefined) }));
      m.lists[i] = p;
      m.df += p.length;
    }
  });
  return merged;
}

/** A screener over ready indexes (one per list version). */
export function screenerFromIndexes(indexes: MatchIndex[]): Screener {
  const loaded: Loaded[] = indexes.map((index) => ({ index, acc: new Float32Array(index.nameEntity.length) }));
  const listVersions: Record<string, string> = {};
  for (const l of loaded) listVersions[l.index.source] = l.index.version;
  // Names with a non-zero accumulator, per list: preallocated (a JS array emptied after each query
  // gave its storage back and regrew it on the next one).
  const touched = loaded.map((l) => new Int32Array(l.index.nameEntity.length));
  const touchedCount = new Int32Array(loaded.length);
  // Per name, the last slot of word keys that added to it (see screen): stamps rise across
  // queries, so the marks are never cleared between them.
  const marks = loaded.map((l) => new Int32Array(l.index.nameEntity.length));
  let slotStamp = 0;
  const lengths = loaded.map((l) => nameLengths(l.index.entities));
  const keyTable = mergeKeys(indexes);

  function screen(query: ScreenQuery, options: ScreenOptions = {}): Match[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const active = options.sources?.length
      ? loaded.map((l, i) => (options.sources!.includes(l.index.source) ? i : -1)).filter((i) => i >= 0)
      : loaded.map((_, i) => i);
    const pq = prepareQuery(query);
    const totalNames = active.reduce((n, i) => n + loaded[i]!.index.nameEntity.length, 0);

    // 1. Retrieval: IDF-weighted key overlap, per name. A query word's own keys (the word, its
    //    other romanisations, given-name group and skeletons) are one slot: a name gains the best
    //    of them, not their sum, so a word matched exactly (word, skeleton and every second
    //    reading of the skeleton at once) does not outrank a name that only respells it and
    //    agrees on more words. Trigram keys add up: more shared trigrams, closer spelling.
    const trigrams = new Map<string, number>();
    const slots: Map<string, number>[] = [];
    const put = (m: Map<string, number>, key: string, w: number) => {
      if (w > (m.get(key) ?? 0)) m.set(key, w);
    };
    // A key's document frequency over the active lists ranks it; the accumulation below walks
    // its postings. One lookup per key in the merged table, whatever the number of lists.
    const allActive = active.length === loaded.length;
    const found = new Map<string, number>();
    const dfOfCached = (key: string): number => {
      let df = found.get(key);
      if (df === undefined) {
        const k = keyTable.get(key);
        df = 0;
        if (k) {
          if (allActive) df = k.df;
          else for (const i of active) df += k.lists[i]?.length ?? 0;
        }
        found.set(key, df);
      }
      return df;
    };
    for (const t of pq.name.tokens) {
      // Keys shared by thousands of names (w:mohammad, g:ali) cost the most time and rank least:
      // a word's common keys are skipped when it has a rarer one; its rarest key always counts.
      const keys = tokenKeys(t).map((key) => ({ key, df: dfOfCached(key) }));
      let rarest = Infinity;
      for (const k of keys) if (k.df > 0 && k.key[0] !== 'n' && k.df < rarest) rarest = k.df;
      // Trigrams find the words spelled another way (Defense / Defence, Vasiliev / Vasilieu). When
      // the query's own spelling is on some list, only its rarer trigrams are walked: they reach
      // the other spellings of that word at a fraction of the cost.
      const ngramCap = (keys[0]?.df ?? 0) > 0 ? KNOWN_WORD_NGRAM_DF_CAP : NGRAM_DF_CAP;
      const slot = new Map<string, number>();
      for (const { key, df } of keys) {
        if (df === 0) continue;
        if (key[0] === 'n' ? df > ngramCap : df > COMMON_KEY_DF && df > rarest) continue;
        put(key[0] === 'n' ? trigrams : slot, key, KEY_WEIGHTS[key[0]!]! * t.weight);
      }
      if (slot.size) slots.push(slot);
    }
    // Two query words that a list writes as one (South Front / SOUTHFRONT, Chon Myong /
    // CHONMYONG): the joined word's own keys. (The other way round, a joined query word no list
    // has is found by its trigrams and by the split below.)
    const words = pq.name.tokens;
    // A generic word may be part of the joined one (Yar Sanat / YARSANAT); a title, particle or
    // legal form may not.
    const joinable = (t: NameToken) => !t.weak || t.weak === 'generic';
    for (let k = 0; k + 1 < words.length; k++) {
      const a = words[k]!;
      const b = words[k + 1]!;
      if (!joinable(a) || !joinable(b) || (a.weak && b.weak)) continue;
      const joined = makeToken([a.text + b.text], a.text + b.text, a.unvowelled || b.unvowelled, b.joinNext);
      const slot = new Map<string, number>();
      for (const key of tokenKeys(joined)) {
        if (key[0] !== 'w' && key[0] !== 'k') continue;
        const df = dfOfCached(key);
        if (df === 0 || df > COMMON_KEY_DF) continue;
        put(slot, key, KEY_WEIGHTS[key[0]!]! * 2 * Math.min(a.weight, b.weight));
      }
      if (slot.size) slots.push(slot);
    }
    // A query word no list spells, that is two listed words written as one (IRANAIR / IRAN AIR,
    // BMBANK / BM BANK): the keys of both parts, for each way of cutting it into two known words
    // (the left parts one slot, the right parts another). Names holding both parts gather both
    // weights. (Scoring then reads the listed words joined.)
    for (const t of words) {
      if (t.weak || t.unvowelled || t.text.length < 5 || t.text.length > MAX_SPLIT_LENGTH || /\d/.test(t.text) || found.get(`w:${t.text}`) !== 0) continue;
      const lefts = new Map<string, number>();
      const rights = new Map<string, number>();
      for (let cut = 2; cut <= t.text.length - 2; cut++) {
        const left = `w:${t.text.slice(0, cut)}`;
        const dl = dfOfCached(left);
        if (dl === 0 || dl > COMMON_KEY_DF) continue;
        const right = `w:${t.text.slice(cut)}`;
        const dr = dfOfCached(right);
        if (dr === 0 || dr > COMMON_KEY_DF) continue;
        put(lefts, left, KEY_WEIGHTS.w! * t.weight);
        put(rights, right, KEY_WEIGHTS.w! * t.weight);
      }
      if (lefts.size) slots.push(lefts, rights);
    }
    const idf = (key: string) => Math.log(1 + totalNames / found.get(key)!);
    let max = 0;
    /** Add weight `w` to every name of the key's postings; with `stamp`, once per name per slot. */
    const walk = (key: string, w: number, stamp: number) => {
      const { lists } = keyTable.get(key)!;
      for (const i of active) {
        const p = lists[i];
        if (!p) continue;
        const acc = loaded[i]!.acc;
        const tl = touched[i]!;
        const mark = marks[i]!;
        let n = touchedCount[i]!;
        for (let k = 0; k < p.length; k++) {
          const id = p[k]!;
          if (stamp) {
            if (mark[id] === stamp) continue;
            mark[id] = stamp;
          }
          if (acc[id] === 0) tl[n++] = id;
          const v = (acc[id]! += w);
          if (v > max) max = v;
        }
        touchedCount[i] = n;
      }
    };
    for (const [key, kw] of trigrams) walk(key, kw * idf(key), 0);
    for (const slot of slots) {
      // Heaviest key first: the first key of the slot a name is met in is its best, and the
      // stamp keeps the slot's later keys from adding to it.
      const keys = [...slot].map(([key, kw]) => ({ key, w: kw * idf(key) })).sort((a, b) => b.w - a.w);
      if (++slotStamp > 0x3fffffff) {
        for (const m of marks) m.fill(0);
        slotStamp = 1;
      }
      for (const { key, w } of keys) walk(key, w, slotStamp);
    }
    // 2. Keep the best-ranked names: a histogram over acc/max finds the cut in one pass.
    const BUCKETS = 64;
    const hist = new Int32Array(BUCKETS);
    for (const i of active) {
      const acc = loaded[i]!.acc;
      const tl = touched[i]!;
      const scale = BUCKETS / max;
      for (let k = 0, n = touchedCount[i]!; k < n; k++) hist[Math.min(BUCKETS - 1, (acc[tl[k]!]! * scale) | 0)]!++;
    }
    let cutBucket = BUCKETS - 1;
    let count = hist[cutBucket]!;
    const floor = Math.floor(BUCKETS * 0.35); // never consider names with < 35 % of the best overlap
    while (cutBucket > floor && count + hist[cutBucket - 1]! <= MAX_CANDIDATE_NAMES) count += hist[--cutBucket]!;
    let cut = (cutBucket / BUCKETS) * max;
    let tiesAllowed = Infinity;
    if (count > MAX_CANDIDATE_NAMES) {
      // One bucket holds too many equally ranked names ("Ivan Ivanovich ..."): keep the best,
      // shorter names first (fewer words left unmatched). The length preference is folded into
      // acc (rounded to float32 as acc stores it) so the comparison below uses it. (Filling the
      // budget from the next bucket down when it would overflow was measured: +0.1 point of
      // recall for twice the time per query.)
      let n = 0;
      for (const i of active) n += touchedCount[i]!;
      const ranked = new Float32Array(n);
      n = 0;
      for (const i of active) {
        const { acc } = loaded[i]!;
        const lens = lengths[i]!;
        const tl = touched[i]!;
        for (let k = 0, m = touchedCount[i]!; k < m; k++) {
          const id = tl[k]!;
          const a = acc[id]!;
          const folded = Math.fround(a - 0.001 * lens[id]!);
          acc[id] = folded;
          if (a >= cut) ranked[n++] = folded;
        }
      }
      const best = ranked.subarray(0, n).sort(); // ascending: the best are at the end
      cut = best[Math.max(0, n - MAX_CANDIDATE_NAMES)]!;
      // Names tied at the cut (the same overlap and length: "Ivan Petrov" meets hundreds) are
      // let in only up to the budget, in list and index order, which is fixed for a list version:
      // their names score alike. Not when a birth date or country is given, which may tell them
      // apart: then every tied name is scored.
      if (!pq.birthDate && !pq.country) {
        let above = 0;
        for (let k = n - 1; k >= 0 && best[k]! > cut; k--) above++;
        tiesAllowed = MAX_CANDIDATE_NAMES - above;
      }
    }
    // Candidate entities, each with the names retrieved for it (undefined: score all its names).
    const candidates = new Map<number, [number, number, number[] | undefined]>();
    for (const i of active) {
      const { acc, index } = loaded[i]!;
      const tl = touched[i]!;
      for (let k = 0, n = touchedCount[i]!; k < n; k++) {
        const id = tl[k]!;
        const v = acc[id]!;
        if (v > cut || (v === cut && tiesAllowed-- > 0)) {
          const e = index.nameEntity[id]!;
          const key = i * 0x1000000 + e;
          const c = candidates.get(key);
          const alias = id - index.nameStart[e]!;
          if (c) c[2]?.push(alias);
          else candidates.set(key, [i, e, [alias]]);
        }
        acc[id] = 0;
      }
      touchedCount[i] = 0;
    }
    // Identifiers retrieve on their own: an exact identifier match is decisive whatever the name.
    for (const raw of pq.ids ?? []) {
      const id = normaliseIdentifier(raw);
      for (const i of active) {
        for (const e of loaded[i]!.index.idPostings.get(id) ?? []) candidates.set(i * 0x1000000 + e, [i, e, undefined]);
      }
    }

    // 3. Scoring: each retrieved alias of each candidate entity gets its own score; the best counts.
    //    (Aliases sharing too few keys with the query to be retrieved could not score higher.)
    const matches: Match[] = [];
    for (const [i, ei, aliases] of candidates.values()) {
      const e = loaded[i]!.index.entities[ei]!;
      const s = scoreEntity(pq, e, aliases);
      if (s.score < threshold) continue;
      const m: Match = {
        entityId: e.id,
        source: e.source,
        sourceId: e.sourceId,
        schema: e.schema,
        name: e.name,
        matchedName: s.matchedName,
        score: s.score,
        explanation: s.explain(),
        programs: e.programs,
        countries: e.countries,
      };
      if (e.listedOn) m.listedOn = e.listedOn;
      if (e.lists.length) m.lists = e.lists;
      matches.push(m);
    }
    matches.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
    return matches.slice(0, limit);
  }

  return { scorerVersion: SCORER_VERSION, listVersions, screen };
}

/** Build a screener directly from snapshots (tests, benchmarks, callers without a store). */
export function createScreener(snapshots: ListSnapshot[]): Screener {
  return screenerFromIndexes(snapshots.map(buildMatchIndex));
}

/** File name of a cached index: changes whenever the scorer, the knowledge or the format does. */
export function indexFileName(): string {
  return `match-index.${SCORER_VERSION}.${loadMatchingKnowledge().version}.f${INDEX_FORMAT}.v8`;
}

/** The index of one stored list version: read from the version's artefact folder, or built and cached there. */
export function loadOrBuildIndex(store: ListStore, info: ListVersionInfo): MatchIndex {
  const dir = store.artifactDir(info);
  const file = join(dir, indexFileName());
  if (existsSync(file)) {
    try {
      const stored = deserialize(readFileSync(file)) as Omit<MatchIndex, 'postings'> & { postings: PackedPostings };
      if (stored.format === INDEX_FORMAT && stored.version === info.version && Array.isArray(stored.postings?.keys)) return { ...stored, postings: unpackPostings(stored.postings) };
    } catch {
      // A damaged cache is rebuilt below; the list snapshot itself is the source of truth.
    }
  }
  const index = buildMatchIndex(store.read(info));
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Postings packed into three arrays: deserialising hundreds of thousands of small typed
    // arrays is what made a cached index slow to open.
    writeFileSync(tmp, serialize({ ...index, postings: packPostings(index.postings) }));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true }); // a read-only store still screens, it just rebuilds next time
  }
  return index;
}

/**
 * Make sure the index of a list version is cached, without reading it when it already is:
 * a batch's workers each read the cache, so the coordinating thread need not.
 */
export function ensureIndexCached(store: ListStore, info: ListVersionInfo): void {
  if (!existsSync(join(store.artifactDir(info), indexFileName()))) loadOrBuildIndex(store, info);
}

/** The list versions a screener opened with these options uses. */
export function selectVersions(store: ListStore, options: { sources?: string[]; asOf?: string } = {}): ListVersionInfo[] {
  const sources = options.sources?.length ? options.sources : store.sources();
  if (sources.length === 0) {
    throw new ScreeningError(`no sanctions lists are loaded in ${store.home}: run \`interdict lists load --mirror DIR\` first`);
  }
  return sources.map((s) => {
    const info = options.asOf ? store.asOf(s, options.asOf) : store.current(s);
    if (!info) {
      throw new ScreeningError(
        options.asOf
          ? `no version of list "${s}" published on or before ${options.asOf} in ${store.home}`
          : `list "${s}" is not loaded in ${store.home}: run \`interdict lists load --mirror DIR\``,
      );
    }
    return info;
  });
}

export function openScreener(store: ListStore, options: { sources?: string[]; asOf?: string } = {}): Screener {
  return screenerFromIndexes(selectVersions(store, options).map((info) => loadOrBuildIndex(store, info)));
}
