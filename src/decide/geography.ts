// Where a transfer's goods come from, pass through and go to, each country with the fact that put
// it there, so a measure's `why` can say "RU (end user OOO Example)". Pure.
import type { Transfer } from '../domain/transfer.js';
import { toCountryCode } from '../geo/countries.js';

/** Country -> the facts of the transfer that name it ("destination", "end user Foo LLC"). */
export type CountryFacts = Map<string, string[]>;

export interface TransferGeography {
  /** Shipping destination, stated final destination, and countries of importer, consignee, end user. */
  to: CountryFacts;
  /** Origin, else the exporter's (or manufacturer's) country. */
  from: CountryFacts;
  /** Transit countries of the route. */
  via: CountryFacts;
}

/** Roles whose country is where the goods end up (indirect supply through a third country counts). */
const RECEIVING_ROLES = new Set(['importer', 'consignee', 'end_user']);

function add(map: CountryFacts, country: string | undefined, fact: string): void {
  const code = toCountryCode(country);
  if (!code) return;
  const facts = map.get(code);
  if (facts) {
    if (!facts.includes(fact)) facts.push(fact);
  } else map.set(code, [fact]);
}

export function transferGeography(t: Transfer): TransferGeography {
  const to: CountryFacts = new Map();
  const from: CountryFacts = new Map();
  const via: CountryFacts = new Map();
  add(to, t.destination, 'destination');
  add(to, t.finalDestination, 'final destination');
  for (const p of t.parties) {
    if (RECEIVING_ROLES.has(p.role)) add(to, p.country, `${p.role.replace('_', ' ')} ${p.name}`);
  }
  add(from, t.origin, 'origin');
  if (from.size === 0) {
    for (const p of t.parties) if (p.role === 'exporter' || p.role === 'manufacturer') add(from, p.country, `${p.role} ${p.name}`);
  }
  for (const c of t.route ?? []) add(via, c, 'route');
  return { to, from, via };
}

/** "RU (end user OOO Example)". */
export function describeCountry(code: string, facts: CountryFacts): string {
  const f = facts.get(code);
  return f?.length ? `${code} (${f.join(', ')})` : code;
}
