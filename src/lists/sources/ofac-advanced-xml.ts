// OFAC ADVANCED_XML (sdn_advanced.xml, cons_advanced.xml): the UN-designed "Sanctions" data model
// (https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ADVANCED.XML,
// XSD https://www.treasury.gov/ofac/downloads/sanctions/1.0/sdn_advanced.xsd).
// Sections: DateOfIssue, ReferenceValueSets (small lookup tables), Locations, IDRegDocuments,
// DistinctParties (one Profile each: Identity/Alias/DocumentedName and Features), ProfileRelationships,
// SanctionsEntries. The real sdn_advanced.xml is ~120 MB, so it is streamed: each DistinctParty
// becomes an Entity when it closes, and the sections that refer to parties by id (locations,
// documents, sanctions entries, relationships) are kept in compact form and joined at the end,
// whatever order the sections come in.
import type { Address, CountryRef, Entity, EntityName, NameParts, PartialDate, Relation } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import type { ListParser } from '../parser.js';
import { toCountryCode } from '../../geo/countries.js';
import { parseRemarkStatement } from './ofac-remarks.js';
import {
  addName,
  addProperty,
  addUnique,
  applyRemarkFacts,
  emptyEntity,
  joinOfacName,
  ofacRelationType,
  resolveLinkedTo,
  type LinkedTo,
} from './ofac-common.js';
import { child, childText, children, descend, streamXml, type XmlNode } from './ofac-xml-stream.js';

interface RefValue {
  text: string;
  attrs: Record<string, string>;
}

/** ISO 15924 codes for the script names OFAC uses in its Script reference table. */
const SCRIPT_CODES: Record<string, string> = {
  latin: 'Latn',
  arabic: 'Arab',
  cyrillic: 'Cyrl',
  'chinese simplified': 'Hans',
  'chinese traditional': 'Hant',
  chinese: 'Hani',
  korean: 'Kore',
  japanese: 'Jpan',
  hebrew: 'Hebr',
  greek: 'Grek',
  georgian: 'Geor',
  armenian: 'Armn',
  thai: 'Thai',
  burmese: 'Mymr',
  persian: 'Arab',
};

export function scriptCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const known = SCRIPT_CODES[name.trim().toLowerCase()];
  if (known) return known;
  return /^[A-Z][a-z]{3}$/.test(name.trim()) ? name.trim() : undefined;
}

/** Compact location: enough to build an address and a country reference. */
interface CompactLocation {
  address?: Address;
  country?: string;
  countryText?: string;
}

interface PendingLocation {
  entity: Entity;
  locationId: string;
  role: CountryRef['role'] | 'address';
}

interface CompactDocument {
  identityId: string;
  label: string;
  number: string;
  country?: string;
  at: string;
}

interface YMD {
  y?: number;
  m?: number;
  d?: number;
}

function ymd(node: XmlNode | undefined): YMD | undefined {
  if (!node) return undefined;
  const y = Number(childText(node, 'Year'));
  if (!y) return undefined;
  const m = Number(childText(node, 'Month')) || undefined;
  const d = Number(childText(node, 'Day')) || undefined;
  return { y, m, d };
}

function isoOf(v: YMD): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return [String(v.y), v.m ? p(v.m) : undefined, v.m && v.d ? p(v.d) : undefined].filter(Boolean).join('-');
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A DatePeriod as partial dates. OFAC encodes "1962" as 1962-01-01..1962-12-31, "Mar 1957" as
 * the whole month, and "1960 to 1962" as 1960-01-01..1962-12-31 (each year, as in the remarks).
 */
export function datePeriodToDates(period: XmlNode): PartialDate[] {
  const start = ymd(descend(period, 'Start', 'From')) ?? ymd(child(period, 'Start'));
  const end = ymd(descend(period, 'End', 'To')) ?? ymd(descend(period, 'End', 'From')) ?? start;
  if (!start || !end) return [];
  const s = start as Required<YMD>;
  const e = end as Required<YMD>;
  if (!s.m || !s.d || !e.m || !e.d) return [isoOf(start)];
  const wholeYears = s.m === 1 && s.d === 1 && e.m === 12 && e.d === 31;
  if (wholeYears && e.y >= s.y && e.y - s.y <= 15) {
    return Array.from({ length: e.y - s.y + 1 }, (_, i) => String(s.y + i));
  }
  if (s.y === e.y && s.m === e.m && s.d === 1 && e.d === lastDay(e.y, e.m)) return [isoOf({ y: s.y, m: s.m })];
  const a = isoOf(start);
  const b = isoOf(end);
  return a === b ? [a] : [a, b];
}

export const parse: ListParser = async (files, options) => {
  const { source } = options;
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const refs = new Map<string, Map<string, RefValue>>();
  const ref = (table: string, id: string | undefined): RefValue | undefined =>
    id === undefined ? undefined : refs.get(table)?.get(id);

  const entities = new Map<string, Entity>(); // by Profile ID
  const identityToProfile = new Map<string, string>();
  const locations = new Map<string, CompactLocation>();
  const pendingLocations: PendingLocation[] = [];
  const documents: CompactDocument[] = [];
  const relationNodes: { id: string; from: string; to: string; typeId: string; former: boolean; at: string }[] = [];
  const links: LinkedTo[] = [];
  let publishedAt: string | undefined;
  let partyIndex = 0;

  const countryOf = (countryId: string | undefined): { code?: string; text?: string } => {
    const c = ref('Country', countryId);
    if (!c) return {};
    const code = (c.attrs.ISO2 && toCountryCode(c.attrs.ISO2)) || toCountryCode(c.text);
    return { ...(code ? { code } : {}), text: c.text };
  };

  const onLocation = (node: XmlNode): void => {
    const id = node.attrs.ID;
    if (!id) return;
    const parts: Record<string, string[]> = {};
    for (const lp of children(node, 'LocationPart')) {
      const type = ref('LocPartType', lp.attrs.LocPartTypeID)?.text.toUpperCase() ?? 'UNKNOWN';
      const values = children(lp, 'LocationPartValue');
      const primary = values.find((v) => v.attrs.Primary === 'true') ?? values[0];
      const value = childText(primary, 'Value');
      if (value) (parts[type] ??= []).push(value);
    }
    const country = countryOf(child(node, 'LocationCountry')?.attrs.CountryID);
    const street = [...(parts.ADDRESS1 ?? []), ...(parts.ADDRESS2 ?? []), ...(parts.ADDRESS3 ?? [])].join(', ');
    const city = parts.CITY?.join(', ');
    const region = [...(parts['STATE/PROVINCE'] ?? []), ...(parts.REGION ?? [])].join(', ');
    const postalCode = parts['POSTAL CODE']?.join(', ');
    const full = [street, city, region, postalCode, country.text].filter(Boolean).join(', ');
    const loc: CompactLocation = {};
    if (country.code) loc.country = country.code;
    if (country.text) loc.countryText = country.text;
    if (street || city || region || postalCode) {
      const address: Address = { full };
      if (street) address.street = street;
      if (city) address.city = city;
      if (region) address.region = region;
      if (postalCode) address.postalCode = postalCode;
      if (country.code) address.country = country.code;
      loc.address = address;
    } else if (country.code) {
      loc.address = { full: country.text ?? country.code, country: country.code };
    }
    locations.set(id, loc);
  };

  const onDocument = (node: XmlNode, index: number): void => {
    const identityId = node.attrs.IdentityID;
    const number = childText(node, 'IDRegistrationNo');
    const label = ref('IDRegDocType', node.attrs.IDRegDocTypeID)?.text;
    if (!identityId || !number || !label) return;
    const country = countryOf(node.attrs['IssuedBy-CountryID']).code;
    documents.push({ identityId, label, number, ...(country ? { country } : {}), at: `/Sanctions/IDRegDocuments/IDRegDocument[${index}]` });
  };

  const onParty = (node: XmlNode): void => {
    partyIndex++;
    const profile = child(node, 'Profile');
    const at = `/Sanctions/DistinctParties/DistinctParty[${partyIndex}]`;
    const fixedRef = node.attrs.FixedRef;
    if (!profile || !fixedRef) {
      warnings.push({ file, at, message: 'DistinctParty without FixedRef or Profile; skipped' });
      return;
    }
    const sub = ref('PartySubType', profile.attrs.PartySubTypeID);
    const partyType = ref('PartyType', sub?.attrs.PartyTypeID)?.text.toLowerCase();
    const subText = sub?.text.toLowerCase();
    const schema =
      subText === 'vessel' ? 'Vessel' : subText === 'aircraft' ? 'Aircraft' : partyType === 'individual' ? 'Person' : 'Organization';
    const entity = emptyEntity(source, fixedRef, schema, '');
    const scripts = refs.get('Script');
    const profileId = profile.attrs.ID ?? fixedRef;

    for (const identity of children(profile, 'Identity')) {
      if (identity.attrs.ID) identityToProfile.set(identity.attrs.ID, profileId);
      const groupType = new Map<string, string>();
      for (const g of children(child(identity, 'NamePartGroups'), 'MasterNamePartGroup')) {
        for (const npg of children(g, 'NamePartGroup')) {
          const t = ref('NamePartType', npg.attrs.NamePartTypeID)?.text;
          if (npg.attrs.ID && t) groupType.set(npg.attrs.ID, t);
        }
      }
      for (const alias of children(identity, 'Alias')) {
        const aliasType = ref('AliasType', alias.attrs.AliasTypeID)?.text.toUpperCase();
        const isPrimary = alias.attrs.Primary === 'true';
        const weak = alias.attrs.LowQuality === 'true';
        const docs = children(alias, 'DocumentedName');
        for (let docIndex = 0; docIndex < docs.length; docIndex++) {
          const built = documentedName(docs[docIndex]!, groupType, schema === 'Person', scripts);
          if (!built) continue;
          // The first (Latin) DocumentedName of the primary alias is the list's name; the others
          // are the same name in an original script.
          const quality = isPrimary && docIndex === 0 && !built.script ? 'primary' : weak ? 'weak' : 'strong';
          if (quality === 'primary' && !entity.name) entity.name = built.full;
          built.quality = quality;
          addName(entity, built);
          if (aliasType === 'F.K.A.') addProperty(entity, 'previousName', built.full);
        }
      }
    }
    if (!entity.name) {
      warnings.push({ file, at, message: `DistinctParty ${fixedRef} has no primary name; skipped` });
      return;
    }
    // Primary name first, as Entity.names promises.
    if (entity.names[0]?.quality !== 'primary') entity.names.sort((a, b) => (a.quality === 'primary' ? -1 : 0) - (b.quality === 'primary' ? -1 : 0));

    for (const comment of [child(node, 'Comment'), child(profile, 'Comment')]) {
      const t = comment?.text.trim();
      if (t) entity.remarks.push(t);
    }

    for (const feature of children(profile, 'Feature')) {
      const label = ref('FeatureType', feature.attrs.FeatureTypeID)?.text ?? '';
      for (const version of children(feature, 'FeatureVersion')) {
        readFeature(entity, label, version);
      }
    }
    entities.set(profileId, entity);
  };

  const readFeature = (entity: Entity, label: string, version: XmlNode): void => {
    const l = label.toLowerCase();
    const period = child(version, 'DatePeriod');
    if (l === 'birthdate') {
      if (period) for (const d of datePeriodToDates(period)) addUnique(entity.birthDates, d);
      return;
    }
    for (const vl of children(version, 'VersionLocation')) {
      const locationId = vl.attrs.LocationID;
      if (!locationId) continue;
      const role: PendingLocation['role'] =
        l.includes('citizenship') ? 'citizenship'
        : l.includes('nationality of registration') ? 'jurisdiction'
        : l.includes('nationality') ? 'nationality'
        : l.includes('flag') ? 'flag'
        : l.includes('place of birth') ? 'birth'
        : 'address';
      pendingLocations.push({ entity, locationId, role });
    }
    const detail = child(version, 'VersionDetail');
    let value = detail?.text.trim();
    if (!value && detail?.attrs.DetailReferenceID) value = ref('DetailReference', detail.attrs.DetailReferenceID)?.text;
    if (!value && period) value = datePeriodToDates(period).join(' to ');
    if (!value) return;
    if (l === 'place of birth') {
      addUnique(entity.birthPlaces, value);
      const parts = value.split(',');
      const code = toCountryCode(parts[parts.length - 1]);
      if (code) addUnique(entity.countries, { code, role: 'birth' }, (a, b) => a.code === b.code && a.role === b.role);
      return;
    }
    // Other features read like the remark statements OFAC renders from them ("Website www.x",
    // "Vessel Registration Identification IMO 1234567", "Gender Male").
    const facts = parseRemarkStatement(`${label} ${value}`);
    if (facts.unparsed.length === 0) applyRemarkFacts(entity, facts, links);
    else addProperty(entity, label.replace(/[\s:-]+$/, ''), value);
  };

  const sanctions = new Map<string, { programs: string[]; lists: string[]; listedOn?: string }>();
  const onSanctionsEntry = (node: XmlNode): void => {
    const profileId = node.attrs.ProfileID;
    if (!profileId) return;
    const s = sanctions.get(profileId) ?? { programs: [], lists: [] };
    const list = ref('List', node.attrs.ListID)?.text;
    if (list) addUnique(s.lists, list);
    for (const event of children(node, 'EntryEvent')) {
      const date = ymd(child(event, 'Date'));
      if (date) {
        const iso = isoOf(date);
        if (!s.listedOn || iso < s.listedOn) s.listedOn = iso;
      }
    }
    for (const measure of children(node, 'SanctionsMeasure')) {
      const type = ref('SanctionsType', measure.attrs.SanctionsTypeID)?.text;
      const comment = childText(measure, 'Comment');
      if (type === 'Program' && comment) addUnique(s.programs, comment);
    }
    sanctions.set(profileId, s);
  };

  let docIndex = 0;
  let relIndex = 0;
  await streamXml(file, {
    roots: ['Sanctions'],
    capture(path) {
      if (path.length === 2) return path[1] === 'DateOfIssue';
      if (path.length === 4) return path[1] === 'ReferenceValueSets';
      if (path.length !== 3) return false;
      const section = path[1];
      return (
        section === 'Locations' ||
        section === 'IDRegDocuments' ||
        section === 'DistinctParties' ||
        section === 'ProfileRelationships' ||
        section === 'SanctionsEntries'
      );
    },
    onNode(node, path) {
      const section = path[1];
      if (section === 'DateOfIssue') {
        const d = ymd(node);
        if (d) publishedAt = isoOf(d);
      } else if (section === 'ReferenceValueSets') {
        const id = node.attrs.ID;
        if (id === undefined) return;
        let table = refs.get(node.name);
        if (!table) refs.set(node.name, (table = new Map()));
        table.set(id, { text: node.text.trim(), attrs: node.attrs });
      } else if (section === 'Locations') onLocation(node);
      else if (section === 'IDRegDocuments') onDocument(node, ++docIndex);
      else if (section === 'DistinctParties') onParty(node);
      else if (section === 'SanctionsEntries') onSanctionsEntry(node);
      else if (section === 'ProfileRelationships') {
        relIndex++;
        const { ID, RelationTypeID } = node.attrs;
        const from = node.attrs['From-ProfileID'];
        const to = node.attrs['To-ProfileID'];
        if (ID && from && to && RelationTypeID) {
          relationNodes.push({ id: ID, from, to, typeId: RelationTypeID, former: node.attrs.Former === 'true', at: `/Sanctions/ProfileRelationships/ProfileRelationship[${relIndex}]` });
        }
      }
    },
  });

  // Join the sections that refer to parties by id.
  for (const p of pendingLocations) {
    const loc = locations.get(p.locationId);
    if (!loc) {
      warnings.push({ file, at: p.entity.id, message: `Location ${p.locationId} referenced but not in the file` });
      continue;
    }
    if (p.role === 'address') {
      if (loc.address && !(loc.address.full === loc.countryText && !loc.address.street && !loc.address.city)) {
        addUnique(p.entity.addresses, loc.address, (a, b) => a.full === b.full);
      }
      if (loc.country) addUnique(p.entity.countries, { code: loc.country, role: 'address' }, (a, b) => a.code === b.code && a.role === b.role);
    } else if (loc.country) {
      addUnique(p.entity.countries, { code: loc.country, role: p.role }, (a, b) => a.code === b.code && a.role === b.role);
    }
  }
  for (const doc of documents) {
    const profileId = identityToProfile.get(doc.identityId);
    const entity = profileId ? entities.get(profileId) : undefined;
    if (!entity) {
      warnings.push({ file, at: doc.at, message: `IDRegDocument for unknown identity ${doc.identityId}` });
      continue;
    }
    const facts = parseRemarkStatement(`${doc.label} ${doc.number}`);
    if (facts.identifiers.length > 0 || facts.contacts.length > 0) {
      for (const id of facts.identifiers) if (doc.country) id.country = doc.country;
      applyRemarkFacts(entity, facts, links);
    } else {
      entity.identifiers.push({ type: 'other', value: doc.number, label: doc.label, ...(doc.country ? { country: doc.country } : {}) });
    }
  }
  for (const [profileId, s] of sanctions) {
    const entity = entities.get(profileId);
    if (!entity) continue;
    for (const p of s.programs) addUnique(entity.programs, p);
    for (const l of s.lists) addUnique(entity.lists, l);
    if (s.listedOn) entity.listedOn = s.listedOn;
  }
  const relations: Relation[] = [];
  for (const r of relationNodes) {
    const a = entities.get(r.from);
    const b = entities.get(r.to);
    const label = ref('RelationType', r.typeId)?.text ?? `relation type ${r.typeId}`;
    if (!a || !b) {
      warnings.push({ file, at: r.at, message: `ProfileRelationship ${r.id} refers to a profile not in this file (${!a ? r.from : r.to})` });
      continue;
    }
    const { type, reversed } = ofacRelationType(label);
    const relation: Relation = {
      id: `${source}:rel-${r.id}`,
      source,
      type,
      from: reversed ? b.id : a.id,
      to: reversed ? a.id : b.id,
      role: r.former ? `${label} (former)` : label,
      evidence: `${a.name} — ${label} — ${b.name} (OFAC ProfileRelationship ${r.id})`,
    };
    relations.push(relation);
  }

  const list = [...entities.values()];
  relations.push(...resolveLinkedTo(list, links, source, file, warnings));
  const parsed: ParsedList = { entities: list, relations, warnings };
  if (publishedAt) parsed.publishedAt = publishedAt;
  return parsed;
};

/** One DocumentedName as an EntityName: parts by NamePartType, "LAST, First" for individuals. */
function documentedName(
  doc: XmlNode,
  groupType: Map<string, string>,
  isPerson: boolean,
  scripts: Map<string, RefValue> | undefined,
): EntityName | undefined {
  const typed: { type: string; value: string }[] = [];
  let scriptId: string | undefined;
  for (const part of children(doc, 'DocumentedNamePart')) {
    const v = child(part, 'NamePartValue');
    const value = v?.text.trim();
    if (!v || !value) continue;
    scriptId ??= v.attrs.ScriptID;
    typed.push({ type: (groupType.get(v.attrs.NamePartGroupID ?? '') ?? '').toLowerCase(), value });
  }
  if (typed.length === 0) return undefined;
  const of = (t: string) => typed.filter((p) => p.type === t).map((p) => p.value);
  let full: string;
  let parts: NameParts | undefined;
  if (isPerson) {
    const last = of('last name');
    const firstish = typed.filter((p) => p.type !== 'last name').map((p) => p.value);
    full = joinOfacName(last.join(' '), firstish.join(' '));
    parts = {};
    if (last.length) parts.last = last.join(' ');
    const first = of('first name');
    if (first.length) parts.first = first.join(' ');
    const middle = of('middle name');
    if (middle.length) parts.middle = middle.join(' ');
    const other = typed.filter((p) => !['last name', 'first name', 'middle name'].includes(p.type)).map((p) => p.value);
    if (other.length) parts.other = other;
  } else {
    full = typed.map((p) => p.value).join(' ');
  }
  const scriptName = scriptId === undefined ? undefined : scripts?.get(scriptId);
  const code = scriptCode(scriptName?.attrs.ScriptCode) ?? scriptCode(scriptName?.text);
  // Quality is the caller's to set: it depends on the alias, not on the documented name.
  const name: EntityName = { full, quality: 'strong' };
  if (parts && Object.keys(parts).length) name.parts = parts;
  if (code && code !== 'Latn') {
    name.script = code;
    name.originalScript = true;
  }
  return name;
}
