// Durability of the real server process (`interdict serve`, spawned as a child): kill -9 in the
// middle of a stream of screening requests loses no acknowledged decision, the restarted server
// recovers cleanly, and the audit chain still verifies. On SQLite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStorage } from '../src/store/storage.js';
import { createApiKey } from '../src/store/keys.js';
import { dropPgSchema, PG_URL, pgSchemaName, unListHome } from './server-fixture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = pathToFileURL(join(ROOT, 'src', 'cli', 'main.ts')).href;

interface Running {
  child: ChildProcess;
  base: string;
}

/** Start `interdict serve --port 0` and wait for its "serving on" line. */
async function startServer(home: string, database: string | undefined): Promise<Running> {
  const code = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['node', 'interdict', ...process.argv.slice(1)]);`;
  const args = ['--import', 'tsx', '--input-type=module', '-e', code, 'serve', '--port', '0', '--rate-limit', '0', ...(database ? ['--database', database] : [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, INTERDICT_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${err}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving on (http:\/\/[^\s]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${c}: ${err}`));
    });
  });
  return { child, base };
}

/** Run the CLI to completion: exit code and stdout+stderr. */
function cli(home: string, argv: string[]): Promise<{ code: number | null; out: string }> {
  const code = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['node', 'interdict', ...process.argv.slice(1)]);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, ...argv], { cwd: ROOT, env: { ...process.env, INTERDICT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('close', (c) => resolve({ code: c, out })));
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`${kind}: kill -9 during writes loses no acknowledged decision; restart recovers and the chain verifies`, { timeout: 90_000 }, async () => {
    const home = await unListHome();
    const schema = pgSchemaName();
    const database = kind === 'postgres' ? `${PG_URL}?schema=${schema}` : undefined;
    const storage = await openStorage(database, home);
    const { key } = await createApiKey(storage, 'admin', 'durability test');
    await storage.close();
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    try {
      let server = await startServer(home, database);
      const acked: string[] = [];
      let stop = false;
      const names = ['Ri Won Ho', 'Abdul Baqi Basir', 'John Smith', 'Acme Trading'];
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${server.base}/v1/screen`, { method: 'POST', headers, body: JSON.stringify({ name: names[(w + i) % names.length] }) });
            if (res.status === 200) acked.push(((await res.json()) as { id: string }).id);
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      while (acked.length < 300) await new Promise((r) => setTimeout(r, 20));
      await killed(server.child, 'SIGKILL');
      stop = true;
      await Promise.all(writers);
      const ackedAtKill = [...acked];
      assert.ok(ackedAtKill.length >= 300);

      server = await startServer(home, database);
      try {
        assert.equal((await fetch(`${server.base}/readyz`)).status, 200);
        const missing: string[] = [];
        for (const id of ackedAtKill) {
          const res = await fetch(`${server.base}/v1/decisions/${id}`, { headers });
          if (res.status !== 200) missing.push(id);
        }
        assert.deepEqual(missing, [], `${missing.length} of ${ackedAtKill.length} acknowledged decisions lost`);
        const verify = (await (await fetch(`${server.base}/v1/audit/verify`, { headers })).json()) as { ok: boolean; entries: number };
        assert.equal(verify.ok, true);
        assert.ok(verify.entries >= ackedAtKill.length);
        // The restarted server keeps appending to the same chain.
        const more = await fetch(`${server.base}/v1/screen`, { method: 'POST', headers, body: JSON.stringify({ name: 'Ri Won Ho' }) });
        assert.equal(more.status, 200);
        const after = (await (await fetch(`${server.base}/v1/audit/verify`, { headers })).json()) as { ok: boolean; entries: number };
        assert.deepEqual([after.ok, after.entries], [true, verify.entries + 1]);
      } finally {
        await killed(server.child, 'SIGTERM');
      }
      // The CLI over the same database: verify the chain, replay an acknowledged decision, list keys.
      const db = database ? ['--database', database] : [];
      const verify = await cli(home, ['audit', 'verify', ...db]);
      assert.equal(verify.code, 0, verify.out);
      assert.match(verify.out, /audit chain intact: \d+ entries/);
      const replay = await cli(home, ['decisions', 'replay', ackedAtKill[0]!, ...db]);
      assert.equal(replay.code, 0, replay.out);
      assert.match(replay.out, /replayed: IDENTICAL/);
      const keys = await cli(home, ['keys', 'list', ...db]);
      assert.match(keys.out, /admin\s+\S+\s+active\s+durability test/);
    } finally {
      if (kind === 'postgres') await dropPgSchema(schema);
    }
  });
}

test('the server refuses to start without API keys unless --dev on loopback', { timeout: 60_000 }, async () => {
  const home = await unListHome();
  await assert.rejects(startServer(home, undefined), /no API keys exist/);
  const code = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(['node', 'interdict', ...process.argv.slice(1)]);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, 'serve', '--dev', '--host', '0.0.0.0', '--port', '0'], { cwd: ROOT, env: { ...process.env, INTERDICT_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(exit, 2);
  assert.match(err, /only allowed on loopback/);
});
