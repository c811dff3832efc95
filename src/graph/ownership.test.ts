// The 50 percent rule and EU/UK ownership or control, on hand-made structures (OFAC FAQ examples)
// and on the real OpenSanctions Zala Aero cluster (company-register shareholdings with dates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, Relation } from '../domain/entity.js';
import type { Match } from '../domain/decision.js';
import type { ListSnapshot } from '../domain/list.js';
import type { Party } from '../domain/transfer.js';
import { parse as parseFtm } from '../lists/sources/ftm-json.js';
import { sharedData } from '../../test/shared-data.js';
import { buildGraph } from './graph.js';
import { assessOwnership, loadOwnershipRules, OwnershipRulesSchema } from './ownership.js';
import { Value } from '@sinclair/typebox/value';

function entity(source: string, sourceId: string, name: string, extra: Partial<Entity> = {}): Entity {
  return {
    id: `${source}:${sourceId}`, source, sourceId, schema: 'Company', name,
    names: [{ full: name, quality: 'primary' }], birthDates: [], birthPlaces: [], countries: [], addresses: [],
    identifiers: [], contacts: [], programs: [], lists: [], remarks: [], properties: {}, ...extra,
  };
}
function snapshot(source: string, entities: Entity[], relations: Relation[] = []): ListSnapshot {
  return {
    info: { source, version: 'test', sha256: 'x', format: 'test', loadedAt: '2026-01-01T00:00:00Z', entities: entities.length, relations: relations.length, files: [], warnings: 0 },
    entities, relations,
  };
}

const X = entity('us_ofac_sdn', '1', 'BLOCKED PERSON X');
const Y = entity('us_ofac_sdn', '2', 'BLOCKED PERSON Y');
const UKX = entity('gb_hmt_sanctions', '9', 'BLOCKED PERSON X');
const sdn = snapshot('us_ofac_sdn', [X, Y]);
const byName = (graphEntities: Entity[]) => (name: string): Match[] =>
  graphEntities
    .filter((e) => e.name === name)
    .map((e) => ({ entityId: e.id, source: e.source, sourceId: e.sourceId, schema: e.schema, name: e.name, matchedName: e.name, score: 1, explanation: 'exact', programs: [], countries: [] }));
const noScreen = (): Match[] => [];

test('ownership rules data matches its schema', () => {
  const rules = loadOwnershipRules();
  assert.ok(Value.Check(OwnershipRulesSchema, rules));
  assert.deepEqual(rules.jurisdictions.map((j) => j.id).sort(), ['EU', 'UK', 'US']);
});

test('two blocked persons with 25 % each: US blocked (aggregation), UK not (no aggregation), EU not (> 50 % needed)', () => {
  const graph = buildGraph([sdn, snapshot('gb_hmt_sanctions', [UKX])]);
  const party: Party = {
    role: 'end_user', name: 'Unlisted Holding Ltd',
    owners: [{ name: 'BLOCKED PERSON X', entityId: X.id, share: 25 }, { name: 'BLOCKED PERSON Y', entityId: Y.id, share: 25 }, { name: 'Clean Investor', share: 50 }],
  };
  const a = assessOwnership(party, [], graph, byName([X, Y, UKX]));
  assert.equal(a.blockedUS, true);
  assert.equal(a.aggregateShare, 50);
  assert.equal(a.blockedEU, false);
  assert.equal(a.blockedUK, false);
  assert.ok(a.chains.some((c) => c.jurisdiction === 'US' && c.text.includes('BLOCKED PERSON Y') && c.text.includes('owns 25 % of Unlisted Holding Ltd')));
  assert.match(a.explanation, /US: blocked/);
});

test('49 % is not blocked; holdings through a non-blocked company do not count (no product along chains)', () => {
  const graph = buildGraph([sdn]);
  const direct: Party = { role: 'end_user', name: 'Target', owners: [{ name: 'BLOCKED PERSON X', entityId: X.id, share: 49 }] };
  assert.equal(assessOwnership(direct, [], graph, noScreen).blockedUS, false);
  // X 40 % of A (A not blocked); A 100 % of party: not blocked (OFAC FAQ: only blocked owners count).
  const indirect: Party = { role: 'end_user', name: 'Target', owners: [{ name: 'Company A', share: 100, owners: [{ name: 'BLOCKED PERSON X', entityId: X.id, share: 40 }] }] };
  const a = assessOwnership(indirect, [], graph, noScreen);
  assert.equal(a.blockedUS, false);
  assert.equal(a.aggregateShare, 0);
});

test('indirect: X 50 % of A makes A blocked, so A\'s 50 % of the party counts in full (OFAC FAQ example)', () => {
  const graph = buildGraph([sdn]);
  const party: Party = { role: 'consignee', name: 'Entity B', owners: [{ name: 'Entity A', share: 50, owners: [{ name: 'BLOCKED PERSON X', entityId: X.id, share: 50 }] }] };
  const a = assessOwnership(party, [], graph, noScreen);
  assert.equal(a.blockedUS, true);
  const chain = a.chains.find((c) => c.jurisdiction === 'US')!;
  assert.equal(chain.text, 'BLOCKED PERSON X [listed: us_ofac_sdn:1] owns 50 % of Entity A, Entity A owns 50 % of Entity B');
  assert.equal(chain.lookThrough, 25);
  // EU/UK need more than 50 %: not blocked.
  assert.equal(a.blockedEU, false);
});

test('an owner given only by name is found by screening at the strong threshold', () => {
  const graph = buildGraph([sdn]);
  const party: Party = { role: 'end_user', name: 'Front Co', owners: [{ name: 'BLOCKED PERSON Y', share: 60 }] };
  assert.equal(assessOwnership(party, [], graph, byName([Y])).blockedUS, true);
  const weak = (name: string) => byName([Y])(name).map((m) => ({ ...m, score: 0.7 }));
  assert.equal(assessOwnership(party, [], graph, weak).blockedUS, false);
});

// Real data: the OpenSanctions Zala Aero cluster (Russian drone maker LLC CST / ZALA Aero).
const ZALA = 'os_zala_aero_cluster';
const zalaId = (id: string) => `${ZALA}:${id}`;
const ZAKHAROV = zalaId('NK-aU5ybkbRFJucf8YMwsJvDw');
const CST = zalaId('NK-abdzbEBkqyT29GyREbiURZ');
const SPS = zalaId('NK-9Xa4Kg7Y7nfccE7VcZt6Q6'); // OOO "SPS": company-register record, on no list
const KALASHNIKOV = zalaId('NK-nR5AXM9AVPq4pQaSPSaVam');

async function zalaGraph() {
  const parsed = await parseFtm({ main: sharedData('opensanctions/zala_aero_cluster/entities.ftm.json') }, { source: ZALA });
  return buildGraph([snapshot(ZALA, parsed.entities, parsed.relations)]);
}

test('Zala cluster: an unlisted company 60 % owned by OOO SPS, which Zakharov owned 75 % (2020-01-10 .. 2022-11-22)', async () => {
  const graph = await zalaGraph();
  const party: Party = { role: 'end_user', name: 'Hypothetical Buyer LLC', owners: [{ name: 'OOO SPS', entityId: SPS, share: 60 }] };
  const in2021 = assessOwnership(party, [], graph, noScreen, { asOf: '2021-06-01' });
  assert.equal(in2021.blockedUS, true, in2021.explanation);
  assert.equal(in2021.blockedEU, true);
  assert.equal(in2021.blockedUK, true);
  const chain = in2021.chains.find((c) => c.jurisdiction === 'US')!;
  assert.equal(chain.links[0]!.entityId, ZAKHAROV);
  assert.equal(chain.links[0]!.share, 75);
  assert.equal(chain.lookThrough, 45);
  // After the shareholding ended (register end date 2022-11-22) SPS is no longer owned by him.
  const in2023 = assessOwnership(party, [], graph, noScreen, { asOf: '2023-06-01' });
  assert.equal(in2023.blockedUS, false, in2023.explanation);
});

test('Zala cluster: LLC CST is 51 % Zakharov + 49 % Kalashnikov (current records); UK blocks on Zakharov alone', async () => {
  const graph = await zalaGraph();
  const cst = graph.entities.get(CST)!;
  const match: Match = { entityId: CST, source: ZALA, sourceId: cst.sourceId, schema: cst.schema, name: cst.name, matchedName: 'Zala Aero Group', score: 1, explanation: 'exact', programs: [], countries: ['RU'] };
  const a = assessOwnership({ role: 'end_user', name: 'ZALA AERO GROUP' }, [match], graph, noScreen, { asOf: '2024-06-01' });
  const us = a.jurisdictions.find((j) => j.jurisdiction === 'US')!;
  assert.equal(us.share, 100);
  assert.deepEqual(new Set(us.chains.map((c) => c.links[0]!.entityId)), new Set([ZAKHAROV, KALASHNIKOV]));
  const uk = a.jurisdictions.find((j) => j.jurisdiction === 'UK')!;
  assert.equal(uk.blocked, true);
  assert.equal(uk.share, 51);
  // The 50 % and 48 % register records of the same holding are superseded, not added.
  assert.ok(!a.chains.some((c) => c.counted === 50 || c.counted === 48));
  // Kalashnikov's "subsidiary of" record has no share: reported, not counted.
  assert.ok(a.unknownShares.length === 0 || a.unknownShares.every((s) => s.includes('Kalashnikov')));
});

test('Zala cluster: EU control through a listed director (Zakharov, "Leader or official of" LLC CST)', async () => {
  const graph = await zalaGraph();
  // Ownership stripped: only the OFAC directorship record remains.
  const onlyDirectors = buildGraph([snapshot(ZALA, [...graph.entities.values()], graph.relations.filter((r) => r.type !== 'ownership'))]);
  const cst = graph.entities.get(CST)!;
  const match: Match = { entityId: CST, source: ZALA, sourceId: cst.sourceId, schema: cst.schema, name: cst.name, matchedName: cst.name, score: 1, explanation: 'exact', programs: [], countries: [] };
  const a = assessOwnership({ role: 'end_user', name: 'LLC CST' }, [match], onlyDirectors, noScreen, { asOf: '2024-06-01' });
  assert.equal(a.blockedEU, true, a.explanation);
  assert.equal(a.blockedUS, false); // OFAC's rule is about ownership, not control
  assert.ok(a.jurisdictions.find((j) => j.jurisdiction === 'EU')!.control);
});
