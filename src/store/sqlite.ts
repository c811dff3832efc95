// Embedded storage: one SQLite file (better-sqlite3). WAL journal with synchronous=FULL: a commit
// is on disk (WAL fsynced) before it returns, so an acknowledged write survives kill -9 and power
// loss. better-sqlite3 is synchronous; the async interface is kept so callers do not care.
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { chainEntries, type AuditEntry, type AuditLink, type NewAuditEntry } from './audit.js';
import { canonicalJson } from './canonical.js';
import { StorageError, type ApiKeyRecord, type Role, type Storage } from './storage.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  body TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_head (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT OR IGNORE INTO audit_head (one, seq, hash) VALUES (1, 0, '');
-- Append-only: the server never updates or deletes an entry. (Someone with file access can drop
-- these triggers; the hash chain is what detects that.)
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS case_records (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
`;

interface AuditRow {
  seq: number;
  id: string;
  kind: string;
  actor: string;
  at: string;
  body: string;
  prev_hash: string;
  hash: string;
}

interface KeyRow {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

function toEntry(r: AuditRow): AuditEntry {
  return { seq: r.seq, id: r.id, kind: r.kind, actor: r.actor, at: r.at, body: JSON.parse(r.body), prevHash: r.prev_hash, hash: r.hash };
}

function toKey(r: KeyRow): ApiKeyRecord {
  return { id: r.id, name: r.name, role: r.role as Role, hash: r.hash, createdAt: r.created_at, ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}) };
}

/**
 * The appending transaction on a connection: BEGIN IMMEDIATE takes the write lock before the head
 * is read, so two processes on one file cannot chain onto the same head.
 */
export function sqliteAppender(db: Database.Database): (entries: NewAuditEntry[]) => AuditEntry[] {
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE one = 1');
  const insert = db.prepare('INSERT INTO audit_log (seq, id, kind, actor, at, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const setHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE one = 1');
  const append = db.transaction((entries: NewAuditEntry[]): AuditEntry[] => {
    const chained = chainEntries(head.get()!, entries);
    for (const e of chained) insert.run(e.seq, e.id, e.kind, e.actor, e.at, canonicalJson(e.body), e.prevHash, e.hash);
    const last = chained[chained.length - 1];
    if (last) setHead.run(last.seq, last.hash);
    return chained;
  });
  return (entries) => append.immediate(entries);
}

/** Open a connection configured for durable writes. */
export function openSqliteConnection(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new StorageError(`cannot open SQLite database ${file}: ${(err as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Another process (a second server, `interdict audit verify`) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Appends run in a worker thread with its own connection: the commit's fsync then blocks that
 * thread, not the event loop, and screening goes on while a group of entries is made durable.
 */
class SqliteWriterThread {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { entries: NewAuditEntry[]; resolve: (e: AuditEntry[]) => void; reject: (err: Error) => void }>();

  constructor(private readonly file: string) {}

  private start(): Worker {
    const url = new URL(import.meta.url.endsWith('.ts') ? './sqlite-writer.ts' : './sqlite-writer.js', import.meta.url);
    const data = { file: this.file };
    // Under tsx (tests, benchmarks) the worker needs the TypeScript loader registered in it too.
    const w = url.pathname.endsWith('.ts')
      ? new Worker(`(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })()`, { eval: true, workerData: data })
      : new Worker(url, { workerData: data });
    w.on('message', (m: { id: number; links?: AuditLink[]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error !== undefined) p.reject(new StorageError(`audit append failed: ${m.error}`));
      else p.resolve(p.entries.map((e, i) => ({ ...e, ...m.links![i]! })));
    });
    w.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker = undefined;
    });
    w.unref();
    return w;
  }

  append(entries: NewAuditEntry[]): Promise<AuditEntry[]> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    // Serialised here, at the moment of the append: what is recorded is the entry as it was then.
    const json = JSON.stringify(entries);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { entries, resolve, reject });
      w.ref(); // an append in flight keeps the process alive until it is durable
      w.postMessage({ id, entries: json });
    });
  }

  async close(): Promise<void> {
    while (this.pending.size) await new Promise((r) => setTimeout(r, 5));
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

export function openSqliteStorage(file: string): Storage {
  mkdirSync(dirname(file), { recursive: true });
  const db = openSqliteConnection(file);
  db.exec(SCHEMA);

  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE one = 1');
  const byId = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE id = ?');
  const range = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  const keyByHash = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE hash = ?');
  const writer = new SqliteWriterThread(file);

  return {
    kind: 'sqlite',
    location: file,
    async appendAudit(entries) {
      if (entries.length === 0) return [];
      return writer.append(entries);
    },
    async auditEntry(id) {
      const r = byId.get(id);
      return r ? toEntry(r) : undefined;
    },
    async auditRange(afterSeq, limit) {
      return range.all(afterSeq, limit).map(toEntry);
    },
    async auditHead() {
      return head.get()!;
    },
    async createKey(k) {
      db.prepare('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)').run(k.id, k.name, k.role, k.hash, k.createdAt);
    },
    async keys() {
      return db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id').all().map(toKey);
    },
    async keyByHash(hash) {
      const r = keyByHash.get(hash);
      return r ? toKey(r) : undefined;
    },
    async revokeKey(id, at) {
      return db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(at, id).changes > 0;
    },
    async putRecords(kind, records) {
      const put = db.prepare('INSERT OR REPLACE INTO case_records (kind, id, body) VALUES (?, ?, ?)');
      db.transaction(() => {
        for (const r of records) put.run(kind, r.id, JSON.stringify(r.body));
      })();
    },
    async getRecord(kind, id) {
      const r = db.prepare<[string, string], { id: string; body: string }>('SELECT id, body FROM case_records WHERE kind = ? AND id = ?').get(kind, id);
      return r ? { id: r.id, body: JSON.parse(r.body) } : undefined;
    },
    async listRecords(kind) {
      return db.prepare<[string], { id: string; body: string }>('SELECT id, body FROM case_records WHERE kind = ? ORDER BY id').all(kind).map((r) => ({ id: r.id, body: JSON.parse(r.body) }));
    },
    async deleteRecord(kind, id) {
      return db.prepare('DELETE FROM case_records WHERE kind = ? AND id = ?').run(kind, id).changes > 0;
    },
    async close() {
      await writer.close();
      db.close();
    },
  };
}
