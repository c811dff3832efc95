// Countries: the query's country (ISO alpha-2) against the countries linked to the listed entity
// (nationality, citizenship, address, jurisdiction ...). Weak evidence either way: procurement
// fronts sit in third countries, so a mismatch lowers the score only a little.
import type { EvidenceDelta } from './dates.js';

export const COUNTRY_DELTAS = { match: 0.02, mismatch: -0.04 } as const;

export function compareCountries(query: string | undefined, listed: readonly string[]): EvidenceDelta | undefined {
  if (!query || listed.length === 0) return undefined;
  const q = query.toUpperCase();
  if (listed.includes(q)) return { delta: COUNTRY_DELTAS.match, explanation: `country ${q} is linked to the listed entity (+${COUNTRY_DELTAS.match})` };
  return {
    delta: COUNTRY_DELTAS.mismatch,
    explanation: `country ${q} is not among the listed entity's countries (${listed.join(', ')}) (${COUNTRY_DELTAS.mismatch})`,
  };
}
