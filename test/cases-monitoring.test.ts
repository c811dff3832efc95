// Cases, whitelists and monitoring on real list history, against SQLite and PostgreSQL:
// OFAC SDN 2024-05-01 -> 2024-05-02 (7 entries added) and the UN consolidated list before and
// after the Iran snapback (121 Iran entries restored, LAURENT NKUNDA changed, LIONEL DUMONT
// removed). Counterparties named like the new entries get cases exactly when the newer version
// loads; cleared pairs are suppressed until the listed entity or the counterparty changes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from '../src/lists/store.js';
import { loadFiles } from '../src/lists/load.js';
import { loadOrBuildIndex, screenerFromIndexes } from '../src/matching/screener.js';
import { AuditWriter, verifyAudit } from '../src/store/audit.js';
import type { Storage } from '../src/store/storage.js';
import { CaseError, CaseService } from '../src/cases/service.js';
import type { Actor, CounterpartyInput } from '../src/cases/model.js';
import { runMonitor, screenCounterparties } from '../src/monitoring/monitor.js';
import { STORAGE_KINDS } from './server-fixture.js';
import { sharedData } from './shared-data.js';

const OFAC_ADDED = ['YOUSSEF, Adnan Mahmoud', 'AL-ZEIN, Mazen Hassan', 'MOUKALLED, Firas Hasan', 'MUSHANTAF, Andriyah Samir', 'MANSUR, Bashir Ibrahim', 'TELEPORT COMPANY SAL', 'THE CRYSTAL GROUP'];
const COUNTERPARTIES: CounterpartyInput[] = [
  ...OFAC_ADDED.map((name, i) => ({ id: `ofac${i}`, name, externalRef: `CUST-${i}` })),
  { id: 'iran', name: 'Fereidoun Abbasi-Davani', schema: 'Person' }, // UN IRi.001, restored by the snapback
  { id: 'nkunda', name: 'Laurent Nkunda', schema: 'Person' }, // UN CDi.022, changed (birth dates)
  { id: 'dumont', name: 'Lionel Dumont', schema: 'Person' }, // UN QDi.095, delisted
  { id: 'plain', name: 'Margarethe Oberholzer', schema: 'Person', country: 'CH' },
];

const analyst: Actor = { user: 'alice', role: 'analyst' };
const approver: Actor = { user: 'bob', role: 'approver' };
const viewer: Actor = { user: 'victor', role: 'viewer' };

const home = mkdtempSync(join(tmpdir(), 'interdict-cases-'));
const store = openListStore(home);
const load = (source: string, format: string, file: string) => loadFiles(store, { source, format, files: { main: sharedData(file) } });

interface Ctx {
  storage: Storage;
  service: CaseService;
  cleanup: () => Promise<void>;
}
const ctx = new Map<string, Ctx>();
after(async () => {
  for (const c of ctx.values()) {
    await c.service.drain();
    await c.storage.close();
    await c.cleanup();
  }
});

test('load the older versions: OFAC SDN 2024-05-01 and UN 2024-09-26', async () => {
  await load('us_ofac_sdn', 'ofac_csv', 'ofac/sdn_csv_history/sdn_2024-05-01.csv.gz');
  await load('un_sc_sanctions', 'un_xml', 'un/history/consolidated_2024-09-26.xml');
  assert.equal(store.current('us_ofac_sdn')?.entities, 14966);
});

for (const kind of STORAGE_KINDS) {
  test(`${kind.name}: first monitoring run screens the register against the whole lists`, async () => {
    const opened = await kind.open();
    const service = new CaseService(opened.storage, new AuditWriter(opened.storage));
    ctx.set(kind.name, { storage: opened.storage, service, cleanup: opened.cleanup });
    await assert.rejects(service.upsertCounterparties(COUNTERPARTIES, viewer), (e: unknown) => e instanceof CaseError && e.code === 'forbidden');
    const summary = await service.upsertCounterparties(COUNTERPARTIES, analyst);
    assert.equal(summary.created, COUNTERPARTIES.length);
    assert.equal((await service.upsertCounterparties(COUNTERPARTIES, analyst)).unchanged, COUNTERPARTIES.length);

    const reports = await runMonitor(store, service);
    assert.deepEqual(reports.map((r) => [r.source, r.mode]), [['un_sc_sanctions', 'full'], ['us_ofac_sdn', 'full']]);
    const cases = await service.cases();
    // Not yet listed: the 7 OFAC names of 05-02 (on no list yet) and the UN Iran entry (on OFAC
    // SDN already); on the UN list: Nkunda and Dumont.
    const un = cases.filter((c) => c.source === 'un_sc_sanctions');
    assert.deepEqual(un.map((c) => c.counterpartyId).sort(), ['dumont', 'nkunda']);
    assert.ok(un.every((c) => c.blocking && c.status === 'open'));
    assert.deepEqual(cases.filter((c) => c.counterpartyId.startsWith('ofac') || c.counterpartyId === 'plain'), []);
  });

  test(`${kind.name}: roles, four-eyes close and whitelist suppression`, async () => {
    const { service } = ctx.get(kind.name)!;
    const nkunda = (await service.cases({ counterpartyId: 'nkunda' })).find((c) => c.source === 'un_sc_sanctions')!;
    assert.equal(nkunda.entityId, 'un_sc_sanctions:CDi.022');
    await assert.rejects(service.comment(nkunda.id, 'looks like him', viewer), (e: unknown) => e instanceof CaseError && e.code === 'forbidden');
    await service.assign(nkunda.id, 'alice', analyst);
    await service.comment(nkunda.id, 'customer is a Swiss retailer, born 1990', analyst);
    // UN list = asset freeze: the analyst's clear is only a proposal.
    const proposed = await service.clear(nkunda.id, 'different person: date of birth 1990', analyst);
    assert.equal(proposed.status, 'in_review');
    assert.equal(proposed.proposal?.by, 'alice');
    // The proposer cannot approve, even with the approver role; another analyst cannot either.
    await assert.rejects(service.clear(nkunda.id, 'agree', { user: 'alice', role: 'approver' }), (e: unknown) => e instanceof CaseError && e.code === 'four_eyes');
    await assert.rejects(service.clear(nkunda.id, 'agree', { user: 'carol', role: 'analyst' }), (e: unknown) => e instanceof CaseError && e.code === 'forbidden');
    const closed = await service.clear(nkunda.id, 'agree: DOB differs', approver);
    assert.equal(closed.status, 'cleared');
    assert.deepEqual(closed.events.map((e) => e.action), ['opened', 'assigned', 'comment', 'proposed', 'cleared']);
    const [wl] = await service.whitelist();
    assert.equal(wl?.reviewer, 'alice+bob');
    assert.ok(wl?.expiresAt);

    // The same alert on the same list version is now suppressed, and no new case opens.
    const old = store.current('un_sc_sanctions')!;
    const entities = new Map(store.read(old).entities.map((e) => [e.id, e]));
    const cps = (await service.counterparties()).filter((c) => c.id === 'nkunda');
    const again = await screenCounterparties(service, cps, screenerFromIndexes([loadOrBuildIndex(store, old)]), entities, { trigger: 'screen', listVersion: old.version, threshold: 0.8, actor: 'alice' });
    assert.equal(again.suppressed, 1);
    assert.equal(again.opened, 0);
  });
}

test('load the newer versions: OFAC SDN 2024-05-02 and UN after the snapback', async () => {
  await load('us_ofac_sdn', 'ofac_csv', 'ofac/sdn_csv_history/sdn_2024-05-02.csv.gz');
  await load('un_sc_sanctions', 'un_xml', 'un/consolidated.xml');
  assert.equal(store.current('us_ofac_sdn')?.entities, 14973);
});

for (const kind of STORAGE_KINDS) {
  test(`${kind.name}: monitoring the delta opens cases exactly for the new entries, re-opens the changed one, records the delisting`, async () => {
    const { storage, service } = ctx.get(kind.name)!;
    const reports = await runMonitor(store, service);
    const ofac = reports.find((r) => r.source === 'us_ofac_sdn')!;
    const un = reports.find((r) => r.source === 'un_sc_sanctions')!;
    assert.equal(ofac.mode, 'delta');
    assert.deepEqual([ofac.added, ofac.changed, ofac.removed], [7, 0, 0]);
    assert.deepEqual([un.added, un.changed, un.removed], [134, 169, 6]);

    const cases = await service.cases();
    const byCp = (id: string) => cases.filter((c) => c.counterpartyId === id && (id.startsWith('ofac') || c.source === 'un_sc_sanctions'));
    for (let i = 0; i < OFAC_ADDED.length; i++) {
      const got = byCp(`ofac${i}`);
      assert.equal(got.length, 1, `${OFAC_ADDED[i]}: ${got.length} cases`);
      assert.equal(got[0]!.source, 'us_ofac_sdn');
      assert.equal(got[0]!.entityName.toUpperCase(), OFAC_ADDED[i]!.toUpperCase());
    }
    assert.deepEqual(byCp('iran').map((c) => c.entityId), ['un_sc_sanctions:IRi.001']);
    // Nkunda's entry changed (birth dates): the whitelist entry is void and a new case opened.
    const nk = byCp('nkunda');
    assert.deepEqual(nk.map((c) => c.status), ['cleared', 'open']);
    assert.ok(nk[1]!.events.some((e) => e.action === 'reopened' && /listed entity .*changed/.test(e.text ?? '')));
    assert.equal((await service.whitelist()).length, 0);
    // Dumont was delisted: recorded on his case, which stays open for a human.
    const du = byCp('dumont');
    assert.equal(du.length, 1);
    assert.equal(du[0]!.status, 'open');
    assert.ok(du[0]!.events.some((e) => e.action === 'delisted'), JSON.stringify(du[0]));
    assert.equal(byCp('plain').length, 0);

    // Nothing new: a second run changes nothing.
    const again = await runMonitor(store, service);
    assert.ok(again.every((r) => r.mode === 'unchanged' && r.opened === 0));
    await service.drain();
    const verified = await verifyAudit(storage);
    assert.equal(verified.ok, true);
    assert.ok(verified.entries > 15);
  });

  test(`${kind.name}: a counterparty whose data changes loses its whitelist entry`, async () => {
    const { service } = ctx.get(kind.name)!;
    const iran = (await service.cases({ counterpartyId: 'iran' })).find((c) => c.source === 'un_sc_sanctions')!;
    await service.clear(iran.id, 'our customer is a namesake, passport checked', analyst);
    await service.clear(iran.id, 'agreed', approver);
    const cur = store.current('un_sc_sanctions')!;
    const screener = screenerFromIndexes([loadOrBuildIndex(store, cur)]);
    const entities = new Map(store.read(cur).entities.map((e) => [e.id, e]));
    const context = { trigger: 'screen', listVersion: cur.version, threshold: 0.8, actor: 'alice' };
    const iranCp = async () => (await service.counterparties()).filter((c) => c.id === 'iran');
    assert.equal((await screenCounterparties(service, await iranCp(), screener, entities, context)).suppressed, 1);
    await service.upsertCounterparties([{ id: 'iran', name: 'Fereidoun Abbasi-Davani', schema: 'Person', country: 'IR' }], analyst);
    assert.equal((await service.whitelist()).length, 0);
    const after = await screenCounterparties(service, await iranCp(), screener, entities, context);
    assert.equal(after.opened, 1);
  });
}
