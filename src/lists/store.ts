// The list store: every loaded version of every source, on disk under INTERDICT_HOME.
//
//   $INTERDICT_HOME/lists/<source>/<version>/info.json      ListVersionInfo
//   $INTERDICT_HOME/lists/<source>/<version>/snapshot.json  entities + relations (JSON: reads faster
//                                                            than node:v8 for plain objects, see bench/load-lists.ts)
//   $INTERDICT_HOME/lists/<source>/<version>/artifacts/     derived data cached per version (match index)
//
// A version is written into a temporary folder and renamed into place, so a failed or interrupted
// load never replaces or corrupts the last good version; versions are immutable once written.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ListSnapshot, ListVersionInfo } from '../domain/list.js';
import type { Entity, Relation } from '../domain/entity.js';
import { ListSourceError } from './errors.js';

export function defaultHome(): string {
  return process.env.INTERDICT_HOME || join(homedir(), '.interdict');
}

/** The date a version counts as published: its publication date, else the time it was loaded. */
export function effectiveDate(info: ListVersionInfo): string {
  return info.publishedAt ?? info.loadedAt;
}

function byPublication(a: ListVersionInfo, b: ListVersionInfo): number {
  const d = effectiveDate(a).localeCompare(effectiveDate(b));
  return d !== 0 ? d : a.loadedAt.localeCompare(b.loadedAt);
}

function writeFileDurably(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface ListStore {
  readonly home: string;
  /** Ids of sources with at least one stored version. */
  sources(): string[];
  /** All stored versions of a source, oldest publication first. */
  versions(source: string): ListVersionInfo[];
  /** The newest published version of a source. */
  current(source: string): ListVersionInfo | undefined;
  /** The current version of every stored source. */
  status(): ListVersionInfo[];
  /** The newest version published on or before `isoDate` (a date or date-time). */
  asOf(source: string, isoDate: string): ListVersionInfo | undefined;
  /** A stored version by id (or unique id prefix). */
  find(source: string, version: string): ListVersionInfo | undefined;
  has(source: string, version: string): boolean;
  read(info: ListVersionInfo): ListSnapshot;
  /** Write a new version atomically. Returns false when that version was already stored. */
  save(info: ListVersionInfo, entities: Entity[], relations: Relation[]): boolean;
  /** Folder for artefacts derived from one version (created on demand). */
  artifactDir(info: ListVersionInfo): string;
}

export function openListStore(home: string = defaultHome()): ListStore {
  const root = join(home, 'lists');
  const infoCache = new Map<string, ListVersionInfo[]>();

  function sourceDir(source: string): string {
    if (!/^[a-z][a-z0-9_]*$/.test(source)) throw new ListSourceError(`invalid source id "${source}"`);
    return join(root, source);
  }

  function versions(source: string): ListVersionInfo[] {
    const cached = infoCache.get(source);
    if (cached) return cached;
    const dir = sourceDir(source);
    const out: ListVersionInfo[] = [];
    if (existsSync(dir)) {
      for (const name of readdirSync(dir)) {
        if (name.startsWith('.')) continue; // temporary folders of loads in progress or interrupted
        const infoFile = join(dir, name, 'info.json');
        if (!existsSync(infoFile)) continue;
        out.push(JSON.parse(readFileSync(infoFile, 'utf8')) as ListVersionInfo);
      }
    }
    out.sort(byPublication);
    infoCache.set(source, out);
    return out;
  }

  const store: ListStore = {
    home,
    sources() {
      if (!existsSync(root)) return [];
      return readdirSync(root)
        .filter((name) => !name.startsWith('.') && versions(name).length > 0)
        .sort();
    },
    versions,
    current(source) {
      const all = versions(source);
      return all[all.length - 1];
    },
    status() {
      return store.sources().flatMap((s) => {
        const cur = store.current(s);
        return cur ? [cur] : [];
      });
    },
    asOf(source, isoDate) {
      // A bare date means "on that day": include versions published at any time that day.
      const limit = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `${isoDate}T23:59:59.999Z` : isoDate;
      let found: ListVersionInfo | undefined;
      for (const v of versions(source)) {
        if (effectiveDate(v) <= limit) found = v;
      }
      return found;
    },
    find(source, version) {
      const matches = versions(source).filter((v) => v.version.startsWith(version));
      return matches.length === 1 ? matches[0] : undefined;
    },
    has(source, version) {
      return existsSync(join(sourceDir(source), version, 'info.json'));
    },
    read(info) {
      const file = join(sourceDir(info.source), info.version, 'snapshot.json');
      let data: { entities: Entity[]; relations: Relation[] };
      try {
        data = JSON.parse(readFileSync(file, 'utf8')) as typeof data;
      } catch (err) {
        throw new ListSourceError(`stored snapshot ${file} is unreadable: ${(err as Error).message}`);
      }
      return { info, entities: data.entities, relations: data.relations };
    },
    save(info, entities, relations) {
      const dir = sourceDir(info.source);
      const target = join(dir, info.version);
      if (existsSync(join(target, 'info.json'))) return false;
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `.tmp-${info.version}-${randomBytes(4).toString('hex')}`);
      mkdirSync(tmp);
      try {
        writeFileDurably(join(tmp, 'snapshot.json'), JSON.stringify({ entities, relations }));
        writeFileDurably(join(tmp, 'info.json'), JSON.stringify(info, null, 2));
        if (existsSync(target)) rmSync(target, { recursive: true, force: true }); // half-written leftover
        renameSync(tmp, target);
      } catch (err) {
        rmSync(tmp, { recursive: true, force: true });
        throw err;
      }
      infoCache.delete(info.source);
      return true;
    },
    artifactDir(info) {
      const dir = join(sourceDir(info.source), info.version, 'artifacts');
      mkdirSync(dir, { recursive: true });
      return dir;
    },
  };
  return store;
}
