// Whose law binds the user, and the instant a decision is taken at. Pure.
import type { Transfer } from '../domain/transfer.js';
import { toCountryCode } from '../geo/countries.js';
import { JURISDICTIONS, type Jurisdiction } from '../regimes/schema.js';

export class CheckInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`transfer ${field}: ${reason}`);
    this.name = 'CheckInputError';
  }
}

/**
 * A date or date-time as an ISO 8601 UTC instant. A bare date means the start of that day in UTC
 * (00:00Z), so "2025-09-28" falls after the snapback (effective 2025-09-28T00:00:00Z) and
 * "2023-10-18" after Transition Day. A date-time without an offset is read as UTC.
 */
export function toInstant(value: string): string {
  const v = value.trim();
  let iso = v;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = `${v}T00:00:00Z`;
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) iso = `${v}Z`;
  const t = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new CheckInputError('date', `"${value}" is not an ISO 8601 date or date-time`);
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

export interface Nexus {
  jurisdictions: Set<Jurisdiction>;
  explanation: string;
}

/**
 * The jurisdictions whose persons or territory the transfer involves. Given explicitly as
 * `nexus`, else inferred from the origin and the countries of the parties (an EU member State
 * brings in EU law, GB UK law, US US law). When nothing can be inferred every jurisdiction is
 * taken as binding: the conservative answer. UN measures bind every State regardless.
 */
export function inferNexus(t: Transfer, groups: Readonly<Record<string, readonly string[]>>): Nexus {
  if (t.nexus?.length) {
    const set = new Set<Jurisdiction>();
    for (const n of t.nexus) {
      const j = n.trim().toUpperCase();
      if (!(JURISDICTIONS as readonly string[]).includes(j)) throw new CheckInputError('nexus', `unknown jurisdiction "${n}" (use ${JURISDICTIONS.join(', ')})`);
      set.add(j as Jurisdiction);
    }
    set.add('UN');
    return { jurisdictions: set, explanation: `nexus as given: ${[...set].join(', ')}` };
  }
  const eu = new Set(groups['EU'] ?? []);
  const set = new Set<Jurisdiction>(['UN']);
  const why: string[] = [];
  const consider = (country: string | undefined, label: string) => {
    const c = toCountryCode(country);
    if (!c) return;
    if (eu.has(c)) set.add('EU');
    if (c === 'GB') set.add('UK');
    if (c === 'US') set.add('US');
    if (eu.has(c) || c === 'GB' || c === 'US') why.push(`${label} in ${c}`);
  };
  consider(t.origin, 'origin');
  for (const p of t.parties) consider(p.country, `${p.role.replace('_', ' ')} ${p.name}`);
  if (set.size === 1) {
    return {
      jurisdictions: new Set(JURISDICTIONS),
      explanation: 'no nexus given and none inferable from the parties: every jurisdiction is treated as binding (give "nexus" to narrow)',
    };
  }
  return { jurisdictions: set, explanation: `nexus inferred: ${[...set].join(', ')} (${why.join('; ')})` };
}
