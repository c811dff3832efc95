// Parsing list files on worker threads, one per core: loading every source is CPU-bound
// (XLSX unzip, XML and CSV tokenising), and sources are independent of each other.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ParsedList } from '../domain/list.js';
import { siblingModule, startModuleWorker } from '../runtime/module-worker.js';
import { ListParseError, ListSourceError } from './errors.js';
import type { ParseOptions, SourceFiles } from './parser.js';

export interface ParseJob {
  id: number;
  format: string;
  files: SourceFiles;
  source: string;
}

export type ParseReply =
  | { id: number; ok: true; parsed: ParsedList }
  | { id: number; ok: false; error: { name: string; message: string; file?: string | undefined; at?: string | undefined; reason?: string | undefined } };

/** Parse jobs on worker threads; `parse(format)` has the shape of a ListParser bound to a format. */
export interface ParsePool {
  parse(format: string, files: SourceFiles, options: ParseOptions): Promise<ParsedList>;
  close(): Promise<void>;
}

export function openParsePool(size = availableParallelism()): ParsePool {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const pending = new Map<number, { resolve: (p: ParsedList) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 1;

  function release(w: Worker): void {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  }

  function acquire(): Promise<Worker> {
    const w = idle.pop();
    if (w) return Promise.resolve(w);
    if (all.length < size) {
      const worker = startModuleWorker(siblingModule(import.meta.url, 'parse-worker'), null);
      all.push(worker);
      worker.on('message', (reply: ParseReply) => {
        const job = pending.get(reply.id);
        if (!job) return;
        pending.delete(reply.id);
        release(worker);
        if (reply.ok) job.resolve(reply.parsed);
        else if (reply.error.name === 'ListParseError' && reply.error.file && reply.error.reason) {
          job.reject(new ListParseError(reply.error.file, reply.error.at, reply.error.reason));
        } else job.reject(new ListSourceError(reply.error.message));
      });
      worker.on('error', (err) => {
        for (const [id, job] of pending) {
          if (job.worker === worker) {
            pending.delete(id);
            job.reject(err);
          }
        }
      });
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  return {
    async parse(format, files, options) {
      const worker = await acquire();
      const id = nextId++;
      return new Promise<ParsedList>((resolve, reject) => {
        pending.set(id, { resolve, reject, worker });
        const job: ParseJob = { id, format, files, source: options.source };
        worker.postMessage(job);
      });
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
