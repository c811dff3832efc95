// Every control-list data file validates against its schema; the counts pin what the issue asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';
import { loadControlLists, validateListFile, ControlDataError } from './load.js';

const lists = loadControlLists();

test('every data/controls file loads and validates (schema + references)', () => {
  const files = readdirSync(dataPath('controls')).filter((f) => f.endsWith('.yaml'));
  assert.equal(lists.lists.length, files.length - 1, 'all list files except classification.yaml');
  for (const l of lists.lists) {
    assert.ok(l.version && l.effective, l.list);
    for (const e of l.entries) assert.ok(e.citation.instrument && e.citation.confidence, `${l.list} ${e.id}`);
  }
});

test('MTCR Annex covers items 1-20 except the reserved 5, 7, 8, with categories I (1-2) and II (3-20)', () => {
  const mtcr = lists.byId.get('MTCR')!;
  const items = new Set(mtcr.entries.map((e) => Number(e.id.split('.')[0])));
  for (let i = 1; i <= 20; i++) assert.equal(items.has(i), ![5, 7, 8].includes(i), `item ${i}`);
  assert.deepEqual(mtcr.reservedItems, [5, 7, 8]);
  for (const e of mtcr.entries) assert.equal(e.category, Number(e.id.split('.')[0]) <= 2 ? 'I' : 'II', e.id);
  for (const id of ['1.A.1', '1.A.2', '1.E.1', '1.D.2', '2.A.1.a', '2.A.1.f', '3.A.9', '19.A.1', '19.A.2', '19.A.3', '19.D.1', '19.E.1', '20.A.1.a']) {
    assert.ok(mtcr.entries.some((e) => e.id === id), id);
  }
  assert.deepEqual(mtcr.entries.find((e) => e.id === '1.A.1')?.parameters, { rangeKmMin: 300, payloadKgMin: 500 });
  assert.ok(mtcr.tradeOff);
});

test('CHPL has 50 HS-6 codes in tiers 1, 2, 3.A, 3.B, 4.A, 4.B', () => {
  const chpl = lists.byId.get('CHPL')!;
  assert.deepEqual(chpl.entries.map((e) => e.id), ['Tier 1', 'Tier 2', 'Tier 3.A', 'Tier 3.B', 'Tier 4.A', 'Tier 4.B']);
  const codes = chpl.entries.flatMap((e) => e.hsCodes ?? []);
  assert.equal(codes.length, 50);
  assert.equal(new Set(codes).size, 50);
});

test('unverified lists are marked so on every entry', () => {
  for (const id of ['EU_2023_1529', 'EAR_746_SUPP7'] as const) {
    for (const e of lists.byId.get(id)!.entries) assert.equal(e.citation.unverified, true, `${id} ${e.id}`);
  }
});

test('a broken file is rejected with the file and field named', () => {
  const raw = parse(readFileSync(dataPath('controls/chpl.yaml'), 'utf8'), { merge: true }) as Record<string, unknown>;
  delete raw['x-src'];
  (raw.entries as Record<string, unknown>[])[0]!.parameters = { rangeKmMinimum: 300 };
  assert.throws(() => validateListFile(raw, 'chpl.yaml'), (err: unknown) => err instanceof ControlDataError && /chpl\.yaml/.test(err.message) && /parameters/.test(err.message));
  const dangling = { ...raw, entries: [{ id: 'a', title: 't', for: ['b'], citation: { instrument: 'x', confidence: 'M' } }] };
  assert.throws(() => validateListFile(dangling, 'x.yaml'), /unknown entry b/);
});
