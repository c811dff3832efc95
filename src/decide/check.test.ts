// checkTransfer on real loaders: the regimes in data/regimes, the control-list classifier, and a
// screener over the real UN (two dated versions) and US CSL files loaded into a temporary store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from '../../test/shared-data.js';
import type { Decision, JurisdictionDecision } from '../domain/decision.js';
import type { Transfer } from '../domain/transfer.js';
import { loadControlLists } from '../controls/classify.js';
import { buildGraph } from '../graph/graph.js';
import { loadFiles } from '../lists/load.js';
import { openListStore, type ListStore } from '../lists/store.js';
import { createScreener, openScreener, selectVersions, type Screener } from '../matching/screener.js';
import { loadIndicators } from '../redflags/indicators.js';
import { loadRegimes } from '../regimes/load.js';
import { checkTransfer, type CheckContext } from './check.js';
import { parseTransfer } from './transfer-input.js';

const fixture = (name: string): Transfer =>
  parseTransfer(JSON.parse(readFileSync(new URL(`../../test/fixtures/transfers/${name}.json`, import.meta.url), 'utf8')));

let home: string;
let store: ListStore;
const regimes = loadRegimes();
const controls = loadControlLists();
const indicators = loadIndicators();

before(async () => {
  home = mkdtempSync(join(tmpdir(), 'interdict-check-'));
  store = openListStore(home);
  await loadFiles(store, { source: 'un_sc_sanctions', format: 'un_xml', files: { main: sharedData('un/history/consolidated_2024-09-26.xml') } });
  await loadFiles(store, { source: 'un_sc_sanctions', format: 'un_xml', files: { main: sharedData('un/consolidated.xml') } });
  // The CSL CSV carries no date; SOURCES.md dates this copy to about mid-May 2022.
  await loadFiles(store, { source: 'us_trade_csl', format: 'csl_csv', files: { main: sharedData('us-csl/consolidated.csv.gz') }, published: '2022-05-16' });
});

after(() => rmSync(home, { recursive: true, force: true }));

const screeners = new Map<string, Screener>();

/** The context the CLI builds: list versions as of the date (none before the oldest), every real loader. */
function contextAsOf(asOf: string, extra: Partial<CheckContext> = {}): CheckContext {
  const sources = store.sources().filter((s) => store.asOf(s, asOf));
  const versions = sources.length ? selectVersions(store, { sources, asOf }) : [];
  const key = versions.map((v) => v.version).join(',');
  let screener = screeners.get(key);
  if (!screener) {
    screener = sources.length ? openScreener(store, { sources, asOf }) : createScreener([]);
    screeners.set(key, screener);
  }
  return {
    screener,
    controls,
    regimes,
    indicators,
    listVersions: Object.fromEntries(versions.map((v) => [v.source, v.version])),
    ...extra,
  };
}

function check(t: Transfer, asOf: string, extra: Partial<CheckContext> = {}): Decision {
  return checkTransfer(t, asOf, contextAsOf(asOf, extra));
}

function jur(d: Decision, j: string): JurisdictionDecision {
  const x = d.jurisdictions.find((y) => y.jurisdiction === j);
  assert.ok(x, `no ${j} in decision`);
  return x;
}

function measureIds(d: Decision, j: string): string[] {
  return jur(d, j).measures.map((m) => m.id);
}

test('Shahed-136 Iran -> Russia: UN approval needed on 2023-10-17, nothing on 2023-10-19; EU/UK/US prohibit both days', () => {
  const t = fixture('shahed-136-iran-to-russia');
  const before = check(t, '2023-10-17');
  assert.ok(before.items[0]!.controls.some((c) => c.list === 'MTCR' && c.entry.startsWith('19.A.2')), 'classified MTCR 19.A.2');
  const un = jur(before, 'UN');
  assert.equal(un.verdict, 'authorization_required');
  const p4 = un.measures.find((m) => m.id === 'un-2231-b4-mtcr-items');
  assert.ok(p4, 'UNSCR 2231 Annex B para 4 applies');
  assert.equal(p4.citation, 'UNSCR 2231 (2015) Annex B, para 4(a)');
  assert.equal(p4.inForce.to, '2023-10-18T00:00:00Z');
  assert.match(p4.why, /MTCR 19\.A\.2/);
  assert.match(p4.why, /from IR \(origin\)/);
  assert.equal(before.verdict, 'prohibited');

  const afterDay = check(t, '2023-10-19');
  assert.equal(jur(afterDay, 'UN').verdict, 'no_restriction');
  assert.ok(!measureIds(afterDay, 'UN').includes('un-2231-b4-mtcr-items'), `!measureIds(afterDay, 'UN').includes('un-2231-b4-mtcr-items')`);
  for (const j of ['EU', 'UK', 'US']) assert.equal(jur(afterDay, j).verdict, 'prohibited', j);
  assert.ok(measureIds(afterDay, 'EU').includes('eu-2014-512-arms-embargo'), `measureIds(afterDay, 'EU').includes('eu-2014-512-arms-embargo')`);
  assert.ok(measureIds(afterDay, 'UK').includes('uk-2019-461-reg29-from-iran'), `measureIds(afterDay, 'UK').includes('uk-2019-461-reg29-from-iran')`);
  assert.ok(measureIds(afterDay, 'US').includes('us-itsr-560-206-iranian-origin'), `measureIds(afterDay, 'US').includes('us-itsr-560-206-iranian-origin')`);
  assert.equal(afterDay.verdict, 'prohibited');
  assert.equal(afterDay.asOf, '2023-10-19T00:00:00Z');
  for (const j of afterDay.jurisdictions) {
    for (const m of j.measures) {
      assert.ok(m.citation && m.why, `${m.id} has citation and why`);
    }
  }
});

test('snapback: UN no restriction on 2025-09-27, prohibited (contested) from 2025-09-28T00:00Z', () => {
  const t = fixture('shahed-136-iran-to-russia');
  const d27 = check(t, '2025-09-27');
  assert.equal(jur(d27, 'UN').verdict, 'no_restriction');
  assert.equal(jur(d27, 'UN').contested, false);
  assert.equal(jur(check(t, '2025-09-27T23:59:00Z'), 'UN').verdict, 'no_restriction');
  assert.equal(jur(check(t, '2025-09-28T00:00:00Z'), 'UN').verdict, 'prohibited');
  const d01 = check(t, '2025-10-01');
  const un = jur(d01, 'UN');
  assert.equal(un.verdict, 'prohibited');
  assert.equal(un.contested, true);
  assert.ok(measureIds(d01, 'UN').includes('un-1737-p7-procurement-from-iran'), `measureIds(d01, 'UN').includes('un-1737-p7-procurement-from-iran')`);
  assert.ok(measureIds(d01, 'UN').includes('un-1747-p5-arms-from-iran'), `measureIds(d01, 'UN').includes('un-1747-p5-arms-from-iran')`);
  const m = un.measures.find((x) => x.id === 'un-1747-p5-arms-from-iran')!;
  assert.deepEqual(m.contestedBy, ['IR', 'RU', 'CN']);
  assert.equal(m.inForce.from, '2025-09-28T00:00:00Z');
  assert.match(m.why, /Contested: Iran, Russia and China/);
});

test('arms restrictions: conventional arms from Iran need UN approval on 2020-10-17, not on 2020-10-19 (Annex B 6(b)); to Iran likewise (para 5)', () => {
  const fromIran = fixture('armoured-vehicle-parts-iran-to-syria');
  const d17 = check(fromIran, '2020-10-17');
  assert.equal(jur(d17, 'UN').verdict, 'authorization_required');
  assert.deepEqual(jur(d17, 'UN').measures.filter((m) => m.effect !== 'context').map((m) => m.id), ['un-2231-b6b-arms-from-iran']);
  const d19 = check(fromIran, '2020-10-19');
  assert.equal(jur(d19, 'UN').verdict, 'no_restriction');
  // The EU embargo on arms from Iran stays; the transfer has EU nexus.
  assert.equal(jur(d19, 'EU').verdict, 'prohibited');
  assert.equal(d19.verdict, 'prohibited');

  const toIran: Transfer = { ...fromIran, origin: 'BY', destination: 'IR', parties: [
    { role: 'exporter', name: 'Minsk Track Components Plant', country: 'BY', schema: 'Organization' },
    { role: 'end_user', name: 'Dena Armour Repair Depot', country: 'IR', schema: 'Organization' },
  ], nexus: [] };
  assert.ok(measureIds(check(toIran, '2020-10-17'), 'UN').includes('un-2231-b5-arms-to-iran'), `measureIds(check(toIran, '2020-10-17'), 'UN').includes('un-2231-b5-arm`);
  assert.equal(jur(check(toIran, '2020-10-17'), 'UN').verdict, 'authorization_required');
  assert.equal(jur(check(toIran, '2020-10-19'), 'UN').verdict, 'no_restriction');
  assert.equal(jur(check(toIran, '2025-10-01'), 'UN').verdict, 'prohibited');
});

test('technology transfer: UAV design data and software to Iran', () => {
  const t = fixture('uav-technology-to-iran');
  const d = check(t, '2023-08-01');
  assert.ok(d.items[0]!.controls.some((c) => c.list === 'MTCR'), 'technology for a 1,500 km UAV is MTCR-listed');
  assert.equal(jur(d, 'UN').verdict, 'authorization_required');
  assert.ok(measureIds(d, 'UN').includes('un-2231-b4b-mtcr-services'), 'technical assistance with it (para 4(b))');
  assert.equal(jur(d, 'EU').verdict, 'prohibited');
  const eu = jur(d, 'EU').measures.find((m) => m.id === 'eu-2023-1529-uav-goods');
  assert.ok(eu, 'Regulation 2023/1529 Art. 2 applies');
  assert.match(eu.why, /to IR \(destination, end user Parsian Sky Research Institute\)/);
  assert.equal(d.verdict, 'prohibited');
  // Before Regulation 2023/1529 entered into force (26 Jul 2023) the EU side rests on 267/2012 only.
  assert.ok(!measureIds(check(t, '2023-07-25'), 'EU').includes('eu-2023-1529-uav-goods'), `!measureIds(check(t, '2023-07-25'), 'EU').includes('eu-2023-1529-uav-g`);
  assert.ok(measureIds(check(t, '2023-07-26'), 'EU').includes('eu-2023-1529-uav-goods'), `measureIds(check(t, '2023-07-26'), 'EU').includes('eu-2023-1529-uav-go`);
  assert.equal(jur(check(t, '2024-01-01'), 'UN').verdict, 'no_restriction');
});

test('CHPL microcontrollers (HS 8542.31) to Kazakhstan for a Russian end user', () => {
  const t = fixture('chpl-microcontrollers-kazakhstan-russia');
  const d = check(t, '2024-06-01');
  assert.ok(d.items[0]!.controls.some((c) => c.list === 'CHPL' && c.entry === 'Tier 1'), `d.items[0]!.controls.some((c) => c.list === 'CHPL' && c.entry === 'Tie`);
  assert.equal(jur(d, 'UN').verdict, 'no_restriction');
  assert.equal(jur(d, 'EU').verdict, 'prohibited');
  const art2a = jur(d, 'EU').measures.find((m) => m.id === 'eu-833-2014-art2a-annex-vii')!;
  assert.match(art2a.why, /to RU \(end user Uralsk Instrument Assembly LLC\)/);
  // The export goes to a third country: the Art. 12g no-Russia clause is owed in the contract.
  const clause = jur(d, 'EU').measures.find((m) => m.id === 'eu-833-2014-art12g-no-russia-clause')!;
  assert.equal(clause.effect, 'contractual_clause');
  assert.match(clause.why, /to KZ \(destination, importer Steppe Components Trading LLP\)/);
  assert.equal(jur(d, 'US').verdict, 'authorization_required');
  assert.ok(measureIds(d, 'US').includes('us-ear-746-8-russia-belarus'), `measureIds(d, 'US').includes('us-ear-746-8-russia-belarus')`);
  assert.equal(jur(d, 'UK').verdict, 'prohibited');
  assert.equal(d.verdict, 'prohibited');

  // Same goods for a Kazakh end user: no prohibition, but the clause still applies (from 2024-03-20).
  const kz: Transfer = { ...t, parties: t.parties.filter((p) => p.role !== 'end_user') };
  const dk = check(kz, '2024-06-01');
  assert.equal(jur(dk, 'EU').verdict, 'no_restriction');
  assert.ok(measureIds(dk, 'EU').includes('eu-833-2014-art12g-no-russia-clause'), `measureIds(dk, 'EU').includes('eu-833-2014-art12g-no-russia-clause')`);
  assert.ok(!measureIds(check(kz, '2024-03-19'), 'EU').includes('eu-833-2014-art12g-no-russia-clause'), `!measureIds(check(kz, '2024-03-19'), 'EU').includes('eu-833-2014-art12`);
});

test('plain goods between EU states are clear', () => {
  const d = check(fixture('eu-internal-general-goods'), '2024-05-02');
  assert.equal(d.verdict, 'clear', JSON.stringify(d.notes));
  for (const j of d.jurisdictions) {
    assert.equal(j.verdict, 'no_restriction');
    assert.deepEqual(j.measures, []);
  }
  assert.deepEqual(d.items[0]!.controls, []);
  assert.ok(d.parties.every((p) => p.matches.length === 0), `d.parties.every((p) => p.matches.length === 0)`);
  assert.equal(jur(d, 'EU').binding, true, 'EU nexus inferred from DE/FR parties');
  assert.equal(jur(d, 'US').binding, false);
});

test('a UN-listed end user brings in the restored UN asset freeze, with the list version as of the date', () => {
  const t: Transfer = {
    date: '2026-03-01',
    origin: 'TR',
    destination: 'IR',
    parties: [
      { role: 'exporter', name: 'Anadolu Makine Ticaret', country: 'TR', schema: 'Organization' },
      { role: 'end_user', name: 'Shahid Hemmat Industrial Group', country: 'IR', schema: 'Organization' },
    ],
    items: [{ description: 'Office chairs', kind: 'general_good', hsCode: '9401.30' }],
    nexus: ['EU'],
  };
  const d = check(t, '2026-03-01');
  const un = jur(d, 'UN');
  assert.equal(un.verdict, 'prohibited');
  const freeze = un.measures.find((m) => m.id === 'un-1737-p12-asset-freeze')!;
  assert.match(freeze.why, /party 1 Shahid Hemmat Industrial Group \(end user\) matches un_sc_sanctions entry "SHAHID HEMMAT INDUSTRIAL GROUP/);
  assert.equal(d.versions.lists['un_sc_sanctions'], store.current('un_sc_sanctions')!.version);
  assert.equal(d.versions.rules, regimes.version);

  // On 2025-10-01 the newest UN list published by then is the 2024-09-26 one: no Iran entries yet.
  const earlier = check(t, '2025-10-01');
  const old = store.versions('un_sc_sanctions').find((v) => v.publishedAt?.startsWith('2024-09-26'))!;
  assert.equal(earlier.versions.lists['un_sc_sanctions'], old.version);
  assert.ok(!measureIds(earlier, 'UN').includes('un-1737-p12-asset-freeze'), `!measureIds(earlier, 'UN').includes('un-1737-p12-asset-freeze')`);
  // The CSL (2022) still lists SHIG as an SDN: a US measure would apply, but the user has EU nexus
  // only, so the match is reported for review rather than silently dropped.
  assert.equal(jur(earlier, 'US').verdict, 'prohibited');
  assert.equal(jur(earlier, 'US').binding, false);
  assert.equal(earlier.verdict, 'review');
});

test('an Entity List end user needs a US licence; a weaker match makes the decision review', () => {
  const t: Transfer = {
    date: '2023-06-01',
    origin: 'US',
    destination: 'RU',
    parties: [
      { role: 'exporter', name: 'Lakeshore Office Supply Inc', country: 'US', schema: 'Organization' },
      { role: 'end_user', name: 'AeroComposit', country: 'RU', schema: 'Organization' },
    ],
    items: [{ description: 'Office chairs', kind: 'general_good', hsCode: '9401.30' }],
    nexus: ['US'],
  };
  const d = check(t, '2023-06-01');
  const us = jur(d, 'US');
  assert.equal(us.verdict, 'authorization_required');
  const el = us.measures.find((m) => m.id === 'us-ear-744-entity-list')!;
  assert.match(el.why, /AeroComposit .*list EL/);
  assert.equal(d.verdict, 'authorization_required');
  // With the strong-match bar raised above every score, the same match is only an alert: review.
  const weak = check(t, '2023-06-01', { strongMatch: 1.01 });
  assert.equal(jur(weak, 'US').verdict, 'no_restriction');
  assert.equal(weak.verdict, 'review');
  assert.ok(weak.notes!.some((n) => /possible match to us_trade_csl "AeroComposit"/.test(n)), `weak.notes!.some((n) => /possible match to us_trade_csl "AeroComposit"`);
});

test('an unlisted company 60 % owned by an SDN is blocked for US persons (OFAC 50 percent rule)', () => {
  const asOf = '2023-06-01';
  const sources = store.sources().filter((s) => store.asOf(s, asOf));
  const graph = buildGraph(selectVersions(store, { sources, asOf }).map((v) => store.read(v)));
  const t: Transfer = {
    date: asOf,
    origin: 'US',
    destination: 'AE',
    parties: [
      { role: 'exporter', name: 'Lakeshore Office Supply Inc', country: 'US', schema: 'Organization' },
      { role: 'importer', name: 'Gulf Horizon Furniture Trading LLC', country: 'AE', schema: 'Organization', owners: [{ name: 'Shahid Hemmat Industrial Group', share: 60 }] },
    ],
    items: [{ description: 'Office chairs', kind: 'general_good', hsCode: '9401.30' }],
    nexus: ['US'],
  };
  const d = check(t, asOf, { graph });
  const us = jur(d, 'US');
  assert.equal(us.verdict, 'prohibited');
  const rule = us.measures.find((m) => m.id === 'us-ofac-50-percent')!;
  assert.match(rule.why, /Gulf Horizon Furniture Trading LLC .*blocked by ownership/);
  assert.match(rule.why, /Shahid Hemmat|SHAHID HEMMAT/i);
  // 40 % is below the threshold.
  const minority = { ...t, parties: [t.parties[0]!, { ...t.parties[1]!, owners: [{ name: 'Shahid Hemmat Industrial Group', share: 40 }] }] };
  assert.ok(!measureIds(check(minority, asOf, { graph }), 'US').includes('us-ofac-50-percent'), `!measureIds(check(minority, asOf, { graph }), 'US').includes('us-ofac-`);
});
