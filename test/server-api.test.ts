// The HTTP API on the real UN list, through fastify's in-process injection, on both storages:
// auth and roles, validation errors as JSON pointers, screening recorded in the audit chain and
// replayable, the yente /match API, rate limits, OpenAPI/docs, metrics, and a failed list refresh
// that keeps the previous version serving.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Engine } from '../src/api/engine.js';
import { buildServer } from '../src/api/server.js';
import { replayDecision } from '../src/api/decisions.js';
import { createApiKey } from '../src/store/keys.js';
import { openListStore } from '../src/lists/store.js';
import { STORAGE_KINDS, unListHome } from './server-fixture.js';

let home: string;
before(async () => {
  home = await unListHome();
});

for (const kind of STORAGE_KINDS) {
  test(`${kind.name}: the API end to end`, async (t) => {
    const db = await kind.open();
    // A mirror whose UN file is corrupt: refreshing from it must fail and change nothing.
    const badMirror = mkdtempSync(join(tmpdir(), 'interdict-badmirror-'));
    mkdirSync(join(badMirror, 'un'));
    writeFileSync(join(badMirror, 'un', 'consolidated.xml'), '<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATA');
    const engine = new Engine(home, badMirror);
    const app: FastifyInstance = await buildServer({ storage: db.storage, engine, rateLimit: { perSecond: 5, burst: 40 } });
    const admin = (await createApiKey(db.storage, 'admin', 'admin')).key;
    const analyst = (await createApiKey(db.storage, 'analyst', 'analyst')).key;
    const viewer = (await createApiKey(db.storage, 'viewer', 'viewer')).key;
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    try {
      await t.test('health, readiness, OpenAPI and offline docs need no key', async () => {
        assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
        const ready = await app.inject({ url: '/readyz' });
        assert.equal(ready.statusCode, 200);
        assert.ok(ready.json().lists.un_sc_sanctions);
        const spec = (await app.inject({ url: '/openapi.json' })).json();
        assert.equal(spec.openapi, '3.0.3');
        for (const p of ['/v1/screen', '/v1/screen/batch', '/v1/decisions/{id}', '/v1/lists', '/v1/lists/refresh', '/v1/rules/timeline', '/v1/audit/verify', '/match/{dataset}']) assert.ok(spec.paths[p], `${p} in OpenAPI`);
        const docs = await app.inject({ url: '/docs/' });
        assert.equal(docs.statusCode, 200);
        assert.doesNotMatch(docs.body, /(src|href)="https?:/, 'docs load no remote assets');
        assert.equal((await app.inject({ url: '/docs/static/swagger-ui-bundle.js' })).statusCode, 200);
      });

      let decisionId = '';
      await t.test('auth: no key 401, wrong role 403, analyst screens a UN-listed name', async () => {
        assert.equal((await app.inject({ method: 'POST', url: '/v1/screen', payload: { name: 'Ri Won Ho' } })).statusCode, 401);
        const bad = await app.inject({ method: 'POST', url: '/v1/screen', headers: { authorization: 'Bearer idk_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }, payload: { name: 'Ri Won Ho' } });
        assert.equal(bad.statusCode, 401);
        assert.equal((await app.inject({ method: 'POST', url: '/v1/screen', headers: auth(viewer), payload: { name: 'Ri Won Ho' } })).statusCode, 403);
        const res = await app.inject({ method: 'POST', url: '/v1/screen', headers: auth(analyst), payload: { name: 'Ri Won Ho', schema: 'Person' } });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.matches[0].name, 'RI WON HO');
        assert.ok(body.matches[0].score >= 0.8);
        assert.equal(body.matches[0].source, 'un_sc_sanctions');
        assert.match(body.id, /^[0-9a-f-]{36}$/);
        decisionId = body.id;
      });

      await t.test('the decision is stored with input, output, caller and versions, and replays identically', async () => {
        const res = await app.inject({ url: `/v1/decisions/${decisionId}`, headers: auth(viewer) });
        assert.equal(res.statusCode, 200);
        const d = res.json();
        assert.equal(d.kind, 'screen');
        assert.deepEqual(d.input, { name: 'Ri Won Ho', schema: 'Person' });
        assert.equal(d.output.matches[0].name, 'RI WON HO');
        assert.ok(d.versions.lists.un_sc_sanctions && d.versions.scorer && d.versions.rules);
        assert.notEqual(d.caller, 'dev');
        const entry = (await db.storage.auditEntry(decisionId))!;
        const replay = replayDecision(entry, openListStore(home), { rules: engine.rulesVersion });
        assert.equal(replay.identical, true, JSON.stringify(replay.differences));
        assert.throws(() => replayDecision(entry, openListStore(home), { rules: 'other-rules' }), /made with rules/);
        assert.equal((await app.inject({ url: '/v1/decisions/nope', headers: auth(viewer) })).statusCode, 404);
      });

      await t.test('validation errors name the field as a JSON pointer, without stack traces', async () => {
        const missing = await app.inject({ method: 'POST', url: '/v1/screen', headers: auth(analyst), payload: { schema: 'Person' } });
        assert.equal(missing.statusCode, 400);
        assert.equal(missing.json().field, '/name');
        const batch = await app.inject({ method: 'POST', url: '/v1/screen/batch', headers: auth(analyst), payload: { rows: [{ name: 'A' }, { name: { first: 'B' } }] } });
        assert.equal(batch.statusCode, 400);
        assert.equal(batch.json().field, '/rows/1/name');
        const tooMany = await app.inject({ method: 'POST', url: '/v1/screen/batch', headers: auth(analyst), payload: { rows: Array.from({ length: 1001 }, () => ({ name: 'x' })) } });
        assert.equal(tooMany.statusCode, 400);
        assert.equal(tooMany.json().field, '/rows');
        const badJson = await app.inject({ method: 'POST', url: '/v1/screen', headers: { ...auth(analyst), 'content-type': 'application/json' }, payload: '{"name": ' });
        assert.equal(badJson.statusCode, 400);
        assert.doesNotMatch(badJson.body, /at .*\.js:\d+/);
        const huge = await app.inject({ method: 'POST', url: '/v1/screen', headers: auth(analyst), payload: { name: 'x'.repeat(3 * 1024 * 1024) } });
        assert.equal(huge.statusCode, 413);
      });

      await t.test('batch screening of many rows is one recorded decision', async () => {
        const res = await app.inject({ method: 'POST', url: '/v1/screen/batch', headers: auth(analyst), payload: { rows: [{ id: 'a', name: 'Ri Won Ho' }, { id: 'b', name: 'Nobody Atall' }] } });
        assert.equal(res.statusCode, 200);
        const body = res.json();
        assert.equal(body.results[0].matches[0].name, 'RI WON HO');
        assert.deepEqual(body.results[1], { id: 'b', matches: [] });
        const entry = (await db.storage.auditEntry(body.id))!;
        assert.equal(replayDecision(entry, openListStore(home), { rules: engine.rulesVersion }).identical, true);
      });

      await t.test('yente-compatible /match/{dataset}', async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/match/default?limit=3',
          headers: auth(analyst),
          payload: { queries: { q1: { schema: 'Person', properties: { name: ['Ri Won Ho'], nationality: ['kp'] } }, q2: { schema: 'Company', properties: { name: ['Completely Unrelated Bakery Ltd'] } } } },
        });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.limit, 3);
        const r1 = body.responses.q1;
        assert.equal(r1.status, 200);
        assert.equal(r1.results[0].caption, 'RI WON HO');
        assert.equal(r1.results[0].match, true);
        assert.deepEqual(r1.results[0].datasets, ['un_sc_sanctions']);
        assert.ok(r1.results[0].properties.name.includes('RI WON HO'));
        assert.equal(r1.total.value, r1.results.length);
        assert.equal(r1.query.schema, 'Person');
        assert.ok(body.responses.q2.results.every((r: { match: boolean }) => !r.match));
        assert.equal((await app.inject({ method: 'POST', url: '/match/no_such_list', headers: auth(analyst), payload: { queries: {} } })).statusCode, 404);
      });

      await t.test('check and classify: the CLI JSON in, Decision / Classification out, recorded and replayable', async () => {
        const transfer = JSON.parse(readFileSync(new URL('./fixtures/transfers/shahed-136-iran-to-russia.json', import.meta.url), 'utf8'));
        const res = await app.inject({ method: 'POST', url: '/v1/check', headers: auth(analyst), payload: transfer });
        assert.equal(res.statusCode, 200, res.body);
        const d = res.json();
        assert.equal(d.verdict, 'prohibited');
        assert.ok(d.jurisdictions.some((j: { jurisdiction: string; verdict: string }) => j.verdict === 'prohibited'));
        assert.ok(d.versions.rules && d.versions.controls);
        const entry = (await db.storage.auditEntry(d.id))!;
        assert.equal(entry.kind, 'check');
        const running = { rules: engine.rulesVersion, regimes: engine.regimes, controls: engine.controls, indicators: engine.indicators };
        const replay = replayDecision(entry, openListStore(home), running);
        assert.equal(replay.identical, true, JSON.stringify(replay.differences));
        const bad = await app.inject({ method: 'POST', url: '/v1/check', headers: auth(analyst), payload: { ...transfer, parties: [{ role: 'exporter' }] } });
        assert.equal(bad.statusCode, 400);
        assert.equal(bad.json().field, '/parties/0/name');

        const item = JSON.parse(readFileSync(new URL('./fixtures/items/shahed-136.json', import.meta.url), 'utf8'));
        const c = await app.inject({ method: 'POST', url: '/v1/classify', headers: auth(analyst), payload: item });
        assert.equal(c.statusCode, 200, c.body);
        assert.ok(c.json().controls.some((m: { list: string }) => m.list === 'MTCR'));
        assert.equal(replayDecision((await db.storage.auditEntry(c.json().id))!, openListStore(home), running).identical, true);
        const badItem = await app.inject({ method: 'POST', url: '/v1/classify', headers: auth(analyst), payload: { ...item, rangeKm: 'far' } });
        assert.equal(badItem.statusCode, 400);
        assert.equal(badItem.json().field, '/rangeKm');
      });

      await t.test('lists, rules timeline, metrics', async () => {
        const lists = (await app.inject({ url: '/v1/lists', headers: auth(viewer) })).json();
        assert.equal(lists.lists[0].source, 'un_sc_sanctions');
        assert.equal(lists.lists[0].serving, true);
        const tl = await app.inject({ url: '/v1/rules/timeline?jurisdiction=UN', headers: auth(viewer) });
        assert.equal(tl.statusCode, 200);
        assert.ok(tl.json().events.length > 0);
        assert.ok(tl.json().events.every((e: { jurisdiction: string }) => e.jurisdiction === 'UN'));
        const m = (await app.inject({ url: '/metrics' })).body;
        assert.match(m, /interdict_http_requests_total\{method="POST",route="\/v1\/screen",status="200"\} 1/);
        assert.match(m, /interdict_http_request_duration_seconds_bucket\{method="POST",route="\/v1\/screen",le="\+Inf"\} \d+/);
        assert.match(m, /interdict_lists_loaded\{source="un_sc_sanctions",version="[0-9a-f]{16}"\} 1/);
        assert.match(m, /interdict_audit_entries [1-9]/);
      });

      await t.test('a failed refresh (corrupt mirror file) keeps the previous version serving', async () => {
        const before = engine.screener.listVersions;
        assert.equal((await app.inject({ method: 'POST', url: '/v1/lists/refresh', headers: auth(analyst), payload: {} })).statusCode, 403);
        const res = await app.inject({ method: 'POST', url: '/v1/lists/refresh', headers: auth(admin), payload: { sources: ['un_sc_sanctions'] } });
        assert.equal(res.statusCode, 502, res.body);
        assert.match(res.json().message, /un_sc_sanctions/);
        assert.deepEqual(engine.screener.listVersions, before);
        const again = await app.inject({ method: 'POST', url: '/v1/screen', headers: auth(analyst), payload: { name: 'Ri Won Ho' } });
        assert.equal(again.json().matches[0].name, 'RI WON HO');
        assert.deepEqual(again.json().lists, before);
      });

      await t.test('audit verify over the API, approver only', async () => {
        assert.equal((await app.inject({ url: '/v1/audit/verify', headers: auth(analyst) })).statusCode, 403);
        const res = (await app.inject({ url: '/v1/audit/verify', headers: auth(admin) })).json();
        assert.equal(res.ok, true);
        assert.ok(res.entries >= 7);
      });

      await t.test('per-key rate limit answers 429 with Retry-After', async () => {
        const codes: number[] = [];
        let retryAfter: string | undefined;
        for (let i = 0; i < 60; i++) {
          const r = await app.inject({ url: '/v1/lists', headers: auth(viewer) });
          codes.push(r.statusCode);
          if (r.statusCode === 429) retryAfter = r.headers['retry-after'] as string;
        }
        assert.ok(codes.includes(429), 'limit reached');
        assert.ok(Number(retryAfter) >= 1);
        // Another key has its own bucket.
        assert.equal((await app.inject({ url: '/v1/lists', headers: auth(admin) })).statusCode, 200);
      });
    } finally {
      await app.close();
      await db.storage.close();
      await db.cleanup();
    }
  });
}

after(() => undefined);
