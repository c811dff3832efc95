import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse } from './ftm-json.js';

const file = sharedData('opensanctions/zala_aero_cluster/entities.ftm.json');
const parsed = await parse({ main: file }, { source: 'os' });
const byId = new Map(parsed.entities.map((e) => [e.sourceId, e]));

test('FtM: parties become entities, interval entities relations', () => {
  // 91 lines: Company 11 + Person 6 parties; Ownership 14 + Directorship 3 + Family 4 relations;
  // Sanction 41, Address 11 and Passport 1 are folded into the parties.
  assert.equal(parsed.entities.length, 17);
  assert.equal(parsed.entities.filter((e) => e.schema === 'Company').length, 11);
  assert.equal(parsed.entities.filter((e) => e.schema === 'Person').length, 6);
  const types: Record<string, number> = {};
  for (const r of parsed.relations) types[r.type] = (types[r.type] ?? 0) + 1;
  assert.deepEqual(types, { ownership: 14, family: 4, directorship: 3 });
  assert.ok(parsed.relations.every((r) => r.from.startsWith('os:') && r.to.startsWith('os:')));
  assert.match(parsed.publishedAt ?? '', /^2026-04-29T/);
});

test('FtM: Zala Aero (LLC CST) with its Cyrillic names, identifiers and folded sanctions', () => {
  const cst = byId.get('NK-abdzbEBkqyT29GyREbiURZ');
  assert.ok(cst);
  assert.equal(cst.id, 'os:NK-abdzbEBkqyT29GyREbiURZ');
  assert.equal(cst.schema, 'Company');
  assert.equal(cst.name, 'LLC CST');
  assert.ok(cst.names.some((n) => n.full === 'Zala Aero Group' && n.quality === 'strong'));
  assert.ok(cst.names.some((n) => n.full === 'ZALA' && n.quality === 'weak'));
  const cyr = cst.names.find((n) => n.full === 'ЗАЛА АЭРО');
  assert.equal(cyr?.script, 'Cyrl');
  assert.ok(cst.identifiers.some((i) => i.type === 'tax' && i.label === 'taxNumber' && i.value === '1841015504'), JSON.stringify(cst.identifiers));
  assert.ok(cst.countries.some((c) => c.code === 'RU' && c.role === 'jurisdiction'));
  assert.equal(cst.target, true);
  // Sanction entities of OFAC, the UK, the EU ... folded in: programmes and first listing date.
  const sanctions = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { schema: string; properties: Record<string, string[]> })
    .filter((s) => s.schema === 'Sanction' && s.properties.entity?.[0] === 'NK-abdzbEBkqyT29GyREbiURZ');
  assert.ok(sanctions.length > 5);
  for (const s of sanctions) {
    for (const program of s.properties.programId ?? s.properties.program ?? []) assert.ok(cst.programs.includes(program), program);
  }
  assert.ok(cst.properties.sanctionAuthority?.includes('Department of Foreign Affairs and Trade'));
  assert.ok(cst.programs.includes('AU-RUSSIA'));
  const earliest = sanctions.flatMap((s) => [...(s.properties.listingDate ?? []), ...(s.properties.startDate ?? [])]).map((d) => d.slice(0, 10)).sort()[0];
  assert.equal(cst.listedOn, earliest);
});

test('FtM: an ownership with its percentage and dates, a directorship, a family tie', () => {
  const own = parsed.relations.find((r) => r.id === 'os:ru-159c785ad927d3e153b23a26620730465ed26f1c');
  assert.deepEqual(own && { from: own.from, to: own.to, share: own.share, startDate: own.startDate, endDate: own.endDate }, {
    from: 'os:NK-aU5ybkbRFJucf8YMwsJvDw',
    to: 'os:NK-iE6m5ryPeTAMZozfECVSL7',
    share: 100,
    startDate: '2024-03-01',
    endDate: '2024-03-24',
  });
  const dir = parsed.relations.find((r) => r.id === 'os:ofac-d8ecdd62dca8ba39b832a77c170926630683ea05');
  assert.equal(dir?.type, 'directorship');
  assert.equal(dir?.from, 'os:NK-aU5ybkbRFJucf8YMwsJvDw');
  assert.equal(dir?.to, 'os:NK-abdzbEBkqyT29GyREbiURZ');
  assert.equal(dir?.role, 'Leader or official of');
  const fam = parsed.relations.find((r) => r.id === 'os:ofac-6d023267c742427bc92220ad97daca2e17b136ff');
  assert.equal(fam?.type, 'family');
  assert.equal(fam?.role, 'Family member of');
});

test('FtM: Address entities resolved; context entities marked not listed', () => {
  const withResolved = parsed.entities.filter((e) => e.addresses.some((a) => a.city || a.street || a.country));
  assert.ok(withResolved.length > 0);
  const notTarget = parsed.entities.filter((e) => e.target === false).map((e) => e.sourceId).sort();
  assert.deepEqual(notTarget, ['NK-56Edov9bas9puzaChH5pBy', 'NK-9Xa4Kg7Y7nfccE7VcZt6Q6', 'ru-inn-5920040846']);
  const person = byId.get('NK-2Tbri3s6GgNtAwsSXh4qpL');
  assert.deepEqual(person?.birthDates, ['1988-01-07']);
  assert.ok(person?.names.some((n) => n.full === 'Мария Александровна Осетрова' && n.script === 'Cyrl'));
  assert.ok(person?.countries.some((c) => c.code === 'RU' && c.role === 'nationality'));
});

const tmp = mkdtempSync(join(tmpdir(), 'interdict-ftm-'));

async function expectParseError(path: string, at: RegExp, reason: RegExp): Promise<void> {
  await assert.rejects(parse({ main: path }, { source: 'x' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError, String(err));
    assert.equal(err.file, path);
    assert.match(err.at ?? '', at);
    assert.match(err.reason, reason);
    return true;
  });
}

test('FtM: a JSON line cut in the middle fails naming its line', async () => {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const path = join(tmp, 'cut.ftm.json');
  writeFileSync(path, lines.slice(0, 40).join('\n') + '\n' + lines[40]!.slice(0, 120));
  await expectParseError(path, /^line 41$/, /invalid JSON/);
});

test('FtM: a gzip stream that ends early fails naming the file', async () => {
  const gz = gzipSync(readFileSync(file));
  const path = join(tmp, 'cut.ftm.json.gz');
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
  await expectParseError(path, /line \d+/, /gzip stream ends early|invalid JSON/);
});
