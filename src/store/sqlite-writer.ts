// The SQLite audit writer thread (see SqliteWriterThread in sqlite.ts): one connection, one
// appending transaction per message, answered after the durable commit.
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditLink, NewAuditEntry } from './audit.js';
import { openSqliteConnection, sqliteAppender } from './sqlite.js';

const db = openSqliteConnection((workerData as { file: string }).file);
const append = sqliteAppender(db);

// Entries arrive as one JSON string (cheaper to pass between threads than a cloned object tree);
// only the chain links go back: the caller still holds the entries themselves.
parentPort!.on('message', (m: { id: number; entries: string }) => {
  try {
    const links = append(JSON.parse(m.entries) as NewAuditEntry[]).map((e): AuditLink => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash }));
    parentPort!.postMessage({ id: m.id, links });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
