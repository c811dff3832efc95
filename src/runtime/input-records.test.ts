import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonObjectLines, JsonLinesError, partyFields } from './input-records.js';

test('JSON lines: objects with their line numbers, blank lines skipped, a bad line named', () => {
  const rows = [...jsonObjectLines('\uFEFF{"id":"a"}\r\n\n{"id":7}\n')];
  assert.deepEqual(rows.map((r) => [r.record.id, r.line]), [['a', 1], [7, 3]]);
  assert.throws(() => [...jsonObjectLines('{"id":"a"}\n{"id":')], (e: unknown) => e instanceof JsonLinesError && e.line === 2 && /not JSON/.test(e.message));
  assert.throws(() => [...jsonObjectLines('[1,2]')], (e: unknown) => e instanceof JsonLinesError && /expected a JSON object/.test(e.message));
});

test('party fields: trimmed text, numbers as text, both birth-date spellings, identifiers from arrays or ";" lists', () => {
  assert.deepEqual(partyFields({ id: 7, name: '  Ivan Petrov ', birthDate: '1970', ids: ['A1', ' ', 42] }), { id: '7', name: 'Ivan Petrov', birthDate: '1970', ids: ['A1', '42'] });
  assert.deepEqual(partyFields({ name: 'X', birth_date: '1970-01-02', id_number: 'P123; Q456 ;' }), { name: 'X', birthDate: '1970-01-02', ids: ['P123', 'Q456'] });
  assert.deepEqual(partyFields({ name: '', schema: '   ', country: null }), {});
});
