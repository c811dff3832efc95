import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { cslListCode, linkedToTargets, parse, parseCsvId, splitCsvAddress } from './csl-csv.js';

const file = sharedData('us-csl/consolidated.csv.gz');
const parsed = await parse({ main: file }, { source: 'us_trade_csl' });
const byId = new Map(parsed.entities.map((e) => [e.sourceId, e]));

test('CSL CSV: every record read, repeated _ids merged into one entity per party', () => {
  // 14,160 records; 71 _ids occur on two or three sub-lists (SDN+SSI, SDN+CAPTA ...) and one CAPTA
  // record is repeated verbatim, so 14,048 distinct parties.
  assert.equal(parsed.entities.length, 14_048);
  const perList: Record<string, number> = {};
  for (const e of parsed.entities) for (const l of e.lists) perList[l] = (perList[l] ?? 0) + 1;
  assert.deepEqual(perList, {
    SDN: 10_026, EL: 2_001, DTC: 727, DPL: 462, SSI: 290, UVL: 201, ISN: 163, PLC: 78, MEU: 71,
    CMIC: 68, CAP: 52, 'NS-MBS': 17, FSE: 3,
  });
  assert.ok(parsed.entities.every((e) => e.lists.length >= 1));
});

test('CSL CSV: an SDN individual with names, birth date, programmes and address country', () => {
  const e = byId.get('26860');
  assert.ok(e);
  assert.equal(e.id, 'us_trade_csl:26860');
  assert.equal(e.schema, 'Person');
  assert.equal(e.name, "'ABD AL-HAMID AL-ASADI, Makki Kazim");
  assert.deepEqual(e.names[0]?.parts, { last: "'ABD AL-HAMID AL-ASADI", first: 'Makki Kazim' });
  assert.ok(e.names.some((n) => n.full === 'ABDUL HAMEED AL ASADI, Makki Kadhim' && n.quality === 'strong'));
  assert.deepEqual(e.birthDates, ['1957-10-10']);
  assert.deepEqual(e.programs, ['IFSR', 'IRGC', 'SDGT']);
  assert.deepEqual(e.lists, ['SDN']);
  assert.deepEqual(e.addresses, [{ full: 'Basrah, IQ', city: 'Basrah', country: 'IQ' }]);
  assert.deepEqual(e.countries, [{ code: 'IQ', role: 'address' }]);
  assert.deepEqual(e.properties.csl_source, ['Specially Designated Nationals (SDN) - Treasury Department']);
});

test('CSL CSV: an Entity List party keeps its licence requirement, policy, FR notice and listing date', () => {
  const e = byId.get('4398d33e9e93c7477af39f1e0bfffc13ddd47bcc');
  assert.ok(e);
  assert.equal(e.name, '140 Repair Plant JSC');
  assert.equal(e.schema, 'LegalEntity'); // BIS gives no type
  assert.deepEqual(e.lists, ['EL']);
  assert.equal(e.listedOn, '2022-04-07');
  assert.deepEqual(e.properties.federal_register_notice, ['87 FR 20299']);
  assert.deepEqual(e.properties.license_policy, ['Policy of denial.']);
  assert.match(e.properties.license_requirement?.[0] ?? '', /^For all items subject to the EAR/);
  // "A; and B": BIS's prose list of aliases.
  assert.deepEqual(e.names.map((n) => n.full), ['140 Repair Plant JSC', 'Open Joint Stock Company 140 Repair Plant', 'JSC 140 Repair Plant']);
  assert.deepEqual(e.addresses[0], { full: '19 Luysi Chalovskoy St., Borisov, 222512, BY', street: '19 Luysi Chalovskoy St., Borisov', postalCode: '222512', country: 'BY' });
});

test('CSL CSV: identifiers, contacts and sanctions notes from the ids cell', () => {
  const person = byId.get('9935');
  assert.ok(person);
  assert.deepEqual(person.identifiers, [{ type: 'passport', value: 'BC166787', label: 'Passport', country: 'CA' }]);
  const vessel = byId.get('25277');
  assert.ok(vessel);
  assert.equal(vessel.schema, 'Vessel');
  assert.deepEqual(vessel.identifiers, [{ type: 'imo', value: '8984484', label: 'Vessel Registration Identification' }]);
  assert.deepEqual(vessel.countries, [{ code: 'IR', role: 'flag' }]);
  assert.deepEqual(vessel.properties.type, ['Crew/Supply Vessel']);
  const aircraft = byId.get('15445');
  assert.ok(aircraft);
  assert.equal(aircraft.schema, 'Aircraft');
  assert.deepEqual(aircraft.properties.model, ['A300B4-605R']);
  assert.ok(aircraft.identifiers.some((i) => i.type === 'aircraft_serial' && i.value === '464'));
  // 824 distinct "…, Website" entries on 749 parties (counted independently with Python's csv module).
  const withSite = parsed.entities.filter((e) => e.contacts.some((c) => c.type === 'website'));
  assert.equal(withSite.length, 749);
  assert.equal(parsed.entities.reduce((n, e) => n + e.contacts.filter((c) => c.type === 'website').length, 0), 824);
  const idTypes = new Set(parsed.entities.flatMap((e) => e.identifiers.map((i) => i.type)));
  for (const t of ['passport', 'national_id', 'tax', 'registration', 'imo', 'swift_bic', 'crypto_wallet', 'mmsi']) {
    assert.ok(idTypes.has(t as never), `identifier type ${t} seen`);
  }
});

test('CSL CSV: a party on SDN and SSI is one entity on both lists', () => {
  const e = byId.get('18741');
  assert.ok(e);
  assert.deepEqual([...e.lists].sort(), ['SDN', 'SSI']);
  assert.equal(e.properties.csl_source?.length, 2);
  assert.deepEqual(e.programs, ['UKRAINE-EO13662', 'RUSSIA-EO14024']);
});

test('CSL CSV: "Linked To" remarks become association relations within the same sub-list', () => {
  // 4,212 links resolve to exactly one party; 39 name no party, or several, and are warnings.
  assert.equal(parsed.relations.length, 4_212);
  assert.equal(parsed.warnings.filter((w) => /Linked To/.test(w.message)).length, 39);
  const rel = parsed.relations.find((r) => r.from === 'us_trade_csl:26860');
  assert.equal(rel?.to, 'us_trade_csl:10465');
  assert.equal(byId.get('10465')?.name, 'ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE');
  assert.equal(rel?.type, 'association');
  assert.deepEqual(linkedToTargets('(Linked To: A (B)-C; Linked To: D)'), ['A (B)-C', 'D']);
});

test('CSL helpers: list codes, id entries, address parts', () => {
  assert.equal(cslListCode('Entity List (EL) - Bureau of Industry and Security'), 'EL');
  assert.equal(cslListCode('Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department'), 'NS-MBS');
  assert.equal(cslListCode('Military End User (MEU) List - Bureau of Industry and Security'), 'MEU');
  assert.equal(cslListCode('MBS'), 'NS-MBS');
  assert.equal(cslListCode('Something Else'), undefined);
  assert.deepEqual(parseCsvId('JO, 2014-08-30, 2009-08-31, K475336, Passport'), {
    type: 'Passport', number: 'K475336', country: 'JO', issue_date: '2009-08-31', expiration_date: '2014-08-30',
  });
  assert.deepEqual(parseCsvId('Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209, Secondary sanctions risk:'), {
    type: 'Secondary sanctions risk:', number: 'Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201 and/or 589.209',
  });
  assert.deepEqual(splitCsvAddress('Moscow, RU'), { city: 'Moscow', country: 'RU' });
});

const tmp = mkdtempSync(join(tmpdir(), 'interdict-csl-'));

async function expectParseError(path: string, at: RegExp, reason: RegExp): Promise<void> {
  await assert.rejects(parse({ main: path }, { source: 'x' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError, String(err));
    assert.equal(err.file, path);
    assert.match(err.at ?? '', at);
    assert.match(err.reason, reason);
    return true;
  });
}

test('CSL CSV: a gzip download cut short fails naming the file and place', async () => {
  const gz = readFileSync(file);
  const path = join(tmp, 'cut.csv.gz');
  writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
  await expectParseError(path, /line \d+|record \d+/, /gzip stream ends early|unexpected end/i);
});

test('CSL CSV: an unterminated quote at end of file fails with its line', async () => {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  // Cut inside the quoted name of the SDN record 26860.
  const cut = text.indexOf('"\'ABD AL-HAMID AL-ASADI') + 10;
  const path = join(tmp, 'unterminated.csv');
  writeFileSync(path, text.slice(0, cut));
  await expectParseError(path, /^line \d+$/, /quote/i);
});

test('CSL CSV: a file with another header is refused', async () => {
  const path = join(tmp, 'other.csv');
  writeFileSync(path, 'id,name\n1,foo\n');
  await expectParseError(path, /^line 1$/, /_id/);
});
