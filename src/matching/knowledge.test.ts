// The name knowledge files are versioned data: each must pass its schema, cite declared sources,
// and hold no contradictions (a given name in two groups, a weak token that is a given name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMatchingKnowledge, validateDoc, WeakTokensSchema, GivenNamesSchema, MatchingDataError } from './knowledge.js';

test('data/matching/*.yaml pass their schemas and carry a version', () => {
  const k = loadMatchingKnowledge();
  assert.match(k.weak.version, /^\d{4}-\d{2}-\d{2}\.\d+$/);
  assert.match(k.givenNames.version, /^\d{4}-\d{2}-\d{2}\.\d+$/);
  assert.match(k.transliteration.version, /^\d{4}-\d{2}-\d{2}\.\d+$/);
  assert.ok(k.givenNames.groups.length >= 40, 'a good few dozen given-name groups');
  assert.equal(k.version.length, 10);
});

test('no given name sits in two groups', () => {
  const seen = new Map<string, number>();
  loadMatchingKnowledge().givenNames.groups.forEach((g, i) => {
    for (const n of new Set(g.names)) {
      assert.ok(!seen.has(n) || seen.get(n) === i, `"${n}" is in groups ${seen.get(n)} and ${i}`);
      seen.set(n, i);
    }
  });
});

test('titles and particles do not swallow given names', () => {
  const k = loadMatchingKnowledge();
  const given = new Set(k.givenNames.groups.flatMap((g) => g.names));
  for (const cls of ['title', 'legal_form'] as const) {
    for (const t of k.weak.classes[cls].tokens) assert.ok(!given.has(t), `${cls} token "${t}" is also a given name`);
  }
});

test('validation names the bad field and rejects unknown citations', () => {
  assert.throws(() => validateDoc(WeakTokensSchema, { version: '1' }, 'x.yaml'), (e: unknown) => e instanceof MatchingDataError && /x\.yaml/.test(e.message));
  const doc = { version: '1', effective: '2026-01-01', sources: {}, groups: [{ cite: 'nowhere', names: ['a', 'b'] }] };
  assert.throws(() => validateDoc(GivenNamesSchema, doc, 'g.yaml'), /unknown source "nowhere"/);
});
