import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareName, consonantSkeleton, detectScript } from './normalize.js';

const texts = (s: string, person = false) => prepareName(s, { person }).tokens.map((t) => t.text);

test('NFKC, case and diacritic folding', () => {
  assert.deepEqual(texts('ＭÜLLER-Lüdenscheidt'), ['muller', 'ludenscheidt']);
  assert.deepEqual(texts("Ja'far Al-Husaynī"), ['jafar', 'al', 'husayni']);
});

test('script detection', () => {
  assert.equal(detectScript('محمد حسینی'), 'Arab');
  assert.equal(detectScript('Сергей'), 'Cyrl');
  assert.equal(detectScript('Χρήστος'), 'Grek');
  assert.equal(detectScript('ישראל'), 'Hebr');
  assert.equal(detectScript('金正恩'), 'Hani');
  assert.equal(detectScript('김정은'), 'Hang');
});

test('Persian letters, kaf/yeh pairs and ZWNJ', () => {
  // Arabic kaf ك and Persian kaf ک, Arabic yeh ي and Persian yeh ی fold alike.
  assert.deepEqual(texts('كريمي'), texts('کریمی'));
  // A word-final heh / teh marbuta is a vowel ending (چگونه chegune, حمزة Hamza).
  assert.deepEqual(texts('پژوهش چگونه'), ['pzhwhsh', 'chgwna']);
  assert.deepEqual(prepareName('حمزة').tokens[0]!.skeletons, prepareName('Hamzeh').tokens[0]!.skeletons);
  // ZWNJ splits a word into joinable parts.
  const t = prepareName('علی‌اکبر').tokens;
  assert.equal(t.length, 2);
  assert.equal(t[0]!.joinNext, true);
  // the article is split off as a particle
  assert.equal(prepareName('الحسینی').tokens[0]!.weak, 'particle');
});

test('Cyrillic gets several romanisations', () => {
  const [sergey, shoigu] = prepareName('Сергей Шойгу').tokens;
  assert.equal(sergey!.text, 'sergey');
  assert.ok(shoigu!.alts.includes('shoigu') || shoigu!.text === 'shoigu' || shoigu!.alts.includes('schoigu'));
  const kh = prepareName('Ходорковский').tokens[0]!;
  assert.ok([kh.text, ...kh.alts].some((x) => x.startsWith('kh')) && [kh.text, ...kh.alts].some((x) => x.startsWith('h')));
});

test('Greek, Hebrew, CJK and Hangul are transliterated', () => {
  assert.deepEqual(texts('Χριστόδουλος'), ['christodoylos']);
  assert.deepEqual(texts('김정은'), ['gim', 'jeong', 'eun']);
  assert.deepEqual(texts('金正恩'), ['jin', 'zheng', 'en']);
  assert.ok(texts('כהן')[0]!.length > 0);
});

test('consonant skeletons: unvowelled Arabic meets romanised spellings', () => {
  const sk = (s: string) => prepareName(s).tokens.map((t) => t.skeletons);
  assert.ok(sk('محمد')[0]!.includes(consonantSkeleton('mohammad')[0]!));
  assert.equal(consonantSkeleton('muhammad')[0], consonantSkeleton('mohamed')[0]);
  assert.equal(consonantSkeleton('bakeri')[0], consonantSkeleton('bagheri')[0]);
  assert.notEqual(consonantSkeleton('hosseini')[0], consonantSkeleton('hassan')[0]);
  assert.notEqual(consonantSkeleton('ahmad')[0], consonantSkeleton('hamid')[0]);
  assert.notEqual(consonantSkeleton('abubaker')[0], consonantSkeleton('bakeri')[0]);
});

test('weak tokens: titles, particles, legal forms in several scripts', () => {
  const weak = (s: string) => prepareName(s).tokens.map((t) => t.weak ?? '-');
  assert.deepEqual(weak('General Qasem Soleimani'), ['title', '-', '-']);
  assert.deepEqual(weak('ООО Ромашка'), ['legal_form', '-']);
  assert.deepEqual(weak('Mahan Air PJSC'), ['-', '-', 'legal_form']);
  assert.deepEqual(weak('شرکت ماهان'), ['legal_form', '-']);
  assert.deepEqual(weak('Sayyed Hassan Nasrallah'), ['title', '-', '-']);
  assert.deepEqual(weak('سيد حسن'), ['title', '-']);
});

test('persons written "LAST, FIRST" are read in given-name order', () => {
  assert.deepEqual(texts('MADURO MOROS, Nicolas', true), ['nicolas', 'maduro', 'moros']);
  assert.deepEqual(texts('ACME, LTD'), ['acme', 'ltd']);
});
