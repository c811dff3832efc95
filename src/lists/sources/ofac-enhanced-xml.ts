// OFAC ENHANCED_XML (SDN_ENHANCED.ZIP / CONS_ENHANCED.ZIP, and custom exports of the Sanctions
// List Service): <sanctionsData> with <publicationInfo><dataAsOf>, reference tables, and one
// <entity id=...> per party holding generalInfo, sanctionsLists, sanctionsPrograms, names (with
// translations per script), addresses, features, identityDocuments and relationships.
// Schema: https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML.xsd
import type { Address, Entity, NameParts, Relation } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import type { ListParser } from '../parser.js';
import { toCountryCode } from '../../geo/countries.js';
import { parseOfacDates, parseRemarks, parseRemarkStatement } from './ofac-remarks.js';
import {
  addName,
  addProperty,
  addUnique,
  applyRemarkFacts,
  emptyEntity,
  joinOfacName,
  ofacRelationType,
  ofacSchema,
  resolveLinkedTo,
  type LinkedTo,
} from './ofac-common.js';
import { scriptCode } from './ofac-advanced-xml.js';
import { child, childText, children, detach, streamXml, type XmlNode } from './ofac-xml-stream.js';

/** OFAC wraps right-to-left names in Unicode embedding marks; they are not part of the name. */
function clean(text: string | undefined): string | undefined {
  const t = text?.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return t ? t : undefined;
}

interface PendingRelation {
  id: string;
  from: string;
  toRef: string;
  label: string;
  toName: string;
}

export const parse: ListParser = async (files, options) => {
  const { source } = options;
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const entities = new Map<string, Entity>();
  const pending: PendingRelation[] = [];
  const links: LinkedTo[] = [];
  let publishedAt: string | undefined;
  let index = 0;

  await streamXml(file, {
    roots: ['sanctionsData'],
    capture: (path) =>
      (path.length === 3 && path[1] === 'entities' && path[2] === 'entity') ||
      (path.length === 3 && path[1] === 'publicationInfo' && path[2] === 'dataAsOf'),
    onNode(node) {
      if (node.name === 'dataAsOf') {
        publishedAt = clean(node.text)?.replace(/T00:00:00$/, '');
        return;
      }
      index++;
      const id = node.attrs.id;
      const at = `/sanctionsData/entities/entity[${index}]`;
      if (!id) {
        warnings.push({ file, at, message: 'entity without id; skipped' });
        return;
      }
      const entity = toEntity(source, id, node, pending, links);
      if (!entity) {
        warnings.push({ file, at, message: `entity ${id} has no primary name; skipped` });
        return;
      }
      entities.set(id, entity);
    },
  });

  const relations: Relation[] = [];
  const seen = new Set<string>();
  for (const p of pending) {
    if (seen.has(p.id)) continue; // both parties carry the same relationship record
    const from = entities.get(p.from)!;
    const other = entities.get(p.toRef);
    if (!other) {
      warnings.push({ file, at: from.id, message: `relationship ${p.id} (${p.label}) names entity ${p.toRef} "${p.toName}", not in this file` });
      continue;
    }
    seen.add(p.id);
    const { type, reversed } = ofacRelationType(p.label);
    // The same tie is often published from both sides ("Owned or Controlled By" / "Owns, controls").
    const tie = `${type}:${reversed ? other.id : from.id}>${reversed ? from.id : other.id}`;
    if (seen.has(tie)) continue;
    seen.add(tie);
    relations.push({
      id: `${source}:rel-${p.id}`,
      source,
      type,
      from: reversed ? other.id : from.id,
      to: reversed ? from.id : other.id,
      role: p.label,
      evidence: `${from.name} — ${p.label} — ${other.name} (OFAC relationship ${p.id})`,
    });
  }
  const list = [...entities.values()];
  relations.push(...resolveLinkedTo(list, links, source, file, warnings));
  const parsed: ParsedList = { entities: list, relations, warnings };
  if (publishedAt) parsed.publishedAt = publishedAt;
  return parsed;
};

function toEntity(source: string, id: string, node: XmlNode, pending: PendingRelation[], links: LinkedTo[]): Entity | undefined {
  const info = child(node, 'generalInfo');
  const schema = ofacSchema(childText(info, 'entityType'));
  const entity = emptyEntity(source, id, schema, '');
  const isPerson = schema === 'Person';

  for (const name of children(child(node, 'names'), 'name')) {
    const primary = childText(name, 'isPrimary') === 'true';
    const weak = childText(name, 'isLowQuality') === 'true';
    const aliasType = childText(name, 'aliasType')?.toUpperCase();
    for (const tr of children(child(name, 'translations'), 'translation')) {
      const script = scriptCode(childText(tr, 'script'));
      const nonLatin = script !== undefined && script !== 'Latn';
      const last = clean(childText(tr, 'formattedLastName'));
      const first = clean(childText(tr, 'formattedFirstName'));
      // Individuals as OFAC's other formats write them: "LAST, First".
      const full = isPerson && !nonLatin ? joinOfacName(last, first) : clean(childText(tr, 'formattedFullName')) ?? joinOfacName(last, first);
      if (!full) continue;
      const trPrimary = childText(tr, 'isPrimary') === 'true';
      const quality = primary && trPrimary && !nonLatin ? 'primary' : weak ? 'weak' : 'strong';
      let parts: NameParts | undefined;
      if (isPerson) {
        parts = {};
        for (const np of children(child(tr, 'nameParts'), 'namePart')) {
          const type = childText(np, 'type')?.toLowerCase();
          const value = clean(childText(np, 'value'));
          if (!value) continue;
          if (type === 'last name') parts.last = value;
          else if (type === 'first name') parts.first = value;
          else if (type === 'middle name') parts.middle = value;
          else (parts.other ??= []).push(value);
        }
        if (Object.keys(parts).length === 0) parts = undefined;
      }
      if (quality === 'primary' && !entity.name) entity.name = full;
      addName(entity, {
        full,
        quality,
        ...(parts ? { parts } : {}),
        ...(nonLatin ? { script, originalScript: true } : {}),
      });
      if (aliasType === 'F.K.A.') addProperty(entity, 'previousName', full);
    }
  }
  if (!entity.name) return undefined;
  if (entity.names[0]?.quality !== 'primary') entity.names.sort((a, b) => (a.quality === 'primary' ? -1 : 0) - (b.quality === 'primary' ? -1 : 0));

  addProperty(entity, isPerson ? 'position' : 'title', childText(info, 'title'));
  const remarks = childText(info, 'remarks');
  if (remarks) {
    entity.remarks.push(remarks);
    applyRemarkFacts(entity, parseRemarks(remarks.replace(/^\((.*)\)$/s, '$1')), links);
  }

  for (const list of children(child(node, 'sanctionsLists'), 'sanctionsList')) {
    addUnique(entity.lists, clean(list.text));
    const date = list.attrs.datePublished;
    // detach: a long attribute value can be a slice of the 64 KB input chunk (ofac-xml-stream).
    if (date && (!entity.listedOn || date < entity.listedOn)) entity.listedOn = detach(date);
  }
  for (const p of children(child(node, 'sanctionsPrograms'), 'sanctionsProgram')) addUnique(entity.programs, clean(p.text));

  for (const a of children(child(node, 'addresses'), 'address')) {
    const countryText = childText(a, 'country');
    const code = toCountryCode(countryText);
    const translations = children(child(a, 'translations'), 'translation');
    const tr = translations.find((t) => childText(t, 'isPrimary') === 'true') ?? translations[0];
    const parts: Record<string, string[]> = {};
    for (const ap of children(child(tr, 'addressParts'), 'addressPart')) {
      const type = childText(ap, 'type')?.toUpperCase() ?? 'UNKNOWN';
      const value = clean(childText(ap, 'value'));
      if (value) (parts[type] ??= []).push(value);
    }
    const street = [...(parts.ADDRESS1 ?? []), ...(parts.ADDRESS2 ?? []), ...(parts.ADDRESS3 ?? [])].join(', ');
    const city = parts.CITY?.join(', ');
    const region = [...(parts['STATE/PROVINCE'] ?? []), ...(parts.REGION ?? [])].join(', ');
    const postalCode = parts['POSTAL CODE']?.join(', ');
    if (code) addUnique(entity.countries, { code, role: 'address' }, (x, y) => x.code === y.code && x.role === y.role);
    if (!street && !city && !region && !postalCode) continue; // a country-only address is kept as a country
    const address: Address = { full: [street, city, region, postalCode, countryText].filter(Boolean).join(', ') };
    if (street) address.street = street;
    if (city) address.city = city;
    if (region) address.region = region;
    if (postalCode) address.postalCode = postalCode;
    if (code) address.country = code;
    entity.addresses.push(address);
  }

  for (const f of children(child(node, 'features'), 'feature')) {
    const label = clean(childText(f, 'type')) ?? '';
    const value = clean(childText(f, 'value'));
    if (!value) continue;
    const l = label.toLowerCase();
    if (l === 'birthdate') {
      for (const d of parseOfacDates(value)) addUnique(entity.birthDates, d);
      continue;
    }
    if (l === 'place of birth') {
      addUnique(entity.birthPlaces, value);
      const pieces = value.split(',');
      const code = toCountryCode(pieces[pieces.length - 1]);
      if (code) addUnique(entity.countries, { code, role: 'birth' }, (x, y) => x.code === y.code && x.role === y.role);
      continue;
    }
    const countryRole = l.startsWith('nationality of registration')
      ? 'jurisdiction'
      : l.startsWith('nationality')
        ? 'nationality'
        : l.startsWith('citizenship')
          ? 'citizenship'
          : l.includes('flag')
            ? 'flag'
            : undefined;
    if (countryRole) {
      const code = toCountryCode(value);
      if (code) addUnique(entity.countries, { code, role: countryRole }, (x, y) => x.code === y.code && x.role === y.role);
      else addProperty(entity, label, value);
      continue;
    }
    const facts = parseRemarkStatement(`${label} ${value}`);
    if (facts.unparsed.length === 0) applyRemarkFacts(entity, facts, links);
    else addProperty(entity, label.replace(/[\s:-]+$/, ''), value);
  }

  for (const doc of children(child(node, 'identityDocuments'), 'identityDocument')) {
    const label = clean(childText(doc, 'type'));
    const number = clean(childText(doc, 'documentNumber'));
    if (!label || !number) continue;
    const country = toCountryCode(childText(doc, 'issuingCountry'));
    const facts = parseRemarkStatement(`${label} ${number}`);
    if (facts.identifiers.length > 0) {
      for (const i of facts.identifiers) if (country) i.country = country;
      applyRemarkFacts(entity, facts, links);
    } else {
      entity.identifiers.push({ type: 'other', value: number, label, ...(country ? { country } : {}) });
    }
    const issued = childText(child(doc, 'issueDate'), 'fromDateBegin');
    const expires = childText(child(doc, 'expirationDate'), 'fromDateBegin');
    if (issued) addProperty(entity, 'idIssueDate', `${number}: ${issued}`);
    if (expires) addProperty(entity, 'idExpiryDate', `${number}: ${expires}`);
  }

  for (const rel of children(child(node, 'relationships'), 'relationship')) {
    const related = child(rel, 'relatedEntity');
    const toRef = related?.attrs.entityId;
    const label = clean(childText(rel, 'type'));
    if (!rel.attrs.id || !toRef || !label) continue;
    pending.push({ id: rel.attrs.id, from: id, toRef, label, toName: clean(related?.text) ?? '' });
  }
  return entity;
}
