// EU Financial Sanctions Files (FSF), XML 1.1
// (https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=...).
// Root <export generationDate=...>; one <sanctionEntity logicalId=...> per designation with child
// elements regulation, subjectType, nameAlias, citizenship, birthdate, identification, address,
// remark, whose facts sit in attributes. Streamed with saxes (the reader is shared with un-xml.ts).
import type { Address, CountryRef, Entity, EntityName, Identifier } from '../../domain/entity.js';
import { entityId } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { ListParseError } from '../errors.js';
import type { ListParser } from '../parser.js';
import { detectScript } from '../script.js';
import { streamXmlRecords, type XmlNode } from './un-xml.js';

const attr = (n: XmlNode, name: string): string | undefined => {
  const v = n.attrs[name]?.trim();
  return v ? v : undefined;
};
const kids = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);

/** EU codes: ISO alpha-2, or "00" for unknown. */
function euCountry(code: string | undefined): string | undefined {
  return code && /^[A-Za-z]{2}$/.test(code) && code !== '00' ? code.toUpperCase() : undefined;
}

/** Partial date of a birthdate element: birthdate="1965-03-12", else year / monthOfYear / dayOfMonth. */
function euBirthDate(b: XmlNode): string | undefined {
  const full = attr(b, 'birthdate');
  if (full && /^\d{4}-\d{2}-\d{2}/.test(full)) return full.slice(0, 10);
  const year = attr(b, 'year');
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  const month = Number(attr(b, 'monthOfYear'));
  const day = Number(attr(b, 'dayOfMonth'));
  if (!(month >= 1 && month <= 12)) return year;
  const mm = String(month).padStart(2, '0');
  return day >= 1 && day <= 31 ? `${year}-${mm}-${String(day).padStart(2, '0')}` : `${year}-${mm}`;
}

const ID_TYPES: Record<string, Identifier['type']> = {
  passport: 'passport',
  id: 'national_id',
  ssn: 'national_id',
  fiscalcode: 'tax',
  tax: 'tax',
  regnumber: 'registration',
  swiftbic: 'swift_bic',
  imo: 'imo',
};

/**
 * One sanctionEntity (from the XML, or rebuilt from CSV rows by eu-fsf-csv.ts) -> Entity. The EU
 * marks no primary name: the first nameAlias is taken as primary; strong="false" aliases are weak.
 */
export function euEntity(node: XmlNode, source: string, file: string, warnings: ParseWarning[]): Entity | undefined {
  const logicalId = attr(node, 'logicalId');
  const at = `line ${node.line}, sanctionEntity`;
  if (!logicalId) {
    warnings.push({ file, at, message: 'sanctionEntity without logicalId skipped' });
    return undefined;
  }
  const code = (kids(node, 'subjectType')[0] && attr(kids(node, 'subjectType')[0]!, 'code')) ?? '';
  const schema = code === 'person' ? 'Person' : code === 'enterprise' ? 'Organization' : 'LegalEntity';
  if (schema === 'LegalEntity') warnings.push({ file, at, message: `${logicalId}: subjectType "${code}" kept as LegalEntity` });
  const e: Entity = {
    id: entityId(source, logicalId), source, sourceId: logicalId, schema, name: '', names: [], birthDates: [],
    birthPlaces: [], countries: [], addresses: [], identifiers: [], contacts: [], programs: [], lists: [], remarks: [],
    properties: {},
  };
  const prop = (key: string, v: string | undefined): void => {
    if (v && !(e.properties[key] ??= []).includes(v)) e.properties[key]!.push(v);
  };
  const country = (raw: string | undefined, role: CountryRef['role']): string | undefined => {
    const c = euCountry(raw);
    if (c && !e.countries.some((x) => x.code === c && x.role === role)) e.countries.push({ code: c, role });
    return c;
  };
  prop('euReferenceNumber', attr(node, 'euReferenceNumber'));
  prop('unReferenceNumber', attr(node, 'unitedNationId'));
  prop('designationDetails', attr(node, 'designationDetails'));
  const designated = attr(node, 'designationDate');
  if (designated && /^\d{4}-\d{2}-\d{2}/.test(designated)) e.listedOn = designated.slice(0, 10);
  for (const r of kids(node, 'remark')) {
    const t = r.text.trim();
    if (t && !e.remarks.includes(t)) e.remarks.push(t);
  }
  for (const reg of kids(node, 'regulation')) {
    const programme = attr(reg, 'programme');
    if (programme && !e.programs.includes(programme)) e.programs.push(programme);
    prop('regulation', attr(reg, 'numberTitle'));
    const url = kids(reg, 'publicationUrl')[0]?.text.trim() || attr(reg, 'publicationUrl');
    prop('sourceUrl', url);
    const published = attr(reg, 'publicationDate');
    if (!designated && published && /^\d{4}-\d{2}-\d{2}/.test(published) && (!e.listedOn || published < e.listedOn)) e.listedOn = published.slice(0, 10);
  }
  for (const a of kids(node, 'nameAlias')) {
    const first = attr(a, 'firstName');
    const middle = attr(a, 'middleName');
    const last = attr(a, 'lastName');
    const full = attr(a, 'wholeName') ?? [first, middle, last].filter(Boolean).join(' ');
    if (!full || e.names.some((n) => n.full === full)) continue;
    const script = detectScript(full);
    const lang = attr(a, 'nameLanguage')?.toLowerCase();
    const title = attr(a, 'title');
    const n: EntityName = {
      full,
      quality: e.names.length === 0 ? 'primary' : attr(a, 'strong') === 'false' ? 'weak' : 'strong',
      ...(script && script !== 'Latn' ? { script } : {}),
      ...(lang ? { lang } : {}),
    };
    if (first || middle || last || title) {
      n.parts = { ...(title ? { title } : {}), ...(first ? { first } : {}), ...(middle ? { middle } : {}), ...(last ? { last } : {}) };
    }
    e.names.push(n);
    prop('position', attr(a, 'function'));
    prop('gender', attr(a, 'gender'));
    prop('title', title);
  }
  for (const c of kids(node, 'citizenship')) country(attr(c, 'countryIso2Code'), 'citizenship');
  for (const b of kids(node, 'birthdate')) {
    const d = euBirthDate(b);
    if (d && !e.birthDates.includes(d)) e.birthDates.push(d);
    if (attr(b, 'circa') === 'true') prop('birthDateCirca', d);
    const place = [attr(b, 'city') ?? attr(b, 'place'), attr(b, 'region'), euCountry(attr(b, 'countryIso2Code')) ? attr(b, 'countryDescription') : undefined]
      .filter(Boolean)
      .join(', ');
    if (place && !e.birthPlaces.includes(place)) e.birthPlaces.push(place);
    country(attr(b, 'countryIso2Code'), 'birth');
  }
  for (const i of kids(node, 'identification')) {
    const value = attr(i, 'number') ?? attr(i, 'latinNumber');
    if (!value) continue;
    const typeCode = (attr(i, 'identificationTypeCode') ?? '').toLowerCase();
    const id: Identifier = { type: ID_TYPES[typeCode] ?? 'other', value };
    const c = euCountry(attr(i, 'countryIso2Code'));
    if (c) id.country = c;
    const label = attr(i, 'identificationTypeDescription') ?? attr(i, 'identificationTypeCode');
    if (label) id.label = label;
    if (!e.identifiers.some((x) => x.type === id.type && x.value === id.value)) e.identifiers.push(id);
  }
  for (const a of kids(node, 'address')) {
    const street = attr(a, 'street');
    const city = attr(a, 'city');
    const region = attr(a, 'region');
    const postalCode = attr(a, 'zipCode');
    const c = euCountry(attr(a, 'countryIso2Code'));
    const full = [street, attr(a, 'poBox'), city, region, postalCode, attr(a, 'place'), c ? attr(a, 'countryDescription') : undefined]
      .filter(Boolean)
      .join(', ');
    if (!full || e.addresses.some((x) => x.full === full)) continue;
    const addr: Address = { full, ...(street ? { street } : {}), ...(city ? { city } : {}), ...(region ? { region } : {}), ...(postalCode ? { postalCode } : {}), ...(c ? { country: c } : {}) };
    e.addresses.push(addr);
    country(c, 'address');
  }
  if (!e.names.length) {
    warnings.push({ file, at, message: `${logicalId} has no nameAlias; skipped` });
    return undefined;
  }
  e.name = e.names[0]!.full;
  return e;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const entities: Entity[] = [];
  let publishedAt: string | undefined;
  let root: string | undefined;
  await streamXmlRecords(
    file,
    new Set(['sanctionEntity']),
    (node) => {
      const e = euEntity(node, options.source, file, warnings);
      if (e) entities.push(e);
    },
    (name, attrs, depth) => {
      if (depth !== 1) return;
      root = name;
      if (name !== 'export') throw new ListParseError(file, `element /${name}`, `not an EU FSF export (root ${name}, expected export)`);
      if (attrs.generationDate) publishedAt = attrs.generationDate;
    },
  );
  if (!root) throw new ListParseError(file, undefined, 'no XML root element (empty file?)');
  return { entities, relations: [], ...(publishedAt ? { publishedAt } : {}), warnings };
};
