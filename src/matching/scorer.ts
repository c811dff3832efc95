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

export const SCORER_VERSION = 'interdict-name-v2';

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
  explanation: string;
}

/** A low-quality alias (OFAC "weak" a.k.a., UN "Low quality") counts a little less. */
const WEAK_ALIAS_FACTOR = 0.94;

/** Score an entity: each of its names (or only those listed in `aliases`, by position) on its own. */
export function scoreEntity(q: PreparedQuery, e: IndexedEntity, aliases?: readonly number[]): EntityScore {
  const person = e.schema === 'Person' || isPersonSchema(q.schema);
  const queryName = e.schema === 'Person' ? q.personName : q.name;
  let best: { cmp: NameComparison; s: number; idx: number } | undefined;
  e.names.forEach((n, idx) => {
    if (aliases && !aliases.includes(idx)) return;
    const cmp = compareNames(queryName, { raw: n.full, script: undefined, tokens: n.tokens }, person);
    const s = cmp.score * (n.quality === 'weak' ? WEAK_ALIAS_FACTOR : 1);
    if (!best || s > best.s) best = { cmp, s, idx };
  });
  const b = best as { cmp: NameComparison; s: number; idx: number } | undefined;
  const nameScore = b ? b.s : 0;
  const matched = b ? e.names[b.idx]! : { full: e.name, quality: 'primary' as const };
  const why: string[] = [];
  const label = matched.full === e.name ? 'primary name' : `${matched.quality === 'weak' ? 'weak alias' : 'alias'} "${matched.full}"`;
  why.push(`name ${nameScore.toFixed(2)} on ${label}${e.names.length > 1 ? ` (best of ${e.names.length} names)` : ''}`);
  if (b) {
    const d = describeNameComparison(b.cmp);
    if (d) why.push(d);
    if (matched.quality === 'weak') why.push(`weak alias x${WEAK_ALIAS_FACTOR}`);
  }
  let score = nameScore;
  const evidence: (EvidenceDelta | undefined)[] = [
    compareSchema(q.schema, e.schema),
    compareBirthDates(q.birthDate, e.birthDates),
    compareCountries(q.country, e.countries),
  ];
  for (const ev of evidence) {
    if (!ev) continue;
    score += ev.delta;
    why.push(ev.explanation);
  }
  const id = compareIdentifiers(q.ids, e.ids);
  if (id) {
    score = Math.max(score, ID_MATCH_SCORE);
    why.push(id.explanation);
  }
  score = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
  return { score, nameScore, matchedName: matched.full, explanation: why.join('; ') };
}
