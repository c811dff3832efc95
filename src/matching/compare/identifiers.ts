// Identifiers (passport, registration, IMO, tax numbers ...): normalised to upper-case letters and
// digits. An exact match of a long enough identifier is decisive: two parties do not share an IMO
// number or a passport number, whatever their names.
import type { EvidenceDelta } from './dates.js';

/** Shorter identifiers collide by chance ("123"); they never decide. */
export const MIN_DECISIVE_ID_LENGTH = 5;
/** The score an exact identifier match lifts a candidate to, at least. */
export const ID_MATCH_SCORE = 0.99;

export function normaliseIdentifier(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '').replace(/^IMO(?=\d{7}$)/, '');
}

export function compareIdentifiers(query: readonly string[] | undefined, listed: readonly string[]): (EvidenceDelta & { matched: string }) | undefined {
  if (!query?.length || !listed.length) return undefined;
  for (const q of query) {
    const nq = normaliseIdentifier(q);
    if (nq.length < MIN_DECISIVE_ID_LENGTH) continue;
    if (listed.includes(nq)) {
      return { delta: 0, matched: nq, explanation: `identifier ${q} matches a listed identifier exactly (decisive: score at least ${ID_MATCH_SCORE})` };
    }
  }
  return undefined;
}
