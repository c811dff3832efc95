// Storage and the audit chain, on both implementations (SQLite and a real PostgreSQL): chaining,
// detection of edited / deleted / reordered / truncated entries, concurrent appenders, API keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuditWriter, verifyAudit, type NewAuditEntry } from '../src/store/audit.js';
import { authenticateKey, createApiKey, roleAllows } from '../src/store/keys.js';
import { STORAGE_KINDS } from './server-fixture.js';

const entry = (i: number, actor = 'k1'): NewAuditEntry => ({ id: `d${i}`, kind: 'screen', actor, at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, body: { input: { name: `N${i}` }, output: { matches: [i] } } });

for (const kind of STORAGE_KINDS) {
  test(`${kind.name}: entries chain, verify, and every kind of tampering is named by seq`, async () => {
    const db = await kind.open();
    try {
      const written = await db.storage.appendAudit([1, 2, 3, 4, 5].map((i) => entry(i)));
      assert.deepEqual(written.map((e) => e.seq), [1, 2, 3, 4, 5]);
      assert.equal(written[1]!.prevHash, written[0]!.hash);
      const ok = await verifyAudit(db.storage);
      assert.equal(ok.ok, true);
      assert.equal(ok.entries, 5);
      assert.deepEqual((await db.storage.auditEntry('d3'))?.body, entry(3).body);

      // The server cannot update or delete entries.
      await assert.rejects(db.exec(`UPDATE audit_log SET actor = 'x' WHERE seq = 2`), /append-only/);

      // An attacker with database access drops the guard and edits entry 3.
      const dropGuard = kind.name === 'sqlite' ? 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' : 'DROP TRIGGER audit_log_append_only ON audit_log;';
      await db.exec(dropGuard);
      await db.exec(`UPDATE audit_log SET body = replace(body, 'N3', 'N9') WHERE seq = 3`);
      let r = await verifyAudit(db.storage);
      assert.equal(r.ok, false);
      assert.deepEqual([r.problem?.seq, r.problem?.problem], [3, 'edited']);
      await db.exec(`UPDATE audit_log SET body = replace(body, 'N9', 'N3') WHERE seq = 3`);
      assert.equal((await verifyAudit(db.storage)).ok, true);

      // Reorder: swap entries 2 and 4 (their seq numbers).
      await db.exec(`UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -2;`);
      r = await verifyAudit(db.storage);
      assert.equal(r.ok, false);
      assert.equal(r.problem?.seq, 2);
      assert.match(r.problem!.problem, /reordered|broken_link|edited/);
      await db.exec(`UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -2;`);
      assert.equal((await verifyAudit(db.storage)).ok, true);

      // Delete entry 4.
      await db.exec(`DELETE FROM audit_log WHERE seq = 4`);
      r = await verifyAudit(db.storage);
      assert.deepEqual([r.ok, r.problem?.seq, r.problem?.problem], [false, 4, 'deleted']);

      // Cut the tail (entry 5 gone too, with the gap closed): the head beside the chain tells.
      await db.exec(`DELETE FROM audit_log WHERE seq = 5`);
      r = await verifyAudit(db.storage);
      assert.deepEqual([r.ok, r.problem?.problem], [false, 'truncated']);
    } finally {
      await db.storage.close();
      await db.cleanup();
    }
  });

  test(`${kind.name}: two writers on one database (two instances) still form one unbroken chain`, async () => {
    const db = await kind.open();
    const other = await db.reopen();
    try {
      const a = new AuditWriter(db.storage);
      const b = new AuditWriter(other);
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 200; i++) writes.push((i % 2 ? a : b).append(entry(i, i % 2 ? 'a' : 'b')));
      const done = (await Promise.all(writes)) as { seq: number }[];
      assert.equal(new Set(done.map((e) => e.seq)).size, 200, 'every entry got its own seq');
      const r = await verifyAudit(db.storage);
      assert.equal(r.ok, true, r.problem?.message);
      assert.equal(r.entries, 200);
    } finally {
      await other.close();
      await db.storage.close();
      await db.cleanup();
    }
  });

  test(`${kind.name}: API keys are stored hashed, authenticate, and stop working when revoked`, async () => {
    const db = await kind.open();
    try {
      const { key, record } = await createApiKey(db.storage, 'analyst', 'ci');
      assert.match(key, /^idk_[0-9a-f]{12}_/);
      const stored = await db.storage.keys();
      assert.equal(stored.length, 1);
      assert.ok(!JSON.stringify(stored).includes(key.slice(18)), 'the secret is not stored');
      assert.equal((await authenticateKey(db.storage, key))?.id, record.id);
      assert.equal(await authenticateKey(db.storage, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')), undefined);
      assert.equal(await db.storage.revokeKey(record.id, '2026-01-01T00:00:00Z'), true);
      assert.equal(await authenticateKey(db.storage, key), undefined);
      await assert.rejects(createApiKey(db.storage, 'root'), /unknown role "root"/);
      assert.equal(roleAllows('approver', 'analyst'), true);
      assert.equal(roleAllows('analyst', 'approver'), false);
    } finally {
      await db.storage.close();
      await db.cleanup();
    }
  });
}
