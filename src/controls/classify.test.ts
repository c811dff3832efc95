// Pins the classification cases of regime-facts.md §6-7 on the real control data (data/controls).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyItem, loadControlLists } from './classify.js';
import { validateItem } from './item.js';
import type { Classification, Item } from '../domain/transfer.js';

const lists = loadControlLists();
const fixture = (name: string): Item =>
  validateItem(JSON.parse(readFileSync(new URL(`../../test/fixtures/items/${name}.json`, import.meta.url), 'utf8')));
const entries = (r: Classification, list: string) => r.controls.filter((c) => c.list === list).map((c) => c.entry);
const find = (r: Classification, list: string, entry: string) => r.controls.find((c) => c.list === list && c.entry === entry);

test('Shahed-136 (2000 km, 50 kg, military) is MTCR 19.A.2 Category II, not 1.A.2, and on the military lists', () => {
  const r = classifyItem(fixture('shahed-136'), lists);
  const m = find(r, 'MTCR', '19.A.2');
  assert.equal(m?.category, 'II');
  assert.equal(m?.confidence, 'certain');
  assert.equal(m?.citation.confidence, 'H');
  assert.ok(!entries(r, 'MTCR').includes('1.A.2'));
  assert.ok(entries(r, 'EU_CML').includes('ML10'));
  assert.ok(entries(r, 'USML').includes('VIII(a)'));
  assert.deepEqual(entries(r, 'EU_DUAL_USE'), [], 'military items do not go to dual-use entries');
  assert.ok(r.notes.some((n) => /trade-off considered/.test(n)));
  assert.equal(r.version, lists.version);
});

test('a 300 km / 500 kg ballistic missile is MTCR 1.A.1 Category I (thresholds inclusive)', () => {
  const r = classifyItem(fixture('ballistic-300-500'), lists);
  assert.equal(find(r, 'MTCR', '1.A.1')?.category, 'I');
  assert.equal(find(r, 'MTCR', '1.A.1')?.confidence, 'certain');
  assert.ok(!entries(r, 'MTCR').includes('19.A.1'), '19.A.1 gives way to 1.A.1');
  assert.ok(entries(r, 'EU_CML').includes('ML4'));
});

test('Fath-360 (120 km / 150 kg) has no MTCR complete-system entry but military-list entries', () => {
  const r = classifyItem(fixture('fath-360'), lists);
  assert.deepEqual(entries(r, 'MTCR'), []);
  assert.ok(entries(r, 'EU_CML').includes('ML4'));
  assert.ok(entries(r, 'USML').includes('IV(a)'));
  assert.ok(r.notes.some((n) => n.includes('rangeKm 120 < 300')));
});

test('Zolfaghar (700 km / 450 kg) is 19.A.1 with a Category I trade-off flag needing an engineering determination', () => {
  const r = classifyItem(fixture('zolfaghar'), lists);
  assert.equal(find(r, 'MTCR', '19.A.1')?.confidence, 'certain');
  const catI = find(r, 'MTCR', '1.A.1');
  assert.equal(catI?.confidence, 'possible');
  assert.match(catI!.reason, /engineering determination/);
  assert.ok(r.notes.some((n) => /engineering determination/.test(n)));
});

test('HS 8542.31 in any notation is CHPL Tier 1', () => {
  for (const hsCode of ['8542.31', '854231', '8542.31.00', '85423100']) {
    const r = classifyItem({ description: 'microcontrollers', kind: 'dual_use_good', hsCode }, lists);
    const m = find(r, 'CHPL', 'Tier 1');
    assert.equal(m?.confidence, 'certain', hsCode);
    assert.equal(m?.citation.confidence, 'M');
  }
  const heading = classifyItem({ description: 'integrated circuits', hsCode: '8542' }, lists);
  assert.equal(find(heading, 'CHPL', 'Tier 1')?.confidence, 'possible', 'HS-4 heading containing a listed subheading');
});

test('cotton T-shirts (HS 6109.10, general_good) are not controlled, and the notes say what was checked', () => {
  const r = classifyItem(fixture('cotton-t-shirts'), lists);
  assert.deepEqual(r.controls, []);
  assert.ok(r.notes.some((n) => n.startsWith('no control-list entry matched') && n.includes('CHPL')));
});

test('a UAV without range is indeterminate and names rangeKm, never silently uncontrolled', () => {
  const r = classifyItem(fixture('uav-no-range'), lists);
  const m = find(r, 'MTCR', '19.A.2');
  assert.equal(m?.confidence, 'indeterminate');
  assert.match(m!.reason, /needs rangeKm/);
});

test('technology for a UAV is classified under the E entries of the UAV', () => {
  const stated = classifyItem(fixture('uav-technology'), lists);
  assert.equal(find(stated, 'MTCR', '19.E.1')?.confidence, 'certain');
  const unknownRange = classifyItem({ description: 'UAV design know-how', kind: 'technology', relatesTo: 'uav' }, lists);
  assert.equal(find(unknownRange, 'MTCR', '1.E.1')?.confidence, 'indeterminate');
  assert.equal(find(unknownRange, 'MTCR', '19.E.1')?.confidence, 'indeterminate');
  assert.match(find(unknownRange, 'MTCR', '19.E.1')!.reason, /rangeKm/);
  const software = classifyItem({ description: 'mission software', kind: 'software', relatesTo: 'uav', rangeKm: 900 }, lists);
  assert.ok(entries(software, 'MTCR').includes('19.D.1'));
  const noTarget = classifyItem({ description: 'know-how', kind: 'technology' }, lists);
  assert.equal(noTarget.controls[0]?.confidence, 'indeterminate');
  assert.match(noTarget.controls[0]!.reason, /relatesTo/);
});

test('a 25 L aerosol UAV is 19.A.3 (and EU 9A112.b)', () => {
  const r = classifyItem(fixture('aerosol-uav'), lists);
  assert.equal(find(r, 'MTCR', '19.A.3')?.category, 'II');
  assert.ok(entries(r, 'EU_DUAL_USE').includes('9A112.b'));
  const small = classifyItem({ ...fixture('aerosol-uav'), aerosolCapacityL: 20 }, lists);
  assert.ok(!entries(small, 'MTCR').includes('19.A.3'), 'more than 20 litres, not 20');
});

test('a guidance set with 2 % accuracy is 2.A.1.d and 7A117', () => {
  const r = classifyItem(fixture('guidance-set'), lists);
  assert.equal(find(r, 'MTCR', '2.A.1.d')?.category, 'I');
  assert.ok(entries(r, 'EU_DUAL_USE').includes('7A117'));
  assert.ok(entries(r, 'US_CCL').includes('7A117'));
  const coarse = classifyItem({ ...fixture('guidance-set'), accuracyPercentOfRange: 5 }, lists);
  assert.ok(!entries(coarse, 'MTCR').includes('2.A.1.d'));
});

test('description-only items are classified with confidence possible, explained', () => {
  const r = classifyItem({ description: 'Long-range kamikaze drone' }, lists);
  assert.ok(r.controls.length > 0);
  assert.ok(r.controls.every((c) => c.confidence === 'possible' || c.confidence === 'indeterminate'));
  assert.ok(r.notes.some((n) => n.includes('read as uav')));
});

test('contradictions are reported: military false with a warhead', () => {
  const r = classifyItem({ description: 'UAV with 40 kg warhead', kind: 'uav', military: false, rangeKm: 1000 }, lists);
  assert.ok(r.notes.some((n) => n.startsWith('contradiction')));
});

test('a range/payload shortfall case: 250 km with 650 kg is flagged for Category I', () => {
  const r = classifyItem({ description: 'Fateh-110 variant', kind: 'ballistic_missile', rangeKm: 250, payloadKg: 650 }, lists);
  assert.equal(find(r, 'MTCR', '1.A.1')?.confidence, 'possible');
});
