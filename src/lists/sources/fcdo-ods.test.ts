import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './fcdo-ods.js';

const ods = sharedData('uk/FCDO_sanctions_list_summary_2025-08-11.ods');
const tmp = mkdtempSync(join(tmpdir(), 'interdict-fcdo-'));

test('FCDO summary ODS: 5,302 rows; two rows without a name are warned about, not kept', async () => {
  const r = await parse({ main: ods }, { source: 'gb_fcdo' });
  assert.equal(r.entities.length, 5300);
  assert.deepEqual(r.warnings.map((w) => w.at), ['BEL0174', 'RUS1467']);
  const count = (s: string) => r.entities.filter((e) => e.schema === s).length;
  assert.equal(count('Person'), 3752);
  assert.equal(count('Organization'), 1087);
  assert.equal(count('Vessel'), 461);
  // The summary export carries no publication date.
  assert.equal(r.publishedAt, undefined);
  const e = r.entities.find((x) => x.sourceId === 'AFG0001')!;
  assert.equal(e.id, 'gb_fcdo:AFG0001');
  assert.equal(e.name, 'HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE');
  assert.equal(e.schema, 'Organization');
  assert.deepEqual(e.programs, ['Afghanistan']);
  assert.equal(e.listedOn, '2012-06-29');
  assert.deepEqual(e.properties, { ofsiGroupId: ['12703'], designationSource: ['UN'], sanctionsImposed: ['Asset freeze'] });
  assert.equal(r.entities.filter((x) => x.programs.includes('Iran (Nuclear)')).length, 190);
});

test('a truncated ODS is an error naming the file', async () => {
  const bytes = readFileSync(ods);
  const file = join(tmp, 'cut.ods');
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
  await assert.rejects(parse({ main: file }, { source: 'gb_fcdo' }), (err: unknown) => err instanceof ListParseError && err.file === file);
});

const cell = (v: string) => (v ? `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>` : '<table:table-cell/>');
const row = (cells: string[]) => `<table:table-row>${cells.map(cell).join('')}<table:table-cell table:number-columns-repeated="16000"/></table:table-row>`;

test('full one-row-per-name layout (hand-made, column names as documented): names, DOB, nationality, passport', async () => {
  const header = ['Unique ID', 'OFSI Group ID', 'Name 1', 'Name 2', 'Name 6', 'Name type', 'Alias strength', 'Name non-latin script', 'Regime Name', 'Designation Type', 'Date Designated', 'D.O.B', 'Nationality(/ies)', 'Passport number'];
  const rows = [
    ['Last Updated', '11/08/2025'],
    header,
    ['RUS9999', '99999', 'Ivan', 'Ivanovich', 'SAMPLOV', 'Primary Name', '', 'Иван Иванович Сэмплов', 'Russia', 'Individual', '15/03/2022', '00/00/1970', 'Russia', '(1) 7512345 (2) 7598765'],
    ['RUS9999', '99999', 'Ivan', '', 'SAMPLOFF', 'Alias', 'Weak', '', 'Russia', 'Individual', '15/03/2022', '01/02/1971', '', ''],
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">${rows.map(row).join('')}<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
  const file = join(tmp, 'full.ods');
  writeFileSync(file, zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(xml) }));
  const r = await parse({ main: file }, { source: 'gb_fcdo' });
  assert.equal(r.publishedAt, '2025-08-11');
  assert.equal(r.entities.length, 1);
  const e = r.entities[0]!;
  assert.equal(e.name, 'Ivan Ivanovich SAMPLOV');
  assert.deepEqual(e.names.map((n) => [n.full, n.quality, n.script]), [
    ['Ivan Ivanovich SAMPLOV', 'primary', undefined],
    ['Иван Иванович Сэмплов', 'strong', 'Cyrl'],
    ['Ivan SAMPLOFF', 'weak', undefined],
  ]);
  assert.deepEqual(e.birthDates, ['1970', '1971-02-01']);
  assert.deepEqual(e.countries, [{ code: 'RU', role: 'nationality' }]);
  assert.deepEqual(e.identifiers.map((i) => i.value), ['7512345', '7598765']);
  assert.equal(e.listedOn, '2022-03-15');
});
