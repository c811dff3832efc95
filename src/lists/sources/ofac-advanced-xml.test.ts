import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './ofac-advanced-xml.js';

const SRC = { source: 'us_ofac_cons' };
const REAL = () => sharedData('ofac/advanced/cons_advanced.xml');

test('cons_advanced.xml: 375 parties, date of issue, relationships', async () => {
  const parsed = await parse({ main: REAL() }, SRC);
  assert.equal(parsed.entities.length, 375);
  assert.equal(parsed.publishedAt, '2020-03-17');
  assert.deepEqual(parsed.warnings, []);
  // 276 ProfileRelationship records, all "Owned or Controlled By".
  assert.equal(parsed.relations.length, 276);
  const rel = parsed.relations.find((r) => r.id === 'us_ofac_cons:rel-2211')!;
  // ProfileRelationship 2211: 18267 is owned or controlled by 17022, so 17022 is the owner (`from`).
  assert.equal(rel.type, 'ownership');
  assert.equal(rel.from, 'us_ofac_cons:17022');
  assert.equal(rel.to, 'us_ofac_cons:18267');
  assert.equal(rel.role, 'Owned or Controlled By');
});

test('cons_advanced.xml: VTB (17013) and ABU TEIR (9640) field by field', async () => {
  const parsed = await parse({ main: REAL() }, SRC);
  const vtb = parsed.entities.find((e) => e.id === 'us_ofac_cons:17013')!;
  assert.equal(vtb.schema, 'Organization');
  assert.equal(vtb.name, 'VTB BANK OAO');
  assert.equal(vtb.names[0]!.quality, 'primary');
  assert.ok(vtb.names.some((n) => n.full === 'VNESHTORGBANK' && n.quality === 'strong'));
  assert.ok(vtb.properties.previousName?.includes('VNESHTORGBANK'));
  assert.deepEqual(vtb.programs, ['UKRAINE-EO13662']);
  assert.deepEqual(vtb.lists.sort(), ['Consolidated List', 'Sectoral Sanctions Identifications List']);
  assert.equal(vtb.listedOn, '2014-07-29');
  assert.ok(vtb.identifiers.some((i) => i.type === 'swift_bic' && i.value === 'VTBRRUMM'));
  assert.ok(vtb.identifiers.some((i) => i.type === 'tax' && i.value === '7702070139' && i.country === 'RU'));
  assert.ok(vtb.identifiers.some((i) => i.type === 'registration' && i.value === '1027739609391' && i.country === 'RU'));
  assert.deepEqual(vtb.contacts, [{ type: 'website', value: 'www.vtb.com' }]);
  assert.ok(vtb.addresses.some((a) => a.street === '29, Bolshaya Morskaya str.' && a.city === 'St. Petersburg' && a.postalCode === '190000' && a.country === 'RU'));
  assert.match(vtb.remarks[0]!, /directives/);

  const abuTeir = parsed.entities.find((e) => e.sourceId === '9640')!;
  assert.equal(abuTeir.schema, 'Person');
  assert.equal(abuTeir.name, 'ABU TEIR, Mohammed');
  assert.deepEqual(abuTeir.names[0]!.parts, { last: 'ABU TEIR', first: 'Mohammed' });
  assert.deepEqual(abuTeir.birthDates, ['1951']);
  assert.deepEqual(abuTeir.birthPlaces, ['Umm Tuba']);
  assert.deepEqual(abuTeir.programs, ['NS-PLC']);
  assert.equal(abuTeir.listedOn, '2006-04-12');
});

test('new namespace, sections after DistinctParties, and an original-script name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-ofac-adv-'));
  let xml = readFileSync(REAL(), 'utf8');
  // sdn_advanced.xml of today uses the Sanctions List Service namespace.
  xml = xml.replace(
    'xmlns="http://www.un.org/sanctions/1.0"',
    'xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"',
  );
  // Move Locations and IDRegDocuments after DistinctParties: the join must not depend on order.
  const cut = (start: string, end: string): string => {
    const a = xml.indexOf(start);
    const b = xml.indexOf(end) + end.length;
    const section = xml.slice(a, b);
    xml = xml.slice(0, a) + xml.slice(b);
    return section;
  };
  const locations = cut('<Locations>', '</Locations>');
  const documents = cut('<IDRegDocuments>', '</IDRegDocuments>');
  xml = xml.replace('</DistinctParties>', `</DistinctParties>\n${locations}\n${documents}`);
  // Give VTB its Cyrillic name, as sdn_advanced.xml does with ScriptID for Cyrillic.
  xml = xml.replace('<Script ID="215" ScriptCode="Latin">Latin</Script>', '<Script ID="215" ScriptCode="Latin">Latin</Script><Script ID="220" ScriptCode="Cyrillic">Cyrillic</Script>');
  const vtbName = /(<NamePartValue NamePartGroupID="36092" ScriptID="215"[^>]*>VTB BANK OAO<\/NamePartValue>\s*<\/DocumentedNamePart>\s*<\/DocumentedName>)/;
  assert.match(xml, vtbName);
  xml = xml.replace(
    vtbName,
    '$1<DocumentedName ID="999" FixedRef="17013" DocNameStatusID="1"><DocumentedNamePart><NamePartValue NamePartGroupID="36092" ScriptID="220">БАНК ВТБ ОАО</NamePartValue></DocumentedNamePart></DocumentedName>',
  );
  const path = join(dir, 'sdn_advanced-shaped.xml');
  writeFileSync(path, xml);
  const parsed = await parse({ main: path }, SRC);
  assert.equal(parsed.entities.length, 375);
  const vtb = parsed.entities.find((e) => e.sourceId === '17013')!;
  assert.equal(vtb.name, 'VTB BANK OAO');
  assert.ok(vtb.identifiers.some((i) => i.type === 'tax' && i.value === '7702070139'));
  assert.ok(vtb.addresses.some((a) => a.city === 'St. Petersburg'));
  const cyr = vtb.names.find((n) => n.full === 'БАНК ВТБ ОАО');
  assert.ok(cyr);
  assert.equal(cyr.script, 'Cyrl');
  assert.equal(cyr.originalScript, true);
  assert.equal(cyr.quality, 'strong');
});

test('truncated and malformed ADVANCED_XML give ListParseError with file and place', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-ofac-adv-'));
  const real = readFileSync(REAL());
  const truncated = join(dir, 'cons_advanced-cut.xml');
  writeFileSync(truncated, real.subarray(0, Math.floor(real.length * 0.6)));
  await assert.rejects(parse({ main: truncated }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, truncated);
    assert.match(err.at ?? '', /^line \d+ column \d+, in \/Sanctions/);
    return true;
  });
  // Cut exactly after the last DistinctParty: well-formed so far, but the root never closes.
  const text = real.toString('utf8');
  const atParties = join(dir, 'cons_advanced-cut-parties.xml');
  writeFileSync(atParties, text.slice(0, text.indexOf('</DistinctParties>') + '</DistinctParties>'.length));
  await assert.rejects(parse({ main: atParties }, SRC), /truncated/);
  const malformed = join(dir, 'cons_advanced-bad.xml');
  writeFileSync(malformed, text.replace('</DistinctParty>', '</DistinctPartyX>'));
  await assert.rejects(parse({ main: malformed }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.match(err.at ?? '', /^line \d+ column \d+, in \/Sanctions\/DistinctParties/);
    return true;
  });
});
