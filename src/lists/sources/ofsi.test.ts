import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse as parseXlsx } from './ofsi-xlsx.js';
import { parse as parseCsv } from './ofsi-csv.js';
import { ofsiDate, splitNumbered } from './ofsi-rows.js';

const xlsx = sharedData('uk/ConList.xlsx');
const fixture = new URL('../../../test/fixtures/ofsi-conlist-sample.csv', import.meta.url).pathname;
const parsed = parseXlsx({ main: xlsx }, { source: 'gb_ofsi' });
const tmp = mkdtempSync(join(tmpdir(), 'interdict-ofsi-'));

test('ConList.xlsx: 18,798 rows -> 4,688 designations; Last Updated read from A1-B1', async () => {
  const r = await parsed;
  assert.equal(r.entities.length, 4688);
  const count = (s: string) => r.entities.filter((e) => e.schema === s).length;
  assert.equal(count('Person'), 3663);
  assert.equal(count('Organization'), 1010);
  assert.equal(count('Vessel'), 15);
  assert.equal(r.publishedAt, '2025-04-14');
  assert.equal(r.warnings.filter((w) => /no "Primary name" row/.test(w.message)).length, 2);
});

test('Group 14241 (ABAKAROV) field by field, Cyrillic non-Latin name', async () => {
  const e = (await parsed).entities.find((x) => x.sourceId === '14241')!;
  assert.equal(e.id, 'gb_ofsi:14241');
  assert.equal(e.name, 'Khizri Magomedovich ABAKAROV');
  assert.deepEqual(e.names[0]!.parts, { first: 'Khizri', middle: 'Magomedovich', last: 'ABAKAROV' });
  assert.deepEqual(e.names[1], { full: 'Хизри Магомедович Абакаров', quality: 'strong', originalScript: true, script: 'Cyrl' });
  assert.deepEqual(e.birthDates, ['1960-06-28']);
  assert.deepEqual(e.birthPlaces, ['Yuzhno Sakhalinsk, Russia']);
  assert.ok(e.countries.some((c) => c.code === 'RU' && c.role === 'nationality'));
  assert.equal(e.addresses[0]!.postalCode, '103265');
  assert.deepEqual(e.programs, ['Russia']);
  assert.equal(e.listedOn, '2022-03-11');
  assert.deepEqual(e.properties.ukSanctionsListRef, ['RUS0296']);
});

test('ship 13651 (SAM JONG 2): Vessel, IMO, flag, former names as aliases', async () => {
  const e = (await parsed).entities.find((x) => x.sourceId === '13651')!;
  assert.equal(e.schema, 'Vessel');
  assert.equal(e.name, 'SAM JONG 2');
  assert.deepEqual(e.identifiers, [{ type: 'imo', value: '7408873', label: 'IMO number' }]);
  assert.ok(e.countries.some((c) => c.code === 'KP' && c.role === 'flag'));
  assert.ok(e.names.some((n) => n.full === 'RAINBOW CHASER' && n.quality === 'strong'));
});

test('OFSI dates: 00 parts become partial dates; numbered lists split', () => {
  assert.equal(ofsiDate('00/00/1960'), '1960');
  assert.equal(ofsiDate('00/05/1963'), '1963-05');
  assert.equal(ofsiDate('28/06/1960'), '1960-06-28');
  assert.equal(ofsiDate('1971'), '1971');
  assert.deepEqual(splitNumbered('(1) Germany. (2) Morocco'), ['Germany', 'Morocco']);
});

test('hand-made ConList.csv fixture in the published layout', async () => {
  const r = await parseCsv({ main: fixture }, { source: 'gb_ofsi' });
  assert.equal(r.publishedAt, '2025-03-03');
  assert.equal(r.entities.length, 3);
  const p = r.entities.find((e) => e.sourceId === '90001')!;
  assert.equal(p.name, 'Reza SAMPLEZADEH');
  assert.deepEqual(p.birthDates, ['1962', '1963-05']);
  assert.deepEqual(p.names.map((n) => [n.full, n.quality]), [
    ['Reza SAMPLEZADEH', 'primary'],
    ['رضا نمونه‌زاده', 'strong'],
    ['Riza SAMPLE ZADA', 'weak'],
  ]);
  assert.equal(p.names[1]!.lang, 'fa');
  assert.equal(p.names[1]!.script, 'Arab');
  assert.deepEqual(p.identifiers.map((i) => i.value), ['A1234567', 'B7654321']);
  assert.deepEqual(p.countries.filter((c) => c.role === 'nationality').map((c) => c.code), ['IR', 'IQ']);
  assert.match(p.remarks[0]!, /"hand-made"/);
  const ship = r.entities.find((e) => e.sourceId === '90003')!;
  assert.equal(ship.schema, 'Vessel');
  assert.equal(ship.identifiers[0]!.value, '9999999');
});

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

test('a CSV generated from the real XLSX rows gives the same entities', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(xlsx) as unknown as ExcelJS.Buffer);
  const lines: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    while (values.length < 36) values.push(undefined);
    lines.push(values.map((v) => csvCell(v == null ? '' : String(v))).join(','));
  });
  const file = join(tmp, 'ConList.csv');
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  const fromCsv = await parseCsv({ main: file }, { source: 'gb_ofsi' });
  const fromXlsx = await parsed;
  assert.equal(fromCsv.publishedAt, fromXlsx.publishedAt);
  assert.equal(fromCsv.entities.length, fromXlsx.entities.length);
  // Compare serialised (fast); on a difference, show that entity with a structural diff.
  const differs = fromCsv.entities.findIndex((e, i) => JSON.stringify(e) !== JSON.stringify(fromXlsx.entities[i]));
  if (differs >= 0) assert.deepEqual(fromCsv.entities[differs], fromXlsx.entities[differs]);

  // Cut the file in the middle of a line: an error, never a shorter list.
  const text = readFileSync(file, 'utf8');
  const cut = join(tmp, 'cut.csv');
  writeFileSync(cut, text.slice(0, text.indexOf('\n', text.length / 2) + 40));
  await assert.rejects(parseCsv({ main: cut }, { source: 'gb_ofsi' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, cut);
    assert.match(err.at ?? '', /^line \d+$/);
    return true;
  });
});

test('a truncated XLSX is an error naming the file', async () => {
  const bytes = readFileSync(xlsx);
  const file = join(tmp, 'cut.xlsx');
  writeFileSync(file, bytes.subarray(0, bytes.length - 5000));
  await assert.rejects(parseXlsx({ main: file }, { source: 'gb_ofsi' }), (err: unknown) => err instanceof ListParseError && err.file === file);
});
