// Schema compatibility, after FollowTheMoney's hierarchy: Company and Organization are both
// LegalEntity, so they are compatible with each other and with LegalEntity; a Person is not an
// Organization, and a Vessel or Aircraft is neither.
import type { EvidenceDelta } from './dates.js';

const FAMILY: Record<string, string> = {
  person: 'person',
  organization: 'organization',
  organisation: 'organization',
  company: 'organization',
  legalentity: 'organization',
  entity: 'organization',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

export const SCHEMA_MISMATCH_DELTA = -0.3;

/** Canonical schema name for user input ("person", "Organisation", "company" ...). */
export function canonicalSchema(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const f = FAMILY[value.toLowerCase().replace(/[^a-z]/g, '')];
  if (!f) return undefined;
  const exact = { person: 'Person', vessel: 'Vessel', aircraft: 'Aircraft' } as Record<string, string>;
  if (exact[f]) return exact[f];
  const v = value.toLowerCase().replace(/[^a-z]/g, '');
  return v === 'company' ? 'Company' : v === 'legalentity' ? 'LegalEntity' : 'Organization';
}

export function isPersonSchema(schema: string | undefined): boolean {
  return !!schema && FAMILY[schema.toLowerCase()] === 'person';
}

export function compareSchema(query: string | undefined, listed: string): EvidenceDelta | undefined {
  if (!query) return undefined;
  const a = FAMILY[query.toLowerCase().replace(/[^a-z]/g, '')];
  const b = FAMILY[listed.toLowerCase()];
  if (!a || !b) return undefined;
  // LegalEntity in FtM is also the parent of Person; a query typed LegalEntity matches any party.
  if (a === b || query.toLowerCase() === 'legalentity') return undefined;
  return { delta: SCHEMA_MISMATCH_DELTA, explanation: `query is a ${query} but the listed entity is a ${listed} (${SCHEMA_MISMATCH_DELTA})` };
}
