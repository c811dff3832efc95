import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from './canonical.js';

test('canonical JSON sorts keys at every level, whatever order they were built in', () => {
  const a = { b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' } };
  const b = { a: { c: 'é', d: [1, { x: 1, y: 2 }] }, b: 1 };
  assert.equal(canonicalJson(a), '{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}');
  assert.equal(canonicalJson(b), canonicalJson(a));
});

test('canonical JSON drops undefined fields, writes undefined array items and non-finite numbers as null', () => {
  assert.equal(canonicalJson({ a: undefined, b: [undefined, NaN, Infinity, null], c: 'x"y' }), '{"b":[null,null,null,null],"c":"x\\"y"}');
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson('2026-11-23'), '"2026-11-23"');
});

test('canonical JSON of parsed canonical JSON is the same bytes (what audit verification relies on)', () => {
  const body = { output: { matches: [{ score: 0.912, entityId: 'e1', countries: ['IR'] }] }, input: { name: 'Shahid Bakeri' } };
  const once = canonicalJson(body);
  assert.equal(canonicalJson(JSON.parse(once)), once);
});
