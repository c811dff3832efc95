import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transfer } from '../domain/transfer.js';
import { loadRegimes } from '../regimes/load.js';
import { CheckInputError, inferNexus, toInstant } from './nexus.js';
import { parseTransfer } from './transfer-input.js';

const groups = loadRegimes().groups;
const base: Transfer = { date: '2024-01-01', parties: [], items: [{ description: 'x' }] };

test('dates become UTC instants; a bare date is 00:00Z', () => {
  assert.equal(toInstant('2025-09-28'), '2025-09-28T00:00:00Z');
  assert.equal(toInstant('2025-09-27T20:00:00-04:00'), '2025-09-28T00:00:00Z'); // 20:00 EDT = snapback instant
  assert.equal(toInstant('2023-10-17T12:30'), '2023-10-17T12:30:00Z');
  assert.throws(() => toInstant('17/10/2023'), CheckInputError);
});

test('nexus: as given, inferred from parties, or every jurisdiction when nothing is known', () => {
  assert.deepEqual([...inferNexus({ ...base, nexus: ['us'] }, groups).jurisdictions].sort(), ['UN', 'US']);
  assert.throws(() => inferNexus({ ...base, nexus: ['XX'] }, groups), /unknown jurisdiction "XX"/);
  const inferred = inferNexus(
    { ...base, origin: 'DE', parties: [{ role: 'importer', name: 'A', country: 'United Kingdom' }] },
    groups,
  );
  assert.deepEqual([...inferred.jurisdictions].sort(), ['EU', 'UK', 'UN']);
  assert.match(inferred.explanation, /origin in DE; importer A in GB/);
  const unknown = inferNexus({ ...base, origin: 'IR', destination: 'RU' }, groups);
  assert.deepEqual([...unknown.jurisdictions].sort(), ['EU', 'UK', 'UN', 'US']);
});

test('transfer JSON is checked field by field', () => {
  assert.throws(() => parseTransfer({ date: '2024-01-01', parties: [{ role: 'buyer', name: 'A' }], items: [{ description: 'x' }] }), /transfer \/parties\/0\/role/);
  assert.throws(() => parseTransfer({ date: '2024-01-01', parties: [], items: [] }), /transfer \/items/);
  assert.equal(parseTransfer({ date: '2024-01-01', parties: [], items: [{ description: 'x', kind: 'uav' }] }).items[0]!.kind, 'uav');
});
