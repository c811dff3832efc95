import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './os-simple-csv.js';

const file = sharedData('opensanctions/ua_war_sanctions/targets.simple.csv');
const parsed = await parse({ main: file }, { source: 'os_ua_war' });
const byId = new Map(parsed.entities.map((e) => [e.sourceId, e]));

test('OpenSanctions simple CSV: every row, by schema', () => {
  assert.equal(parsed.entities.length, 5_600);
  const schemata: Record<string, number> = {};
  for (const e of parsed.entities) schemata[e.schema] = (schemata[e.schema] ?? 0) + 1;
  assert.deepEqual(schemata, { Company: 1_524, Vessel: 1_340, Person: 1_543, LegalEntity: 1_193 });
  assert.deepEqual(parsed.warnings, []);
  assert.equal(parsed.publishedAt, '2026-03-13T05:41:01');
  // 2,852 "IMO…" identifiers in the file, counted with Python's csv module.
  assert.equal(parsed.entities.reduce((n, e) => n + e.identifiers.filter((i) => i.type === 'imo').length, 0), 2_852);
});

test('OpenSanctions simple CSV: a vessel with aliases, flags and IMO number', () => {
  const v = byId.get('NK-24cf2zYe7LEKhr2zFck73j');
  assert.ok(v);
  assert.equal(v.id, 'os_ua_war:NK-24cf2zYe7LEKhr2zFck73j');
  assert.equal(v.schema, 'Vessel');
  assert.equal(v.name, 'ROSALIN');
  assert.deepEqual(v.names.map((n) => n.full), ['ROSALIN', 'Ceram Sea', 'Gold Sun', 'Nurkez']);
  assert.deepEqual(v.countries.map((c) => c.code), ['LR', 'PA', 'SG', 'ST']);
  assert.deepEqual(v.identifiers, [{ type: 'imo', value: '9253325', label: 'identifiers' }]);
  assert.deepEqual(v.programs, ['UA-WS-MARE']);
  assert.equal(v.properties.sanctions, undefined); // the cell is an empty quoted string
});

test('OpenSanctions simple CSV: a person with Cyrillic aliases, birth date and the sanction text', () => {
  const p = byId.get('NK-2QPFy3C9hVksGm7Ypukfxz');
  assert.ok(p);
  assert.equal(p.name, 'MUSAEV Shamil Alievich');
  assert.deepEqual(p.names.slice(1), [
    { full: 'МУСАЄВ Шаміль Алієвич', quality: 'strong', script: 'Cyrl' },
    { full: 'МУСАЕВ Шамиль Алиевич', quality: 'strong', script: 'Cyrl' },
  ]);
  assert.deepEqual(p.birthDates, ['1997-09-06']);
  assert.deepEqual(p.countries, [{ code: 'RU', role: 'other' }]);
  assert.deepEqual(p.identifiers, [{ type: 'other', value: '053409632091', label: 'identifiers' }]);
  assert.match(p.properties.sanctions?.[0] ?? '', /^Participant of the BRICS Sports Games.*so-called "SMO" by/s);
});

const tmp = mkdtempSync(join(tmpdir(), 'interdict-os-'));

async function expectParseError(path: string, at: RegExp, reason: RegExp): Promise<void> {
  await assert.rejects(parse({ main: path }, { source: 'x' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError, String(err));
    assert.equal(err.file, path);
    assert.match(err.at ?? '', at);
    assert.match(err.reason, reason);
    return true;
  });
}

test('OpenSanctions simple CSV: a download cut inside a quoted cell fails with its line', async () => {
  const text = readFileSync(file, 'utf8');
  const path = join(tmp, 'cut.csv');
  writeFileSync(path, text.slice(0, text.indexOf('MUSAEV Shamil') + 6));
  await expectParseError(path, /^line \d+$/, /quote/i);
});

test('OpenSanctions simple CSV: a truncated gzip copy fails naming the file', async () => {
  const gz = gzipSync(readFileSync(file));
  const path = join(tmp, 'cut.csv.gz');
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 3)));
  await expectParseError(path, /line \d+/, /gzip stream ends early/);
});
