// One batch-screening worker thread: opens the screener from the store (reading the cached
// indexes the main thread made sure exist) and screens the chunks of rows it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { openListStore } from '../lists/store.js';
import { openScreener, type ScreenQuery } from './screener.js';
import type { BatchWorkerData, BatchChunk, BatchChunkResult } from './batch.js';

const data = workerData as BatchWorkerData;
const screener = openScreener(openListStore(data.home), data.asOf ? { sources: data.sources, asOf: data.asOf } : { sources: data.sources });
const options = { threshold: data.threshold, limit: data.limit };

parentPort!.on('message', (chunk: BatchChunk) => {
  const results = chunk.queries.map((q: ScreenQuery) => screener.screen(q, options));
  const reply: BatchChunkResult = { start: chunk.start, results };
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
