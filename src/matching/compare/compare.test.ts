import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareName } from '../normalize.js';
import { compareTokens } from './tokens.js';
import { compareNames } from './names.js';
import { compareBirthDates, DATE_DELTAS } from './dates.js';
import { compareIdentifiers, normaliseIdentifier } from './identifiers.js';
import { compareCountries, COUNTRY_DELTAS } from './countries.js';
import { compareSchema, canonicalSchema } from './schema.js';

const tok = (s: string) => prepareName(s).tokens[0]!;

test('token ladder: exact > romanisation > given-name variant > consonants > spelling', () => {
  assert.equal(compareTokens(tok('soleimani'), tok('Soleimani')).how, 'exact');
  assert.equal(compareTokens(tok('Qasem'), tok('Kasim')).how, 'given-name variant');
  assert.equal(compareTokens(tok('محمد'), tok('Mohammad')).how, 'consonants');
  assert.ok(compareTokens(tok('محمد'), tok('Mohammad')).sim >= 0.9);
  assert.ok(compareTokens(tok('Soleimnai'), tok('Soleimani')).sim >= 0.8);
  assert.equal(compareTokens(tok('Rostami'), tok('Rostani')).how, 'spelling');
  assert.ok(compareTokens(tok('Rostami'), tok('Rostani')).sim >= 0.8);
  assert.equal(compareTokens(tok('J'), tok('John')).how, 'initial');
  assert.equal(compareTokens(tok('Petrov'), tok('Karimi')).sim, 0);
  assert.equal(compareTokens(tok('52'), tok('53')).sim, 0, 'numbers must be equal');
});

test('name alignment: weak tokens count little, missing strong words cost', () => {
  const n = (s: string) => prepareName(s);
  assert.equal(compareNames(n('Mahan Air'), n('MAHAN AIR'), false).score, 1);
  assert.ok(compareNames(n('Mahan Air LLC'), n('MAHAN AIR'), false).score > 0.9);
  assert.ok(compareNames(n('Industrial Group'), n('Shahid Bagheri Industrial Group'), false).score <= 0.45);
  const joined = compareNames(n('Agha Jani'), n('Aghajani'), true);
  assert.equal(joined.score, 1);
  assert.deepEqual(joined.joined, ['agha+jani']);
});

test('birth dates: partial dates compare at the precision both have', () => {
  assert.equal(compareBirthDates('1957', ['1957-03-11'])!.delta, DATE_DELTAS.year);
  assert.equal(compareBirthDates('1957-03-11', ['1957-03-11'])!.delta, DATE_DELTAS.day);
  assert.equal(compareBirthDates('1958', ['1957'])!.delta, DATE_DELTAS.nearYear);
  assert.equal(compareBirthDates('1980', ['1957', '1958'])!.delta, DATE_DELTAS.mismatch);
  assert.equal(compareBirthDates('1957', ['1980', '1957'])!.delta, DATE_DELTAS.year, 'best of several listed dates');
  assert.equal(compareBirthDates(undefined, ['1957']), undefined);
});

test('identifiers: normalised exact match, short ones never decide', () => {
  assert.equal(normaliseIdentifier('IMO 9165778'), '9165778');
  assert.equal(normaliseIdentifier('a-12 345.6'), 'A123456');
  assert.ok(compareIdentifiers(['a 123456'], ['A123456']));
  assert.equal(compareIdentifiers(['123'], ['123']), undefined);
  assert.equal(compareIdentifiers(['A123457'], ['A123456']), undefined);
});

test('countries and schema', () => {
  assert.equal(compareCountries('ir', ['IR', 'SY'])!.delta, COUNTRY_DELTAS.match);
  assert.equal(compareCountries('DE', ['IR'])!.delta, COUNTRY_DELTAS.mismatch);
  assert.equal(compareSchema('Company', 'Organization'), undefined);
  assert.equal(compareSchema('Organization', 'LegalEntity'), undefined);
  assert.ok(compareSchema('Person', 'Organization')!.delta <= -0.3);
  assert.ok(compareSchema('Vessel', 'Person')!.delta < 0);
  assert.equal(canonicalSchema('organisation'), 'Organization');
});
