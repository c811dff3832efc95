import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse, splitPrograms } from './ofac-csv.js';

const SRC = { source: 'us_ofac_sdn' };

test('sdn.csv (2024-05-03): 14,965 entities, fields read, Linked To resolved', async () => {
  const parsed = await parse({ main: sharedData('ofac/sdn_csv/sdn.csv') }, SRC);
  assert.equal(parsed.entities.length, 14965);
  const byId = new Map(parsed.entities.map((e) => [e.sourceId, e]));

  const su = byId.get('44019')!;
  assert.equal(su.id, 'us_ofac_sdn:44019');
  assert.equal(su.schema, 'Person');
  assert.equal(su.name, 'SU, Chunpeng');
  assert.deepEqual(su.names[0]!.parts, { last: 'SU', first: 'Chunpeng' });
  assert.deepEqual(su.programs, ['NPWMD']);
  assert.deepEqual(su.birthDates, ['1980-12-10']);
  assert.deepEqual(su.birthPlaces, ["Tai'an, China"]);
  assert.ok(su.countries.some((c) => c.code === 'CN' && c.role === 'nationality'));
  assert.ok(su.identifiers.some((i) => i.type === 'passport' && i.value === 'G57293067' && i.country === 'CN'));
  assert.ok(su.identifiers.some((i) => i.type === 'national_id' && i.value === '370602198012102115' && i.country === 'CN'));
  assert.deepEqual(su.properties.gender, ['Male']);
  // "Linked To: SHENZHEN JIASIBO TECHNOLOGY CO., LTD." -> entry 44018 of the same list.
  const link = parsed.relations.find((r) => r.from === su.id);
  assert.ok(link, 'Linked To relation for 44019');
  assert.equal(link.to, 'us_ofac_sdn:44018');
  assert.equal(link.type, 'association');
  assert.equal(link.role, 'Linked To');
  assert.match(link.evidence, /Linked To: SHENZHEN JIASIBO TECHNOLOGY CO\., LTD\./);

  const ebano = byId.get('4243')!;
  assert.equal(ebano.schema, 'Vessel');
  assert.ok(ebano.identifiers.some((i) => i.type === 'imo' && i.value === '7406784'));
  assert.ok(ebano.countries.some((c) => c.code === 'PA' && c.role === 'flag'));
  assert.deepEqual(ebano.properties.type, ['General Cargo']);
  assert.ok(ebano.names.some((n) => n.full === 'ANA I' && n.quality === 'weak'));
  assert.ok(ebano.properties.previousName?.includes('SAND SWAN'));

  assert.deepEqual(byId.get('38417')!.programs, ['IRGC', 'IFSR', 'CYBER2']);
  assert.equal(byId.get('36')!.schema, 'Organization');
  assert.equal(byId.get('15431')!.schema, 'Aircraft');

  // Most "Linked To" remarks resolve; the rest are reported, not dropped silently.
  assert.ok(parsed.relations.length > 6000, `relations: ${parsed.relations.length}`);
  const unresolved = parsed.warnings.filter((w) => w.message.startsWith('Linked To target'));
  assert.ok(unresolved.length > 0 && unresolved.length < 50);
  const linkedRemarks = parsed.entities.reduce((n, e) => n + (e.remarks[0]?.match(/Linked To:/g)?.length ?? 0), 0);
  assert.ok(parsed.relations.length + unresolved.length <= linkedRemarks);
});

test('sdn.csv history (gzipped): 2024-05-01 has 14,966 entities, 2024-05-02 has 14,973', async () => {
  const a = await parse({ main: sharedData('ofac/sdn_csv_history/sdn_2024-05-01.csv.gz') }, SRC);
  const b = await parse({ main: sharedData('ofac/sdn_csv_history/sdn_2024-05-02.csv.gz') }, SRC);
  assert.equal(a.entities.length, 14966);
  assert.equal(b.entities.length, 14973);
});

test('2021-04 SDN set: 8,890 entities with addresses and aliases joined, no orphans', async () => {
  const parsed = await parse(
    {
      main: sharedData('ofac/sdn_csv_set_2021-04/sdn.csv.gz'),
      add: sharedData('ofac/sdn_csv_set_2021-04/add.csv.gz'),
      alt: sharedData('ofac/sdn_csv_set_2021-04/alt.csv.gz'),
    },
    SRC,
  );
  assert.equal(parsed.entities.length, 8890);
  assert.deepEqual(parsed.warnings.filter((w) => w.message.includes('orphan')), []);
  const strong = parsed.entities.reduce((n, e) => n + e.names.filter((x) => x.quality === 'strong').length, 0);
  // alt.csv has 11,742 rows; a few repeat another name of the same entry and are merged.
  assert.ok(strong > 11600 && strong <= 11742, `strong aliases ${strong}`);
  assert.ok(parsed.entities.reduce((n, e) => n + e.addresses.length, 0) > 10000);

  const bnc = parsed.entities.find((e) => e.sourceId === '306')!;
  assert.equal(bnc.name, 'BANCO NACIONAL DE CUBA');
  assert.ok(bnc.names.some((n) => n.full === 'NATIONAL BANK OF CUBA' && n.quality === 'strong'));
  assert.ok(bnc.names.some((n) => n.full === 'BNC' && n.quality === 'weak'));
  const zurich = bnc.addresses.find((a) => a.street === 'Zweierstrasse 35');
  assert.ok(zurich);
  assert.equal(zurich.city, 'Zurich CH-8022');
  assert.equal(zurich.country, 'CH');
});

test('consolidated CSV set: 442 entities; comments continue the cut Remarks field', async () => {
  const parsed = await parse(
    {
      main: sharedData('ofac/consolidated/cons_prim.csv'),
      add: sharedData('ofac/consolidated/cons_add.csv'),
      alt: sharedData('ofac/consolidated/cons_alt.csv'),
      comments: sharedData('ofac/consolidated/cons_comments.csv'),
    },
    { source: 'us_ofac_cons' },
  );
  assert.equal(parsed.entities.length, 442);
  assert.deepEqual(parsed.warnings.filter((w) => w.message.includes('orphan')), []);
  const rusag = parsed.entities.find((e) => e.sourceId === '17014')!;
  // cons_prim.csv ends this remark with "Registration Numbe"; cons_comments.csv goes on "r 1027700342890 (Russia)".
  assert.ok(rusag.identifiers.some((i) => i.type === 'registration' && i.value === '1027700342890' && i.country === 'RU'));
  assert.ok(rusag.names.some((n) => n.full === 'RUSAG' && n.quality === 'weak'));
  const haniya = parsed.entities.find((e) => e.sourceId === '9639')!;
  assert.equal(haniya.schema, 'Person');
  assert.deepEqual(haniya.birthDates, ['1962']);
  assert.ok(haniya.names.some((n) => n.full === 'HANIYYA, Ismaeel' && n.parts?.last === 'HANIYYA'));
});

test('splitPrograms reads OFAC bracketed program tags', () => {
  assert.deepEqual(splitPrograms('SDGT] [IRGC'), ['SDGT', 'IRGC']);
  assert.deepEqual(splitPrograms('CUBA'), ['CUBA']);
  assert.deepEqual(splitPrograms(undefined), []);
});

test('truncated and corrupt CSV files give ListParseError naming file and line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'interdict-ofac-csv-'));
  const real = readFileSync(sharedData('ofac/consolidated/cons_prim.csv'));

  // Cut inside a quoted Remarks field.
  const insideQuote = join(dir, 'cons_prim-cut-quote.csv');
  const q = real.indexOf('"DOB 1955; POB Jabalia');
  writeFileSync(insideQuote, real.subarray(0, q + 10));
  await assert.rejects(parse({ main: insideQuote }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, insideQuote);
    assert.match(err.at ?? '', /^line \d+/);
    return true;
  });

  // Cut between fields of the last row: too few fields.
  const midRow = join(dir, 'cons_prim-cut-row.csv');
  const cut = real.indexOf('9641,"AL-SHANTI');
  writeFileSync(midRow, real.subarray(0, cut + 20));
  await assert.rejects(parse({ main: midRow }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.match(err.at ?? '', /^line 3$/);
    return true;
  });

  // Cut inside the last, unquoted field ("-0" of "-0- "): the row has all fields but no line end.
  const sdn = gunzipSync(readFileSync(sharedData('ofac/sdn_csv_set_2021-04/sdn.csv.gz')));
  const unterminated = join(dir, 'sdn-unterminated.csv');
  writeFileSync(unterminated, sdn.subarray(0, sdn.length - 5));
  await assert.rejects(parse({ main: unterminated }, SRC), /ends in the middle of a row/);

  // A gzip file cut short.
  const gz = readFileSync(sharedData('ofac/sdn_csv_history/sdn_2024-05-01.csv.gz'));
  const gzCut = join(dir, 'sdn-cut.csv.gz');
  writeFileSync(gzCut, gz.subarray(0, Math.floor(gz.length / 2)));
  await assert.rejects(parse({ main: gzCut }, SRC), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, gzCut);
    return true;
  });

  // Not an OFAC CSV at all (a header row).
  const headed = join(dir, 'headed.csv');
  writeFileSync(headed, 'ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\r\n');
  await assert.rejects(parse({ main: headed }, SRC), /line 1\).*not an OFAC entry number/);
});
