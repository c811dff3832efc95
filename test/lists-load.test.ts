// Acceptance test of issue 2: loading the real mirror gives the official entity counts, versions
// are content-addressed, reloading is a no-op, history yields real deltas, and a failed load
// leaves the last good version serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources, loadFiles } from '../src/lists/load.js';
import { openListStore } from '../src/lists/store.js';
import { diffSnapshots } from '../src/lists/diff.js';
import { SHARED_DATA, sharedData } from './shared-data.js';

const home = mkdtempSync(join(tmpdir(), 'interdict-load-'));
const store = openListStore(home);

test('loading the mirror gives the official counts of each source', async () => {
  sharedData('SOURCES.md');
  const outcomes = await loadSources(store, { mirror: SHARED_DATA });
  const errors = outcomes.filter((o) => o.error).map((o) => `${o.source}: ${o.error}`);
  assert.deepEqual(errors, []);
  const count = (id: string) => store.current(id)?.entities;
  assert.equal(count('un_sc_sanctions'), 1003);
  assert.equal(count('us_ofac_sdn'), 14965);
  const cons = count('us_ofac_cons') ?? 0;
  assert.ok(cons >= 442 && cons <= 443, `us_ofac_cons ${cons}`);
  assert.equal(count('gb_hmt_sanctions'), 4688);
  // One record per (party, sub-list): 14,160 records, 14,048 distinct parties by CSL record id.
  assert.equal(store.current('us_trade_csl')?.records, 14160);
  assert.equal(count('us_trade_csl'), 14048);
  assert.equal(count('ua_war_sanctions'), 5600);
  assert.equal(store.current('un_sc_sanctions')?.publishedAt?.slice(0, 10), '2026-02-27');
  assert.equal(store.current('gb_hmt_sanctions')?.publishedAt?.slice(0, 10), '2025-04-14');
  for (const info of store.status()) {
    assert.match(info.sha256, /^[0-9a-f]{64}$/);
    assert.equal(info.version, info.sha256.slice(0, 16));
  }
});

test('reloading identical content is a no-op', async () => {
  const before = store.versions('un_sc_sanctions').length;
  const outcomes = await loadSources(store, { mirror: SHARED_DATA, sources: ['un_sc_sanctions'] });
  assert.equal(outcomes[0]?.results[0]?.created, false);
  assert.equal(store.versions('un_sc_sanctions').length, before);
});

test('history snapshots give the real OFAC daily deltas (05-01 -> 05-02 adds 7, 05-02 -> 05-03 removes 8)', async () => {
  const outcomes = await loadSources(store, { mirror: SHARED_DATA, sources: ['us_ofac_sdn'], history: true });
  assert.deepEqual(outcomes.filter((o) => o.error), []);
  const versions = store.versions('us_ofac_sdn');
  assert.equal(versions.length, 3);
  assert.deepEqual(versions.map((v) => v.entities), [14966, 14973, 14965]);
  const [v1, v2, v3] = versions.map((v) => store.read(v));
  const d12 = diffSnapshots(v1!, v2!);
  assert.equal(d12.added.length, 7);
  assert.equal(d12.removed.length, 0);
  const d23 = diffSnapshots(v2!, v3!);
  assert.equal(d23.removed.length, 8);
  assert.equal(d23.added.length, 0);
  assert.equal(d23.changed.length, 0);
  assert.equal(store.asOf('us_ofac_sdn', '2024-05-01')?.entities, 14966);
});

test('a truncated file fails the load naming the file, and the last good version keeps serving', async () => {
  const good = store.current('un_sc_sanctions')!;
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bad-'));
  const bad = join(dir, 'consolidated.xml');
  const text = readFileSync(sharedData('un/consolidated.xml'));
  writeFileSync(bad, text.subarray(0, Math.floor(text.length / 2)));
  await assert.rejects(
    loadFiles(store, { source: 'un_sc_sanctions', format: 'un_xml', files: { main: bad } }),
    (err: Error) => err.message.includes(bad),
  );
  assert.equal(store.current('un_sc_sanctions')?.version, good.version);
  assert.equal(store.read(store.current('un_sc_sanctions')!).entities.length, 1003);
});

test('a mirror missing a source is fine; asking for it explicitly is an error naming the mirror', async () => {
  const mirror = mkdtempSync(join(tmpdir(), 'interdict-mirror-'));
  mkdirSync(join(mirror, 'un'));
  copyFileSync(sharedData('un/consolidated.xml'), join(mirror, 'un', 'consolidated.xml'));
  const all = await loadSources(openListStore(mkdtempSync(join(tmpdir(), 'interdict-h-'))), { mirror });
  assert.deepEqual(all.map((o) => o.source), ['un_sc_sanctions']);
  const asked = await loadSources(openListStore(mkdtempSync(join(tmpdir(), 'interdict-h-'))), { mirror, sources: ['eu_fsf'] });
  assert.match(asked[0]?.error ?? '', /no file of eu_fsf in mirror/);
});
