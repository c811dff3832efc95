// US Consolidated Screening List (CSL), CSV download:
// https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv
// One row per record of one of 13 US lists (Treasury OFAC, Commerce BIS, State). 29 columns;
// multi-valued cells are '; '-separated. The JSON download (csl-json.ts) carries the same records
// with arrays; both are turned into a `CslRecord` first and mapped to entities by one function, so
// the two formats cannot drift apart.
import type { Address, CountryRole, Entity, EntitySchema, IdentifierType, PartialDate, Relation } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import type { ListParser } from '../parser.js';
import {
  addIdentifier,
  addName,
  addProperty,
  newEntity,
  pushUnique,
  readHeadedCsv,
  splitCell,
} from './csl-os-common.js';
import { resolveLinkedTo, type LinkedTo } from './ofac-common.js';

/** One CSL address as the JSON download structures it (the CSV joins these with ', '). */
export interface CslAddress {
  address?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country?: string;
}

/** One entry of the CSL `ids` field: `{type, number, country, issue_date, expiration_date}`. */
export interface CslId {
  type: string;
  number: string;
  country?: string;
  issue_date?: string;
  expiration_date?: string;
}

/** A CSL record independent of the download format. Empty strings are normalised to undefined. */
export interface CslRecord {
  id: string;
  source: string;
  entity_number?: string;
  type?: string;
  programs: string[];
  name: string;
  title?: string;
  addresses: CslAddress[];
  /** CSV only: the address cell as written, when it could not be split into parts reliably. */
  addressTexts?: string[];
  federal_register_notice?: string;
  start_date?: string;
  end_date?: string;
  standard_order?: string;
  license_requirement?: string;
  license_policy?: string;
  call_sign?: string;
  vessel_type?: string;
  gross_tonnage?: string;
  gross_registered_tonnage?: string;
  vessel_flag?: string;
  vessel_owner?: string;
  remarks?: string;
  source_list_url?: string;
  alt_names: string[];
  citizenships: string[];
  dates_of_birth: string[];
  nationalities: string[];
  places_of_birth: string[];
  source_information_url?: string;
  ids: CslId[];
}

export const CSL_CSV_COLUMNS = [
  '_id', 'source', 'entity_number', 'type', 'programs', 'name', 'title', 'addresses',
  'federal_register_notice', 'start_date', 'end_date', 'standard_order', 'license_requirement',
  'license_policy', 'call_sign', 'vessel_type', 'gross_tonnage', 'gross_registered_tonnage',
  'vessel_flag', 'vessel_owner', 'remarks', 'source_list_url', 'alt_names', 'citizenships',
  'dates_of_birth', 'nationalities', 'places_of_birth', 'source_information_url', 'ids',
] as const;

/**
 * The 13 CSL sub-lists by their short code. The `source` field gives the long name with the code
 * in brackets ("Entity List (EL) - Bureau of Industry and Security", "Non-SDN Menu-Based
 * Sanctions List (NS-MBS List) - Treasury Department"); the search API uses the bare codes (and
 * "MBS" for NS-MBS).
 */
export const CSL_LIST_CODES = ['SDN', 'EL', 'DPL', 'UVL', 'MEU', 'ISN', 'DTC', 'SSI', 'CAP', 'CMIC', 'NS-MBS', 'FSE', 'PLC'] as const;

export function cslListCode(source: string): string | undefined {
  const s = source.trim();
  const bare = s.toUpperCase() === 'MBS' ? 'NS-MBS' : s.toUpperCase();
  if ((CSL_LIST_CODES as readonly string[]).includes(bare)) return bare;
  const m = /\(([A-Z][A-Z-]*)(?: List)?\)/.exec(s);
  if (m && (CSL_LIST_CODES as readonly string[]).includes(m[1]!)) return m[1];
  return undefined;
}

/** CSL `type`. BIS and State lists leave it empty: such a party may be a person or a company. */
function cslSchema(type: string | undefined): EntitySchema {
  switch ((type ?? '').trim().toLowerCase()) {
    case 'individual':
      return 'Person';
    case 'entity':
      return 'Organization';
    case 'vessel':
      return 'Vessel';
    case 'aircraft':
      return 'Aircraft';
    default:
      return 'LegalEntity';
  }
}

// CSL `ids` types (OFAC's identity-document and feature labels, as they occur in the 2022 file)
// that are identifiers, by our identifier type. Matched case-insensitively on the whole label.
const ID_TYPES: [RegExp, IdentifierType][] = [
  [/passport|travel document/i, 'passport'],
  [/^(national id no\.|cedula no\.|c\.u\.r\.p\.|d\.n\.i\.|personal id card|identification number|national foreign id number|turkish identification number|citizen's card number|numero de identidad|kenyan id no\.|tazkira national id card|bosnian personal id no\.|cnp \(personal numerical code\)|moroccan personal id no\.|ssn|refugee id card|stateless person id card|n\.i\.e\.)$/i, 'national_id'],
  [/^(tax id no\.|nit #|r\.f\.c\.|rfc|ruc #|rif #|v\.a\.t\. number|us fein|italian fiscal code|fiscal code|c\.u\.i\.t\.|c\.u\.i\.p\.|c\.u\.i\.|rtn|c\.i\.f\.|rsin|paraguayan tax identification number|romanian tax registration|numero unico de identificacao tributaria \(nuit\))$/i, 'tax'],
  [/^(registration number|registration id|company number|uk company number|commercial registry number|business registration number|business registration document #|business number|folio mercantil no\.|matricula mercantil no|trade license no\.|c\.r\. no\.|romanian c\.r\.|certificate of incorporation number|chamber of commerce number|dubai chamber of commerce membership no\.|istanbul chamber of comm\. no\.|enterprise number|public registration number|unified social credit code \(uscc\)|united social credit code certificate \(usccc\)|government gazette number|registered charity no\.|central registration system number|branch unit number)$/i, 'registration'],
  [/^mmsi$/i, 'mmsi'],
  [/^swift\/bic$/i, 'swift_bic'],
  [/^d-u-n-s number$/i, 'duns'],
  [/^digital currency address/i, 'crypto_wallet'],
  [/^(previous )?aircraft tail number$/i, 'aircraft_tail'],
  [/^(aircraft manufacturer's serial number \(msn\)|aircraft construction number.*|aircraft serial identification)$/i, 'aircraft_serial'],
  [/^(other vessel call sign)$/i, 'call_sign'],
  [/^(isin|equity ticker|micex code|bik \(ru\)|chinese commercial code|driver's license no\.|electoral registry no\.|credencial electoral|i\.f\.e\.|birth certificate number|residency number|cartilla de servicio militar nacional|le number|license|file number|visanumberid|immigration no\.|pilot license number|seafarer's identification document|sre permit no\.|afghan money service provider license number|tourism license no\.|serial no\.|uk\/locode|un\/locode|romanian permanent resident|aircraft mode s transponder code)$/i, 'other'],
];

// CSL `ids` types that describe the party rather than identify it, kept as FtM-named properties.
const ATTRIBUTES: Record<string, string> = {
  gender: 'gender',
  'organization established date': 'incorporationDate',
  'organization type:': 'sector',
  'target type': 'legalForm',
  'aircraft model': 'model',
  'aircraft operator': 'operator',
  'aircraft manufacture date': 'buildDate',
  'former vessel flag': 'pastFlags',
  'other vessel flag': 'pastFlags',
  'other vessel type': 'type',
  'nationality of registration': 'registrationCountry',
  'registration country': 'registrationCountry',
  'issuer name': 'issuer',
};

const CONTACTS: Record<string, 'email' | 'phone' | 'website'> = {
  website: 'website',
  'email address': 'email',
  'phone number': 'phone',
};

/** Interpret one CSL id entry: identifier, contact, descriptive attribute or sanctions note. */
function applyId(entity: Entity, id: CslId): void {
  const label = id.type.trim();
  const value = id.number.trim();
  if (!label || !value) return;
  const key = label.toLowerCase();
  const contact = CONTACTS[key];
  if (contact) {
    if (!entity.contacts.some((c) => c.type === contact && c.value === value)) entity.contacts.push({ type: contact, value });
    return;
  }
  const attribute = ATTRIBUTES[key];
  if (attribute) {
    // FtM spells gender in lower case ('male', 'female').
    addProperty(entity, attribute, attribute === 'gender' ? value.toLowerCase() : value);
    return;
  }
  const country = toCountryCode(id.country);
  if (key === 'vessel registration identification') {
    // OFAC writes vessel IMO numbers as "IMO 1234567" under this label.
    const imo = /^IMO\s*(\d{7})$/i.exec(value);
    if (imo) addIdentifier(entity, { type: 'imo', value: imo[1]!, label });
    else addIdentifier(entity, { type: 'registration', value, label, ...(country ? { country } : {}) });
    return;
  }
  if (key === 'legal entity number') {
    // OFAC's "Legal Entity Number" is the 20-character ISO 17442 LEI.
    addIdentifier(entity, { type: /^[A-Z0-9]{20}$/.test(value) ? 'lei' : 'registration', value, label, ...(country ? { country } : {}) });
    return;
  }
  for (const [pattern, type] of ID_TYPES) {
    if (pattern.test(label)) {
      addIdentifier(entity, { type, value, label, ...(country ? { country } : {}) });
      return;
    }
  }
  // Labels not in the tables that still name a document or register ("UAE Identification", "MSB
  // Registration Number" ...) are identifiers of unknown kind; sanctions notes never look like this.
  if (/identification|\bid\b|registration|number|\bno\.$|#$/i.test(label) && !/date|directive|sanction|executive order|information|risk|determination/i.test(label)) {
    addIdentifier(entity, { type: 'other', value, label, ...(country ? { country } : {}) });
    return;
  }
  // Everything else is sanctions information (secondary-sanctions risk, EO 14024 directives,
  // CMIC listing dates ...): kept as "label value" so it shows in explanations.
  addProperty(entity, 'csl_sanctions_info', `${label} ${value}`.replace(/\s+/g, ' ').trim());
}

/** CSL dates of birth: "1973-03-25", "1967", "circa 1960", "1960 to 1965". */
function birthDates(values: string[]): PartialDate[] {
  const out: PartialDate[] = [];
  for (const raw of values) {
    const v = raw.replace(/^circa\s+/i, '').trim();
    const range = /^(\d{4}) to (\d{4})$/.exec(v);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      // A short range becomes its years (a birth year anywhere in it is consistent); a long one
      // keeps its ends only.
      if (to >= from && to - from <= 10) for (let y = from; y <= to; y++) pushUnique(out, String(y));
      else pushUnique(out, range[1], range[2]);
    } else if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) pushUnique(out, v);
    else pushUnique(out, v);
  }
  return out;
}

function addCountry(entity: Entity, value: string | undefined, role: CountryRole, warnings: ParseWarning[], file: string, at: string): void {
  if (!value?.trim()) return;
  const code = toCountryCode(value);
  if (!code) {
    warnings.push({ file, at, message: `unknown country "${value}" (${role})` });
    return;
  }
  if (!entity.countries.some((c) => c.code === code && c.role === role)) entity.countries.push({ code, role });
}

function addressFull(a: CslAddress): string {
  return [a.address, a.city, a.state, a.postal_code, a.country]
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .join(', ');
}

/**
 * A CSV address cell part ("19 Luysi Chalovskoy St., Borisov, 222512, BY"). The CSV joins
 * address, city, state, postal code and country with ', ' and drops empty parts, so only the
 * country (a trailing ISO code) and a postal code just before it can be told apart reliably.
 */
export function splitCsvAddress(text: string): CslAddress {
  const parts = text.split(', ').map((p) => p.trim());
  const out: CslAddress = {};
  if (parts.length > 1 && /^[A-Z]{2}$/.test(parts[parts.length - 1]!) && toCountryCode(parts[parts.length - 1])) {
    out.country = parts.pop();
  } else if (parts.length === 1 && /^[A-Z]{2}$/.test(parts[0]!) && toCountryCode(parts[0])) {
    return { country: parts[0] };
  }
  if (parts.length > 1 && /^(?=.*\d)[A-Z0-9][A-Z0-9 -]{1,9}$/i.test(parts[parts.length - 1]!)) out.postal_code = parts.pop();
  // "Basrah, IQ": a lone place name before the country is a city (OFAC often gives no street).
  if (parts.length === 1 && !out.postal_code && !/\d/.test(parts[0]!)) out.city = parts[0];
  else if (parts.length > 0) out.address = parts.join(', ');
  return out;
}

/** Map one CSL record to an entity. `at` names the record for warnings. */
export function cslRecordToEntity(rec: CslRecord, source: string, warnings: ParseWarning[], file: string, at: string): Entity {
  const schema = cslSchema(rec.type);
  const entity = newEntity(source, rec.id, schema, rec.name.trim());
  addName(entity, rec.name, 'primary');
  const primary = entity.names[0];
  // OFAC writes individuals "LAST, First"; keep the parts for name matching.
  if (primary && schema === 'Person') {
    const m = /^([^,]+), ([^,]+)$/.exec(primary.full);
    if (m) primary.parts = { last: m[1]!.trim(), first: m[2]!.trim() };
  }
  // BIS writes its alias lists as prose: "A; B; and C".
  for (const alt of rec.alt_names) addName(entity, alt.replace(/^and\s+/i, ''), 'strong');

  const code = cslListCode(rec.source);
  if (code) entity.lists.push(code);
  else warnings.push({ file, at, message: `unknown CSL source "${rec.source}"` });
  addProperty(entity, 'csl_source', rec.source);
  pushUnique(entity.programs, ...rec.programs);
  if (rec.start_date) entity.listedOn = rec.start_date;
  if (rec.remarks) entity.remarks.push(rec.remarks);

  entity.birthDates = birthDates(rec.dates_of_birth);
  pushUnique(entity.birthPlaces, ...rec.places_of_birth);
  for (const c of rec.nationalities) addCountry(entity, c, 'nationality', warnings, file, at);
  for (const c of rec.citizenships) addCountry(entity, c, 'citizenship', warnings, file, at);
  addCountry(entity, rec.vessel_flag, 'flag', warnings, file, at);

  const addresses = rec.addresses.map((a) => ({ a, full: addressFull(a) }));
  for (const { a, full } of addresses) {
    if (!full) continue;
    const country = toCountryCode(a.country);
    const address: Address = { full };
    if (a.address?.trim()) address.street = a.address.trim();
    if (a.city?.trim()) address.city = a.city.trim();
    if (a.state?.trim()) address.region = a.state.trim();
    if (a.postal_code?.trim()) address.postalCode = a.postal_code.trim();
    if (country) address.country = country;
    if (!entity.addresses.some((x) => x.full === full)) entity.addresses.push(address);
    if (a.country) addCountry(entity, a.country, 'address', warnings, file, at);
  }

  for (const id of rec.ids) applyId(entity, id);
  if (rec.call_sign) addIdentifier(entity, { type: 'call_sign', value: rec.call_sign, label: 'call_sign' });

  addProperty(entity, 'position', rec.title);
  addProperty(entity, 'entity_number', rec.entity_number);
  addProperty(entity, 'federal_register_notice', rec.federal_register_notice);
  addProperty(entity, 'start_date', rec.start_date);
  addProperty(entity, 'end_date', rec.end_date);
  addProperty(entity, 'standard_order', rec.standard_order);
  addProperty(entity, 'license_requirement', rec.license_requirement);
  addProperty(entity, 'license_policy', rec.license_policy);
  addProperty(entity, 'type', rec.vessel_type);
  addProperty(entity, 'tonnage', rec.gross_tonnage);
  addProperty(entity, 'grossRegisteredTonnage', rec.gross_registered_tonnage);
  addProperty(entity, 'csl_vessel_owner', rec.vessel_owner);
  addProperty(entity, 'sourceUrl', rec.source_list_url, rec.source_information_url);
  return entity;
}

/**
 * The same `_id` occurs on several sub-lists (an OFAC entity on both SDN and SSI, or SDN and CAPTA):
 * one party, so one entity whose `lists` names every sub-list it is on.
 */
export function mergeCslEntity(into: Entity, other: Entity): void {
  pushUnique(into.lists, ...other.lists);
  pushUnique(into.programs, ...other.programs);
  for (const n of other.names) if (!into.names.some((x) => x.full === n.full)) into.names.push({ ...n, quality: n.quality === 'primary' ? 'strong' : n.quality });
  for (const [key, values] of Object.entries(other.properties)) addProperty(into, key, ...values);
  for (const id of other.identifiers) addIdentifier(into, id);
  for (const a of other.addresses) if (!into.addresses.some((x) => x.full === a.full)) into.addresses.push(a);
  for (const c of other.countries) if (!into.countries.some((x) => x.code === c.code && x.role === c.role)) into.countries.push(c);
  for (const c of other.contacts) if (!into.contacts.some((x) => x.type === c.type && x.value === c.value)) into.contacts.push(c);
  pushUnique(into.birthDates, ...other.birthDates);
  pushUnique(into.birthPlaces, ...other.birthPlaces);
  pushUnique(into.remarks, ...other.remarks);
  if (other.listedOn && (!into.listedOn || other.listedOn < into.listedOn)) into.listedOn = other.listedOn;
}

/**
 * OFAC's "(Linked To: NAME)" remarks, as carried into the CSL for SDN records. NAME may itself hold
 * brackets ("ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"), so the closing bracket is found
 * by counting.
 */
export function linkedToTargets(remarks: string): string[] {
  const out: string[] = [];
  const marker = /\(Linked To:\s*/gi;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(remarks)) !== null) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < remarks.length && depth > 0; i++) {
      if (remarks[i] === '(') depth++;
      else if (remarks[i] === ')') depth--;
    }
    // "(Linked To: A; Linked To: B)" names two targets in one bracket.
    for (const part of remarks.slice(start, depth === 0 ? i - 1 : i).split(/;\s*Linked To:\s*/i)) {
      if (part.trim()) out.push(part.trim());
    }
  }
  return out;
}

/** Single-valued CSL fields copied as they are, when not blank (the same in the CSV and JSON downloads). */
export const CSL_SCALAR_FIELDS = [
  'entity_number', 'type', 'title', 'federal_register_notice', 'start_date', 'end_date', 'standard_order',
  'license_requirement', 'license_policy', 'call_sign', 'vessel_type', 'gross_tonnage',
  'gross_registered_tonnage', 'vessel_flag', 'vessel_owner', 'remarks', 'source_list_url', 'source_information_url',
] as const;

/** Collects entities record by record, merging repeated `_id`s; resolves "Linked To" at the end. */
export class CslCollector {
  private readonly byId = new Map<string, Entity>();
  private readonly links: LinkedTo[] = [];
  readonly warnings: ParseWarning[] = [];
  records = 0;

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  add(rec: CslRecord, at: string): void {
    this.records += 1;
    const entity = cslRecordToEntity(rec, this.source, this.warnings, this.file, at);
    const seen = this.byId.get(rec.id);
    if (seen) mergeCslEntity(seen, entity);
    else {
      this.byId.set(rec.id, entity);
      for (const target of linkedToTargets(rec.remarks ?? '')) {
        this.links.push({ fromId: entity.id, target, evidence: `CSL remark on ${rec.id}: Linked To: ${target}` });
      }
    }
  }

  result(): ParsedList {
    const entities = [...this.byId.values()];
    // OFAC names a "Linked To" target as listed on the same list (SDN); the CSL repeats some of
    // those names on BIS or State lists under other ids, so each link is resolved within the
    // sub-list of the record that carries it.
    const relations: Relation[] = [];
    const byList = new Map<string, LinkedTo[]>();
    for (const link of this.links) {
      const list = this.byId.get(link.fromId.slice(this.source.length + 1))?.lists[0] ?? '';
      const group = byList.get(list) ?? [];
      group.push(link);
      byList.set(list, group);
    }
    for (const [list, links] of byList) {
      const candidates = entities.filter((e) => e.lists.includes(list));
      relations.push(...resolveLinkedTo(candidates, links, this.source, this.file, this.warnings));
    }
    // The CSL has one record per (party, sub-list): records sharing an `_id` are one party.
    return { entities, relations, warnings: this.warnings, records: this.records };
  }
}

/**
 * CSV id cell entry: "[country, ][date, [date, ]]number, type" — the type is always last, the
 * issuing country (ISO alpha-2) first when known. Two dates are the document's validity; the
 * number may itself contain ", " (sanctions notes), so it is what remains in the middle.
 */
export function parseCsvId(text: string): CslId | undefined {
  const parts = text.split(', ');
  if (parts.length < 2) return undefined;
  const type = parts.pop()!.trim();
  const id: CslId = { type, number: '' };
  if (parts.length > 1 && /^[A-Z]{2}$/.test(parts[0]!) && toCountryCode(parts[0])) id.country = parts.shift();
  const dates: string[] = [];
  while (parts.length > 1 && /^\d{4}-\d{2}-\d{2}$/.test(parts[0]!)) dates.push(parts.shift()!);
  if (dates.length > 0) {
    dates.sort();
    id.issue_date = dates[0];
    if (dates.length > 1) id.expiration_date = dates[dates.length - 1];
  }
  id.number = parts.join(', ').trim();
  return id;
}

function blank(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

export function csvRowToCslRecord(cells: Record<string, string>): CslRecord {
  const addressTexts = splitCell(cells.addresses);
  const rec: CslRecord = {
    id: (cells._id ?? '').trim(),
    source: (cells.source ?? '').trim(),
    programs: splitCell(cells.programs),
    name: (cells.name ?? '').trim(),
    addresses: addressTexts.map(splitCsvAddress),
    alt_names: splitCell(cells.alt_names),
    citizenships: splitCell(cells.citizenships),
    dates_of_birth: splitCell(cells.dates_of_birth),
    nationalities: splitCell(cells.nationalities),
    places_of_birth: splitCell(cells.places_of_birth),
    ids: splitCell(cells.ids)
      .map(parseCsvId)
      .filter((x): x is CslId => x !== undefined),
  };
  for (const key of CSL_SCALAR_FIELDS) {
    const v = blank(cells[key]);
    if (v !== undefined) rec[key] = v;
  }
  return rec;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const collector = new CslCollector(options.source, file);
  for await (const row of readHeadedCsv(file, CSL_CSV_COLUMNS)) {
    const rec = csvRowToCslRecord(row.cells);
    const at = `line ${row.line}`;
    if (!rec.id || !rec.name) {
      collector.warnings.push({ file, at, message: `record ${row.record} has no _id or no name; skipped` });
      continue;
    }
    collector.add(rec, at);
  }
  return collector.result();
};
