import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Entity } from '../../domain/entity.js';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse as parseCsv } from './csl-csv.js';
import { parse, scanResultsArray } from './csl-json.js';

// Hand-made from seven records of the real 2022 CSV, in the shape of the published JSON download
// (`results[]` with `addresses[{address, city, state, postal_code, country}]` and
// `ids[{type, number, country, issue_date, expiration_date}]`).
const fixture = fileURLToPath(new URL('../../../test/fixtures/csl-sample.json', import.meta.url));

const json = await parse({ main: fixture }, { source: 'us_trade_csl' });
const csv = await parseCsv({ main: sharedData('us-csl/consolidated.csv.gz') }, { source: 'us_trade_csl' });
const csvById = new Map(csv.entities.map((e) => [e.sourceId, e]));

/** The CSV only knows an address as one joined string: compare what both formats know. */
function comparable(e: Entity): Entity {
  return { ...e, addresses: e.addresses.map((a) => ({ full: a.full, ...(a.country ? { country: a.country } : {}), ...(a.postalCode ? { postalCode: a.postalCode } : {}) })) };
}

test('CSL JSON: the sample parses to one entity per party, sub-lists merged', () => {
  assert.equal(json.entities.length, 7);
  // The sample holds records whose "Linked To" targets are not in it: those links are warnings.
  assert.ok(json.warnings.every((w) => /Linked To target not found/.test(w.message)), JSON.stringify(json.warnings));
  const both = json.entities.find((e) => e.sourceId === '34616');
  assert.deepEqual(both?.lists, ['CAP', 'SDN']);
});

test('CSL JSON and CSV give the same entity for the same record', () => {
  for (const e of json.entities) {
    const fromCsv = csvById.get(e.sourceId);
    assert.ok(fromCsv, `record ${e.sourceId} in the CSV`);
    assert.deepEqual(comparable(e), comparable(fromCsv), `record ${e.sourceId}`);
  }
});

test('CSL JSON: structured addresses are kept part by part', () => {
  const dpl = json.entities.find((e) => e.lists.includes('DPL'));
  assert.deepEqual(dpl?.addresses[0], {
    full: 'UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175, SEAGOVILLE, TX, 75159, US',
    street: 'UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175',
    city: 'SEAGOVILLE',
    region: 'TX',
    postalCode: '75159',
    country: 'US',
  });
  assert.equal(dpl?.name, 'I. ASH');
  assert.deepEqual(dpl?.properties.end_date, ['2056-06-29']);
});

async function collect(chunks: string[]): Promise<string[]> {
  async function* gen() {
    yield* chunks;
  }
  const out: string[] = [];
  for await (const o of scanResultsArray('mem.json', gen())) out.push(o.text);
  return out;
}

test('CSL JSON scanner: records split across chunks, braces inside strings, bare arrays', async () => {
  const doc = '{"total": 2, "results": [{"id": "1", "name": "A {B} \\"C]"}, {"id": "2", "ids": [{"type": "x"}]}], "sources_used": []}';
  const oneByOne = await collect([...doc]);
  assert.deepEqual(oneByOne.map((t) => JSON.parse(t).id), ['1', '2']);
  assert.equal(JSON.parse(oneByOne[0]!).name, 'A {B} "C]');
  assert.deepEqual((await collect(['[{"id":"a"},', '{"id":"b"}]'])).map((t) => JSON.parse(t).id), ['a', 'b']);
});

const tmp = mkdtempSync(join(tmpdir(), 'interdict-csljson-'));

async function expectParseError(path: string, at: RegExp, reason: RegExp): Promise<void> {
  await assert.rejects(parse({ main: path }, { source: 'x' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError, String(err));
    assert.equal(err.file, path);
    assert.match(err.at ?? '', at);
    assert.match(err.reason, reason);
    return true;
  });
}

test('CSL JSON: a download cut in the middle of a record names the record', async () => {
  const text = readFileSync(fixture, 'utf8');
  const path = join(tmp, 'cut.json');
  writeFileSync(path, text.slice(0, text.indexOf('"4398d33e9e93c7477af39f1e0bfffc13ddd47bcc"') + 20));
  await expectParseError(path, /^record 4 \(line \d+\)$/, /truncated/);
});

test('CSL JSON: a gzip stream that ends early and a file without results fail clearly', async () => {
  const gz = gzipSync(readFileSync(fixture));
  const cut = join(tmp, 'cut.json.gz');
  writeFileSync(cut, gz.subarray(0, gz.length - 200));
  await expectParseError(cut, /record \d+|line \d+/, /gzip stream ends early|truncated/);
  const other = join(tmp, 'other.json');
  writeFileSync(other, '{"items": []}');
  await expectParseError(other, /record 1/, /no "results" array/);
});
