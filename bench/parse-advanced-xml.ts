// Benchmark: streaming the OFAC ADVANCED_XML parser over a file the size of the real
// sdn_advanced.xml (~120 MB; the mirror has no copy of it, see ../shared/data/SOURCES.md).
// The file is generated into os.tmpdir() by repeating the DistinctParty section of the real
// cons_advanced.xml with fresh ids (same data model, same element mix), parsed, and deleted.
// Baseline in the same run: a raw saxes pass over the same file with no handlers (the XML
// tokenising floor), so the figure shows what building entities costs on top.
// Run: node --import tsx bench/parse-advanced-xml.ts [--mb 120]
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SaxesParser } from 'saxes';
import { parse } from '../src/lists/sources/ofac-advanced-xml.js';
import { sharedData } from '../test/shared-data.js';

const targetMb = Number(process.argv[process.argv.indexOf('--mb') + 1]) || 120;
const real = readFileSync(sharedData('ofac/advanced/cons_advanced.xml'), 'utf8');
const open = real.indexOf('<DistinctParties>') + '<DistinctParties>'.length;
const close = real.indexOf('</DistinctParties>');
const head = real.slice(0, open);
const parties = real.slice(open, close);
const tail = real.slice(close);

// Write the synthetic file: head, N renumbered copies of the parties, tail (relationships and
// sanctions entries of the original ids, so the join work is exercised too).
const file = join(tmpdir(), `interdict-bench-sdn_advanced-${process.pid}.xml`);
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

async function measure<T>(label: string, run: () => Promise<T>): Promise<{ seconds: number; peakRss: number; startRss: number; result: T }> {
  (globalThis as { gc?: () => void }).gc?.();
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

try {
  await measure('baseline: raw saxes, no handlers', async () => {
    const parser = new SaxesParser();
    const stream = createReadStream(file);
    stream.setEncoding('utf8');
    for await (const chunk of stream as AsyncIterable<string>) parser.write(chunk);
    parser.close();
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const { result, seconds } = await measure('ofac-advanced-xml parse', () => parse({ main: file }, { source: 'us_ofac_sdn' }));
  gc?.();
  // What the parse leaves behind is its output: with the result still referenced, the heap has
  // grown by the entities, not by the file (run with --expose-gc for a meaningful figure).
  const retained = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(
    `heap held by the result after GC: ${retained.toFixed(0)} MB for ${result.entities.length} entities ` +
      `(${((retained * 1024) / result.entities.length).toFixed(1)} KB each)${gc ? '' : ' [no --expose-gc: figure includes garbage]'}`,
  );
  console.log(
    `parsed ${result.entities.length} entities, ${result.relations.length} relations, ${result.warnings.length} warnings; ` +
      `${(result.entities.length / seconds).toFixed(0)} entities/s (goal >= 20 MB/s: ${mb / seconds >= 20 ? 'met' : 'NOT met'})`,
  );
} finally {
  rmSync(file, { force: true });
}
