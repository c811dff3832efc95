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
//   node --import tsx bench/server-load.ts        (BENCH_SECONDS=15 BENCH_CONNECTIONS=4 by default;
//                                                  INTERDICT_HOME=... to use a populated store)
import { spawn, type ChildProcess } from 'node:child_process';
import { buildDist, PROJECT_ROOT } from './lib/compiled.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openListStore } from '../src/lists/store.js';
import { loadSources } from '../src/lists/load.js';
import { openScreener } from '../src/matching/screener.js';
import { openStorage } from '../src/store/storage.js';
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

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
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
  return `${label.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(3)} ms  p99 ${String(r.latency.p99).padStart(3)} ms  max ${r.latency.max} ms  errors ${r.errors + r.timeouts}  non-2xx ${r.non2xx}  (${r.requests.total} requests)`;
}

async function run(label: string, home: string, database: string | undefined, healthz: boolean): Promise<string[]> {
  const storage = await openStorage(database, home);
  const { key } = await createApiKey(storage, 'analyst', 'bench');
  const before = (await storage.auditHead()).seq;
  const server = await startServer(home, database);
  const out: string[] = [];
  try {
    if (healthz) {
      const h = await autocannon({ url: `${server.base}/healthz`, connections: CONNECTIONS, duration: Math.min(5, SECONDS) });
      out.push(line('baseline GET /healthz', h));
    }
    // Warm-up (JIT, caches), not counted.
    await autocannon({ url: `${server.base}/healthz`, connections: 2, duration: 1 });
    const r = await autocannon({
      url: server.base,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      requests: NAMES.map((name) => ({ method: 'POST', path: '/v1/screen', body: JSON.stringify({ name }) })),
    });
    out.push(line(`POST /v1/screen, ${label}`, r));
    const head = await storage.auditHead();
    const v = await verifyAudit(storage);
    out.push(`  audit: ${head.seq - before} entries written during the run (2xx answers: ${r.requests.total - r.non2xx}); chain ${v.ok ? 'verifies' : `BROKEN at ${v.problem?.seq}`}`);
  } finally {
    await stopServer(server.child);
    await storage.close();
  }
  return out;
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
console.log(`server load: ${SECONDS} s per run, ${CONNECTIONS} connections, loopback, node ${process.version}`);
console.log(`lists: ${lists.map((l) => `${l.source}@${l.version} (${l.entities} entities)`).join(', ')}`);
const report = await run('embedded SQLite', home, process.env.INTERDICT_HOME ? join(home, `bench-${Date.now()}.db`) : undefined, true);
for (const l of report) console.log(l);
const schema = pgSchemaName();
try {
  for (const l of await run('PostgreSQL', home, `${PG_URL}?schema=${schema}`, false)) console.log(l);
} finally {
  await dropPgSchema(schema);
}
console.log('goal: >= 1,000 req/s, p99 <= 20 ms, no errors');
