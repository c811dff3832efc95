import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectScript, isNonLatin } from './script.js';

test('detectScript names the dominant script by its ISO 15924 code', () => {
  assert.equal(detectScript('مصطفى حجي محمد خان'), 'Arab');
  assert.equal(detectScript('Умаров Доку Хаматович'), 'Cyrl');
  assert.equal(detectScript('金正恩'), 'Hani');
  assert.equal(detectScript('김정은'), 'Hang');
  assert.equal(detectScript('トヨタ自動車'), 'Jpan');
  assert.equal(detectScript('ყოფილი'), 'Geor');
  assert.equal(detectScript('M. Javad Karimi Sabet'), 'Latn');
  assert.equal(detectScript('Müller-Lüdenscheidt'), 'Latn');
  // Mixed: the majority wins; digits and punctuation do not count.
  assert.equal(detectScript('حسن غول (Ghul)'), 'Arab');
  assert.equal(detectScript('12-34 / .'), undefined);
  assert.equal(isNonLatin('Иван'), true);
  assert.equal(isNonLatin('Ivan'), false);
});
