// Loading a source: find its files (official download or offline mirror), hash them, parse them
// with the format's parser and store the result as a new version — unless identical content is
// already stored, in which case nothing happens.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync, mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ListVersionInfo, ListFileRecord, ParseWarning } from '../domain/list.js';
import { ListSourceError } from './errors.js';
import { parserFor, isFormatId } from './formats.js';
import type { SourceFiles } from './parser.js';
import { findSource, loadRegistry, type DownloadSetDefinition, type SourceDefinition } from './registry.js';
import type { ListStore } from './store.js';
import { openParsePool, type ParsePool } from './parse-pool.js';

export interface LoadResult {
  info: ListVersionInfo;
  /** False when this exact content was already stored (reload is a no-op). */
  created: boolean;
  warnings: ParseWarning[];
}

export interface LoadFilesRequest {
  source: string;
  format: string;
  files: SourceFiles;
  /** Publication date given by the user; used when the file carries none. */
  published?: string;
  /** Publication date inferred by the loader (from a history file name). */
  inferredPublished?: string;
  now?: () => Date;
  /** Parse on a worker pool instead of this thread (see parse-pool.ts). */
  pool?: ParsePool;
}

const FILE_ROLES = ['main', 'add', 'alt', 'comments'] as const;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Validate a user-supplied publication date (YYYY-MM-DD or full ISO date-time). */
export function normalisePublished(value: string): string {
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return v;
  const t = Date.parse(v);
  if (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(t)) return new Date(t).toISOString();
  throw new ListSourceError(`--published: expected YYYY-MM-DD or an ISO 8601 date-time, got "${value}"`);
}

/** Parse a set of files and store them as a version of `source` (atomic; identical content is a no-op). */
export async function loadFiles(store: ListStore, req: LoadFilesRequest): Promise<LoadResult> {
  findSource(req.source); // unknown source ids fail before any work
  if (!isFormatId(req.format)) throw new ListSourceError(`unknown format "${req.format}"`);
  const files: ListFileRecord[] = [];
  for (const role of FILE_ROLES) {
    const path = req.files[role];
    if (!path) continue;
    if (!existsSync(path)) throw new ListSourceError(`${role} file not found: ${path}`);
    files.push({ role, path: resolve(path), bytes: statSync(path).size, sha256: await sha256File(path) });
  }
  const whole = createHash('sha256');
  whole.update(req.format);
  for (const f of files) whole.update(`\n${f.role}:${f.sha256}`);
  const sha256 = whole.digest('hex');
  const version = sha256.slice(0, 16);

  const existing = store.find(req.source, version);
  if (existing && existing.version === version) return { info: existing, created: false, warnings: [] };

  const parsed = req.pool
    ? await req.pool.parse(req.format, req.files, { source: req.source })
    : await (await parserFor(req.format))(req.files, { source: req.source });
  const userPublished = req.published ? normalisePublished(req.published) : undefined;
  let publishedAt = parsed.publishedAt;
  let publishedAtSource: ListVersionInfo['publishedAtSource'] = publishedAt ? 'file' : undefined;
  if (!publishedAt && userPublished) [publishedAt, publishedAtSource] = [userPublished, 'user'];
  if (!publishedAt && req.inferredPublished) [publishedAt, publishedAtSource] = [req.inferredPublished, 'file-name'];
  const info: ListVersionInfo = {
    source: req.source,
    version,
    sha256,
    format: req.format,
    ...(publishedAt ? { publishedAt, publishedAtSource } : {}),
    loadedAt: (req.now?.() ?? new Date()).toISOString(),
    entities: parsed.entities.length,
    records: parsed.records ?? parsed.entities.length,
    relations: parsed.relations.length,
    files,
    warnings: parsed.warnings.length,
  };
  const created = store.save(info, parsed.entities, parsed.relations);
  return { info: created ? info : (store.find(req.source, version) ?? info), created, warnings: parsed.warnings };
}

/** A file in the mirror, plain or gzipped; `*` in the last path segment picks the newest by name. */
export function resolveMirrorFile(mirror: string, relative: string): string | undefined {
  const full = join(mirror, relative);
  if (relative.includes('*')) {
    const matches = globMirror(mirror, relative);
    return matches[matches.length - 1];
  }
  if (existsSync(full)) return full;
  if (existsSync(`${full}.gz`)) return `${full}.gz`;
  return undefined;
}

/** Files matching a glob whose only wildcards are in the last segment; sorted by name. */
export function globMirror(mirror: string, pattern: string): string[] {
  const dir = join(mirror, dirname(pattern));
  const base = basename(pattern);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}(\\.gz)?$`);
  return readdirSync(dir)
    .filter((name) => re.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Which download set of a source a mirror holds: the `current` one when present, else the first found. */
export function mirrorSetFor(source: SourceDefinition, mirror: string): { set: DownloadSetDefinition; files: SourceFiles } | undefined {
  const ordered = [...source.files].sort((a, b) => Number(b.current ?? false) - Number(a.current ?? false));
  for (const set of ordered) {
    const main = resolveMirrorFile(mirror, set.main.mirror);
    if (!main) continue;
    const files: SourceFiles = { main };
    for (const role of ['add', 'alt', 'comments'] as const) {
      const ref = set[role];
      const path = ref ? resolveMirrorFile(mirror, ref.mirror) : undefined;
      if (path) files[role] = path;
    }
    return { set, files };
  }
  return undefined;
}

/** A date in a snapshot's file name (sdn_2024-05-01.csv.gz -> 2024-05-01). */
export function dateFromFileName(path: string): string | undefined {
  return /(\d{4}-\d{2}-\d{2})/.exec(basename(path))?.[1];
}

export interface LoadSourcesOptions {
  mirror?: string;
  sources?: string[];
  /** Also load the older snapshots a mirror keeps under history/. */
  history?: boolean;
  onProgress?: (message: string) => void;
  fetchImpl?: typeof fetch;
  /** Parsing worker threads: default one per core; 0 parses on this thread. */
  workers?: number;
}

export interface SourceLoadOutcome {
  source: string;
  results: LoadResult[];
  error?: string;
}

/** Load the given (default: all registry) sources from a mirror or from their official URLs. */
export async function loadSources(store: ListStore, options: LoadSourcesOptions): Promise<SourceLoadOutcome[]> {
  const registry = loadRegistry();
  const wanted = options.sources?.length ? options.sources.map((id) => findSource(id)) : registry.sources;
  if (options.mirror && !existsSync(options.mirror)) {
    throw new ListSourceError(`mirror folder not found: ${options.mirror}`);
  }
  // Sources are independent: parse them side by side on worker threads, one per core.
  const pool = options.workers === 0 ? undefined : openParsePool(options.workers);
  try {
    const outcomes = await Promise.all(wanted.map((source) => loadOneSource(store, source, options, pool)));
    return outcomes.filter((o): o is SourceLoadOutcome => o !== undefined);
  } finally {
    await pool?.close();
  }
}

/** One source's history snapshots (if asked) then its current files; undefined when a mirror lacks it. */
async function loadOneSource(
  store: ListStore,
  source: SourceDefinition,
  options: LoadSourcesOptions,
  pool: ParsePool | undefined,
): Promise<SourceLoadOutcome | undefined> {
  const outcome: SourceLoadOutcome = { source: source.id, results: [] };
  const withPool = pool ? { pool } : {};
  try {
    if (!options.mirror) {
      outcome.results.push(await downloadAndLoad(store, source, options, pool));
      return outcome;
    }
    if (options.history) {
      for (const h of source.history ?? []) {
        for (const path of globMirror(options.mirror, h.glob)) {
          options.onProgress?.(`${source.id}: loading history ${path}`);
          const inferredPublished = dateFromFileName(path);
          outcome.results.push(
            await loadFiles(store, { source: source.id, format: h.format, files: { main: path }, ...withPool, ...(inferredPublished ? { inferredPublished } : {}) }),
          );
        }
      }
    }
    const found = mirrorSetFor(source, options.mirror);
    if (!found) {
      if (!options.sources?.length) return outcome.results.length ? outcome : undefined; // a mirror need not hold every source
      outcome.error = `no file of ${source.id} in mirror ${options.mirror}`;
      return outcome;
    }
    options.onProgress?.(`${source.id}: loading ${found.files.main}`);
    const inferredPublished = dateFromFileName(found.files.main);
    outcome.results.push(
      await loadFiles(store, { source: source.id, format: found.set.format, files: found.files, ...withPool, ...(inferredPublished ? { inferredPublished } : {}) }),
    );
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
  }
  return outcome;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;
const CONNECT_TIMEOUT_MS = 15_000;
const RETRIES = 3;

async function downloadAndLoad(
  store: ListStore,
  source: SourceDefinition,
  options: LoadSourcesOptions,
  pool: ParsePool | undefined,
): Promise<LoadResult> {
  const set = source.files.find((f) => f.current) ?? source.files[0];
  if (!set) throw new ListSourceError(`${source.id}: no download defined`);
  const dir = mkdtempSync(join(tmpdir(), `interdict-${source.id}-`));
  try {
    const files: SourceFiles = { main: '' };
    for (const role of FILE_ROLES) {
      const ref = set[role];
      if (!ref) continue;
      const target = join(dir, `${role}-${basename(new URL(ref.url).pathname) || 'download'}`);
      await download(ref.url, target, options, source.id);
      files[role] = target;
    }
    return await loadFiles(store, { source: source.id, format: set.format, files, ...(pool ? { pool } : {}) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function download(url: string, target: string, options: LoadSourcesOptions, source: string): Promise<void> {
  const doFetch = options.fetchImpl ?? fetch;
  let lastError: unknown;
  for (let attempt = 1; attempt <= RETRIES; attempt++) {
    const controller = new AbortController();
    const connectTimer = setTimeout(() => controller.abort(new Error('no response within 15 s')), CONNECT_TIMEOUT_MS);
    const totalTimer = setTimeout(() => controller.abort(new Error('download took over 120 s')), DOWNLOAD_TIMEOUT_MS);
    try {
      options.onProgress?.(`${source}: downloading ${url} (attempt ${attempt}/${RETRIES})`);
      const res = await doFetch(url, { signal: controller.signal, redirect: 'follow' });
      clearTimeout(connectTimer);
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      const total = Number(res.headers.get('content-length') ?? 0);
      let received = 0;
      let lastReport = 0;
      const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received - lastReport > 4 * 1024 * 1024) {
          lastReport = received;
          options.onProgress?.(`${source}: ${(received / 1e6).toFixed(1)} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}`);
        }
      });
      await pipeline(body, createWriteStream(target));
      return;
    } catch (err) {
      lastError = err;
      if (isOffline(err)) break; // no network at all: retrying will not help
      await new Promise((r) => setTimeout(r, 500 * attempt));
    } finally {
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
    }
  }
  const reason = lastError instanceof Error ? (lastError.cause instanceof Error ? lastError.cause.message : lastError.message) : String(lastError);
  throw new ListSourceError(
    `could not download ${url}: ${reason}. Without network access, load from an offline mirror: ` +
      `interdict lists load --mirror DIR (or set INTERDICT_MIRROR)`,
  );
}

function isOffline(err: unknown): boolean {
  const text = `${(err as Error)?.message ?? ''} ${((err as Error)?.cause as Error | undefined)?.message ?? ''} ${((err as { cause?: { code?: string } })?.cause?.code) ?? ''}`;
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|getaddrinfo/.test(text);
}
