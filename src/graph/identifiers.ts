// Shared identifiers: a counterparty that gives the same address, phone number, e-mail, website or
// registration number as a listed entity is often a front or successor of it (FinCEN/BIS joint
// notice of 6 Nov 2023 and the 18 Oct 2023 Iran missile procurement advisory, Annex 1: front
// companies). The index maps normalised values to the designated entities that carry them.
import anyAscii from 'any-ascii';
import type { Entity } from '../domain/entity.js';
import type { Party } from '../domain/transfer.js';

export type SharedKind = 'address' | 'phone' | 'email' | 'website' | 'identifier';

export interface IdentifierHit {
  kind: SharedKind;
  entityId: string;
  /** The value as the list writes it. */
  listedValue: string;
  /** Identifier type or contact type on the listed side. */
  label?: string;
}

export interface SharedIdentifierLink extends IdentifierHit {
  /** The value as the party gave it. */
  partyValue: string;
}

export interface IdentifierIndex {
  lookup(kind: SharedKind, value: string): IdentifierHit[];
  readonly size: number;
}

function fold(text: string): string {
  return anyAscii(text.normalize('NFKC')).toLowerCase();
}

export function normaliseEmail(value: string): string | undefined {
  const v = value.trim().toLowerCase().replace(/^mailto:/, '');
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? v : undefined;
}

/** A website down to its host name: scheme, `www.`, path and port do not matter. */
export function normaliseWebsite(value: string): string | undefined {
  const v = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '');
  const host = v.split(/[/?#:]/)[0] ?? '';
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined;
}

/**
 * A phone number down to its last 9 digits: lists and customers write the same number with or
 * without country code, trunk prefix and separators ("+7 (495) 123-45-67", "8 495 1234567").
 * Numbers with fewer than 7 digits are too short to compare.
 */
export function normalisePhone(value: string): string | undefined {
  const digits = value.replace(/\D+/g, '');
  if (digits.length < 7) return undefined;
  return digits.slice(-9);
}

/** A registration or other identifier: letters and digits only, upper case; at least 5 characters. */
export function normaliseIdentifier(value: string): string | undefined {
  const v = anyAscii(value).toUpperCase().replace(/[^A-Z0-9]+/g, '');
  return v.length >= 5 && /\d/.test(v) ? v : undefined;
}

/**
 * An address as an order-free set of words: "Ul. Lenina 5, Moscow" and "Moscow, ul Lenina 5" are
 * the same key. Needs a number and three words, so that a bare city or country never matches.
 */
// Words that vary between writings of one address (street-type words, country names).
const ADDRESS_NOISE = new Set(
  'st str street ul ulitsa road rd avenue ave prospekt pr building bldg office of no the russia russian federation rf china prc iran islamic republic united arab emirates uae turkey turkiye'.split(' '),
);

export function normaliseAddress(value: string): string | undefined {
  const words = fold(value)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !ADDRESS_NOISE.has(w));
  const unique = [...new Set(words)].sort();
  if (unique.length < 3 || !unique.some((w) => /\d/.test(w))) return undefined;
  return unique.join(' ');
}

const NORMALISERS: Record<SharedKind, (v: string) => string | undefined> = {
  address: normaliseAddress,
  phone: normalisePhone,
  email: normaliseEmail,
  website: normaliseWebsite,
  identifier: normaliseIdentifier,
};

/**
 * Identifier labels that many unrelated companies share: a Russian KPP (tax registration reason
 * code) names the tax office and the reason, e.g. 771501001 for hundreds of Moscow companies.
 */
const NOT_DISTINCTIVE = new Set(['kppCode']);

/** Lists put several phone numbers in one field ("+7 (3412) 43-05-05; +7 (951) 210-81-28"). */
export function splitContact(kind: SharedKind, value: string): string[] {
  return kind === 'phone' || kind === 'email' ? value.split(/[;,\/]| {2,}/).map((v) => v.trim()).filter(Boolean) : [value];
}

export function buildIdentifierIndex(entities: Iterable<Entity>): IdentifierIndex {
  const map = new Map<string, IdentifierHit[]>();
  let size = 0;
  const add = (kind: SharedKind, value: string, entityId: string, label?: string) => {
    const key = NORMALISERS[kind](value);
    if (!key) return;
    const k = `${kind}\u0000${key}`;
    const hits = map.get(k) ?? [];
    if (hits.some((h) => h.entityId === entityId)) return;
    hits.push({ kind, entityId, listedValue: value, ...(label ? { label } : {}) });
    map.set(k, hits);
    size++;
  };
  for (const e of entities) {
    for (const a of e.addresses) {
      // Lists often give only a city and country; normaliseAddress drops those.
      add('address', a.full || [a.street, a.city, a.postalCode].filter(Boolean).join(' '), e.id);
    }
    for (const c of e.contacts) for (const v of splitContact(c.type, c.value)) add(c.type, v, e.id, c.type);
    for (const i of e.identifiers) {
      if (i.label && NOT_DISTINCTIVE.has(i.label)) continue;
      add('identifier', i.value, e.id, i.label ?? i.type);
      // Lists write e-mails and websites into identifier or property fields too.
      if (i.type === 'other' && i.value.includes('@')) add('email', i.value, e.id, i.label);
    }
    for (const v of e.properties['email'] ?? []) add('email', v, e.id, 'email');
    for (const v of e.properties['phone'] ?? []) for (const p of splitContact('phone', v)) add('phone', p, e.id, 'phone');
    for (const v of e.properties['website'] ?? []) add('website', v, e.id, 'website');
  }
  return {
    size,
    lookup(kind, value) {
      const key = NORMALISERS[kind](value);
      return key ? (map.get(`${kind}\u0000${key}`) ?? []) : [];
    },
  };
}

/** Values a party gives, by kind. An `ids` entry may carry a label ("INN 7701234567"). */
function partyValues(party: Party): { kind: SharedKind; value: string }[] {
  const out: { kind: SharedKind; value: string }[] = [];
  if (party.address) out.push({ kind: 'address', value: party.address });
  for (const v of party.phone ? splitContact('phone', party.phone) : []) out.push({ kind: 'phone', value: v });
  if (party.email) out.push({ kind: 'email', value: party.email });
  if (party.website) out.push({ kind: 'website', value: party.website });
  for (const id of party.ids ?? []) {
    out.push({ kind: 'identifier', value: id });
    // "INN 7701234567" -> also try the number alone.
    for (const token of id.split(/[\s:#]+/)) if (token !== id && /\d/.test(token)) out.push({ kind: 'identifier', value: token });
  }
  return out;
}

/** Every listed entity that shares an address, phone, e-mail, website or identifier with the party. */
export function findSharedIdentifiers(party: Party, index: IdentifierIndex): SharedIdentifierLink[] {
  const out: SharedIdentifierLink[] = [];
  const seen = new Set<string>();
  for (const { kind, value } of partyValues(party)) {
    for (const hit of index.lookup(kind, value)) {
      const key = `${kind}|${hit.entityId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...hit, partyValue: value });
    }
  }
  return out;
}
