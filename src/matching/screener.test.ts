// The screening engine on hand-made entities: pinned failures of other tools, Persian/Arabic and
// Cyrillic spellings, evidence beyond names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScreener, DEFAULT_THRESHOLD } from './screener.js';
import { SCORER_VERSION } from './scorer.js';
import { fixtureSnapshot } from '../../test/fixtures/screening-entities.js';

const screener = createScreener([fixtureSnapshot()]);
const top = (name: string, extra: Record<string, unknown> = {}) =>
  screener.screen({ name, ...extra }, { threshold: 0, limit: 20 });
const scoreOf = (name: string, id: string, extra: Record<string, unknown> = {}) =>
  top(name, extra).find((m) => m.sourceId === id)?.score ?? 0;

test('reports the scorer version and list versions', () => {
  assert.equal(screener.scorerVersion, SCORER_VERSION);
  assert.deepEqual(screener.listVersions, { test_list: 'fixture1' });
});

test('pinned: a generic or short token never reaches an alert', () => {
  for (const q of ['CORP', 'INDUSTRIAL GROUP', 'GROUP', 'JSC', 'Air', 'LLC']) {
    const best = top(q)[0];
    assert.ok(!best || best.score < DEFAULT_THRESHOLD, `${q} scored ${best?.score} on ${best?.name}`);
  }
});

test('pinned: "Nicolas Maduro" ranks MADURO MOROS above NICOLAOU', () => {
  const ms = top('Nicolas Maduro');
  assert.equal(ms[0]!.sourceId, 'P1');
  assert.ok(ms[0]!.score >= DEFAULT_THRESHOLD);
  assert.ok(scoreOf('Nicolas Maduro', 'P2') < DEFAULT_THRESHOLD);
});

test('pinned: swapped given and family names match on purpose and the explanation says so', () => {
  const straight = top('Qasem Soleimani')[0]!;
  const swapped = top('Soleimani Qasem')[0]!;
  assert.equal(swapped.sourceId, 'P5');
  assert.ok(swapped.score >= DEFAULT_THRESHOLD);
  assert.ok(swapped.score < straight.score, 'a swap costs a little');
  assert.match(swapped.explanation, /another order/);
  assert.doesNotMatch(straight.explanation, /another order/);
});

test('pinned: scores spread over the range instead of bunching', () => {
  const queries = ['Qasem Soleimani', 'Qasim Solaimani', 'Kasem Soleiman', 'Qasem', 'Soleimani Hossein', 'Maduro', 'Nicolas Mad', 'Hossein Soleimani Mahan'];
  const scores = new Set(queries.map((q) => scoreOf(q, 'P5')).concat(queries.map((q) => scoreOf(q, 'P1'))));
  assert.ok(scores.size >= 8, `only ${scores.size} distinct scores: ${[...scores].join(', ')}`);
});

test('pinned: every alias is scored and the best one is reported as matchedName', () => {
  const m = top('Qassem Suleimani')[0]!;
  assert.equal(m.sourceId, 'P5');
  assert.equal(m.matchedName, 'Qassem Suleimani');
  assert.equal(m.score, 1);
  assert.match(m.explanation, /alias "Qassem Suleimani"/);
});

test('Persian: "Shahid Bakeri" matches SHAHID BAGHERI INDUSTRIAL GROUP and the vessel', () => {
  const ms = top('Shahid Bakeri');
  assert.ok(scoreOf('Shahid Bakeri', 'O1') >= DEFAULT_THRESHOLD, JSON.stringify(ms[0]));
  assert.ok(scoreOf('Shahid Bakeri', 'V1') >= 0.99);
});

test('Persian: Arabic-script محمد حسینی matches Mohammad Hosseini, and the reverse', () => {
  const m = top('محمد حسینی')[0]!;
  assert.equal(m.sourceId, 'P4');
  assert.ok(m.score >= 0.9);
  const r = top('Mohammad Hosseini')[0]!;
  assert.equal(r.sourceId, 'P4');
  assert.ok(r.score >= 0.95);
  // same consonants as Hassan (h-s-n) but not the same name
  assert.ok(scoreOf('Mohammad Hosseini', 'P7') < DEFAULT_THRESHOLD);
});

test('Persian: spellings of Qasem Soleimani all alert', () => {
  for (const q of ['Qasem Soleimani', 'Ghasem Soleymani', 'Kasim Sulaimani', 'Qassem Soleimany', 'قاسم سلیمانی', 'Haj Qasem Soleimani', 'General Qasem Soleimani']) {
    assert.ok(scoreOf(q, 'P5') >= DEFAULT_THRESHOLD, `${q}: ${scoreOf(q, 'P5')}`);
  }
});

test('Cyrillic: Сергей Шойгу ~ Sergei Shoigu ~ Sergey Shoygu', () => {
  for (const q of ['Сергей Шойгу', 'Sergei Shoigu', 'Sergey Shoygu', 'Serguei Schoigu']) {
    const m = top(q)[0]!;
    assert.equal(m.sourceId, 'P3', q);
    assert.ok(m.score >= DEFAULT_THRESHOLD, `${q}: ${m.score}`);
  }
});

test('company legal forms are weak: OOO Spetstekhnika ~ ООО "Спецтехника" ~ Spetstehnika LLC', () => {
  for (const q of ['ООО Спецтехника', 'Spetstekhnika LLC', 'Spetstehnika', 'SPETSTEKHNIKA OOO']) {
    assert.ok(scoreOf(q, 'O3') >= DEFAULT_THRESHOLD, `${q}: ${scoreOf(q, 'O3')}`);
  }
  assert.ok(scoreOf('Rosoboronexport', 'O4') >= 0.9);
});

test('joined and split tokens: Agha-Jani ~ Aghajani', () => {
  assert.ok(scoreOf('Azim Agha Jani', 'P6') >= 0.95);
  assert.ok(scoreOf('Azim Aghajani', 'P6') === 1);
  assert.match(top('Azim Agha Jani')[0]!.explanation, /joined/);
});

test('initials and typos', () => {
  assert.ok(scoreOf('Q. Soleimani', 'P5') >= DEFAULT_THRESHOLD);
  assert.ok(scoreOf('Qasem Solemani', 'P5') >= DEFAULT_THRESHOLD);
  assert.ok(scoreOf('Qasem Soleimnai', 'P5') >= DEFAULT_THRESHOLD);
});

test('birth date: agreement raises, disagreement lowers', () => {
  const base = scoreOf('Sergei Shoigu', 'P3');
  const agree = scoreOf('Sergei Shoigu', 'P3', { birthDate: '1955-05-21' });
  const differ = scoreOf('Sergei Shoigu', 'P3', { birthDate: '1980' });
  assert.ok(agree >= base && differ < base - 0.1, `${base} ${agree} ${differ}`);
});

test('schema: a Person query lowers an Organization strongly; Company and Organization are compatible', () => {
  assert.ok(scoreOf('Shahid Bagheri Industrial Group', 'O1', { schema: 'Person' }) < DEFAULT_THRESHOLD);
  assert.ok(scoreOf('Shahid Bagheri Industrial Group', 'O1', { schema: 'Company' }) >= 0.95);
});

test('identifiers: an exact identifier match is decisive, whatever the name', () => {
  const m = top('Unknown Shipping', { ids: ['9165778'] }).find((x) => x.sourceId === 'V1');
  assert.ok(m && m.score >= 0.99);
  assert.match(m.explanation, /identifier/);
});

test('threshold, limit and sources filter the results', () => {
  assert.equal(screener.screen({ name: 'Qasem Soleimani' }, { threshold: 0.999 }).length, 1);
  assert.equal(screener.screen({ name: 'Qasem Soleimani' }, { limit: 1, threshold: 0 }).length, 1);
  assert.equal(screener.screen({ name: 'Qasem Soleimani' }, { sources: ['other_list'] }).length, 0);
});

test('a match has exactly the public fields', () => {
  const m = screener.screen({ name: 'Qasem Soleimani' })[0]!;
  assert.deepEqual(Object.keys(m).sort(), ['countries', 'entityId', 'explanation', 'matchedName', 'name', 'programs', 'schema', 'score', 'source', 'sourceId']);
});

test('short syllables of Korean names still match when several agree', () => {
  const s = createScreener([
    {
      ...fixtureSnapshot('kp_list', 'k1'),
      entities: [{ ...fixtureSnapshot().entities[0]!, id: 'kp_list:K1', source: 'kp_list', sourceId: 'K1', name: 'KIM, Jong Un', names: [{ full: 'KIM, Jong Un', quality: 'primary' }], birthDates: [] }],
    },
  ]);
  assert.ok(s.screen({ name: 'Kim Jong Un' })[0]!.score >= DEFAULT_THRESHOLD);
  assert.equal(s.screen({ name: 'Kim' }).length, 0);
});
