import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from '../../../test/shared-data.js';
import { ListParseError } from '../errors.js';
import { parse, splitUnAliasName } from './un-xml.js';

const current = sharedData('un/consolidated.xml');
const parsed = parse({ main: current }, { source: 'un_sc' });
const byRef = async (ref: string) => {
  const e = (await parsed).entities.find((x) => x.sourceId === ref);
  assert.ok(e, `${ref} not parsed`);
  return e;
};

test('UN consolidated.xml: every record, publication time from dateGenerated', async () => {
  const r = await parsed;
  assert.equal(r.entities.length, 1003);
  assert.equal(r.entities.filter((e) => e.schema === 'Person').length, 730);
  assert.equal(r.entities.filter((e) => e.schema === 'Organization').length, 273);
  assert.equal(r.entities.filter((e) => e.programs.includes('Iran')).length, 121);
  assert.equal(r.publishedAt, '2026-02-27T00:00:09.554Z');
  assert.equal(new Set(r.entities.map((e) => e.id)).size, 1003);
});

test('UN 2024-09-26 copy: 875 records and no Iran entries (before snapback)', async () => {
  const r = await parse({ main: sharedData('un/history/consolidated_2024-09-26.xml') }, { source: 'un_sc' });
  assert.equal(r.entities.length, 875);
  assert.equal(r.entities.filter((e) => e.schema === 'Person').length, 682);
  assert.equal(r.entities.filter((e) => e.programs.includes('Iran')).length, 0);
  assert.equal(r.publishedAt, '2024-09-26T00:00:07.514Z');
});

test('IRi.034 field by field; "a; b b) c; d" alias field split into five names', async () => {
  const e = await byRef('IRi.034');
  assert.equal(e.id, 'un_sc:IRi.034');
  assert.equal(e.schema, 'Person');
  assert.equal(e.name, 'M. JAVAD KARIMI SABET');
  assert.deepEqual(e.names[0], { full: 'M. JAVAD KARIMI SABET', quality: 'primary', parts: { first: 'M. JAVAD', last: 'KARIMI SABET' } });
  assert.deepEqual(
    e.names.slice(1).map((n) => [n.full, n.quality]),
    [
      ['Mohammed Sabet', 'strong'],
      ['Mohammad Sabet', 'strong'],
      ['M. Javad Kareemi Sabet', 'strong'],
      ['M. Jawad Kareemi Sabet', 'strong'],
      ['M. Jawad Karimi Sabet', 'strong'],
    ],
  );
  assert.deepEqual(e.birthDates, ['1973-07-25']);
  assert.deepEqual(e.programs, ['Iran']);
  assert.equal(e.listedOn, '2008-03-03');
  assert.deepEqual(e.remarks, ['[Old Reference # I.03.I.8]']);
  assert.match(e.properties.position![0]!, /^Head of Novin Energy Company/);
});

test('IRi.010: three ";"-separated aliases; year-only birth date', async () => {
  const e = await byRef('IRi.010');
  assert.equal(e.name, 'HALEH BAKHTIAR');
  assert.deepEqual(e.names.slice(1).map((n) => n.full), ['Halen Bakhtiar', 'Haleh Bakhtiari', 'Haleh Bakhtiyar']);
  assert.deepEqual(e.birthDates, ['1975']);
});

test('QDi.306: Arabic original-script name and "عربي (Latin; Latin)" aliases split, quality kept', async () => {
  const e = await byRef('QDi.306');
  assert.equal(e.name, 'MUSTAFA HAJJI MUHAMMAD KHAN');
  const original = e.names.find((n) => n.originalScript);
  assert.deepEqual(original, { full: 'مصطفى حجي محمد خان', quality: 'strong', originalScript: true, script: 'Arab' });
  const names = new Map(e.names.map((n) => [n.full, n]));
  for (const n of ['حسن غول', 'Hassan Ghul', 'Hassan Gul', 'Hasan Gul', 'Khalid Mahmud']) assert.equal(names.get(n)?.quality, 'strong', n);
  for (const n of ['أبو شيماء', 'Abu-Shaima', 'Abu- Shayma', 'Ahmad Shahji']) assert.equal(names.get(n)?.quality, 'weak', n);
  assert.equal(names.get('حسن غول')?.script, 'Arab');
  assert.equal(names.get('Hassan Ghul')?.script, undefined);
  assert.ok(![...names.keys()].some((n) => n.includes('(')));
});

test('QDi.290: Cyrillic original-script name', async () => {
  const e = await byRef('QDi.290');
  const original = e.names.find((n) => n.originalScript);
  assert.equal(original?.full, 'Умаров Доку Хаматович');
  assert.equal(original?.script, 'Cyrl');
});

test('alias splitting: lettered lists, annotations, parenthesised names that are not transliterations', () => {
  assert.deepEqual(splitUnAliasName('a) Abu Ali b) Abu Ahmad; Abou Ahmed'), ['Abu Ali', 'Abu Ahmad', 'Abou Ahmed']);
  assert.deepEqual(splitUnAliasName('Ezatullah Haqqani (previously listed as)'), ['Ezatullah Haqqani']);
  assert.deepEqual(splitUnAliasName('(Sheikh) Musa Hilal'), ['(Sheikh) Musa Hilal']);
  assert.deepEqual(splitUnAliasName('Lom-ali Butayev (Butaev)'), ['Lom-ali Butayev (Butaev)']);
});

test('documents, nationality and addresses carry ISO country codes', async () => {
  const r = await parsed;
  const withPassport = r.entities.filter((e) => e.identifiers.some((i) => i.type === 'passport'));
  assert.ok(withPassport.length > 200, `${withPassport.length} entities with passports`);
  const korean = r.entities.filter((e) => e.countries.some((c) => c.code === 'KP' && c.role === 'nationality'));
  assert.ok(korean.length >= 79, `${korean.length} DPRK nationals`);
  assert.ok(r.entities.every((e) => e.countries.every((c) => /^[A-Z]{2}$/.test(c.code))));
});

test('"associated with (QDe.001)" remarks become association relations; unknown references warn', async () => {
  const r = await parsed;
  const from241 = r.relations.filter((x) => x.from === 'un_sc:QDi.241').map((x) => x.to);
  assert.ok(from241.includes('un_sc:QDe.001'));
  // "Member of the Rajah Solaiman Movement (QDe.128), and associated with ...": membership, not cited as association.
  assert.ok(!from241.includes('un_sc:QDe.128'));
  const rel = r.relations.find((x) => x.from === 'un_sc:QDi.241' && x.to === 'un_sc:QDe.001')!;
  assert.equal(rel.type, 'association');
  assert.match(rel.evidence, /associated with the Abu Sayyaf Group \(QDe\.001\)/);
  const ids = new Set(r.entities.map((e) => e.id));
  assert.ok(r.relations.every((x) => ids.has(x.from) && ids.has(x.to) && x.from !== x.to));
  assert.ok(r.relations.length > 50, `${r.relations.length} relations`);
  assert.ok(r.warnings.some((w) => w.message.includes('QDi.317')));
});

const tmp = mkdtempSync(join(tmpdir(), 'interdict-un-'));

test('a truncated copy is an error naming the file and place, not a partial list', async () => {
  const bytes = readFileSync(current);
  const file = join(tmp, 'truncated.xml');
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(parse({ main: file }, { source: 'un_sc' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.equal(err.file, file);
    assert.match(err.at ?? '', /line \d+, element \/CONSOLIDATED_LIST\/INDIVIDUALS/);
    return true;
  });
});

test('corrupt XML (a broken tag) is an error with its line', async () => {
  const text = readFileSync(current, 'utf8').replace('<REFERENCE_NUMBER>IRi.034</REFERENCE_NUMBER>', '<REFERENCE_NUMBER>IRi.034</REFERENCE_NUMBR>');
  const file = join(tmp, 'corrupt.xml');
  writeFileSync(file, text);
  const line = text.slice(0, text.indexOf('</REFERENCE_NUMBR>')).split('\n').length;
  await assert.rejects(parse({ main: file }, { source: 'un_sc' }), (err: unknown) => {
    assert.ok(err instanceof ListParseError);
    assert.match(err.at ?? '', new RegExp(`^line ${line}, `));
    return true;
  });
});

test('another XML document is refused', async () => {
  const file = join(tmp, 'other.xml');
  writeFileSync(file, '<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>');
  await assert.rejects(parse({ main: file }, { source: 'un_sc' }), /expected CONSOLIDATED_LIST/);
});
