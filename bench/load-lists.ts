// Benchmark: loading every source in the shared mirror cold, and reopening the stored snapshots
// (what each `screen` call pays). Run: node --import tsx bench/load-lists.ts [--runs N]
// Baselines in the same process: the same load on one thread, hashing the same files (the I/O floor of a load) and reading
// the same snapshots serialised with node:v8 instead of JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serialize, deserialize } from 'node:v8';
import { loadSources, sha256File } from '../src/lists/load.js';
import { openListStore } from '../src/lists/store.js';
import { median } from './lib/stats.js';
import { SHARED_DATA, sharedData } from '../test/shared-data.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
sharedData('SOURCES.md'); // fail loudly when the mirror is missing


const loadTimes: number[] = [];
const sequentialTimes: number[] = [];
const hashTimes: number[] = [];
const reopenTimes: number[] = [];
const v8Times: number[] = [];
let summary = '';

for (let run = 0; run < runs; run++) {
  const home = mkdtempSync(join(tmpdir(), 'interdict-bench-'));
  try {
    const store = openListStore(home);
    let t = performance.now();
    const outcomes = await loadSources(store, { mirror: SHARED_DATA });
    loadTimes.push(performance.now() - t);
    const failed = outcomes.filter((o) => o.error);
    if (failed.length) throw new Error(`load failed: ${failed.map((f) => `${f.source}: ${f.error}`).join('; ')}`);

    // Baseline: the same load parsing on this thread only, one source after the other.
    const seqHome = mkdtempSync(join(tmpdir(), 'interdict-bench-seq-'));
    t = performance.now();
    await loadSources(openListStore(seqHome), { mirror: SHARED_DATA, workers: 0 });
    sequentialTimes.push(performance.now() - t);
    rmSync(seqHome, { recursive: true, force: true });

    // Baseline: only hashing the same files (what any loader must read).
    t = performance.now();
    for (const o of outcomes) for (const r of o.results) for (const f of r.info.files) await sha256File(f.path);
    hashTimes.push(performance.now() - t);

    // Reopen: a fresh store object reads every current snapshot.
    t = performance.now();
    const reopened = openListStore(home);
    let entities = 0;
    const snaps = reopened.status().map((info) => reopened.read(info));
    for (const s of snaps) entities += s.entities.length;
    reopenTimes.push(performance.now() - t);

    // Baseline: the same snapshots serialised with node:v8 (the structured-clone format).
    const blobs = snaps.map((s) => serialize({ entities: s.entities, relations: s.relations }));
    t = performance.now();
    for (const b of blobs) deserialize(b);
    v8Times.push(performance.now() - t);

    if (run === 0) {
      summary = outcomes
        .map((o) => o.results.map((r) => `  ${o.source.padEnd(22)} ${String(r.info.entities).padStart(6)} entities  ${String(r.info.relations).padStart(4)} relations  ${r.info.format}`).join('\n'))
        .join('\n');
      summary += `\n  total ${entities} entities in ${snaps.length} sources`;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

console.log(`interdict list loading benchmark (${runs} runs, median; mirror ${SHARED_DATA})`);
console.log(summary);
console.log(`cold load of every source:   ${(median(loadTimes) / 1000).toFixed(2)} s  (goal <= 10 s)`);
console.log(`  baseline, one thread:      ${(median(sequentialTimes) / 1000).toFixed(2)} s  -> worker threads are ${(median(sequentialTimes) / median(loadTimes)).toFixed(2)}x faster`);
console.log(`  baseline, hashing files:   ${(median(hashTimes) / 1000).toFixed(2)} s  -> load is ${(median(loadTimes) / median(hashTimes)).toFixed(1)}x the I/O floor`);
console.log(`reopen stored snapshots:     ${(median(reopenTimes) / 1000).toFixed(2)} s  (goal <= 1.5 s)`);
console.log(`  baseline, same as node:v8: ${(median(v8Times) / 1000).toFixed(2)} s  (in memory, no file I/O) -> JSON snapshot files are ${(median(v8Times) / median(reopenTimes)).toFixed(2)}x its speed`);
