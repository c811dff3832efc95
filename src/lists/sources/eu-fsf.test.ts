import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListParseError } from '../errors.js';
import { parse as parseXml } from './eu-fsf-xml.js';
import { parse as parseCsv } from './eu-fsf-csv.js';

// No real EU file could be obtained (see /work/shared/data/SOURCES.md); these hand-made fixtures
// follow the published 1.1 layouts.
const xmlFixture = new URL('../../../test/fixtures/eu-fsf-sample.xml', import.meta.url).pathname;
const csvFixture = new URL('../../../test/fixtures/eu-fsf-sample.csv', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'interdict-eu-'));

test('EU FSF XML: entities, generationDate, Iranian entity field by field', async () => {
  const r = await parseXml({ main: xmlFixture }, { source: 'eu_fsf' });
  assert.equal(r.publishedAt, '2025-08-01T17:04:33.158+02:00');
  assert.deepEqual(r.entities.map((e) => [e.id, e.schema]), [
    ['eu_fsf:1001', 'Organization'],
    ['eu_fsf:2002', 'Person'],
    ['eu_fsf:3003', 'Person'],
  ]);
  const ir = r.entities[0]!;
  assert.equal(ir.name, 'Sample Iran Aerospace Parts Company');
  assert.deepEqual(ir.names.slice(1), [
    { full: 'شرکت نمونه قطعات هوافضا', quality: 'strong', script: 'Arab', lang: 'fa' },
    { full: 'SIAPC', quality: 'weak' },
  ]);
  assert.deepEqual(ir.programs, ['IRN']);
  assert.equal(ir.listedOn, '2012-03-24');
  assert.deepEqual(ir.addresses, [{ full: 'Sample Street 7, Tehran, 1234567, IRAN (ISLAMIC REPUBLIC OF)', street: 'Sample Street 7', city: 'Tehran', postalCode: '1234567', country: 'IR' }]);
  assert.deepEqual(ir.properties.euReferenceNumber, ['EU.9001.11']);
  assert.deepEqual(ir.properties.regulation, ['267/2012 (OJ L88)']);
  assert.deepEqual(ir.remarks, ['Fictitious test record: procurement of missile components.']);
});

test('EU FSF XML: Russian person with Cyrillic alias, passport, citizenship; year-only circa birth date', async () => {
  const r = await parseXml({ main: xmlFixture }, { source: 'eu_fsf' });
  const ru = r.entities.find((e) => e.sourceId === '2002')!;
  assert.deepEqual(ru.names[0]!.parts, { first: 'Ivan', middle: 'Petrovich', last: 'Obraztsov' });
  assert.equal(ru.names[1]!.full, 'Иван Петрович Образцов');
  assert.equal(ru.names[1]!.script, 'Cyrl');
  assert.equal(ru.names[1]!.lang, 'ru');
  assert.deepEqual(ru.birthDates, ['1965-03-12']);
  assert.deepEqual(ru.birthPlaces, ['Moscow, RUSSIAN FEDERATION']);
  assert.deepEqual(ru.identifiers, [{ type: 'passport', value: '751234567', country: 'RU', label: 'National passport' }]);
  assert.deepEqual(ru.countries, [{ code: 'RU', role: 'citizenship' }, { code: 'RU', role: 'birth' }]);
  assert.deepEqual(ru.properties.position, ['Director of a sample defence plant']);
  const kp = r.entities.find((e) => e.sourceId === '3003')!;
  assert.deepEqual(kp.birthDates, ['1971']);
  assert.deepEqual(kp.properties.birthDateCirca, ['1971']);
  assert.deepEqual(kp.properties.unReferenceNumber, ['KPi.999']);
  // countryIso2Code "00" is the EU's "unknown": no country, no place.
  assert.deepEqual(kp.countries, [{ code: 'KP', role: 'citizenship' }]);
  assert.deepEqual(kp.birthPlaces, []);
});

test('EU FSF CSV (one row per item) gives the same entities as the XML', async () => {
  const fromCsv = await parseCsv({ main: csvFixture }, { source: 'eu_fsf' });
  const fromXml = await parseXml({ main: xmlFixture }, { source: 'eu_fsf' });
  assert.equal(fromCsv.publishedAt, '2025-08-01');
  assert.deepEqual(fromCsv.entities, fromXml.entities);
  assert.deepEqual(fromCsv.warnings, []);
});

test('truncated EU files are errors naming file and place', async () => {
  const xml = readFileSync(xmlFixture, 'utf8');
  const cutXml = join(tmp, 'cut.xml');
  writeFileSync(cutXml, xml.slice(0, xml.indexOf('<citizenship')));
  await assert.rejects(parseXml({ main: cutXml }, { source: 'eu_fsf' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, cutXml);
    assert.match(err.at ?? '', /element \/export\/sanctionEntity/);
    return true;
  });
  const csv = readFileSync(csvFixture, 'utf8');
  const cutCsv = join(tmp, 'cut.csv');
  writeFileSync(cutCsv, csv.slice(0, csv.lastIndexOf('Kim S. C.')));
  await assert.rejects(parseCsv({ main: cutCsv }, { source: 'eu_fsf' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.match(err.at ?? '', /^line 12$/);
    return true;
  });
  const quoted = join(tmp, 'quote.csv');
  writeFileSync(quoted, csv.replace('Kim S. C.', '"Kim S. C.'));
  await assert.rejects(parseCsv({ main: quoted }, { source: 'eu_fsf' }), ListParseError);
});
