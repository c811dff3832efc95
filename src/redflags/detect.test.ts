// Red flags: the data files against their schemas, then every indicator on a transfer that must
// raise it and a paired one that must not. The shared-identifier and exposure flags run against the
// real OpenSanctions Zala Aero cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import type { Classification, ControlMatch, Transfer } from '../domain/transfer.js';
import type { Match } from '../domain/decision.js';
import { dataPath } from '../data-path.js';
import { parse as parseFtm } from '../lists/sources/ftm-json.js';
import { sharedData } from '../../test/shared-data.js';
import { buildGraph, type EntityGraph } from '../graph/graph.js';
import { detectRedFlags, combineRisk } from './detect.js';
import { HubsFileSchema, IndicatorsFileSchema, KeywordsFileSchema, SourcesFileSchema, loadIndicators, IndicatorDataError } from './indicators.js';
import type { RedFlagInput } from './input.js';
import { monthsBetween } from './detectors/recently-incorporated.js';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const indicators = loadIndicators();
const cite = { instrument: 'fixture', confidence: 'M' as const };
const control = (list: ControlMatch['list'], entry: string, confidence: ControlMatch['confidence'] = 'certain'): ControlMatch => ({ list, entry, confidence, reason: 'fixture', citation: cite });
const CHPL_IC: Classification = { controls: [control('CHPL', 'Tier 1'), control('EAR_746_SUPP7', '8542.31')], notes: [] };
const UAV_PART: Classification = { controls: [control('MTCR', '19.A.2', 'likely'), control('CHPL', 'Tier 2')], notes: [] };
const NOTHING: Classification = { controls: [], notes: [] };

let zalaGraph: EntityGraph | undefined;
async function graph(): Promise<EntityGraph> {
  if (!zalaGraph) {
    const p = await parseFtm({ main: sharedData('opensanctions/zala_aero_cluster/entities.ftm.json') }, { source: 'os_zala_aero_cluster' });
    zalaGraph = buildGraph([{ info: { source: 'os_zala_aero_cluster', version: 't', sha256: 'x', format: 'ftm_json', loadedAt: '2026-01-01T00:00:00Z', entities: 0, relations: 0, files: [], warnings: 0 }, entities: p.entities, relations: p.relations }]);
  }
  return zalaGraph;
}

function fixture(name: string): Transfer & { expectedFlags: string[] } {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/transfers/${name}.json`, import.meta.url), 'utf8'));
}
function input(t: Transfer, items: Classification[], extra: Partial<RedFlagInput> = {}): RedFlagInput {
  return { transfer: t, items, parties: t.parties.map((_, index) => ({ index, matches: [] })), ...extra };
}
const ids = (t: Transfer, items: Classification[], extra: Partial<RedFlagInput> = {}) =>
  detectRedFlags(input(t, items, extra), indicators).flags.map((f) => f.id);

test('red-flag data files match their schemas; every indicator cites a source and names a detector', () => {
  const read = (f: string) => parseYaml(readFileSync(dataPath(`redflags/${f}`), 'utf8')) as unknown;
  assert.ok(Value.Check(IndicatorsFileSchema, read('indicators.yaml')));
  assert.ok(Value.Check(SourcesFileSchema, read('sources.yaml')));
  assert.ok(Value.Check(HubsFileSchema, read('transshipment-hubs.yaml')));
  assert.ok(Value.Check(KeywordsFileSchema, read('keywords.yaml')));
  assert.ok(indicators.indicators.length >= 10);
  // FIN-2022-Alert003 transshipment points (facts sheet 5.4): 18 countries.
  const fincen = indicators.hubs.find((h) => h.id === 'fincen_2022_alert003')!;
  assert.equal(fincen.countries.length, 18);
  for (const c of ['AM', 'GE', 'KZ', 'KG', 'TR', 'AE', 'UZ', 'CN', 'SG']) assert.ok(fincen.countries.includes(c), c);
});

test('a bad indicator file is rejected with file, place and reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redflags-'));
  for (const f of ['sources.yaml', 'transshipment-hubs.yaml', 'keywords.yaml']) copyFileSync(dataPath(`redflags/${f}`), join(dir, f));
  const text = readFileSync(dataPath('redflags/indicators.yaml'), 'utf8').replace('detector: layering', 'detector: no_such_detector');
  writeFileSync(join(dir, 'indicators.yaml'), text);
  assert.throws(() => loadIndicators(dir), (e: unknown) => e instanceof IndicatorDataError && /indicators\.yaml/.test(e.message) && /unknown detector "no_such_detector"/.test(e.message));
  writeFileSync(join(dir, 'indicators.yaml'), readFileSync(dataPath('redflags/indicators.yaml'), 'utf8').replace('minCount: 2', 'minCount: two'));
  assert.throws(() => loadIndicators(dir), /params\/minCount/);
});

test('fixture redflags-diversion raises its listed flags; redflags-clean raises none', async () => {
  const g = await graph();
  const bad = fixture('redflags-diversion');
  const raised = detectRedFlags(input(bad, [CHPL_IC], { graph: g }), indicators);
  assert.deepEqual(raised.flags.map((f) => f.id).sort(), [...bad.expectedFlags].sort());
  for (const f of raised.flags) {
    assert.ok(f.evidence.length > 0 && f.source.length > 0 && (f.citations?.length ?? 0) > 0, f.id);
  }
  assert.ok(raised.risk.score > 0.95 && raised.risk.score <= 1);
  assert.match(raised.risk.explanation, /do not by themselves prohibit/);
  const clean = fixture('redflags-clean');
  const none = detectRedFlags(input(clean, [UAV_PART], { graph: g }), indicators);
  assert.deepEqual(none.flags, []);
  assert.equal(none.risk.score, 0);
});

const base = (): Transfer => fixture('redflags-clean');

test('transshipment_hub: route through Turkey / UAE for onward delivery; not through Belgium', () => {
  const t = base();
  t.route = ['TR'];
  const flags = detectRedFlags(input(t, [UAV_PART]), indicators).flags;
  const f = flags.find((x) => x.id === 'transshipment_hub')!;
  assert.match(f.evidence[0]!, /TR \(Turkey|TR \(Türkiye/);
  assert.match(f.source, /FIN-2022-Alert003/);
  const onward = base();
  onward.destination = 'AE';
  onward.finalDestination = 'IR';
  assert.ok(ids(onward, [UAV_PART]).includes('transshipment_hub'));
  assert.ok(!ids(base(), [UAV_PART]).includes('transshipment_hub'));
});

test('destination_mismatch: end user in another country than the destination; not when the same', () => {
  const t = base();
  t.parties[1]!.country = 'RU';
  const f = detectRedFlags(input(t, [UAV_PART]), indicators).flags.find((x) => x.id === 'destination_mismatch')!;
  assert.match(f.evidence[0]!, /is in RU, but the goods are shipped to NL/);
  const stated = base();
  stated.finalDestination = 'BY';
  assert.ok(ids(stated, [UAV_PART]).includes('destination_mismatch'));
  assert.ok(!ids(base(), [UAV_PART]).includes('destination_mismatch'));
});

test('intermediary_as_consignee: "Express Cargo" as end user; an avionics maker is not', () => {
  const t = base();
  t.parties[1]!.name = 'Orient Express Cargo Co.';
  const f = detectRedFlags(input(t, [UAV_PART]), indicators).flags.find((x) => x.id === 'intermediary_as_consignee')!;
  assert.match(f.evidence[0]!, /"express", "cargo"/);
  const fwd = base();
  fwd.parties.push({ role: 'freight_forwarder', name: 'Delft Aerial Survey B.V.', country: 'NL' });
  assert.ok(ids(fwd, [UAV_PART]).includes('intermediary_as_consignee'));
  assert.ok(!ids(base(), [UAV_PART]).includes('intermediary_as_consignee'));
});

test('layering: two intermediaries raise it, one does not', () => {
  const one = base();
  one.parties.push({ role: 'intermediary', name: 'Rotterdam Agency B.V.', country: 'NL' });
  assert.ok(!ids(one, [UAV_PART]).includes('layering'));
  const two = base();
  two.parties.push({ role: 'intermediary', name: 'Rotterdam Agency B.V.', country: 'NL' }, { role: 'broker', name: 'Baltic Brokers OU', country: 'EE' });
  const f = detectRedFlags(input(two, [UAV_PART]), indicators).flags.find((x) => x.id === 'layering')!;
  assert.match(f.evidence[0]!, /2 intermediaries .* in 2 countries/);
});

test('third_party_payment: a payer that is not the buyer, or pays from a third country; not the buyer itself', () => {
  const other = base();
  other.payment = { payer: 'Silk Road Holdings Ltd', country: 'NL' };
  assert.match(detectRedFlags(input(other, [UAV_PART]), indicators).flags.find((x) => x.id === 'third_party_payment')!.evidence[0]!, /none of the buyers/);
  const abroad = base();
  abroad.payment = { payer: 'Delft Aerial Survey B.V.', country: 'CY' };
  assert.match(detectRedFlags(input(abroad, [UAV_PART]), indicators).flags.find((x) => x.id === 'third_party_payment')!.evidence[0]!, /from CY/);
  assert.ok(!ids(base(), [UAV_PART]).includes('third_party_payment'));
});

test('item_business_mismatch: a bakery ordering UAV parts; not a drone surveyor, nor a bakery ordering flour', () => {
  const t = base();
  t.parties[1]!.business = 'Bakery and confectionery';
  const f = detectRedFlags(input(t, [UAV_PART]), indicators).flags.find((x) => x.id === 'item_business_mismatch')!;
  assert.match(f.evidence[0]!, /food_hospitality.*uav_component; MTCR 19\.A\.2/);
  assert.ok(!ids(base(), [UAV_PART]).includes('item_business_mismatch'));
  const flour = base();
  flour.parties[1]!.business = 'Bakery and confectionery';
  flour.items = [{ description: 'Wheat flour type 550', kind: 'general_good' }];
  assert.ok(!ids(flour, [NOTHING]).includes('item_business_mismatch'));
});

test('generic_description: "Electronic spare parts" on a CHPL code; not a precise description, nor generic wording on an uncontrolled item', () => {
  const t = base();
  t.items = [{ description: 'Electronic spare parts', hsCode: '8542.31' }];
  const f = detectRedFlags(input(t, [CHPL_IC]), indicators).flags.find((x) => x.id === 'generic_description')!;
  assert.match(f.evidence[0]!, /"Electronic spare parts", but HS 8542\.31 is on the CHPL \(Tier 1\)/);
  assert.ok(!ids(base(), [UAV_PART]).includes('generic_description'));
  const plain = base();
  plain.items = [{ description: 'General merchandise', hsCode: '9503.00' }];
  assert.ok(!ids(plain, [NOTHING]).includes('generic_description'));
});

test('no_end_use_statement: controlled items without a statement; not with one, nor for uncontrolled items', () => {
  const t = base();
  delete t.endUseStatement;
  const f = detectRedFlags(input(t, [UAV_PART]), indicators).flags.find((x) => x.id === 'no_end_use_statement')!;
  assert.match(f.evidence[0]!, /MTCR 19\.A\.2/);
  assert.ok(!ids(base(), [UAV_PART]).includes('no_end_use_statement'));
  const blank = base();
  blank.endUseStatement = '  ';
  assert.ok(ids(blank, [UAV_PART]).includes('no_end_use_statement'));
  const uncontrolled = base();
  delete uncontrolled.endUseStatement;
  assert.ok(!ids(uncontrolled, [NOTHING]).includes('no_end_use_statement'));
});

test('recently_incorporated: 3 months before the transfer; not 14 years', () => {
  assert.equal(monthsBetween('2024-12-01', '2025-03-10'), 3);
  assert.equal(monthsBetween('2024-12-15', '2025-03-10'), 2);
  const t = base();
  t.parties[1]!.incorporated = '2024-12-01';
  const f = detectRedFlags(input(t, [UAV_PART]), indicators).flags.find((x) => x.id === 'recently_incorporated')!;
  assert.match(f.evidence[0]!, /incorporated 2024-12-01, 3 month\(s\) before the transfer/);
  assert.ok(!ids(base(), [UAV_PART]).includes('recently_incorporated'));
});

test('shared_identifier_with_listed (real Zala data): CST\'s e-mail domain site, phone or OGRN; not a party that is CST itself', async () => {
  const g = await graph();
  const t = base();
  t.parties[1]!.email = 'info@zala.aero';
  t.parties[1]!.ids = ['OGRN 1091841000624'];
  const f = detectRedFlags(input(t, [UAV_PART], { graph: g }), indicators).flags.find((x) => x.id === 'shared_identifier_with_listed')!;
  assert.equal(f.evidence.length, 2);
  assert.match(f.evidence.join('\n'), /email "info@zala.aero", the same as listed Company "LLC CST"/);
  assert.ok(!ids(base(), [UAV_PART], { graph: g }).includes('shared_identifier_with_listed'));
  // The party screens to CST itself: screening reports that, this flag does not.
  const cst = g.entities.get('os_zala_aero_cluster:NK-abdzbEBkqyT29GyREbiURZ')!;
  const m: Match = { entityId: cst.id, source: cst.source, sourceId: cst.sourceId, schema: cst.schema, name: cst.name, matchedName: cst.name, score: 1, explanation: '', programs: [], countries: [] };
  const parties = t.parties.map((_, index) => ({ index, matches: index === 1 ? [m] : [] }));
  assert.ok(!detectRedFlags({ ...input(t, [UAV_PART], { graph: g }), parties }, indicators).flags.some((x) => x.id === 'shared_identifier_with_listed'));
});

test('exposure_to_listed (real Zala data): owned by the unlisted SPS company, 1 hop from Zakharov in 2021', async () => {
  const g = await graph();
  const t = base();
  t.parties[1]!.owners = [{ name: 'OOO SPS', entityId: 'os_zala_aero_cluster:NK-9Xa4Kg7Y7nfccE7VcZt6Q6', share: 30 }];
  // On 2025-03-10 the SPS shareholding (2020-01-10 .. 2022-11-22) has ended: no exposure.
  assert.ok(!ids(t, [UAV_PART], { graph: g }).includes('exposure_to_listed'));
  t.date = '2021-06-01';
  const then = detectRedFlags(input(t, [UAV_PART], { graph: g }), indicators).flags.find((x) => x.id === 'exposure_to_listed')!;
  assert.match(then.evidence[0]!, /via owner "OOO SPS" 30 %\): 1 hop\(s\) from listed "Alexander Vyacheslavovich ZAKHAROV"/);
  // An owner that is itself listed is exposure at once.
  const direct = base();
  direct.parties[1]!.owners = [{ name: 'ZAKHAROV', entityId: 'os_zala_aero_cluster:NK-aU5ybkbRFJucf8YMwsJvDw', share: 20 }];
  const f = detectRedFlags(input(direct, [UAV_PART], { graph: g }), indicators).flags.find((x) => x.id === 'exposure_to_listed')!;
  assert.match(f.evidence[0]!, /owner "ZAKHAROV" 20 % is listed/);
  assert.ok(!ids(base(), [UAV_PART], { graph: g }).includes('exposure_to_listed'));
});

test('free_mail_counterparty: a company on gmail; not on its own domain', () => {
  const t = base();
  t.parties[1]!.email = 'delft.aerial@gmail.com';
  assert.ok(ids(t, [UAV_PART]).includes('free_mail_counterparty'));
  assert.ok(!ids(base(), [UAV_PART]).includes('free_mail_counterparty'));
});

test('risk combines weights as 1 - product(1 - w)', () => {
  const r = combineRisk([
    { id: 'a', title: 'a', evidence: ['x'], source: 's', weight: 0.5 },
    { id: 'b', title: 'b', evidence: ['y'], source: 's', weight: 0.5 },
  ]);
  assert.equal(r.score, 0.75);
});
