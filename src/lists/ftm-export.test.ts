import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entity } from '../domain/entity.js';
import { sharedData } from '../../test/shared-data.js';
import { entityToFtmRecords, relationToFtm, toFtm } from './ftm-export.js';
import { parse as parseFtm } from './sources/ftm-json.js';
import { parse as parseCsl } from './sources/csl-csv.js';

const original = await parseFtm({ main: sharedData('opensanctions/zala_aero_cluster/entities.ftm.json') }, { source: 'os' });

/** What must survive FtM -> Entity -> FtM -> Entity. */
function essentials(e: Entity) {
  return {
    id: e.id,
    schema: e.schema,
    name: e.name,
    names: e.names.map((n) => `${n.quality}:${n.full}`).sort(),
    identifiers: e.identifiers.map((i) => `${i.type}:${i.value}`).sort(),
    birthDates: [...e.birthDates].sort(),
    listedOn: e.listedOn,
    countries: [...new Set(e.countries.map((c) => c.code))].sort(),
    addresses: e.addresses.map((a) => a.full).sort(),
    contacts: e.contacts.map((c) => `${c.type}:${c.value}`).sort(),
    programs: [...e.programs].sort(),
    target: e.target,
  };
}

test('FtM round trip: parse -> export -> parse keeps names, ids, dates, countries, identifiers', async () => {
  const lines = [
    ...original.entities.flatMap(entityToFtmRecords),
    ...original.relations.map(relationToFtm),
  ].map((o) => JSON.stringify(o));
  const path = join(mkdtempSync(join(tmpdir(), 'interdict-ftm-export-')), 'roundtrip.ftm.json');
  writeFileSync(path, lines.join('\n') + '\n');
  const again = await parseFtm({ main: path }, { source: 'os' });
  assert.equal(again.entities.length, original.entities.length);
  const byId = new Map(again.entities.map((e) => [e.id, e]));
  for (const e of original.entities) {
    const back = byId.get(e.id);
    assert.ok(back, e.id);
    assert.deepEqual(essentials(back), essentials(e), e.id);
  }
  const strip = (r: (typeof original.relations)[number]) => ({ ...r, evidence: undefined });
  assert.deepEqual(again.relations.map(strip), original.relations.map(strip));
});

test('FtM export: FtM property names for a CSL entity, sanction and relation schemata', async () => {
  const csl = await parseCsl({ main: sharedData('us-csl/consolidated.csv.gz') }, { source: 'us_trade_csl' });
  const person = csl.entities.find((e) => e.sourceId === '9935');
  assert.ok(person);
  const ftm = toFtm(person);
  assert.equal(ftm.id, '9935');
  assert.equal(ftm.schema, 'Person');
  assert.deepEqual(ftm.properties.passportNumber, ['BC166787']);
  assert.deepEqual(ftm.properties.nationality, ['ca', 'sd']);
  assert.deepEqual(ftm.properties.programId, ['SDGT']);
  assert.ok(ftm.properties.alias?.includes('ABU SUFIAN'));
  assert.ok(ftm.properties.birthDate?.includes('1962-08-06'));
  // snake_case CSL properties have no FtM property: they go to notes.
  assert.ok(ftm.properties.notes?.some((n) => n.startsWith('csl_source: Specially Designated Nationals')));
  const own = original.relations.find((r) => r.type === 'ownership' && r.share !== undefined);
  assert.ok(own);
  const o = relationToFtm(own);
  assert.equal(o.schema, 'Ownership');
  assert.deepEqual(o.properties.owner, [own.from.slice('os:'.length)]);
  assert.deepEqual(o.properties.percentage, [String(own.share)]);
});
