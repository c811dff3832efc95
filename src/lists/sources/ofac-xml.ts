// OFAC "XML" format: <sdnList> with <publshInformation> and one <sdnEntry> per party — the schema
// of sdn.xml and consolidated.xml (https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML,
// .../CONSOLIDATED.XML; XSD at https://www.treasury.gov/ofac/downloads/sdn.xsd).
import type { Address, Entity } from '../../domain/entity.js';
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
  ofacSchema,
  personNameParts,
  resolveLinkedTo,
  usDateToIso,
  type LinkedTo,
} from './ofac-common.js';
import { child, childText, children, streamXml, type XmlNode } from './ofac-xml-stream.js';

/** OFAC publishes a dummy "INFOSEC TEST FILE" record in some XML files to test downstream systems. */
const TEST_RECORD = /INFOSEC TEST FILE/i;

export const parse: ListParser = async (files, options) => {
  const { source } = options;
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const entities: Entity[] = [];
  const links: LinkedTo[] = [];
  let publishedAt: string | undefined;
  let recordCount: number | undefined;
  let index = 0;

  await streamXml(file, {
    roots: ['sdnList'],
    capture: (path) => path.length === 2 && (path[1] === 'sdnEntry' || path[1] === 'publshInformation'),
    onNode(node) {
      if (node.name === 'publshInformation') {
        publishedAt = usDateToIso(childText(node, 'Publish_Date'));
        const count = childText(node, 'Record_Count');
        if (count) recordCount = Number(count);
        return;
      }
      index++;
      const at = `/sdnList/sdnEntry[${index}]`;
      const uid = childText(node, 'uid');
      if (!uid) {
        warnings.push({ file, at, message: 'sdnEntry without uid; skipped' });
        return;
      }
      const first = childText(node, 'firstName');
      const last = childText(node, 'lastName');
      if (TEST_RECORD.test(`${first ?? ''} ${last ?? ''}`)) {
        warnings.push({ file, at, message: `dropped OFAC test record uid ${uid} ("${joinOfacName(last, first)}")` });
        return;
      }
      const entity = entryToEntity(source, uid, node, links);
      if (!entity.name) {
        warnings.push({ file, at, message: `sdnEntry ${uid} has no name; skipped` });
        return;
      }
      entities.push(entity);
    },
  });

  if (recordCount !== undefined && recordCount !== index) {
    warnings.push({ file, message: `Record_Count says ${recordCount} entries, the file holds ${index}` });
  }
  const relations = resolveLinkedTo(entities, links, source, file, warnings);
  const parsed: ParsedList = { entities, relations, warnings };
  if (publishedAt) parsed.publishedAt = publishedAt;
  return parsed;
};

function entryToEntity(source: string, uid: string, node: XmlNode, links: LinkedTo[]): Entity {
  const schema = ofacSchema(childText(node, 'sdnType'));
  const first = childText(node, 'firstName');
  const last = childText(node, 'lastName');
  const name = joinOfacName(last, first);
  const entity = emptyEntity(source, uid, schema, name);
  if (name) {
    entity.names.push({
      full: name,
      quality: 'primary',
      ...(schema === 'Person' && (first || last) ? { parts: { ...(last ? { last } : {}), ...(first ? { first } : {}) } } : {}),
    });
  }
  addProperty(entity, schema === 'Person' ? 'position' : 'title', childText(node, 'title'));
  for (const p of children(child(node, 'programList'), 'program')) addUnique(entity.programs, p.text.trim() || undefined);

  for (const aka of children(child(node, 'akaList'), 'aka')) {
    const aFirst = childText(aka, 'firstName');
    const aLast = childText(aka, 'lastName');
    const full = joinOfacName(aLast, aFirst);
    if (!full) continue;
    const quality = childText(aka, 'category')?.toLowerCase() === 'weak' ? 'weak' : 'strong';
    const parts = schema === 'Person' ? personNameParts(full) : undefined;
    addName(entity, { full, quality, ...(parts ? { parts } : {}) });
    const type = childText(aka, 'type')?.toLowerCase();
    if (type === 'f.k.a.') addProperty(entity, 'previousName', full);
  }

  for (const a of children(child(node, 'addressList'), 'address')) {
    const street = ['address1', 'address2', 'address3'].map((k) => childText(a, k)).filter(Boolean).join(', ');
    const city = childText(a, 'city');
    const region = childText(a, 'stateOrProvince');
    const postalCode = childText(a, 'postalCode');
    const countryText = childText(a, 'country');
    const full = [street, city, region, postalCode, countryText].filter(Boolean).join(', ');
    if (!full) continue;
    const address: Address = { full };
    if (street) address.street = street;
    if (city) address.city = city;
    if (region) address.region = region;
    if (postalCode) address.postalCode = postalCode;
    const code = toCountryCode(countryText);
    if (code) {
      address.country = code;
      addUnique(entity.countries, { code, role: 'address' }, (x, y) => x.code === y.code && x.role === y.role);
    }
    entity.addresses.push(address);
  }

  const addCountry = (text: string | undefined, role: 'nationality' | 'citizenship'): void => {
    const code = toCountryCode(text);
    if (code) addUnique(entity.countries, { code, role }, (x, y) => x.code === y.code && x.role === y.role);
  };
  for (const n of children(child(node, 'nationalityList'), 'nationality')) addCountry(childText(n, 'country'), 'nationality');
  for (const c of children(child(node, 'citizenshipList'), 'citizenship')) addCountry(childText(c, 'country'), 'citizenship');
  for (const d of children(child(node, 'dateOfBirthList'), 'dateOfBirthItem')) {
    for (const date of parseOfacDates(childText(d, 'dateOfBirth') ?? '')) addUnique(entity.birthDates, date);
  }
  for (const p of children(child(node, 'placeOfBirthList'), 'placeOfBirthItem')) {
    const place = childText(p, 'placeOfBirth');
    if (!place) continue;
    addUnique(entity.birthPlaces, place);
    const parts = place.split(',');
    const code = toCountryCode(parts[parts.length - 1]);
    if (code) addUnique(entity.countries, { code, role: 'birth' }, (x, y) => x.code === y.code && x.role === y.role);
  }

  // The id list carries identifiers and also other OFAC "features" (Website, Email Address,
  // Gender, Secondary sanctions risk ...) as id elements: read each as the remark statement OFAC
  // renders it from ("Passport A123 (Iran)"), so both formats share one vocabulary.
  for (const id of children(child(node, 'idList'), 'id')) {
    const type = childText(id, 'idType');
    const value = childText(id, 'idNumber');
    if (!type || !value) continue;
    const country = childText(id, 'idCountry');
    const statement = `${type} ${value}${country ? ` (${country})` : ''}`;
    const facts = parseRemarkStatement(statement);
    if (facts.unparsed.length > 0) {
      const code = toCountryCode(country);
      entity.identifiers.push({ type: 'other', value, label: type, ...(code ? { country: code } : {}) });
    } else {
      applyRemarkFacts(entity, facts, links);
    }
    const issued = childText(id, 'issueDate');
    const expires = childText(id, 'expirationDate');
    if (issued) addProperty(entity, 'idIssueDate', `${value}: ${issued}`);
    if (expires) addProperty(entity, 'idExpiryDate', `${value}: ${expires}`);
  }

  const vessel = child(node, 'vesselInfo');
  if (vessel) {
    const callSign = childText(vessel, 'callSign');
    if (callSign) addUnique(entity.identifiers, { type: 'call_sign', value: callSign, label: 'Call Sign' }, (x, y) => x.value === y.value && x.type === y.type);
    addProperty(entity, 'type', childText(vessel, 'vesselType'));
    addProperty(entity, 'owner', childText(vessel, 'vesselOwner'));
    addProperty(entity, 'tonnage', childText(vessel, 'tonnage'));
    addProperty(entity, 'grossRegisteredTonnage', childText(vessel, 'grossRegisteredTonnage'));
    const flag = toCountryCode(childText(vessel, 'vesselFlag'));
    if (flag) addUnique(entity.countries, { code: flag, role: 'flag' }, (x, y) => x.code === y.code && x.role === y.role);
  }

  // XML remarks hold what has no element of its own, e.g. "(Linked To: HAMAS)".
  const remarks = childText(node, 'remarks');
  if (remarks) {
    entity.remarks.push(remarks);
    applyRemarkFacts(entity, parseRemarks(remarks.replace(/^\((.*)\)$/s, '$1')), links);
  }
  return entity;
}
