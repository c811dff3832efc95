// Shared storage: PostgreSQL, for several server instances on one database. Appends to the audit
// chain are serialised across instances by the row lock on the chain head: one statement that
// moves the head from the value this instance last wrote (the common case: one round trip), or,
// when another instance moved it, a transaction that reads it FOR UPDATE first. A commit returns
// after the WAL is flushed (synchronous_commit on).
import pg from 'pg';
import { chainEntries, type AuditEntry, type NewAuditEntry } from './audit.js';
import { canonicalJson } from './canonical.js';
import { StorageError, type ApiKeyRecord, type Role, type Storage } from './storage.js';

/** Run `work` on one pooled connection: roll back whatever it began if it throws; always release. */
async function onConnection<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    return await work(c);
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/**
 * Placeholders of audit rows for `chained`, their values appended to `values` (so numbering goes
 * on from what is there). Typed, so they read as a VALUES list inside a SELECT too.
 */
function auditRowParams(chained: AuditEntry[], values: unknown[]): string {
  return chained
    .map((e) => {
      const b = values.length;
      values.push(e.seq, e.id, e.kind, e.actor, e.at, canonicalJson(e.body), e.prevHash, e.hash);
      return `($${b + 1}::bigint,$${b + 2}::text,$${b + 3}::text,$${b + 4}::text,$${b + 5}::text,$${b + 6}::text,$${b + 7}::text,$${b + 8}::text)`;
    })
    .join(',');
}

const MIGRATION_LOCK = 7_262_001; // pg_advisory_xact_lock key: one migrating instance at a time

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY,
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
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (one, seq, hash) VALUES (1, 0, '') ON CONFLICT DO NOTHING;
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
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
  seq: string;
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
  return { seq: Number(r.seq), id: r.id, kind: r.kind, actor: r.actor, at: r.at, body: JSON.parse(r.body), prevHash: r.prev_hash, hash: r.hash };
}

function toKey(r: KeyRow): ApiKeyRecord {
  return { id: r.id, name: r.name, role: r.role as Role, hash: r.hash, createdAt: r.created_at, ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}) };
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * Open (and migrate) the database. A `schema` query parameter in the URL (or the option) puts all
 * tables in that schema, created if missing: tests use one per run.
 */
export async function openPostgresStorage(url: string, options: { schema?: string; poolSize?: number } = {}): Promise<Storage> {
  const u = new URL(url);
  const schema = options.schema ?? u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StorageError(`invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: options.poolSize ?? 8,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Requests report their own errors.
  });
  try {
    await onConnection(pool, async (c) => {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await c.query(SCHEMA);
      await c.query('COMMIT');
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StorageError(`cannot open PostgreSQL database ${redact(url)}: ${(err as Error).message}`);
  }

  /** The chain head as this instance last wrote it (a guess: another instance may have moved it). */
  let lastHead: { seq: number; hash: string } | undefined;

  return {
    kind: 'postgres',
    location: redact(url),
    async appendAudit(entries: NewAuditEntry[]) {
      if (entries.length === 0) return [];
      // Fast path, one round trip: chain onto the head this instance saw last and write the rows
      // in one statement that moves the head only if it is still there (the UPDATE takes the row
      // lock, and waits for and re-checks against any concurrent appender). Another instance
      // having appended meanwhile makes it write nothing; then the locking path below reads the
      // head under lock and appends.
      if (lastHead) {
        const chained = chainEntries(lastHead, entries);
        const last = chained[chained.length - 1]!;
        const values: unknown[] = [lastHead.seq, lastHead.hash, last.seq, last.hash];
        const rows = auditRowParams(chained, values);
        const sql =
          `WITH moved AS (UPDATE audit_head SET seq = $3, hash = $4 WHERE one = 1 AND seq = $1 AND hash = $2 RETURNING 1) ` +
          `INSERT INTO audit_log (seq, id, kind, actor, at, body, prev_hash, hash) ` +
          `SELECT * FROM (VALUES ${rows}) AS v WHERE EXISTS (SELECT 1 FROM moved)`;
        const r = await pool.query(sql, values).catch((err: unknown) => {
          lastHead = undefined;
          throw err;
        });
        if (r.rowCount === chained.length) {
          lastHead = { seq: last.seq, hash: last.hash };
          return chained;
        }
      }
      // Until this path succeeds, this instance no longer knows where the head is.
      lastHead = undefined;
      return onConnection(pool, async (c) => {
        // The row lock on the head serialises appenders across every instance on this database.
        // Three round trips per group of entries: BEGIN+lock, INSERT, UPDATE+COMMIT.
        const begun = (await c.query('BEGIN; SELECT seq, hash FROM audit_head WHERE one = 1 FOR UPDATE')) as unknown as pg.QueryResult<{ seq: string; hash: string }>[];
        const head = begun[1]!.rows[0]!;
        const chained = chainEntries({ seq: Number(head.seq), hash: head.hash }, entries);
        const values: unknown[] = [];
        await c.query(`INSERT INTO audit_log (seq, id, kind, actor, at, body, prev_hash, hash) VALUES ${auditRowParams(chained, values)}`, values);
        const last = chained[chained.length - 1]!;
        // seq is an integer and hash hex digits, both made here: safe to inline.
        await c.query(`UPDATE audit_head SET seq = ${Number(last.seq)}, hash = '${last.hash.replace(/[^0-9a-f]/g, '')}' WHERE one = 1; COMMIT`);
        lastHead = { seq: last.seq, hash: last.hash };
        return chained;
      });
    },
    async auditEntry(id) {
      const r = (await pool.query<AuditRow>('SELECT * FROM audit_log WHERE id = $1', [id])).rows[0];
      return r ? toEntry(r) : undefined;
    },
    async auditRange(afterSeq, limit) {
      return (await pool.query<AuditRow>('SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, limit])).rows.map(toEntry);
    },
    async auditHead() {
      const r = (await pool.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_head WHERE one = 1')).rows[0]!;
      return { seq: Number(r.seq), hash: r.hash };
    },
    async createKey(k: ApiKeyRecord) {
      await pool.query('INSERT INTO api_keys (id, name, role, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [k.id, k.name, k.role, k.hash, k.createdAt]);
    },
    async keys() {
      return (await pool.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')).rows.map(toKey);
    },
    async keyByHash(hash) {
      const r = (await pool.query<KeyRow>('SELECT * FROM api_keys WHERE hash = $1', [hash])).rows[0];
      return r ? toKey(r) : undefined;
    },
    async revokeKey(id, at) {
      return ((await pool.query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2', [at, id])).rowCount ?? 0) > 0;
    },
    async putRecords(kind, records) {
      if (records.length === 0) return;
      await onConnection(pool, async (c) => {
        await c.query('BEGIN');
        // Chunks of 1,000 rows: one statement each, well under PostgreSQL's parameter limit.
        for (let i = 0; i < records.length; i += 1000) {
          const chunk = records.slice(i, i + 1000);
          const values: unknown[] = [];
          const rows = chunk.map((r, j) => {
            values.push(kind, r.id, JSON.stringify(r.body));
            return `($${j * 3 + 1},$${j * 3 + 2},$${j * 3 + 3})`;
          });
          await c.query(`INSERT INTO case_records (kind, id, body) VALUES ${rows.join(',')} ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body`, values);
        }
        await c.query('COMMIT');
      });
    },
    async getRecord(kind, id) {
      const r = (await pool.query<{ id: string; body: string }>('SELECT id, body FROM case_records WHERE kind = $1 AND id = $2', [kind, id])).rows[0];
      return r ? { id: r.id, body: JSON.parse(r.body) } : undefined;
    },
    async listRecords(kind) {
      return (await pool.query<{ id: string; body: string }>('SELECT id, body FROM case_records WHERE kind = $1 ORDER BY id', [kind])).rows.map((r) => ({ id: r.id, body: JSON.parse(r.body) }));
    },
    async deleteRecord(kind, id) {
      return ((await pool.query('DELETE FROM case_records WHERE kind = $1 AND id = $2', [kind, id])).rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}
