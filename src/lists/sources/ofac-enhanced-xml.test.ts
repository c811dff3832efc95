import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './ofac-enhanced-xml.js';

test('CONS_ENHANCED.XML: 443 entities, dataAsOf, Cyrillic original-script names', async () => {
  const parsed = await parse({ main: sharedData('ofac/consolidated/CONS_ENHANCED.XML') }, { source: 'us_ofac_cons' });
  assert.equal(parsed.entities.length, 443);
  assert.equal(parsed.publishedAt, '2025-01-10');
  const vtb = parsed.entities.find((e) => e.id === 'us_ofac_cons:17013')!;
  assert.equal(vtb.schema, 'Organization');
  assert.equal(vtb.name, 'VTB BANK PUBLIC JOINT STOCK COMPANY');
  assert.equal(vtb.names[0]!.quality, 'primary');
  const cyr = vtb.names.find((n) => n.full === 'БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО');
  assert.ok(cyr);
  assert.equal(cyr.script, 'Cyrl');
  assert.equal(cyr.originalScript, true);
  assert.deepEqual(vtb.programs, ['UKRAINE-EO13662', 'RUSSIA-EO14024']);
  assert.ok(vtb.lists.includes('Sectoral Sanctions Identifications List'));
  assert.equal(vtb.listedOn, '2014-07-29');
  assert.ok(vtb.identifiers.some((i) => i.type === 'lei' && i.value === '253400V1H6ART1UQ0N98'));
  assert.ok(vtb.identifiers.some((i) => i.type === 'tax' && i.value === '7702070139' && i.country === 'RU'));
  assert.deepEqual(vtb.properties.incorporationDate, ['17 Oct 1990']);
  assert.ok(vtb.addresses.some((a) => a.city === 'Shanghai' && a.country === 'CN'));
  const scripts = new Set(parsed.entities.flatMap((e) => e.names.map((n) => n.script).filter(Boolean)));
  assert.deepEqual([...scripts].sort(), ['Cyrl', 'Hans', 'Hant']);
});

test('IRGC_sanctions.xml: 293 entities, Arabic-script names, people, aircraft, relationships', async () => {
  const parsed = await parse({ main: sharedData('ofac/enhanced/IRGC_sanctions.xml') }, { source: 'us_ofac_sdn' });
  assert.equal(parsed.entities.length, 293);
  assert.equal(parsed.publishedAt, '2024-08-28');
  const counts = parsed.entities.reduce<Record<string, number>>((m, e) => ((m[e.schema] = (m[e.schema] ?? 0) + 1), m), {});
  assert.deepEqual(counts, { Organization: 84, Person: 165, Aircraft: 44 });
  assert.ok(parsed.entities.every((e) => e.programs.includes('IRGC')));

  const saburinezhad = parsed.entities.find((e) => e.sourceId === '28683')!;
  assert.equal(saburinezhad.schema, 'Person');
  assert.equal(saburinezhad.name, 'SABURINEZHAD, Hasan');
  // OFAC wraps the Arabic-script name in U+202B/U+202C embedding marks; they are removed.
  const arab = saburinezhad.names.find((n) => n.script === 'Arab')!;
  assert.equal(arab.full, 'حسن سبری نژاد');
  assert.equal(arab.originalScript, true);

  const alchwiki = parsed.entities.find((e) => e.sourceId === '26120')!;
  assert.equal(alchwiki.name, 'ALCHWIKI, Mhd Amer');
  assert.deepEqual(alchwiki.birthDates, ['1972-09-04']);
  assert.deepEqual(alchwiki.birthPlaces, ['Damascus, Syria']);
  assert.ok(alchwiki.countries.some((c) => c.code === 'SY' && c.role === 'nationality'));
  assert.ok(alchwiki.identifiers.some((i) => i.type === 'passport' && i.value === 'N012430661'));
  assert.ok(alchwiki.names.some((n) => n.script === 'Cyrl' && n.full === 'АЛЬШВИКИ, Мхд Амер'));
  assert.ok(alchwiki.addresses.some((a) => a.postalCode === 'W3 9HL' && a.country === 'GB'));

  const aircraft = parsed.entities.find((e) => e.schema === 'Aircraft')!;
  assert.ok(aircraft.identifiers.some((i) => i.type === 'aircraft_serial'));

  // ANSAR BANK BROKERAGE COMPANY (26528) is "Owned or Controlled By" ANSAR BANK (12478).
  const owned = parsed.relations.find((r) => r.to === 'us_ofac_sdn:26528' && r.type === 'ownership');
  assert.ok(owned);
  assert.equal(owned.from, 'us_ofac_sdn:12478');
  assert.equal(owned.role, 'Owned or Controlled By');
  // The export is filtered to one program, so some related parties are not in it: reported.
  assert.ok(parsed.warnings.some((w) => w.message.includes('not in this file')));
  const ids = new Set(parsed.entities.map((e) => e.id));
  for (const r of parsed.relations) assert.ok(ids.has(r.from) && ids.has(r.to));
});

test('truncated ENHANCED_XML gives ListParseError with file and element path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-ofac-enh-'));
  const real = readFileSync(sharedData('ofac/enhanced/IRGC_sanctions.xml'));
  const cut = join(dir, 'IRGC-cut.xml');
  writeFileSync(cut, real.subarray(0, Math.floor(real.length * 0.7)));
  await assert.rejects(parse({ main: cut }, { source: 'x' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, cut);
    assert.match(err.at ?? '', /in \/sanctionsData\/entities\/entity/);
    return true;
  });
  const garbage = join(dir, 'IRGC-garbage.xml');
  writeFileSync(garbage, Buffer.concat([real.subarray(0, 5000), Buffer.from('<<<>>>'), real.subarray(5000)]));
  await assert.rejects(parse({ main: garbage }, { source: 'x' }), ListParseError);
});
