// The SQLite audit writer thread (see SqliteWriterThread in sqlite.ts): one connection, one
// appending transaction per message, answered after the durable commit.
import { parentPort, workerData } from 'node:worker_threads';
import type { NewAuditEntry } from './audit.js';
import { openSqliteConnection, sqliteAppender } from './sqlite.js';

const db = openSqliteConnection((workerData as { file: string }).file);
const append = sqliteAppender(db);

parentPort!.on('message', (m: { id: number; entries: NewAuditEntry[] }) => {
  try {
    parentPort!.postMessage({ id: m.id, entries: append(m.entries) });
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
});
