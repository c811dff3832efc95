// Server storage: ONE interface, two implementations (sqlite.ts embedded, postgres.ts shared by
// several server instances), chosen once at start-up by openStorage(). Everything the server
// persists goes through here: the hash-chained audit log (which also holds every decision), and
// the API keys. Cases and monitoring (issue 8) extend this interface with their own tables.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { AuditEntry, NewAuditEntry } from './audit.js';

export type Role = 'viewer' | 'analyst' | 'approver' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'approver', 'admin'];

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  /** sha256 (hex) of the secret key; the key itself is never stored. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export interface Storage {
  /** 'sqlite' or 'postgres': for reports and metrics only, never for branching. */
  readonly kind: string;
  /** Where the data lives, for messages (file path or database URL without password). */
  readonly location: string;
  /**
   * Append entries to the audit chain in one transaction, in order, and resolve only after the
   * commit is durable. Serialised across processes (a lock on the chain head).
   */
  appendAudit(entries: NewAuditEntry[]): Promise<AuditEntry[]>;
  /** The entry recorded under an id (a decision id), if any. */
  auditEntry(id: string): Promise<AuditEntry | undefined>;
  /** Entries with seq > afterSeq in seq order, at most `limit`. */
  auditRange(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The chain head as recorded beside the chain: the last seq and hash (0 and '' when empty). */
  auditHead(): Promise<{ seq: number; hash: string }>;

  createKey(key: ApiKeyRecord): Promise<void>;
  keys(): Promise<ApiKeyRecord[]>;
  keyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Marks a key revoked; false when no such key. */
  revokeKey(id: string, at: string): Promise<boolean>;

  /**
   * Case management (issue 8: counterparties, cases, whitelist, monitoring state) keeps its
   * records as JSON documents by kind and id; history goes to the audit chain, not here.
   * Insert or replace every record in one transaction.
   */
  putRecords(kind: string, records: StoredRecord[]): Promise<void>;
  getRecord(kind: string, id: string): Promise<StoredRecord | undefined>;
  /** Every record of a kind, in id order. */
  listRecords(kind: string): Promise<StoredRecord[]>;
  deleteRecord(kind: string, id: string): Promise<boolean>;

  close(): Promise<void>;
}

export interface StoredRecord {
  id: string;
  body: unknown;
}

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

/** The embedded default database file. */
export function defaultDatabaseFile(home: string): string {
  mkdirSync(home, { recursive: true });
  return join(home, 'server.db');
}

/**
 * Open the storage a database URL names: `postgres://` / `postgresql://` -> PostgreSQL, anything
 * else (a file path, `sqlite:PATH`, or nothing) -> SQLite (default: INTERDICT_HOME/server.db).
 * The one place where the implementation is chosen.
 */
export async function openStorage(url: string | undefined, home: string): Promise<Storage> {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStorage } = await import('./postgres.js');
    return openPostgresStorage(url);
  }
  const file = url ? url.replace(/^sqlite:/, '') : defaultDatabaseFile(home);
  const { openSqliteStorage } = await import('./sqlite.js');
  return openSqliteStorage(file);
}
