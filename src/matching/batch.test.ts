// Batch screening through worker threads, and the cached index per list version in the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from '../lists/store.js';
import { fixtureSnapshot } from '../../test/fixtures/screening-entities.js';
import { readBatchInput, screenBatch, writeBatchOutput, BatchInputError } from './batch.js';
import { openScreener, ScreeningError, indexFileName } from './screener.js';

function populatedStore() {
  const home = mkdtempSync(join(tmpdir(), 'interdict-screen-'));
  const store = openListStore(home);
  const snap = fixtureSnapshot('un_sc_sanctions', 'f1xture0');
  store.save(snap.info, snap.entities, snap.relations);
  return { home, store, info: snap.info };
}

test('an empty store gives a clear error naming the command to run', () => {
  const store = openListStore(mkdtempSync(join(tmpdir(), 'interdict-empty-')));
  assert.throws(() => openScreener(store), (e: unknown) => e instanceof ScreeningError && /interdict lists load --mirror DIR/.test(e.message));
});

test('openScreener caches the index with the list version and reuses it', () => {
  const { store, info } = populatedStore();
  const s1 = openScreener(store);
  assert.deepEqual(s1.listVersions, { un_sc_sanctions: 'f1xture0' });
  assert.ok(readdirSync(store.artifactDir(info)).includes(indexFileName()));
  const s2 = openScreener(store);
  assert.deepEqual(s2.screen({ name: 'Qasem Soleimani' }), s1.screen({ name: 'Qasem Soleimani' }));
});

test('batch input: CSV with header and JSONL with the same fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-batch-'));
  writeFileSync(join(dir, 'in.csv'), 'id,name,schema,country,birth_date\n1,Qasem Soleimani,Person,IR,1957\n2,"MAHAN AIR, LLC",Organization,,\n');
  const csv = readBatchInput(join(dir, 'in.csv'));
  assert.deepEqual(csv[0], { id: '1', query: { name: 'Qasem Soleimani', schema: 'Person', country: 'IR', birthDate: '1957' } });
  assert.deepEqual(csv[1], { id: '2', query: { name: 'MAHAN AIR, LLC', schema: 'Organization' } });
  writeFileSync(join(dir, 'in.jsonl'), '{"id":"a","name":"Sergei Shoigu","birth_date":"1955"}\n\n{"id":7,"name":"x"}\n');
  assert.deepEqual(readBatchInput(join(dir, 'in.jsonl')).map((r) => r.id), ['a', '7']);
  writeFileSync(join(dir, 'bad.csv'), 'id,name\n1,\n');
  assert.throws(() => readBatchInput(join(dir, 'bad.csv')), (e: unknown) => e instanceof BatchInputError && /line 2: missing "name"/.test(e.message));
});

test('batch screening with worker threads keeps input order', async () => {
  const { store } = populatedStore();
  const names = ['Qasem Soleimani', 'Nobody Special', 'Сергей Шойгу', 'Mahan Air', 'محمد حسینی'];
  const rows = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, query: { name: names[i % names.length]! } }));
  let progress = 0;
  const results = await screenBatch(store, rows, { workers: 2, onProgress: (d) => (progress = d) });
  assert.equal(progress, 400);
  assert.equal(results.length, 400);
  for (let i = 0; i < 400; i++) {
    const top = results[i]![0];
    if (i % 5 === 1) assert.equal(top, undefined);
    else assert.equal(top!.sourceId, ['P5', '', 'P3', 'O2', 'P4'][i % 5], `row ${i}`);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'interdict-out-')), 'out.jsonl');
  await writeBatchOutput(out, rows, results);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; matches: unknown[] });
  assert.deepEqual(lines.map((l) => l.id), rows.map((r) => r.id));
});
