// Cases over HTTP on both storages: a counterparty registered through the API gets a case when a
// refresh loads the UN list after the Iran snapback (automatic monitoring), roles are enforced,
// and a blocking case needs a second key with the approver role to close.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/api/engine.js';
import { buildServer } from '../src/api/server.js';
import { createApiKey } from '../src/store/keys.js';
import { openListStore } from '../src/lists/store.js';
import { loadFiles } from '../src/lists/load.js';
import { AuditWriter } from '../src/store/audit.js';
import { CaseService } from '../src/cases/service.js';
import { runMonitor } from '../src/monitoring/monitor.js';
import { STORAGE_KINDS } from './server-fixture.js';
import { SHARED_DATA, sharedData } from './shared-data.js';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

for (const kind of STORAGE_KINDS) {
  test(`${kind.name}: API counterparties, monitoring after refresh, roles and four eyes`, async () => {
    const home = mkdtempSync(join(tmpdir(), 'interdict-cases-api-'));
    const store = openListStore(home);
    await loadFiles(store, { source: 'un_sc_sanctions', format: 'un_xml', files: { main: sharedData('un/history/consolidated_2024-09-26.xml') } });
    const db = await kind.open();
    const engine = new Engine(home, SHARED_DATA);
    const app = await buildServer({ storage: db.storage, engine });
    cleanups.push(async () => {
      await app.close();
      await db.storage.close();
      await db.cleanup();
    });
    const key = async (role: 'viewer' | 'analyst' | 'approver', name: string) => ({ authorization: `Bearer ${(await createApiKey(db.storage, role, name)).key}` });
    const [viewer, analyst, approver, admin] = [await key('viewer', 'v'), await key('analyst', 'a'), await key('approver', 'b'), { authorization: `Bearer ${(await createApiKey(db.storage, 'admin', 'ops')).key}` }];

    const body = { counterparties: [{ id: 'iran', name: 'Fereidoun Abbasi-Davani', schema: 'Person', externalRef: 'C-1' }, { id: 'plain', name: 'Margarethe Oberholzer', schema: 'Person' }] };
    assert.equal((await app.inject({ method: 'POST', url: '/v1/counterparties', headers: viewer, payload: body })).statusCode, 403);
    const reg = await app.inject({ method: 'POST', url: '/v1/counterparties', headers: analyst, payload: body });
    assert.equal(reg.statusCode, 200, reg.body);
    assert.deepEqual(reg.json().opened, []); // not on the UN list of 2024-09-26
    assert.equal((await app.inject({ url: '/v1/counterparties', headers: viewer })).json().counterparties.length, 2);

    // Monitoring has processed the 2024-09-26 version; the refresh loads the post-snapback list.
    const service = new CaseService(db.storage, new AuditWriter(db.storage));
    await runMonitor(store, service);
    assert.equal((await app.inject({ url: '/v1/cases', headers: viewer })).json().cases.length, 0);
    const refresh = await app.inject({ method: 'POST', url: '/v1/lists/refresh', headers: admin, payload: { sources: ['un_sc_sanctions'] } });
    assert.equal(refresh.statusCode, 200, refresh.body);
    const cases = (await app.inject({ url: '/v1/cases?status=open', headers: viewer })).json().cases;
    assert.deepEqual(cases.map((c: { counterpartyId: string; entityId: string }) => [c.counterpartyId, c.entityId]), [['iran', 'un_sc_sanctions:IRi.001']]);
    const id = cases[0].id as string;

    const post = (path: string, headers: Record<string, string>, payload: Record<string, string>) => app.inject({ method: 'POST', url: `/v1/cases/${id}/${path}`, headers, payload });
    assert.equal((await post('comment', viewer, { text: 'x' })).statusCode, 403);
    assert.equal((await post('comment', analyst, { text: 'checking passport' })).statusCode, 200);
    const proposed = await post('clear', analyst, { reason: 'namesake: passport differs' });
    assert.equal(proposed.json().status, 'in_review');
    const again = await post('clear', analyst, { reason: 'still a namesake' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error, 'four_eyes');
    const closed = await post('clear', approver, { reason: 'agreed' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'cleared');
    const shown = (await app.inject({ url: `/v1/cases/${id}`, headers: viewer })).json();
    assert.deepEqual(shown.events.map((e: { action: string }) => e.action), ['opened', 'comment', 'proposed', 'cleared']);
    assert.equal((await app.inject({ url: '/v1/cases/case_nope', headers: viewer })).statusCode, 404);

    // A transfer checked through the API registers its parties; a prohibited decision's cases are blocking.
    const transfer = JSON.parse(readFileSync(new URL('./fixtures/transfers/shahed-136-iran-to-russia.json', import.meta.url), 'utf8')) as { parties: { name: string }[] };
    const checked = await app.inject({ method: 'POST', url: '/v1/check', headers: analyst, payload: transfer });
    assert.equal(checked.statusCode, 200, checked.body);
    const names = (await app.inject({ url: '/v1/counterparties', headers: viewer })).json().counterparties.map((c: { name: string }) => c.name);
    for (const p of transfer.parties) assert.ok(names.includes(p.name.trim()), `${p.name} registered`);
    const fromCheck = (await service.cases()).filter((c) => c.trigger === 'check');
    assert.ok(fromCheck.every((c) => c.blocking));
    await service.drain();
  });
}
