import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sharedData } from '../../../test/shared-data.js';
import { parseOfacDates, parseRemarks, parseRemarkStatement, splitRemarks } from './ofac-remarks.js';

/** Remarks field of one sdn.csv row, read straight from the real file. */
function realRemark(entNum: string): string {
  const text = readFileSync(sharedData('ofac/sdn_csv/sdn.csv'), 'latin1');
  const line = text.split('\r\n').find((l) => l.startsWith(`${entNum},`));
  assert.ok(line, `entry ${entNum} in sdn.csv`);
  const m = /,"([^"]*)"$/.exec(line);
  assert.ok(m, `entry ${entNum} has a quoted Remarks field`);
  return m[1]!;
}

test('OFAC date forms', () => {
  assert.deepEqual(parseOfacDates('12 Mar 1957'), ['1957-03-12']);
  assert.deepEqual(parseOfacDates('Mar 1957'), ['1957-03']);
  assert.deepEqual(parseOfacDates('1957'), ['1957']);
  assert.deepEqual(parseOfacDates('circa 1957'), ['1957']);
  assert.deepEqual(parseOfacDates('1957 to 1959'), ['1957', '1958', '1959']);
  assert.deepEqual(parseOfacDates('01 Jan 1960 to 31 Dec 1962'), ['1960-01-01', '1962-12-31']);
  assert.deepEqual(parseOfacDates('sometime'), []);
});

test('individual with passport, national ID and Linked To (sdn.csv 44019)', () => {
  const facts = parseRemarks(realRemark('44019'));
  assert.deepEqual(facts.birthDates, ['1980-12-10']);
  assert.deepEqual(facts.birthPlaces, ["Tai'an, China"]);
  assert.deepEqual(facts.countries, [
    { code: 'CN', role: 'birth' },
    { code: 'CN', role: 'nationality' },
  ]);
  assert.deepEqual(facts.identifiers, [
    { type: 'passport', value: 'G57293067', label: 'Passport', country: 'CN' },
    { type: 'national_id', value: '370602198012102115', label: 'National ID No.', country: 'CN' },
  ]);
  assert.deepEqual(facts.properties.gender, ['Male']);
  assert.deepEqual(facts.properties.sanctionsInfo, ['Subject to Secondary Sanctions']);
  assert.deepEqual(facts.properties.idExpiryDate, ['G57293067: 20 Dec 2021']);
  assert.equal(facts.linkedTo.length, 1);
  assert.equal(facts.linkedTo[0]!.target, 'SHENZHEN JIASIBO TECHNOLOGY CO., LTD');
  assert.deepEqual(facts.unparsed, []);
});

test('several Linked To statements and a Mexican CURP (sdn.csv 15687)', () => {
  const facts = parseRemarks(realRemark('15687'));
  assert.deepEqual(facts.birthDates, ['1961-11-14']);
  assert.equal(facts.linkedTo.length, 6);
  assert.equal(facts.linkedTo[4]!.target, 'ROOL EUROPE AG');
  assert.ok(facts.identifiers.some((i) => i.type === 'national_id' && i.value === 'EICA611114HJCLSN03' && i.country === 'MX'));
});

test('vessel IMO and former names (sdn.csv 4243)', () => {
  const facts = parseRemarks(realRemark('4243'));
  assert.deepEqual(facts.identifiers, [{ type: 'imo', value: '7406784', label: 'Vessel Registration Identification IMO' }]);
  assert.deepEqual(
    facts.names.map((n) => [n.kind, n.full]),
    [
      ['f.k.a.', 'ANA I'],
      ['f.k.a.', 'SAND SWAN'],
    ],
  );
});

test('aircraft statements (sdn.csv 15431)', () => {
  const facts = parseRemarks(realRemark('15431'));
  assert.deepEqual(facts.properties.model, ['IL76-TD']);
  assert.deepEqual(facts.properties.operator, ['YAS AIR']);
  assert.deepEqual(facts.properties.buildDate, ['1992']);
  assert.ok(facts.identifiers.some((i) => i.type === 'aircraft_serial' && i.value === '1023409321'));
  assert.equal(facts.linkedTo[0]!.target, 'POUYA AIR');
});

test('statement forms one at a time', () => {
  assert.deepEqual(parseRemarkStatement('Email Address info@example.ir').contacts, [{ type: 'email', value: 'info@example.ir' }]);
  assert.deepEqual(parseRemarkStatement('Website www.vtb.com').contacts, [{ type: 'website', value: 'www.vtb.com' }]);
  assert.deepEqual(parseRemarkStatement('MMSI 572469210').identifiers, [{ type: 'mmsi', value: '572469210', label: 'MMSI' }]);
  assert.deepEqual(parseRemarkStatement('alt. citizen Iran').countries, [{ code: 'IR', role: 'citizenship' }]);
  assert.deepEqual(parseRemarkStatement('Tax ID No. 7702070139 (Russia)').identifiers, [
    { type: 'tax', value: '7702070139', label: 'Tax ID No.', country: 'RU' },
  ]);
  assert.deepEqual(parseRemarkStatement('Organization Established Date 17 Oct 1990').properties, { incorporationDate: ['17 Oct 1990'] });
  assert.deepEqual(parseRemarkStatement('ICTY indictee.').unparsed, ['ICTY indictee.']);
});

test('splitting keeps "; " inside a quoted alias', () => {
  assert.deepEqual(splitRemarks("a.k.a. 'A; B'; DOB 1960."), ["a.k.a. 'A; B'", 'DOB 1960.']);
});

test('over the whole real sdn.csv most statements are understood', () => {
  const text = readFileSync(sharedData('ofac/sdn_csv/sdn.csv'), 'latin1');
  let statements = 0;
  let unparsed = 0;
  let dobs = 0;
  let dobParsed = 0;
  for (const line of text.split('\r\n')) {
    const m = /,"([^"]*)"$/.exec(line);
    if (!m) continue;
    const parts = splitRemarks(m[1]!);
    statements += parts.length;
    const facts = parseRemarks(m[1]!);
    unparsed += facts.unparsed.length;
    const dobStatements = parts.filter((p) => /^(alt\. )?DOB /.test(p)).length;
    dobs += dobStatements;
    if (dobStatements > 0 && facts.birthDates.length > 0) dobParsed += dobStatements;
  }
  assert.ok(statements > 50000, `statements ${statements}`);
  // Free-text notes ("Member of the State Duma ...", "ICTY indictee.") stay unparsed by design.
  assert.ok(unparsed / statements < 0.06, `unparsed ${unparsed} of ${statements}`);
  assert.ok(dobParsed / dobs > 0.99, `DOB statements parsed ${dobParsed} of ${dobs}`);
});
