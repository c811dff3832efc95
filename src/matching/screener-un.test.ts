// The screening engine on the real UN Security Council Consolidated List.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../lists/sources/un-xml.js';
import { sharedData } from '../../test/shared-data.js';
import { createScreener, DEFAULT_THRESHOLD } from './screener.js';
import type { ListSnapshot } from '../domain/list.js';

const parsed = await parse({ main: sharedData('un/consolidated.xml') }, { source: 'un_sc_sanctions' });
const snapshot: ListSnapshot = {
  info: { source: 'un_sc_sanctions', version: 'test', sha256: 'test', format: 'un_xml', loadedAt: '2026-11-23T00:00:00Z', entities: parsed.entities.length, relations: 0, files: [], warnings: 0 },
  entities: parsed.entities,
  relations: parsed.relations,
};
const screener = createScreener([snapshot]);

test('"Shahid Bakeri" (US advisory spelling) finds SHAHID BAGHERI INDUSTRIAL GROUP', () => {
  const m = screener.screen({ name: 'Shahid Bakeri' })[0];
  assert.ok(m, 'no alert');
  assert.match(m.name, /SHAHID BAGHERI INDUSTRIAL GROUP/);
});

test('Qasem Soleimani: the listed spellings and common variants find him at top-1', () => {
  const soleimani = parsed.entities.find((e) => e.name === 'QASEM SOLEIMANI');
  assert.ok(soleimani, 'QASEM SOLEIMANI is on the UN list');
  const spellings = [...soleimani.names.map((n) => n.full), 'Ghasem Soleimani', 'Qassem Suleimani', 'Kasem Soleymani', 'Soleimani, Qasem', 'قاسم سلیمانی'];
  for (const q of spellings) {
    const ms = screener.screen({ name: q, schema: 'Person' });
    assert.ok(ms.some((m) => m.entityId === soleimani.id && m.score >= DEFAULT_THRESHOLD), `${q}: ${JSON.stringify(ms[0])}`);
  }
});

test('every original-script name finds its own entity', () => {
  const cases = parsed.entities.flatMap((e) => e.names.filter((n) => n.originalScript).map((n) => ({ e, n })));
  assert.ok(cases.length > 50, `only ${cases.length} original-script names`);
  const found = cases.filter(({ e, n }) => screener.screen({ name: n.full }, { limit: 3 }).some((m) => m.entityId === e.id)).length;
  assert.ok(found / cases.length >= 0.97, `${found}/${cases.length}`);
});

test('a generic query raises no alert on the real list', () => {
  for (const q of ['INDUSTRIAL GROUP', 'CORP', 'Trading Company LLC', 'Bank']) assert.deepEqual(screener.screen({ name: q }), [], q);
});

test('scores spread: the top candidates of a partial query do not bunch', () => {
  const ms = screener.screen({ name: 'Mohammad Hossein' }, { threshold: 0.4, limit: 20 });
  assert.ok(new Set(ms.map((m) => m.score)).size >= 5, ms.map((m) => m.score).join(' '));
});
