// Benchmark: streaming the OFAC ADVANCED_XML parser over a file the size of the real
// sdn_advanced.xml (~120 MB; the mirror has no copy of it, see ../shared/data/SOURCES.md).
// The file is generated into os.tmpdir() by repeating the DistinctParty section of the real
// cons_advanced.xml with fresh ids (same data model, same element mix), parsed, and deleted.
// Baseline in the same run: a raw saxes pass over the same file with no handlers (the XML
// tokenising floor), so the figure shows what building entities costs on top.
// Run: node --import tsx bench/parse-advanced-xml.ts [--mb 120]
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { parse } from '../src/lists/sources/ofac-advanced-xml.js';
import { sharedData } from '../test/shared-data.js';
import { median } from './lib/stats.js';

const targetMb = Number(process.argv[process.argv.indexOf('--mb') + 1]) || 120;
const real = readFileSync(sharedData('ofac/advanced/cons_advanced.xml'), 'utf8');
const open = real.indexOf('<DistinctParties>') + '<DistinctParties>'.length;
const close = real.indexOf('</DistinctParties>');
const head = real.slice(0, open);
const parties = real.slice(open, close);
const tail = real.slice(close);

// Write the synthetic file: head, N renumbered copies of the parties, tail (relationships and
// sanctions entries of the original ids, so the join work is exercised too).
// In memory (tmpfs) where the machine has one, so the figure is the parser's and not this
// virtual disk's, whose read speed varies run to run; both measurements read the same file.
const scratchDir = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const file = join(scratchDir, `interdict-bench-sdn_advanced-${process.pid}.xml`);
const fd = openSync(file, 'w');
writeSync(fd, head);
let copies = 0;
let written = Buffer.byteLength(head) + Buffer.byteLength(tail);
const perCopy = Buffer.byteLength(parties);
while (written + perCopy <= targetMb * 1024 * 1024 || copies === 0) {
  const offset = copies * 10_000_000;
  const block =
    copies === 0
      ? parties
      : parties.replace(/(FixedRef|Profile ID|Identity ID)="(\d+)"/g, (_m, attr: string, id: string) => `${attr}="${Number(id) + offset}"`);
  writeSync(fd, block);
  written += Buffer.byteLength(block);
  copies++;
}
writeSync(fd, tail);
closeSync(fd);
const bytes = statSync(file).size;
const mb = bytes / (1024 * 1024);
console.log(`synthetic ADVANCED_XML: ${mb.toFixed(1)} MB, ${copies} copies x 375 DistinctParty = ${copies * 375} parties`);

/** A macrotask turn, then a full GC: a finished async parse's frames keep its result until the next turn. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure<T>(label: string, run: () => Promise<T>): Promise<{ seconds: number; peakRss: number; startRss: number; result: T }> {
  await settle();
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = process.memoryUsage().rss;
    samples.push(rss);
    if (rss > peakRss) peakRss = rss;
  }, 50);
  const t0 = performance.now();
  const result = await run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const toMb = (n: number) => (n / 1024 / 1024).toFixed(0);
  // RSS at each tenth of the run, to show whether memory grows with the file or stays flat.
  const tenths = Array.from({ length: 10 }, (_, i) => samples[Math.floor(((i + 1) * samples.length) / 10) - 1] ?? peakRss).map(toMb);
  console.log(
    `${label}: ${seconds.toFixed(2)} s, ${(mb / seconds).toFixed(1)} MB/s, peak RSS ${toMb(peakRss)} MB (start ${toMb(startRss)} MB); RSS by tenths: ${tenths.join(' ')}`,
  );
  return { seconds, peakRss, startRss, result };
}

const ROUNDS = 3;
/** One round: the baseline, then the parser; returns figures only, so no result outlives its round. */
async function round(): Promise<{ rawSeconds: number; parseSeconds: number; retainedMb: number; entities: number; relations: number; warnings: number }> {
  const raw = await measure('  baseline: raw saxes, no handlers', async () => {
    const parser = new SaxesParser();
    const stream = createReadStream(file);
    stream.setEncoding('utf8');
    for await (const chunk of stream as AsyncIterable<string>) parser.write(chunk);
    parser.close();
  });
  await settle();
  const heapBefore = process.memoryUsage().heapUsed;
  const run = await measure('  ofac-advanced-xml parse', () => parse({ main: file }, { source: 'us_ofac_sdn' }));
  await settle();
  // What the parse leaves behind is its output: with the result still referenced, the heap has
  // grown by the entities, not by the file (run with --expose-gc for a meaningful figure).
  const retainedMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const { entities, relations, warnings } = run.result;
  console.log(
    `  heap held by the result after GC: ${retainedMb.toFixed(0)} MB for ${entities.length} entities ` +
      `(${((retainedMb * 1024) / entities.length).toFixed(1)} KB each)${(globalThis as { gc?: unknown }).gc ? '' : ' [no --expose-gc: figure includes garbage]'}`,
  );
  return { rawSeconds: raw.seconds, parseSeconds: run.seconds, retainedMb, entities: entities.length, relations: relations.length, warnings: warnings.length };
}

try {
  // Rounds alternate baseline and parser so both see the same machine; medians are reported.
  const rounds = [];
  for (let i = 1; i <= ROUNDS; i++) {
    console.log(`round ${i}/${ROUNDS}`);
    rounds.push(await round());
  }
  const parseSeconds = median(rounds.map((r) => r.parseSeconds));
  const rawMbs = mb / median(rounds.map((r) => r.rawSeconds));
  const parseMbs = mb / parseSeconds;
  const { entities, relations, warnings } = rounds[0]!;
  console.log(`parsed ${entities} entities, ${relations} relations, ${warnings} warnings`);
  console.log(
    `median of ${ROUNDS}: parser ${parseMbs.toFixed(1)} MB/s (${(entities / parseSeconds).toFixed(0)} entities/s), ` +
      `raw saxes ${rawMbs.toFixed(1)} MB/s; parser at ${((100 * parseMbs) / rawMbs).toFixed(0)} % of the tokenising floor ` +
      `(goal >= 20 MB/s: ${parseMbs >= 20 ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(file, { force: true });
}
