// A list-parsing worker thread: parses the download sets it is sent and posts back the result,
// so that loading several sources uses every core.
import { parentPort } from 'node:worker_threads';
import { parserFor } from './formats.js';
import type { ParseJob, ParseReply } from './parse-pool.js';

parentPort!.on('message', (job: ParseJob) => {
  void (async () => {
    let reply: ParseReply;
    try {
      const parse = await parserFor(job.format);
      reply = { id: job.id, ok: true, parsed: await parse(job.files, { source: job.source }) };
    } catch (err) {
      const e = err as Error & { file?: string; at?: string; reason?: string };
      reply = { id: job.id, ok: false, error: { name: e.name, message: e.message, file: e.file, at: e.at, reason: e.reason } };
    }
    parentPort!.postMessage(reply);
  })();
});
