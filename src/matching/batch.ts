// Batch screening: a file of names in (CSV with header id,name[,schema,country,birth_date] or
// JSONL with the same fields), one JSON line per row out, in input order. The rows are screened
// by one worker thread per core, each holding its own copy of the cached indexes.
import { readFileSync, createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { siblingModule, startModuleWorker } from '../runtime/module-worker.js';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Match } from '../domain/decision.js';
import type { ListStore } from '../lists/store.js';
import { ensureIndexCached, openScreener, selectVersions, type ScreenQuery } from './screener.js';
import { jsonObjectLines, JsonLinesError, partyFields } from '../runtime/input-records.js';

export class BatchInputError extends Error {
  override readonly name = 'BatchInputError';
}

export interface BatchRow {
  id: string;
  query: ScreenQuery;
}

export interface BatchWorkerData {
  home: string;
  sources: string[];
  asOf?: string;
  threshold?: number;
  limit?: number;
}
export interface BatchChunk {
  start: number;
  queries: ScreenQuery[];
}
export interface BatchChunkResult {
  start: number;
  results: Match[][];
}

function rowToQuery(rec: Record<string, unknown>, where: string): BatchRow {
  const { id, name, schema, country, birthDate, ids } = partyFields(rec);
  if (id === undefined) throw new BatchInputError(`${where}: missing "id"`);
  if (name === undefined) throw new BatchInputError(`${where}: missing "name"`);
  const query: ScreenQuery = { name };
  if (schema) query.schema = schema;
  if (country) query.country = country;
  if (birthDate) query.birthDate = birthDate;
  if (ids) query.ids = ids;
  return { id, query };
}

/** Read a batch input file: JSONL when it ends in .jsonl/.ndjson or starts with "{", else CSV. */
export function readBatchInput(file: string): BatchRow[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const isJsonl = /\.(jsonl|ndjson)$/i.test(file) || text.trimStart().startsWith('{');
  if (isJsonl) {
    const rows: BatchRow[] = [];
    try {
      for (const { record, line } of jsonObjectLines(text)) rows.push(rowToQuery(record, `${file} line ${line}`));
    } catch (err) {
      if (err instanceof JsonLinesError) throw new BatchInputError(`${file} ${err.message}`);
      throw err;
    }
    return rows;
  }
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new BatchInputError(`${file}: ${(err as Error).message}`);
  }
  return records.map((r, i) => rowToQuery(r, `${file} line ${i + 2}`));
}

export interface BatchOptions {
  sources?: string[];
  asOf?: string;
  threshold?: number;
  limit?: number;
  /** Worker threads; default one per core. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}


/** Screen `rows` with worker threads; results in input order. */
export async function screenBatch(store: ListStore, rows: BatchRow[], options: BatchOptions = {}): Promise<Match[][]> {
  const versions = selectVersions(store, options);
  // Build any missing index once here, so workers only read caches (and never race to write them).
  for (const info of versions) ensureIndexCached(store, info);
  const sources = versions.map((v) => v.source);
  const n = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(rows.length / 50) || 1));
  const results: Match[][] = new Array(rows.length);
  if (rows.length === 0) return results;
  if (n === 1 && rows.length < 200) {
    const s = openScreener(store, options.asOf ? { sources, asOf: options.asOf } : { sources });
    rows.forEach((r, i) => {
      results[i] = s.screen(r.query, { threshold: options.threshold, limit: options.limit });
      options.onProgress?.(i + 1, rows.length);
    });
    return results;
  }
  const CHUNK = 100;
  let next = 0;
  let done = 0;
  const data: BatchWorkerData = { home: store.home, sources };
  if (options.asOf) data.asOf = options.asOf;
  if (options.threshold !== undefined) data.threshold = options.threshold;
  if (options.limit !== undefined) data.limit = options.limit;
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve, reject) => {
        const w = startModuleWorker(siblingModule(import.meta.url, 'batch-worker'), data);
        const send = (): void => {
          if (next >= rows.length) {
            void w.terminate().then(() => resolve());
            return;
          }
          const start = next;
          next = Math.min(rows.length, next + CHUNK);
          const chunk: BatchChunk = { start, queries: rows.slice(start, next).map((r) => r.query) };
          w.postMessage(chunk);
        };
        w.on('message', (msg: BatchChunkResult | { ready: true }) => {
          if ('results' in msg) {
            msg.results.forEach((m, k) => (results[msg.start + k] = m));
            done += msg.results.length;
            options.onProgress?.(done, rows.length);
          }
          send();
        });
        w.on('error', reject);
        w.on('exit', (code) => (code !== 0 && code !== 1 ? reject(new Error(`screening worker exited with code ${code}`)) : undefined));
      }),
    ),
  );
  return results;
}

/** Write the results as JSON lines, `{"id": ..., "matches": [...]}` per input row, in input order. */
export async function writeBatchOutput(file: string, rows: BatchRow[], results: Match[][]): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < rows.length; i++) {
    if (!out.write(`${JSON.stringify({ id: rows[i]!.id, matches: results[i] ?? [] })}\n`)) {
      await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
