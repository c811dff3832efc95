// The entity model: shaped after FollowTheMoney (FtM), the OpenSanctions data model, so that
// data can flow in and out in that format (see src/lists/ftm-export.ts). Plain types only:
// nothing here does I/O or imports another folder.

/** FtM schemata we keep. Company and Organization are both LegalEntity in FtM's hierarchy. */
export type EntitySchema =
  | 'Person'
  | 'Organization'
  | 'Company'
  | 'LegalEntity'
  | 'Vessel'
  | 'Aircraft';

export const ENTITY_SCHEMATA: readonly EntitySchema[] = [
  'Person',
  'Organization',
  'Company',
  'LegalEntity',
  'Vessel',
  'Aircraft',
];

/**
 * How much a name says about identity.
 * - `primary`: the list's main name for the entity.
 * - `strong`: an alias the list considers good quality (OFAC "strong" a.k.a., UN "Good quality").
 * - `weak`: a low-quality alias (OFAC "weak" a.k.a., UN "Low quality"); matched, but weighted down.
 */
export type NameQuality = 'primary' | 'strong' | 'weak';

export interface EntityName {
  /** The name as the list writes it. */
  full: string;
  quality: NameQuality;
  /** ISO 15924 script code when the name is not in Latin script ('Arab', 'Cyrl', 'Hani' ...). */
  script?: string;
  /** True for the list's original-script name (UN NAME_ORIGINAL_SCRIPT, OFSI "Name Non-Latin Script"). */
  originalScript?: boolean;
  /** Name parts where the list gives them separately. */
  parts?: NameParts;
  /** ISO 639 language code where the list says it. */
  lang?: string;
}

export interface NameParts {
  title?: string;
  first?: string;
  middle?: string;
  last?: string;
  /** Patronymic or further name parts (UN FOURTH_NAME, OFSI Name 4-5). */
  other?: string[];
}

/** A partial date: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. Lists often know only the year. */
export type PartialDate = string;

export type IdentifierType =
  | 'passport'
  | 'national_id'
  | 'registration'
  | 'tax'
  | 'imo'
  | 'mmsi'
  | 'call_sign'
  | 'aircraft_tail'
  | 'aircraft_serial'
  | 'swift_bic'
  | 'lei'
  | 'duns'
  | 'crypto_wallet'
  | 'other';

export interface Identifier {
  type: IdentifierType;
  value: string;
  /** ISO 3166-1 alpha-2 country that issued it, where known. */
  country?: string;
  /** The list's own label for the identifier ("Passport", "Tax ID No.", "Company Number" ...). */
  label?: string;
}

export interface Address {
  full: string;
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

export type ContactType = 'email' | 'phone' | 'website';

export interface Contact {
  type: ContactType;
  value: string;
}

/** What a country code on an entity stands for. FtM keeps these as separate properties. */
export type CountryRole =
  | 'nationality'
  | 'citizenship'
  | 'residence'
  | 'jurisdiction'
  | 'address'
  | 'birth'
  | 'flag'
  | 'other';

export interface CountryRef {
  /** ISO 3166-1 alpha-2 (upper case). */
  code: string;
  role: CountryRole;
}

/** A listed party: one designation on one list. */
export interface Entity {
  /** `source:sourceId`. */
  id: string;
  /** Source registry id, e.g. `us_ofac_sdn`. */
  source: string;
  /** The list's own identifier (UN REFERENCE_NUMBER, OFAC ent_num/uid, OFSI Group ID ...). */
  sourceId: string;
  schema: EntitySchema;
  /** Primary name, as written by the list. */
  name: string;
  /** All names, the primary one first. */
  names: EntityName[];
  birthDates: PartialDate[];
  birthPlaces: string[];
  countries: CountryRef[];
  addresses: Address[];
  identifiers: Identifier[];
  contacts: Contact[];
  /** Sanctions programmes or regimes (OFAC program tags, UN list type, OFSI regime ...). */
  programs: string[];
  /**
   * Sub-lists the record belongs to, where a source bundles several lists with different legal
   * effects (US CSL: SDN, Entity List, DPL, UVL, MEU, ISN ...). Empty for single-list sources.
   */
  lists: string[];
  /** Date first listed, where the list gives it. */
  listedOn?: PartialDate;
  remarks: string[];
  /** Other properties kept verbatim (FtM property name -> values): position, title, vessel type ... */
  properties: Record<string, string[]>;
  /**
   * False when the source carries the entity only as context and does not list it itself (an
   * OpenSanctions FtM entity with `target: false`: an owner, a subsidiary or a relative of a listed
   * party). Undefined or true: the entity is a listed party.
   */
  target?: boolean;
}

export type RelationType =
  | 'ownership'
  | 'directorship'
  | 'family'
  | 'association'
  | 'employment'
  | 'membership';

/**
 * A relation between two entities, as a first-class record (FtM Ownership, Directorship, Family,
 * UnknownLink ...). Direction: `from` owns / directs / is related to `to`.
 */
export interface Relation {
  /** `source:sourceId` of the relation record itself. */
  id: string;
  source: string;
  type: RelationType;
  /** Entity id (`source:sourceId`) of the owner, director, relative or associate. */
  from: string;
  /** Entity id of the owned company, organisation or relative. */
  to: string;
  /** Ownership share in percent (0..100), where known. */
  share?: number;
  /** Role or relationship wording ("Director", "brother", "Linked To") as the list gives it. */
  role?: string;
  startDate?: PartialDate;
  endDate?: PartialDate;
  /** Where the relation comes from (FtM record, OFAC remark text ...), for explanations. */
  evidence: string;
}

export function entityId(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}

/** An entity with every list field empty, for parsers to fill in. */
export function newEntity(source: string, sourceId: string, schema: EntitySchema, name: string): Entity {
  return {
    id: entityId(source, sourceId),
    source,
    sourceId,
    schema,
    name,
    names: [],
    birthDates: [],
    birthPlaces: [],
    countries: [],
    addresses: [],
    identifiers: [],
    contacts: [],
    programs: [],
    lists: [],
    remarks: [],
    properties: {},
  };
}
