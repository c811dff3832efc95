import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './ofac-xml.js';

const SRC = { source: 'us_ofac_cons' };
const REAL = () => sharedData('ofac/consolidated/consolidated.xml');

test('consolidated.xml: 443 entries, the INFOSEC test record dropped with a warning', async () => {
  const parsed = await parse({ main: REAL() }, SRC);
  assert.equal(parsed.entities.length, 442);
  assert.equal(parsed.publishedAt, '2025-06-30');
  const dropped = parsed.warnings.filter((w) => w.message.includes('test record'));
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0]!.at, '/sdnList/sdnEntry[1]');
  assert.ok(!parsed.entities.some((e) => e.sourceId === '9639'));
  // Record_Count (443) matches the entries read, so no count warning.
  assert.ok(!parsed.warnings.some((w) => w.message.includes('Record_Count')));
});

test('consolidated.xml: entries field by field', async () => {
  const parsed = await parse({ main: REAL() }, SRC);
  const byId = new Map(parsed.entities.map((e) => [e.sourceId, e]));

  const zahhar = byId.get('9647')!;
  assert.equal(zahhar.schema, 'Person');
  assert.equal(zahhar.name, 'ZAHHAR, Mahmoud Khaled');
  assert.deepEqual(zahhar.names[0]!.parts, { last: 'ZAHHAR', first: 'Mahmoud Khaled' });
  assert.deepEqual(zahhar.programs, ['NS-PLC', 'SDGT']);
  assert.ok(zahhar.names.some((n) => n.full === 'AL ZAHAR, Mahmoud Khaled' && n.quality === 'strong'));
  assert.ok(zahhar.names.some((n) => n.full === 'ZAHAR, Mahmoud' && n.quality === 'weak'));
  assert.deepEqual(zahhar.properties.gender, ['Male']);
  assert.deepEqual(zahhar.remarks, ['(Linked To: HAMAS)']);
  // HAMAS is on the SDN list, not on this one: reported, not invented.
  assert.ok(parsed.warnings.some((w) => w.at === zahhar.id && w.message.includes('"HAMAS"')));

  const vtb = byId.get('17013')!;
  assert.equal(vtb.schema, 'Organization');
  assert.equal(vtb.name, 'VTB BANK PUBLIC JOINT STOCK COMPANY');
  assert.ok(vtb.names.some((n) => n.full === 'JSC VTB BANK NEW DELHI BRANCH' && n.quality === 'weak'));
  assert.ok(vtb.identifiers.some((i) => i.type === 'swift_bic' && i.value === 'VTBRRUMM'));
  assert.ok(vtb.identifiers.some((i) => i.type === 'tax' && i.value === '7702070139' && i.country === 'RU'));
  assert.ok(vtb.contacts.some((c) => c.type === 'website' && c.value === 'www.vtb.com'));
  assert.ok(vtb.addresses.some((a) => a.street === '29, Bolshaya Morskaya str.' && a.postalCode === '190000' && a.country === 'RU'));

  const abuTeir = byId.get('9640')!;
  assert.deepEqual(abuTeir.birthDates, ['1951']);
  assert.deepEqual(abuTeir.birthPlaces, ['Umm Tuba']);
});

test('consolidated.xml: Linked To remarks become association relations', async () => {
  const parsed = await parse({ main: REAL() }, SRC);
  assert.ok(parsed.relations.length >= 9, `relations ${parsed.relations.length}`);
  for (const r of parsed.relations) {
    assert.equal(r.type, 'association');
    assert.match(r.evidence, /Linked To:/);
  }
  // 32089 "Linked To: HUAWEI INVESTMENT & HOLDING CO., LTD." names 32087 as primary name and
  // another party as alias: the primary name wins.
  const huawei = parsed.relations.find((r) => r.from === 'us_ofac_cons:32089')!;
  assert.equal(huawei.to, 'us_ofac_cons:32087');
});

test('truncated, gzipped-truncated and malformed sdnList XML give ListParseError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-ofac-xml-'));
  const real = readFileSync(REAL());
  const cut = join(dir, 'consolidated-cut.xml');
  writeFileSync(cut, real.subarray(0, Math.floor(real.length / 2)));
  await assert.rejects(parse({ main: cut }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, cut);
    assert.match(err.at ?? '', /^line \d+ column \d+, in \/sdnList\/sdnEntry/);
    assert.match(err.reason, /truncated/);
    return true;
  });
  // Cut right after a complete entry: no XML error inside, but the root never closes.
  const text = real.toString('utf8');
  const atEntry = join(dir, 'consolidated-cut-entry.xml.gz');
  writeFileSync(atEntry, gzipSync(text.slice(0, text.indexOf('</sdnEntry>', 400000) + '</sdnEntry>'.length)));
  await assert.rejects(parse({ main: atEntry }, SRC), /ends before its root element closes \(truncated\)/);

  const bad = join(dir, 'consolidated-bad.xml');
  writeFileSync(bad, text.replace('<lastName>ABU TEIR</lastName>', '<lastName>ABU TEIR</lastNam>'));
  await assert.rejects(parse({ main: bad }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.match(err.at ?? '', /sdnList\/sdnEntry/);
    return true;
  });

  const wrongRoot = join(dir, 'un.xml');
  writeFileSync(wrongRoot, '<?xml version="1.0"?><CONSOLIDATED_LIST></CONSOLIDATED_LIST>');
  await assert.rejects(parse({ main: wrongRoot }, SRC), /root element is <CONSOLIDATED_LIST>, expected <sdnList>/);
});
