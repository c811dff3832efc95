// Shared set-up of the server tests: a list store holding the real UN list (from the shared
// mirror), and storages of both kinds — SQLite in a temp folder, PostgreSQL in a schema of its own
// on the real server at 127.0.0.1:5432 (dropped afterwards). PostgreSQL being down fails the
// tests with the connection error; it never skips them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openListStore } from '../src/lists/store.js';
import { loadSources } from '../src/lists/load.js';
import { openScreener } from '../src/matching/screener.js';
import { openSqliteStorage } from '../src/store/sqlite.js';
import { openPostgresStorage } from '../src/store/postgres.js';
import type { Storage } from '../src/store/storage.js';
import { SHARED_DATA, sharedData } from './shared-data.js';

export const PG_URL = process.env.INTERDICT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh INTERDICT_HOME with the UN consolidated list loaded and its match index built. */
export async function unListHome(): Promise<string> {
  sharedData('un/consolidated.xml');
  const home = mkdtempSync(join(tmpdir(), 'interdict-server-'));
  const store = openListStore(home);
  const [outcome] = await loadSources(store, { mirror: SHARED_DATA, sources: ['un_sc_sanctions'] });
  if (outcome?.error) throw new Error(`loading the UN list failed: ${outcome.error}`);
  openScreener(store); // builds and caches the index, so servers start fast
  return home;
}

export function pgSchemaName(): string {
  return `interdict_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function dropPgSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/** Run SQL in a schema directly (to tamper with the audit log as an attacker with DB access would). */
export async function pgExec(schema: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface StorageKind {
  name: 'sqlite' | 'postgres';
  /** Open a fresh, empty storage; `reopen` opens the same data again (another connection/instance). */
  open(): Promise<{ storage: Storage; reopen: () => Promise<Storage>; exec: (sql: string) => Promise<void>; url: string; cleanup: () => Promise<void> }>;
}

export const STORAGE_KINDS: StorageKind[] = [
  {
    name: 'sqlite',
    async open() {
      const file = join(mkdtempSync(join(tmpdir(), 'interdict-db-')), 'server.db');
      const storage = openSqliteStorage(file);
      return {
        storage,
        url: file,
        reopen: async () => openSqliteStorage(file),
        exec: async (sql) => {
          const { default: Database } = await import('better-sqlite3');
          const db = new Database(file);
          try {
            db.exec(sql);
          } finally {
            db.close();
          }
        },
        cleanup: async () => undefined,
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const schema = pgSchemaName();
      const url = `${PG_URL}?schema=${schema}`;
      const storage = await openPostgresStorage(url);
      return { storage, url, reopen: () => openPostgresStorage(url), exec: (sql) => pgExec(schema, sql), cleanup: () => dropPgSchema(schema) };
    },
  },
];
