// Server load figures: `interdict serve` (the compiled CLI, as users run it) as a child process on
// loopback (its own core), driven by autocannon from this process (the other core), for a bounded
// time each:
//   1. baseline: GET /healthz (HTTP stack only),
//   2. POST /v1/screen with the embedded default (SQLite, synchronous=FULL, group commit),
//   3. POST /v1/screen with PostgreSQL (postgres://127.0.0.1:5432/test, a schema of its own).
// Every screen is authenticated with a real API key and recorded in the audit chain before the
// answer. Goal (issue 7): >= 1,000 req/s, p99 <= 20 ms, no errors.
// The server screens against every list in ../shared/data (loaded into a temporary store first),
// as a production instance would; BENCH_LISTS=un screens against the UN list alone.
// Both servers run side by side; the databases take turns for BENCH_ROUNDS rounds and the medians
// are reported (this shared 2-core machine's speed varies by a quarter between runs).
//   node --import tsx bench/server-load.ts        (BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=4
//                                                  by default; INTERDICT_HOME=... to use a populated store)
import { spawn, type ChildProcess } from 'node:child_process';
import { buildDist, PROJECT_ROOT } from './lib/compiled.js';
import { median } from './lib/stats.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openListStore } from '../src/lists/store.js';
import { loadSources } from '../src/lists/load.js';
import { openScreener } from '../src/matching/screener.js';
import { openStorage, type Storage } from '../src/store/storage.js';
import { createApiKey } from '../src/store/keys.js';
import { verifyAudit } from '../src/store/audit.js';
import { dropPgSchema, PG_URL, pgSchemaName, unListHome } from '../test/server-fixture.js';
import { SHARED_DATA, sharedData } from '../test/shared-data.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
// A mix of listed names (hits), near misses and clean names: what a screening stream looks like.
const NAMES = ['Ri Won Ho', 'Abdul Baqi Basir', 'John Smith', 'Acme Trading GmbH', 'Mohammad Hosseini', 'Kim Yong Chol', 'Shenzhen Electronics Co', 'Ivan Petrov'];

async function startServer(home: string, database: string | undefined): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'interdict.js'), 'serve', '--port', '0', '--rate-limit', '0', ...(database ? ['--database', database] : [])], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, INTERDICT_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /serving on (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (c) => reject(new Error(`server exited (${c}): ${err}`)));
  });
  return { child, base };
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

function line(label: string, r: AutocannonResult): string {
  return `${label.padEnd(45)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  max ${r.latency.max} ms  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}  (${r.requests.total} requests)`;
}

/** A running server on one database, with its own key and the audit head it started from. */
interface Target {
  label: string;
  storage: Storage;
  key: string;
  before: number;
  server: { child: ChildProcess; base: string };
  rounds: AutocannonResult[];
}

async function startTarget(label: string, home: string, database: string | undefined): Promise<Target> {
  const storage = await openStorage(database, home);
  const { key } = await createApiKey(storage, 'analyst', 'bench');
  const before = (await storage.auditHead()).seq;
  const server = await startServer(home, database);
  // Warm-up (JIT, caches), not counted.
  await autocannon({ url: `${server.base}/healthz`, connections: 2, duration: 1 });
  return { label, storage, key, before, server, rounds: [] };
}

function screenLoad(t: Target): Promise<AutocannonResult> {
  return autocannon({
    url: t.server.base,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
    requests: NAMES.map((name) => ({ method: 'POST', path: '/v1/screen', body: JSON.stringify({ name }) })),
  });
}

/** Stop the server, then check that every answered screen is in the chain and the chain verifies. */
async function finish(t: Target): Promise<string> {
  await stopServer(t.server.child);
  try {
    const answered = t.rounds.reduce((n, r) => n + r.requests.total - r.non2xx, 0);
    const head = await t.storage.auditHead();
    const v = await verifyAudit(t.storage);
    return `  ${t.label} audit: ${head.seq - t.before} entries written for ${answered} counted 2xx answers (the up to ${CONNECTIONS} requests in flight when a round ends are answered and recorded too); chain ${v.ok ? 'verifies' : `BROKEN at ${v.problem?.seq}`}`;
  } finally {
    await t.storage.close();
  }
}

/** A temporary store with every source of the shared mirror loaded and its screening index cached. */
async function allListsHome(): Promise<string> {
  sharedData('un/consolidated.xml'); // fails clearly when the mirror is missing
  const dir = mkdtempSync(join(tmpdir(), 'interdict-bench-server-'));
  const store = openListStore(dir);
  process.stderr.write(`loading every list from ${SHARED_DATA} into ${dir} ...\n`);
  for (const o of await loadSources(store, { mirror: SHARED_DATA })) {
    if (o.error) throw new Error(`${o.source}: not loaded (${o.error})`);
  }
  openScreener(store); // builds and caches the index, so the server starts as it would in production
  return dir;
}

buildDist(); // the compiled CLI, as `npx interdict serve` runs it, matching the sources
const home = process.env.INTERDICT_HOME ?? (process.env.BENCH_LISTS === 'un' ? await unListHome() : await allListsHome());
const lists = openListStore(home).status();
console.log(`server load: ${ROUNDS} rounds of ${SECONDS} s per database, alternating, ${CONNECTIONS} connections, loopback, node ${process.version}`);
console.log(`lists: ${lists.map((l) => `${l.source}@${l.version} (${l.entities} entities)`).join(', ')}`);
const schema = pgSchemaName();
const targets: Target[] = [];
try {
  targets.push(await startTarget('embedded SQLite', home, process.env.INTERDICT_HOME ? join(home, `bench-${Date.now()}.db`) : undefined));
  targets.push(await startTarget('PostgreSQL', home, `${PG_URL}?schema=${schema}`));
  console.log(line('baseline GET /healthz', await autocannon({ url: `${targets[0]!.server.base}/healthz`, connections: CONNECTIONS, duration: Math.min(5, SECONDS) })));
  // The databases take turns, so a slow spell of this shared machine falls on both.
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const r = await screenLoad(t);
      t.rounds.push(r);
      console.log(line(`round ${round} POST /v1/screen, ${t.label}`, r));
    }
  }
  for (const t of targets) {
    const errors = t.rounds.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
    console.log(
      `median of ${ROUNDS}: POST /v1/screen, ${t.label.padEnd(16)} ${median(t.rounds.map((r) => r.requests.average)).toFixed(0).padStart(6)} req/s  p50 ${median(t.rounds.map((r) => r.latency.p50))} ms  p99 ${median(t.rounds.map((r) => r.latency.p99))} ms  (rounds: ${t.rounds.map((r) => r.requests.average.toFixed(0)).join(', ')} req/s; errors and non-2xx in all rounds: ${errors})`,
    );
  }
} finally {
  for (const t of targets) console.log(await finish(t));
  await dropPgSchema(schema);
}
console.log('goal: >= 1,000 req/s, p99 <= 20 ms, no errors');
