// Monitoring figure: re-screening 100,000 stored counterparties after a typical daily delta (the
// real OFAC SDN 2024-05-01 -> 2024-05-02 change: 7 entries added), against the baseline of
// re-screening everyone against the whole list (a sample of 5,000, extrapolated).
// Run: node --import tsx bench/monitor.ts
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openListStore } from '../src/lists/store.js';
import { loadFiles } from '../src/lists/load.js';
import { loadOrBuildIndex, screenerFromIndexes, DEFAULT_THRESHOLD } from '../src/matching/screener.js';
import { openSqliteStorage } from '../src/store/sqlite.js';
import { AuditWriter } from '../src/store/audit.js';
import { CaseService } from '../src/cases/service.js';
import type { CounterpartyInput } from '../src/cases/model.js';
import { runMonitor } from '../src/monitoring/monitor.js';
import { sharedData } from '../test/shared-data.js';

const COUNT = 100_000;
const SAMPLE = 5_000;

// Deterministic synthetic register: person and company names from syllables (a fixed LCG seed).
let seed = 20240502;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
const SYL = ['ka', 'lo', 'mer', 'an', 'dri', 'sel', 'vo', 'ta', 'ne', 'ri', 'bul', 'hem', 'os', 'tin', 'ga', 'pe', 'zu', 'mar', 'lin', 'dor'];
const word = (k: number) => {
  let w = '';
  for (let i = 0; i < k; i++) w += SYL[rand(SYL.length)];
  return w[0]!.toUpperCase() + w.slice(1);
};
function register(): CounterpartyInput[] {
  const out: CounterpartyInput[] = [];
  for (let i = 0; i < COUNT - 7; i++) {
    out.push(i % 3 === 0 ? { id: `c${i}`, name: `${word(2)} ${word(1)} ${['GmbH', 'Ltd', 'SA', 'Trading LLC'][rand(4)]}`, schema: 'Organization' } : { id: `c${i}`, name: `${word(2)} ${word(3)}`, schema: 'Person', birthDate: `19${50 + rand(50)}-0${1 + rand(9)}-1${rand(10)}` });
  }
  // Customers who will be designated on 2024-05-02.
  for (const [i, name] of ['Adnan Mahmoud Youssef', 'Mazen Hassan Al-Zein', 'Firas Hasan Moukalled', 'Andriyah Samir Mushantaf', 'Bashir Ibrahim Mansur', 'Teleport Company SAL', 'The Crystal Group'].entries()) out.push({ id: `new${i}`, name });
  return out;
}

const home = mkdtempSync(join(tmpdir(), 'interdict-bench-monitor-'));
const store = openListStore(home);
const v1 = (await loadFiles(store, { source: 'us_ofac_sdn', format: 'ofac_csv', files: { main: sharedData('ofac/sdn_csv_history/sdn_2024-05-01.csv.gz') } })).info;
const storage = openSqliteStorage(join(home, 'server.db'));
const service = new CaseService(storage, new AuditWriter(storage));
let t = performance.now();
await service.upsertCounterparties(register(), { user: 'bench', role: 'analyst' });
console.log(`register: ${COUNT.toLocaleString()} counterparties stored in ${((performance.now() - t) / 1000).toFixed(2)} s`);
// Monitoring has processed 05-01 already (as after an earlier run).
await storage.putRecords('monitor_state', [{ id: 'us_ofac_sdn', body: { source: 'us_ofac_sdn', version: v1.version, at: new Date().toISOString() } }]);
const v2 = (await loadFiles(store, { source: 'us_ofac_sdn', format: 'ofac_csv', files: { main: sharedData('ofac/sdn_csv_history/sdn_2024-05-02.csv.gz') } })).info;

t = performance.now();
const [report] = await runMonitor(store, service, { sources: ['us_ofac_sdn'] });
const deltaSeconds = (performance.now() - t) / 1000;
console.log(`delta monitoring (OFAC SDN 2024-05-01 -> 2024-05-02: +${report!.added} ~${report!.changed} -${report!.removed}): ${report!.counterparties.toLocaleString()} counterparties re-screened in ${deltaSeconds.toFixed(2)} s (target < 10 s; ${report!.screened.toLocaleString()} shared an index key with the delta and were scored), ${report!.hits} hits, ${report!.opened} cases opened`);

// Baseline: everyone against the whole new list.
const screener = screenerFromIndexes([loadOrBuildIndex(store, v2)]);
const all = await service.counterparties();
t = performance.now();
for (let i = 0; i < SAMPLE; i++) {
  const cp = all[Math.floor((i * all.length) / SAMPLE)]!;
  screener.screen({ name: cp.name, ...(cp.schema ? { schema: cp.schema } : {}), ...(cp.birthDate ? { birthDate: cp.birthDate } : {}) }, { threshold: DEFAULT_THRESHOLD });
}
const sampleSeconds = (performance.now() - t) / 1000;
const fullSeconds = (sampleSeconds * all.length) / SAMPLE;
console.log(`baseline (full list, ${v2.entities.toLocaleString()} entities): ${SAMPLE.toLocaleString()} counterparties in ${sampleSeconds.toFixed(2)} s -> ${fullSeconds.toFixed(1)} s extrapolated for ${all.length.toLocaleString()}`);
console.log(`ratio: delta monitoring is ${(fullSeconds / deltaSeconds).toFixed(1)}x faster than a full re-screen (screening step only in the baseline)`);
await service.drain();
await storage.close();
