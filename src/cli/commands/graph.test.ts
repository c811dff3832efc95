// `interdict graph` end to end: a temporary store loaded from the real mirror (OpenSanctions Zala
// Aero cluster), then the three sub-commands with --json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from '../../lists/store.js';
import { loadSources } from '../../lists/load.js';
import { SHARED_DATA, sharedData } from '../../../test/shared-data.js';
import { main } from '../main.js';

let home: string;
const saved = process.env.INTERDICT_HOME;

before(async () => {
  sharedData('opensanctions/zala_aero_cluster/entities.ftm.json');
  home = mkdtempSync(join(tmpdir(), 'interdict-graph-'));
  process.env.INTERDICT_HOME = home;
  const outcomes = await loadSources(openListStore(home), { mirror: SHARED_DATA, sources: ['os_zala_aero_cluster'] });
  assert.equal(outcomes[0]?.error, undefined);
});
after(() => {
  if (saved === undefined) delete process.env.INTERDICT_HOME;
  else process.env.INTERDICT_HOME = saved;
  rmSync(home, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  }) as typeof process.stdout.write;
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'interdict', ...args]);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
    process.exitCode = undefined;
  }
}

const ZAKHAROV = 'os_zala_aero_cluster:NK-aU5ybkbRFJucf8YMwsJvDw';
const ABASHKIN = 'os_zala_aero_cluster:NK-mCEmxFfuhfdjpC8gsxH74o';
const CST = 'os_zala_aero_cluster:NK-abdzbEBkqyT29GyREbiURZ';

test('graph neighbors --depth 1 --json', async () => {
  const { code, out } = await run(['graph', 'neighbors', ZAKHAROV, '--depth', '1', '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(out) as { neighbors: { id: string; depth: number }[] };
  assert.ok(doc.neighbors.some((n) => n.id === CST && n.depth === 1));
});

test('graph path --json: director of CST to Zakharov in 2 hops', async () => {
  const { code, out } = await run(['graph', 'path', ABASHKIN, ZAKHAROV, '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(out) as { hops: number; path: { type: string }[] };
  assert.equal(doc.hops, 2);
  assert.equal(doc.path[0]!.type, 'directorship');
});

test('graph exposure ENTITY_ID --json, and an unknown id is an error', async () => {
  const { code, out } = await run(['graph', 'exposure', ABASHKIN, '--json']);
  assert.equal(code, 0);
  const doc = JSON.parse(out) as { results: { paths: { entityId: string; hops: number }[] }[] };
  assert.ok(doc.results[0]!.paths.some((p) => p.entityId === CST && p.hops === 1));
  assert.ok(doc.results[0]!.paths.some((p) => p.entityId === ZAKHAROV && p.hops === 2));
  const bad = await run(['graph', 'neighbors', 'nowhere:1']);
  assert.equal(bad.code, 2);
});
