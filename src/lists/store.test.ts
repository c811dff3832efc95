import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from './store.js';
import type { ListVersionInfo } from '../domain/list.js';
import type { Entity } from '../domain/entity.js';

function entity(id: string, name: string): Entity {
  return {
    id: `test_src:${id}`, source: 'test_src', sourceId: id, schema: 'Person', name,
    names: [{ full: name, quality: 'primary' }], birthDates: [], birthPlaces: [], countries: [],
    addresses: [], identifiers: [], contacts: [], programs: [], lists: [], remarks: [], properties: {},
  };
}

function info(version: string, publishedAt: string | undefined, loadedAt: string, entities: number): ListVersionInfo {
  return {
    source: 'test_src', version, sha256: version.padEnd(64, '0'), format: 'un_xml',
    ...(publishedAt ? { publishedAt, publishedAtSource: 'file' as const } : {}),
    loadedAt, entities, relations: 0, files: [], warnings: 0,
  };
}

test('versions are ordered by publication date and chosen as of a date', () => {
  const store = openListStore(mkdtempSync(join(tmpdir(), 'interdict-store-')));
  assert.equal(store.save(info('bbbb', '2024-05-02', '2026-01-01T00:00:00.000Z', 1), [entity('1', 'A')], []), true);
  assert.equal(store.save(info('aaaa', '2024-05-01', '2026-01-02T00:00:00.000Z', 2), [entity('1', 'A'), entity('2', 'B')], []), true);
  assert.deepEqual(store.versions('test_src').map((v) => v.version), ['aaaa', 'bbbb']);
  assert.equal(store.current('test_src')?.version, 'bbbb');
  assert.equal(store.asOf('test_src', '2024-05-01')?.version, 'aaaa');
  assert.equal(store.asOf('test_src', '2024-05-02')?.version, 'bbbb');
  assert.equal(store.asOf('test_src', '2024-04-30'), undefined);
  const snap = store.read(store.find('test_src', 'aa')!);
  assert.deepEqual(snap.entities.map((e) => e.name), ['A', 'B']);
});

test('saving a version that exists is a no-op and keeps the stored data', () => {
  const store = openListStore(mkdtempSync(join(tmpdir(), 'interdict-store-')));
  store.save(info('cccc', '2024-01-01', '2026-01-01T00:00:00.000Z', 1), [entity('1', 'Original')], []);
  assert.equal(store.save(info('cccc', '2024-01-01', '2026-02-01T00:00:00.000Z', 1), [entity('1', 'Other')], []), false);
  assert.equal(store.read(store.current('test_src')!).entities[0]!.name, 'Original');
});

test('leftovers of an interrupted load are ignored and never become a version', () => {
  const home = mkdtempSync(join(tmpdir(), 'interdict-store-'));
  const store = openListStore(home);
  store.save(info('dddd', '2024-01-01', '2026-01-01T00:00:00.000Z', 1), [entity('1', 'Good')], []);
  const tmp = join(home, 'lists', 'test_src', '.tmp-eeee-1234');
  mkdirSync(tmp);
  writeFileSync(join(tmp, 'snapshot.json'), 'partial');
  const reopened = openListStore(home);
  assert.deepEqual(reopened.versions('test_src').map((v) => v.version), ['dddd']);
  assert.equal(reopened.read(reopened.current('test_src')!).entities[0]!.name, 'Good');
  assert.ok(readdirSync(join(home, 'lists', 'test_src')).includes('.tmp-eeee-1234'));
});

test('invalid source ids are refused', () => {
  const store = openListStore(mkdtempSync(join(tmpdir(), 'interdict-store-')));
  assert.throws(() => store.versions('../etc'), /invalid source id/);
});
