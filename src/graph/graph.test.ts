// Graph walks and shared identifiers on real data: the OpenSanctions Zala Aero cluster (FtM
// ownership, directorship and family records) and OFAC "Linked To:" remarks in the real sdn.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListSnapshot } from '../domain/list.js';
import { parse as parseFtm } from '../lists/sources/ftm-json.js';
import { parse as parseOfacCsv } from '../lists/sources/ofac-csv.js';
import { sharedData } from '../../test/shared-data.js';
import { buildGraph, inEffect, isDesignated, transferRelations, withRelations } from './graph.js';
import { describePath, exposurePaths, neighbors, shortestPath } from './paths.js';
import { findSharedIdentifiers, normaliseAddress, normalisePhone, normaliseWebsite } from './identifiers.js';

const ZALA = 'os_zala_aero_cluster';
const id = (x: string) => `${ZALA}:${x}`;
const ZAKHAROV = id('NK-aU5ybkbRFJucf8YMwsJvDw');
const CST = id('NK-abdzbEBkqyT29GyREbiURZ');
const ABASHKIN = id('NK-mCEmxFfuhfdjpC8gsxH74o');
const IZHTELECOM = id('NK-56Edov9bas9puzaChH5pBy'); // register record: Zakharov held shares 2002-2012
const NIKITA = id('NK-JseaPJctnK9o8wrmz8xmoT');

function info(source: string, n: number) {
  return { source, version: 'test', sha256: 'x', format: 'test', loadedAt: '2026-01-01T00:00:00Z', entities: n, relations: 0, files: [], warnings: 0 };
}
async function zala(): Promise<ListSnapshot> {
  const p = await parseFtm({ main: sharedData('opensanctions/zala_aero_cluster/entities.ftm.json') }, { source: ZALA });
  return { info: info(ZALA, p.entities.length), entities: p.entities, relations: p.relations };
}

test('Zala cluster: neighbours of Zakharov at depth 1 are his companies and relatives', async () => {
  const graph = buildGraph([await zala()]);
  const near = neighbors(graph, ZAKHAROV, 1);
  const ids = new Set(near.map((n) => n.id));
  assert.ok(ids.has(CST), 'LLC CST (owner 51 %, OFAC "Leader or official of")');
  assert.ok(ids.has(NIKITA), 'son Nikita (OFAC family record)');
  assert.ok(!ids.has(IZHTELECOM), 'a shareholding that ended in 2012 is not a current neighbour');
  const cst = near.find((n) => n.id === CST)!;
  assert.equal(cst.listed, true);
  // With the history included, the ended shareholding appears.
  assert.ok(neighbors(graph, ZAKHAROV, 1, { includeEnded: true }).some((n) => n.id === IZHTELECOM));
  // Depth 2 reaches Kalashnikov (co-owner of CST) through CST.
  const far = neighbors(graph, ZAKHAROV, 2);
  assert.ok(far.some((n) => n.depth === 2 && n.name.includes('Kalashnikov')));
});

test('Zala cluster: shortest path from the general director of CST to Zakharov is 2 hops', async () => {
  const graph = buildGraph([await zala()]);
  const path = shortestPath(graph, ABASHKIN, ZAKHAROV)!;
  assert.equal(path.length, 2);
  assert.equal(path[0]!.type, 'directorship');
  assert.equal(path[0]!.to, CST);
  assert.ok(['ownership', 'directorship'].includes(path[1]!.type));
  assert.match(describePath(path), /ГЕНЕРАЛЬНЫЙ ДИРЕКТОР/);
  assert.equal(shortestPath(graph, ABASHKIN, 'nowhere:1'), undefined);
});

test('Zala cluster: register-only companies are context, not listings; exposure follows dated relations', async () => {
  const graph = buildGraph([await zala()]);
  assert.equal(isDesignated(graph.entities.get(IZHTELECOM)!), false);
  assert.equal(isDesignated(graph.entities.get(CST)!), true);
  assert.deepEqual(exposurePaths(graph, [IZHTELECOM]), []);
  const in2010 = exposurePaths(graph, [IZHTELECOM], { asOf: '2010-01-01', maxDepth: 1 });
  assert.deepEqual(in2010.map((x) => x.entityId), [ZAKHAROV]);
  assert.equal(in2010[0]!.path[0]!.direction, 'backward');
});

test('inEffect reads partial dates', () => {
  const r = { id: 'r', source: 's', type: 'ownership' as const, from: 'a', to: 'b', evidence: '', startDate: '2015', endDate: '2020-06' };
  assert.equal(inEffect(r, '2015-03-01'), true);
  assert.equal(inEffect(r, '2014-12-31'), false);
  assert.equal(inEffect(r, '2020-06-30'), true);
  assert.equal(inEffect(r, '2020-07-01'), false);
  assert.equal(inEffect(r), false);
});

test('OFAC sdn.csv: "Linked To:" relations make a 2-hop path through HIZBALLAH', async () => {
  const parsed = await parseOfacCsv({ main: sharedData('ofac/sdn_csv/sdn.csv') }, { source: 'us_ofac_sdn' });
  const graph = buildGraph([{ info: info('us_ofac_sdn', parsed.entities.length), entities: parsed.entities, relations: parsed.relations }]);
  const byName = (n: string) => parsed.entities.find((e) => e.name === n)!;
  const nasrallah = byName('NASRALLAH, Hasan');
  const markazi = byName('BANK MARKAZI JOMHOURI ISLAMI IRAN');
  const path = shortestPath(graph, nasrallah.id, markazi.id)!;
  assert.equal(path.length, 2);
  assert.equal(path[0]!.toName, 'HIZBALLAH');
  assert.deepEqual(path.map((s) => s.role), ['Linked To', 'Linked To']);
  assert.deepEqual(path.map((s) => s.direction), ['forward', 'backward']);
  assert.ok(neighbors(graph, markazi.id, 1).some((n) => n.name.startsWith('ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE')));
});

test('identifier normalisation', () => {
  assert.equal(normalisePhone('+7 (3412) 43-05-05'), normalisePhone('8 3412 430505'));
  assert.equal(normaliseWebsite('https://www.zala-aero.com/en/'), 'zala-aero.com');
  assert.equal(normaliseAddress('118 40 Let Pobedy Street, Izhevsk, 426072'), normaliseAddress('Izhevsk 426072, ul. 40 Let Pobedy 118, Russia'));
  assert.equal(normaliseAddress('Moscow, Russia'), undefined);
});

test('Zala cluster: a counterparty sharing CST\'s phone, website and registration number is found', async () => {
  const graph = buildGraph([await zala()]);
  const links = findSharedIdentifiers(
    { role: 'consignee', name: 'Udmurt Avia Supply LLC', phone: '+7 951 210 81 28', website: 'zala-aero.com', ids: ['OGRN 1091841000624'], address: 'Izhevsk 426072, 40 Let Pobedy 118' },
    graph.identifiers,
  );
  const kinds = new Set(links.filter((l) => l.entityId === CST).map((l) => l.kind));
  assert.deepEqual(kinds, new Set(['phone', 'website', 'identifier', 'address']));
  const none = findSharedIdentifiers({ role: 'consignee', name: 'Other GmbH', phone: '+49 30 1234567', website: 'example.de', ids: ['HRB 12345'] }, graph.identifiers);
  assert.deepEqual(none, []);
});

test('owners given with a transfer join the graph: a 2-hop path from the buyer to Zakharov', async () => {
  const graph = buildGraph([await zala()]);
  const rels = transferRelations({
    date: '2021-06-01',
    items: [],
    parties: [{ role: 'end_user', name: 'Hypothetical Buyer LLC', owners: [{ name: 'OOO SPS', entityId: id('NK-9Xa4Kg7Y7nfccE7VcZt6Q6'), share: 60 }] }],
  });
  assert.equal(rels.length, 1);
  const g = withRelations(graph, rels);
  const path = shortestPath(g, 'transfer:p0', ZAKHAROV, { asOf: '2021-06-01' })!;
  assert.deepEqual(path.map((s) => s.share), [60, 75]);
  assert.equal(shortestPath(graph, 'transfer:p0', ZAKHAROV), undefined);
});
