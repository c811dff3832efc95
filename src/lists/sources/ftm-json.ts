// OpenSanctions FollowTheMoney (FtM) entities, JSON lines:
// https://data.opensanctions.org/datasets/latest/<dataset>/entities.ftm.json
// One entity per line: {id, schema, caption, properties: {prop: [values]}, datasets, referents,
// target, first_seen, last_seen, last_change}. Parties (Person, Organization, Company,
// LegalEntity, Vessel, Aircraft) become entities; interval schemata (Ownership, Directorship,
// Family, Associate, UnknownLink, Employment, Membership) become relations; Sanction, Address,
// Passport and Identification entities are folded into the party that refers to them.
// Property names: https://followthemoney.tech/explorer/
import { createInterface } from 'node:readline';
import type { Address, CountryRole, Entity, EntitySchema, IdentifierType, Relation, RelationType } from '../../domain/entity.js';
import { entityId, ENTITY_SCHEMATA } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { addIdentifier, addName, addProperty, newEntity, pushUnique } from './csl-os-common.js';

/** One FtM entity as serialised in entities.ftm.json. */
export interface FtmEntity {
  id: string;
  schema: string;
  caption?: string;
  properties: Record<string, string[]>;
  datasets?: string[];
  referents?: string[];
  target?: boolean;
  first_seen?: string;
  last_seen?: string;
  last_change?: string;
}

/** FtM identifier properties and what they identify. */
export const FTM_IDENTIFIER_PROPS: Record<string, IdentifierType> = {
  passportNumber: 'passport',
  idNumber: 'national_id',
  registrationNumber: 'registration',
  ogrnCode: 'registration',
  okpoCode: 'registration',
  npiCode: 'registration',
  taxNumber: 'tax',
  innCode: 'tax',
  vatCode: 'tax',
  kppCode: 'other',
  leiCode: 'lei',
  swiftBic: 'swift_bic',
  dunsCode: 'duns',
  imoNumber: 'imo',
  mmsi: 'mmsi',
  callSign: 'call_sign',
  serialNumber: 'aircraft_serial',
  icaoCode: 'other',
  uniqueEntityId: 'other',
  permId: 'other',
  bikCode: 'other',
  cageCode: 'other',
  ricCode: 'other',
  isinCode: 'other',
};

/** FtM country properties and the role of the country. */
export const FTM_COUNTRY_PROPS: Record<string, CountryRole> = {
  nationality: 'nationality',
  citizenship: 'citizenship',
  jurisdiction: 'jurisdiction',
  birthCountry: 'birth',
  flag: 'flag',
  country: 'other',
  mainCountry: 'other',
  residency: 'residence',
};

const NAME_PROPS = new Set(['name', 'alias', 'weakAlias', 'previousName', 'abbreviation']);
const CONTACT_PROPS: Record<string, 'email' | 'phone' | 'website'> = { email: 'email', phone: 'phone', website: 'website' };
/** Properties mapped to Entity fields (everything else is kept verbatim in `properties`). */
const MAPPED_PROPS = new Set([
  ...NAME_PROPS,
  ...Object.keys(FTM_IDENTIFIER_PROPS),
  ...Object.keys(FTM_COUNTRY_PROPS),
  ...Object.keys(CONTACT_PROPS),
  'birthDate',
  'birthPlace',
  'address',
  'addressEntity',
  'programId',
  'notes',
]);

/** Interval schemata read as relations: [type, from property, to property, role property]. */
const RELATION_SCHEMATA: Record<string, [RelationType, string, string, string]> = {
  Ownership: ['ownership', 'owner', 'asset', 'role'],
  Directorship: ['directorship', 'director', 'organization', 'role'],
  Family: ['family', 'person', 'relative', 'relationship'],
  Associate: ['association', 'person', 'associate', 'relationship'],
  UnknownLink: ['association', 'subject', 'object', 'role'],
  Employment: ['employment', 'employee', 'employer', 'role'],
  Membership: ['membership', 'member', 'organization', 'role'],
};

function first(values: string[] | undefined): string | undefined {
  return values?.find((v) => v.trim())?.trim();
}

function isEntitySchema(schema: string): schema is EntitySchema {
  return (ENTITY_SCHEMATA as readonly string[]).includes(schema);
}

/** FtM dates are ISO prefixes ('2021', '2021-03', '2021-03-04T10:00:00'); keep the date part. */
function ftmDate(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const m = /^\d{4}(-\d{2}(-\d{2})?)?/.exec(v);
  return m ? m[0] : v;
}

/** Read an FtM JSON-lines file into objects, naming file and line on malformed or truncated input. */
export async function* readFtmLines(file: string): AsyncGenerator<{ entity: FtmEntity; line: number }> {
  const input = openListFile(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo += 1;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ListParseError(file, `line ${lineNo}`, `invalid JSON (line cut short?): ${(err as Error).message}`);
      }
      const o = value as Partial<FtmEntity>;
      if (!o || typeof o !== 'object' || typeof o.id !== 'string' || typeof o.schema !== 'string') {
        throw new ListParseError(file, `line ${lineNo}`, 'not an FtM entity (needs string "id" and "schema")');
      }
      if (!o.properties || typeof o.properties !== 'object') o.properties = {};
      yield { entity: o as FtmEntity, line: lineNo };
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const msg = (err as Error).message;
    throw new ListParseError(
      file,
      `after line ${lineNo}`,
      /unexpected end of file/i.test(msg) ? `gzip stream ends early (truncated download?): ${msg}` : msg,
    );
  } finally {
    lines.close();
    input.destroy();
  }
}

function addCountry(entity: Entity, value: string, role: CountryRole, warnings: ParseWarning[], file: string, at: string): void {
  const code = toCountryCode(value);
  if (!code) {
    warnings.push({ file, at, message: `unknown country "${value}" (${role}) on ${entity.sourceId}` });
    return;
  }
  if (!entity.countries.some((c) => c.code === code && c.role === role)) entity.countries.push({ code, role });
}

/** Map one FtM party (Person, Company ...) to an entity; Address/Sanction/Passport come later. */
export function ftmToEntity(ftm: FtmEntity, source: string, warnings: ParseWarning[], file: string, at: string): Entity | undefined {
  if (!isEntitySchema(ftm.schema)) return undefined;
  const p = ftm.properties;
  const names = p.name ?? [];
  // The caption is OpenSanctions' pick of the display name; fall back to the first name.
  const primary = (ftm.caption && names.includes(ftm.caption) ? ftm.caption : first(names)) ?? ftm.caption ?? ftm.id;
  const entity = newEntity(source, ftm.id, ftm.schema, primary);
  addName(entity, primary, 'primary');
  for (const n of names) addName(entity, n, 'strong');
  for (const n of p.alias ?? []) addName(entity, n, 'strong');
  for (const n of p.previousName ?? []) addName(entity, n, 'strong');
  for (const n of p.weakAlias ?? []) addName(entity, n, 'weak');
  for (const n of p.abbreviation ?? []) addName(entity, n, 'weak');

  for (const d of p.birthDate ?? []) pushUnique(entity.birthDates, ftmDate(d));
  pushUnique(entity.birthPlaces, ...(p.birthPlace ?? []));
  for (const [prop, role] of Object.entries(FTM_COUNTRY_PROPS)) {
    for (const v of p[prop] ?? []) addCountry(entity, v, role, warnings, file, at);
  }
  for (const [prop, type] of Object.entries(FTM_IDENTIFIER_PROPS)) {
    // An aircraft's registrationNumber is its tail number (FtM Airplane/Aircraft).
    const t = prop === 'registrationNumber' && ftm.schema === 'Aircraft' ? 'aircraft_tail' : type;
    for (const v of p[prop] ?? []) addIdentifier(entity, { type: t, value: v, label: prop });
  }
  for (const [prop, type] of Object.entries(CONTACT_PROPS)) {
    for (const v of p[prop] ?? []) {
      const value = v.trim();
      if (value && !entity.contacts.some((c) => c.type === type && c.value === value)) entity.contacts.push({ type, value });
    }
  }
  for (const a of p.address ?? []) {
    const full = a.trim();
    if (full && !entity.addresses.some((x) => x.full === full)) entity.addresses.push({ full });
  }
  pushUnique(entity.programs, ...(p.programId ?? []));
  pushUnique(entity.remarks, ...(p.notes ?? []));
  for (const [prop, values] of Object.entries(p)) {
    if (!MAPPED_PROPS.has(prop)) addProperty(entity, prop, ...values);
  }
  // Where the entity came from in OpenSanctions: kept so it can be written back out (ftm-export).
  pushUnique(entity.lists, ...(ftm.datasets ?? []));
  addProperty(entity, 'datasets', ...(ftm.datasets ?? []));
  addProperty(entity, 'first_seen', ftm.first_seen);
  addProperty(entity, 'last_seen', ftm.last_seen);
  addProperty(entity, 'last_change', ftm.last_change);
  if (ftm.target === false) entity.target = false;
  else if (ftm.target === true) entity.target = true;
  return entity;
}

/** Map an FtM interval entity (Ownership, Directorship ...) to a relation. */
export function ftmToRelation(ftm: FtmEntity, source: string, warnings: ParseWarning[], file: string, at: string): Relation | undefined {
  const spec = RELATION_SCHEMATA[ftm.schema];
  if (!spec) return undefined;
  const [type, fromProp, toProp, roleProp] = spec;
  const p = ftm.properties;
  const from = first(p[fromProp]);
  const to = first(p[toProp]);
  if (!from || !to) {
    warnings.push({ file, at, message: `${ftm.schema} ${ftm.id} lacks ${fromProp} or ${toProp}; skipped` });
    return undefined;
  }
  if ((p[fromProp]?.length ?? 0) > 1 || (p[toProp]?.length ?? 0) > 1) {
    warnings.push({ file, at, message: `${ftm.schema} ${ftm.id} has several ${fromProp}/${toProp} values; the first pair is kept` });
  }
  const relation: Relation = {
    id: entityId(source, ftm.id),
    source,
    type,
    from: entityId(source, from),
    to: entityId(source, to),
    evidence: [
      `FtM ${ftm.schema} ${ftm.id}`,
      ftm.datasets?.length ? `datasets ${ftm.datasets.join(', ')}` : '',
      p.sharesCount?.length ? `shares ${p.sharesCount.join(', ')}` : '',
      first(p.summary) ?? '',
    ]
      .filter(Boolean)
      .join('; '),
  };
  const pct = first(p.percentage);
  if (pct) {
    const share = Number.parseFloat(pct.replace('%', '').replace(',', '.'));
    if (Number.isFinite(share) && share >= 0 && share <= 100) relation.share = share;
    else warnings.push({ file, at, message: `${ftm.schema} ${ftm.id}: percentage "${pct}" is not a share` });
  }
  const role = first(p[roleProp]);
  if (role) relation.role = role;
  const start = ftmDate(first(p.startDate));
  const end = ftmDate(first(p.endDate));
  if (start) relation.startDate = start;
  if (end) relation.endDate = end;
  return relation;
}

/** Fold an FtM Address entity into a domain address. */
function ftmAddress(ftm: FtmEntity): Address | undefined {
  const p = ftm.properties;
  const street = first(p.street);
  const city = first(p.city);
  const region = first(p.region);
  const postalCode = first(p.postalCode);
  const country = toCountryCode(first(p.country));
  const full = first(p.full) ?? [street, postalCode, city, region].filter(Boolean).join(', ');
  if (!full) return undefined;
  const address: Address = { full };
  if (street) address.street = street;
  if (city) address.city = city;
  if (region) address.region = region;
  if (postalCode) address.postalCode = postalCode;
  if (country) address.country = country;
  return address;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const source = options.source;
  const warnings: ParseWarning[] = [];
  const entities = new Map<string, Entity>();
  const relations: Relation[] = [];
  const addresses = new Map<string, FtmEntity>();
  // Folded after the pass: the referenced entity may come later in the file.
  const pending: { ftm: FtmEntity; at: string }[] = [];
  const ignored = new Map<string, number>();
  const addressRefs = new Map<string, string[]>();

  // OpenSanctions stamps every entity with the export run that last saw it: the newest last_seen is
  // the date of this export.
  let lastSeen = '';
  for await (const { entity: ftm, line } of readFtmLines(file)) {
    const at = `line ${line}`;
    if (typeof ftm.last_seen === 'string' && ftm.last_seen > lastSeen) lastSeen = ftm.last_seen;
    if (isEntitySchema(ftm.schema)) {
      const e = ftmToEntity(ftm, source, warnings, file, at);
      if (e) entities.set(ftm.id, e);
      if (ftm.properties.addressEntity?.length) addressRefs.set(ftm.id, ftm.properties.addressEntity);
    } else if (RELATION_SCHEMATA[ftm.schema]) {
      const r = ftmToRelation(ftm, source, warnings, file, at);
      if (r) relations.push(r);
    } else if (ftm.schema === 'Address') {
      addresses.set(ftm.id, ftm);
    } else if (ftm.schema === 'Sanction' || ftm.schema === 'Passport' || ftm.schema === 'Identification') {
      pending.push({ ftm, at });
    } else {
      ignored.set(ftm.schema, (ignored.get(ftm.schema) ?? 0) + 1);
    }
  }

  for (const { ftm, at } of pending) {
    const p = ftm.properties;
    const targetId = first(ftm.schema === 'Sanction' ? p.entity : p.holder);
    const target = targetId ? entities.get(targetId) : undefined;
    if (!target) {
      warnings.push({ file, at, message: `${ftm.schema} ${ftm.id} refers to ${targetId ?? 'nothing'}, which is not a party in this file` });
      continue;
    }
    if (ftm.schema === 'Sanction') {
      // A sanction's programme and listing date belong to the listed party.
      pushUnique(target.programs, ...(p.programId?.length ? p.programId : (p.program ?? [])));
      const listed = [...(p.listingDate ?? []), ...(p.startDate ?? [])].map(ftmDate).filter((d): d is string => !!d).sort()[0];
      if (listed && (!target.listedOn || listed < target.listedOn)) target.listedOn = listed;
      const summary = [first(p.authority), first(p.program), first(p.country)?.toUpperCase(), listed ? `from ${listed}` : '']
        .filter(Boolean)
        .join(' | ');
      addProperty(target, 'sanctions', summary);
      addProperty(target, 'sanctionAuthority', ...(p.authority ?? []));
    } else {
      const type: IdentifierType = ftm.schema === 'Passport' ? 'passport' : 'national_id';
      for (const number of p.number ?? []) {
        const country = toCountryCode(first(p.country));
        addIdentifier(target, { type, value: number, label: first(p.type) ?? ftm.schema, ...(country ? { country } : {}) });
      }
    }
  }

  for (const [id, refs] of addressRefs) {
    const entity = entities.get(id)!;
    for (const ref of refs) {
      const addr = addresses.get(ref);
      const folded = addr ? ftmAddress(addr) : undefined;
      if (!folded) {
        warnings.push({ file, message: `${entity.sourceId}: addressEntity ${ref} not in this file` });
        continue;
      }
      const same = entity.addresses.findIndex((a) => a.full === folded.full);
      if (same >= 0) entity.addresses[same] = folded;
      else entity.addresses.push(folded);
      if (folded.country && !entity.countries.some((c) => c.code === folded.country)) {
        entity.countries.push({ code: folded.country, role: 'address' });
      }
    }
  }

  for (const [schema, n] of ignored) warnings.push({ file, message: `${n} ${schema} entities not read (schema not mapped)` });
  const result: ParsedList = { entities: [...entities.values()], relations, warnings };
  if (lastSeen) result.publishedAt = lastSeen;
  return result;
};
