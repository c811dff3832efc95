import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../data-path.js';
import { buildRegimeSet, intervalAt, loadRegimes, RegimeDataError, validateRegimeFile } from './load.js';
import { RegimeFileSchema } from './schema.js';
import { measuresInForce, regimeTimeline } from './timeline.js';

test('every data/regimes file passes the schema', () => {
  const dir = dataPath('regimes');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 4, `expected at least 4 regime files, found ${files.length}`);
  for (const f of files) {
    const data = parseYaml(readFileSync(join(dir, f), 'utf8'));
    const errors = [...Value.Errors(RegimeFileSchema, data)].map((e) => `${e.path} ${e.message}`);
    assert.deepEqual(errors, [], `${f} fails the schema`);
  }
});

test('the regime set covers the four jurisdictions and the required instruments, each cited', () => {
  const r = loadRegimes();
  assert.match(r.version, /^\d{4}-\d{2}-\d{2}\.\d+\+[0-9a-f]{8}$/);
  for (const j of ['UN', 'EU', 'UK', 'US']) assert.ok(r.measures.some((m) => m.jurisdiction === j), `no ${j} measure`);
  const instruments = r.measures.map((m) => `${m.citation.instrument} ${m.citation.provision ?? ''}`).join('\n');
  for (const needle of [
    'UNSCR 2231 (2015) Annex B para 2',
    'UNSCR 2231 (2015) Annex B para 3',
    'UNSCR 2231 (2015) Annex B para 4',
    'UNSCR 2231 (2015) Annex B para 5',
    'UNSCR 2231 (2015) Annex B para 6(b)',
    'UNSCR 2231 (2015) Annex B para 7',
    'UNSCR 1737',
    'UNSCR 1747',
    'UNSCR 1803',
    'UNSCR 1929',
    '267/2012',
    '2025/1975',
    '2023/1529',
    '2024/1336',
    '2024/2897',
    '833/2014',
    'Art. 12g',
    'SI 2019/461',
    'SI 2023/1314',
    'SI 2024/944',
    '560.204',
    '560.205',
    '560.206',
    '560.208',
    '746.7',
    '746.8',
    '744.3',
    '744.21',
    'Executive Order 13382',
    'Executive Order 13949',
  ]) {
    assert.ok(instruments.includes(needle), `no measure cites ${needle}`);
  }
  for (const m of r.measures) {
    assert.ok(m.citation.confidence, `${m.id} lacks a confidence`);
    if (m.citation.confidence === 'L') assert.ok(m.citation.unverified || m.citation.note, `${m.id}: L confidence must say why (unverified/note)`);
  }
});

test('asset freezes are tied to each jurisdiction\'s lists', () => {
  const r = loadRegimes();
  const partySources = (j: string) =>
    r.measures.filter((m) => m.jurisdiction === j && m.effect === 'prohibited').flatMap((m) => (m.scope.parties ?? []).map((p) => `${p.source ?? ''}/${p.list ?? ''}`));
  assert.ok(partySources('UN').includes('un_sc_sanctions/'), 'UN freeze on un_sc_sanctions');
  assert.ok(partySources('EU').includes('eu_fsf/'), 'EU freeze on eu_fsf');
  assert.ok(partySources('UK').includes('gb_hmt_sanctions/') && partySources('UK').includes('gb_fcdo_sanctions/'), 'UK freeze on OFSI and FCDO lists');
  for (const s of ['us_ofac_sdn/', 'us_trade_csl/SDN', 'us_trade_csl/DPL']) assert.ok(partySources('US').includes(s), s);
  const el = r.measure('us-ear-744-entity-list')!;
  assert.equal(el.effect, 'authorization_required');
  assert.deepEqual(el.scope.parties, [{ source: 'us_trade_csl', list: 'EL' }]);
});

test('UNSCR 2231 Annex B end dates and the restored resolutions are encoded to the minute', () => {
  const r = loadRegimes();
  const end = (id: string) => r.measure(id)!.inForce.at(-1)!.to;
  assert.equal(end('un-2231-b5-arms-to-iran'), '2020-10-18T00:00:00Z');
  assert.equal(end('un-2231-b6b-arms-from-iran'), '2020-10-18T00:00:00Z');
  assert.equal(end('un-2231-b4-mtcr-items'), '2023-10-18T00:00:00Z');
  assert.equal(end('un-2231-b6cd-asset-freeze'), '2023-10-18T00:00:00Z');
  // Para 2 was to run to Termination Day (2025-10-18); the snapback ended it early (op. para 12).
  assert.equal(end('un-2231-b2-procurement-channel'), '2025-09-28T00:00:00Z');
  for (const id of ['un-1737-p3-supply-to-iran', 'un-1747-p5-arms-from-iran', 'un-1929-p8-arms-to-iran']) {
    const m = r.measure(id)!;
    assert.equal(m.inForce[0]!.to, '2016-01-16T00:00:00Z', id);
    assert.deepEqual(m.inForce[1], { ...m.inForce[1], from: '2025-09-28T00:00:00Z', to: null }, id);
    assert.deepEqual(m.contested?.by, ['IR', 'RU', 'CN'], id);
  }
  const p3 = r.measure('un-1737-p3-supply-to-iran')!;
  assert.equal(intervalAt(p3, '2025-09-27T23:59:00Z'), undefined);
  assert.equal(intervalAt(p3, '2025-09-28T00:00:00Z')?.from, '2025-09-28T00:00:00Z');
  assert.equal(intervalAt(p3, '2010-01-01T00:00:00Z')?.from, '2006-12-23T00:00:00Z');
});

test('timeline lists events by date with citations; filters by jurisdiction and dates', () => {
  const r = loadRegimes();
  const all = regimeTimeline(r);
  for (let i = 1; i < all.length; i++) assert.ok(Date.parse(all[i - 1]!.at) <= Date.parse(all[i]!.at), 'sorted');
  const transition = regimeTimeline(r, { jurisdiction: 'UN', from: '2023-10-18', to: '2023-10-18' });
  assert.deepEqual(
    transition.map((e) => `${e.event} ${e.measure}`).sort(),
    ['leaves_force un-2231-b3-missile-activity', 'leaves_force un-2231-b4-mtcr-items', 'leaves_force un-2231-b4b-mtcr-services', 'leaves_force un-2231-b6cd-asset-freeze'],
  );
  assert.ok(transition.every((e) => e.citation.startsWith('UNSCR 2231 (2015) Annex B')), 'cited to Annex B');
  const snapback = regimeTimeline(r, { jurisdiction: 'UN', from: '2025-09-28', to: '2025-09-28' }).filter((e) => e.event === 'enters_force');
  assert.ok(snapback.length >= 5 && snapback.every((e) => e.contestedBy?.includes('RU')), 'restored resolutions enter force contested');
  assert.ok(regimeTimeline(r, { jurisdiction: 'EU' }).every((e) => e.jurisdiction === 'EU'), 'EU filter');
  const ids = measuresInForce(r, '2023-10-17T12:00:00Z').map((m) => m.id);
  assert.ok(ids.includes('un-2231-b4-mtcr-items') && !ids.includes('un-1737-p3-supply-to-iran'), 'in force on 2023-10-17');
});

test('bad regime data is rejected with the file and the field named', () => {
  assert.throws(() => validateRegimeFile('bad.yaml', { version: '2026-01-01.1', title: 't', measures: [{ id: 'x' }] }), (e: unknown) => {
    assert.ok(e instanceof RegimeDataError, 'a RegimeDataError');
    assert.equal(e.file, 'bad.yaml');
    assert.match(e.message, /measures\/0/);
    return true;
  });
  const measure = {
    id: 'un-x',
    jurisdiction: 'UN',
    title: 'Test measure',
    citation: { instrument: 'UNSCR 0000', confidence: 'H' },
    effect: 'prohibited',
    binds: 'all',
    scope: {},
    inForce: [
      { from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' },
      { from: '2020-06-01T00:00:00Z', to: null },
    ],
  };
  const data = validateRegimeFile('overlap.yaml', { version: '2026-01-01.1', title: 't', measures: [measure] });
  assert.throws(() => buildRegimeSet([{ file: 'overlap.yaml', data, text: '' }]), /overlap\.yaml: measure un-x inForce\[1\]: overlaps/);
  const dup = validateRegimeFile('dup.yaml', { version: '2026-01-01.1', title: 't', measures: [{ ...measure, inForce: [measure.inForce[0]] }, { ...measure, inForce: [measure.inForce[0]] }] });
  assert.throws(() => buildRegimeSet([{ file: 'dup.yaml', data: dup, text: '' }]), /duplicate measure id/);
});
