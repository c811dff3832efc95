// Entities and relations out as FollowTheMoney (FtM) JSON objects, the OpenSanctions data model,
// so interdict's lists can be read by FtM tools (yente, nomenklatura, followthemoney CLI).
// The inverse of src/lists/sources/ftm-json.ts: FtM -> Entity -> FtM keeps names, identifiers,
// dates, countries, addresses, contacts and programmes. Property names follow
// https://followthemoney.tech/explorer/ ; our own snake_case properties (csl_source,
// license_requirement ...) have no FtM property and are written as notes.
import type { CountryRole, Entity, IdentifierType, Relation, RelationType } from '../domain/entity.js';
import type { FtmEntity } from './sources/ftm-json.js';
import { FTM_COUNTRY_PROPS, FTM_IDENTIFIER_PROPS } from './sources/ftm-json.js';

export type { FtmEntity } from './sources/ftm-json.js';

/** Our identifier type -> the FtM property it is written to (unless its label already is one). */
const IDENTIFIER_PROPS: Record<IdentifierType, string> = {
  passport: 'passportNumber',
  national_id: 'idNumber',
  registration: 'registrationNumber',
  tax: 'taxNumber',
  imo: 'imoNumber',
  mmsi: 'mmsi',
  call_sign: 'callSign',
  aircraft_tail: 'registrationNumber',
  aircraft_serial: 'serialNumber',
  swift_bic: 'swiftBic',
  lei: 'leiCode',
  duns: 'dunsCode',
  crypto_wallet: 'idNumber',
  other: 'idNumber',
};

const COUNTRY_PROPS: Record<CountryRole, string> = {
  nationality: 'nationality',
  citizenship: 'citizenship',
  residence: 'country',
  jurisdiction: 'jurisdiction',
  address: 'country',
  birth: 'birthCountry',
  flag: 'flag',
  other: 'country',
};

/** Keys of Entity.properties written at the top level of the FtM object, not as properties. */
const TOP_LEVEL = new Set(['datasets', 'first_seen', 'last_seen', 'last_change']);

function add(props: Record<string, string[]>, key: string, ...values: (string | undefined)[]): void {
  for (const v of values) {
    if (v === undefined || v === '') continue;
    const list = (props[key] ??= []);
    if (!list.includes(v)) list.push(v);
  }
}

/** The FtM id of an entity or relation: its source id (ids in one FtM file are one namespace). */
function ftmId(id: string, source: string): string {
  return id.startsWith(`${source}:`) ? id.slice(source.length + 1) : id;
}

/** One entity as an FtM object of its schema. */
export function toFtm(entity: Entity): FtmEntity {
  const props: Record<string, string[]> = {};
  add(props, 'name', entity.name);
  for (const n of entity.names) {
    if (n.full === entity.name) continue;
    add(props, n.quality === 'weak' ? 'weakAlias' : 'alias', n.full);
  }
  add(props, 'birthDate', ...entity.birthDates);
  add(props, 'birthPlace', ...entity.birthPlaces);
  for (const c of entity.countries) add(props, COUNTRY_PROPS[c.role], c.code.toLowerCase());
  for (const a of entity.addresses) add(props, 'address', a.full);
  for (const id of entity.identifiers) {
    const prop = id.label && Object.hasOwn(FTM_IDENTIFIER_PROPS, id.label) ? id.label : IDENTIFIER_PROPS[id.type];
    add(props, prop, id.value);
  }
  for (const c of entity.contacts) add(props, c.type, c.value);
  add(props, 'programId', ...entity.programs);
  add(props, 'notes', ...entity.remarks);
  for (const [key, values] of Object.entries(entity.properties)) {
    if (TOP_LEVEL.has(key) || key === 'sanctions' || key === 'sanctionAuthority') continue;
    // FtM property names are camelCase; ours (from CSL and the like) are snake_case.
    if (/^[a-z][A-Za-z]*$/.test(key) && !Object.hasOwn(FTM_COUNTRY_PROPS, key)) add(props, key, ...values);
    else add(props, 'notes', ...values.map((v) => `${key}: ${v}`));
  }
  const out: FtmEntity = { id: entity.sourceId, schema: entity.schema, caption: entity.name, properties: props };
  const datasets = entity.properties.datasets ?? entity.lists;
  if (datasets.length > 0) out.datasets = [...datasets];
  if (entity.target !== undefined) out.target = entity.target;
  else out.target = true;
  const seen = entity.properties;
  if (seen.first_seen?.[0]) out.first_seen = seen.first_seen[0];
  if (seen.last_seen?.[0]) out.last_seen = seen.last_seen[0];
  if (seen.last_change?.[0]) out.last_change = seen.last_change[0];
  return out;
}

/**
 * The entity's listing as an FtM Sanction (entity, programId, listingDate, authority), or
 * undefined when the entity carries neither a programme nor a listing date.
 */
export function sanctionToFtm(entity: Entity): FtmEntity | undefined {
  if (entity.programs.length === 0 && !entity.listedOn) return undefined;
  const props: Record<string, string[]> = { entity: [entity.sourceId] };
  add(props, 'programId', ...entity.programs);
  add(props, 'listingDate', entity.listedOn);
  add(props, 'authority', ...(entity.properties.sanctionAuthority ?? []));
  add(props, 'program', ...entity.lists.filter((l) => !(entity.properties.datasets ?? []).includes(l)));
  return { id: `${entity.sourceId}-sanction`, schema: 'Sanction', caption: 'Sanction', properties: props, target: false };
}

/** Relation type -> FtM interval schema and its [from, to, role] properties. */
const RELATION_SCHEMA: Record<RelationType, [string, string, string, string]> = {
  ownership: ['Ownership', 'owner', 'asset', 'role'],
  directorship: ['Directorship', 'director', 'organization', 'role'],
  family: ['Family', 'person', 'relative', 'relationship'],
  association: ['UnknownLink', 'subject', 'object', 'role'],
  employment: ['Employment', 'employee', 'employer', 'role'],
  membership: ['Membership', 'member', 'organization', 'role'],
};

export function relationToFtm(rel: Relation): FtmEntity {
  const [schema, fromProp, toProp, roleProp] = RELATION_SCHEMA[rel.type];
  const props: Record<string, string[]> = {
    [fromProp]: [ftmId(rel.from, rel.source)],
    [toProp]: [ftmId(rel.to, rel.source)],
  };
  if (rel.share !== undefined) add(props, 'percentage', String(rel.share));
  add(props, roleProp, rel.role);
  add(props, 'startDate', rel.startDate);
  add(props, 'endDate', rel.endDate);
  add(props, 'summary', rel.evidence);
  return { id: ftmId(rel.id, rel.source), schema, caption: schema, properties: props, target: false };
}

/** Everything an entity becomes in FtM: the party itself and its Sanction. */
export function entityToFtmRecords(entity: Entity): FtmEntity[] {
  const sanction = sanctionToFtm(entity);
  return sanction ? [toFtm(entity), sanction] : [toFtm(entity)];
}
