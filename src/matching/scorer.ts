// The scoring model: combines the comparison features into one score per listed entity, with an
// explanation in words. Versioned: SCORER_VERSION is reported with every result, and any change
// to weights, features or the knowledge files it reads changes the reproducible scores, so it
// must come with a new version id.
import type { NameQuality } from '../domain/entity.js';
import { compareNames, describeNameComparison, type NameComparison } from './compare/names.js';
import { compareBirthDates, type EvidenceDelta } from './compare/dates.js';
import { compareCountries } from './compare/countries.js';
import { compareIdentifiers, ID_MATCH_SCORE } from './compare/identifiers.js';
import { compareSchema, isPersonSchema } from './compare/schema.js';
import type { NameToken, PreparedName } from './normalize.js';

export const SCORER_VERSION = 'interdict-name-v5';

/** A listed entity as the index keeps it: only what scoring and the Match need. */
export interface IndexedEntity {
  id: string;
  source: string;
  sourceId: string;
  schema: string;
  name: string;
  names: { full: string; quality: NameQuality; tokens: NameToken[] }[];
  birthDates: string[];
  countries: string[];
  /** Normalised identifiers (normaliseIdentifier). */
  ids: string[];
  programs: string[];
  lists: string[];
  listedOn?: string;
}

export interface PreparedQuery {
  name: PreparedName;
  /** The query name read as "LAST, FIRST" when it has one comma (persons only). */
  personName: PreparedName;
  schema?: string;
  country?: string;
  birthDate?: string;
  ids?: string[];
}

export interface EntityScore {
  score: number;
  nameScore: number;
  matchedName: string;
  /** In words: which name matched, which parts aligned, what raised or lowered the score. */
  explain(): string;
}

/** A low-quality alias (OFAC "weak" a.k.a., UN "Low quality") counts a little less. */
const WEAK_ALIAS_FACTOR = 0.94;

/**
 * Score an entity: each of its names (or only those listed in `aliases`, by position) on its own.
 * The explanation is built on demand: most candidates end below the threshold and never show one.
 */
export function scoreEntity(q: PreparedQuery, e: IndexedEntity, aliases?: readonly number[]): EntityScore {
  const person = e.schema === 'Person' || isPersonSchema(q.schema);
  const queryName = e.schema === 'Person' ? q.personName : q.name;
  let best: NameComparison | undefined;
  let bestScore = 0;
  let bestIdx = -1;
  for (let idx = 0; idx < e.names.length; idx++) {
    if (aliases && !aliases.includes(idx)) continue;
    const n = e.names[idx]!;
    const cmp = compareNames(queryName, { raw: n.full, script: undefined, tokens: n.tokens }, person);
    const s = cmp.score * (n.quality === 'weak' ? WEAK_ALIAS_FACTOR : 1);
    if (!best || s > bestScore) {
      best = cmp;
      bestScore = s;
      bestIdx = idx;
    }
  }
  const nameScore = best ? bestScore : 0;
  const matched = best ? e.names[bestIdx]! : { full: e.name, quality: 'primary' as const };
  let score = nameScore;
  const evidence: EvidenceDelta[] = [];
  for (const ev of [compareSchema(q.schema, e.schema), compareBirthDates(q.birthDate, e.birthDates), compareCountries(q.country, e.countries)]) {
    if (!ev) continue;
    score += ev.delta;
    evidence.push(ev);
  }
  const id = compareIdentifiers(q.ids, e.ids);
  if (id) score = Math.max(score, ID_MATCH_SCORE);
  score = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
  const explain = (): string => {
    const why: string[] = [];
    const label = matched.full === e.name ? 'primary name' : `${matched.quality === 'weak' ? 'weak alias' : 'alias'} "${matched.full}"`;
    why.push(`name ${nameScore.toFixed(2)} on ${label}${e.names.length > 1 ? ` (best of ${e.names.length} names)` : ''}`);
    if (best) {
      const d = describeNameComparison(best);
      if (d) why.push(d);
      if (matched.quality === 'weak') why.push(`weak alias x${WEAK_ALIAS_FACTOR}`);
    }
    for (const ev of evidence) why.push(ev.explanation);
    if (id) why.push(id.explanation);
    return why.join('; ');
  };
  return { score, nameScore, matchedName: matched.full, explain };
}
