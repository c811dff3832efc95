// The decisions the server records, as functions of (input, engine state) so that a stored
// decision can be re-run with the very same list versions, scorer and rules: `replayDecision`.
import { isDeepStrictEqual } from 'node:util';
import type { Match } from '../domain/decision.js';
import type { ListStore } from '../lists/store.js';
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD, loadOrBuildIndex, screenerFromIndexes, type ScreenQuery, type Screener } from '../matching/screener.js';
import { SCORER_VERSION } from '../matching/scorer.js';
import type { AuditEntry } from '../store/audit.js';
import type { ScreenBatchBody, ScreenBody } from './schemas.js';
import type { ControlLists } from '../controls/classify.js';
import { classifyItem } from '../controls/classify.js';
import { checkTransfer } from '../decide/check.js';
import type { Decision } from '../domain/decision.js';
import type { Item, Transfer } from '../domain/transfer.js';
import { buildGraph } from '../graph/graph.js';
import type { Indicators } from '../redflags/indicators.js';
import type { RegimeSet } from '../regimes/load.js';

/** The engine data running now, for replays of checks and classifications. */
export interface RunningEngine {
  rules: string;
  regimes?: RegimeSet;
  controls?: ControlLists;
  indicators?: Indicators;
}

export interface DecisionVersions {
  lists: Record<string, string>;
  scorer: string;
  rules: string;
  controls?: string;
}

/** What a decision entry's body holds. */
export interface DecisionBody {
  input: unknown;
  output: unknown;
  versions: DecisionVersions;
}

export interface ScreenOutput {
  query: ScreenQuery;
  scorer: string;
  threshold: number;
  lists: Record<string, string>;
  matches: Match[];
}

function toQuery(b: { name: string; schema?: string; country?: string; birthDate?: string; ids?: string[] }): ScreenQuery {
  const q: ScreenQuery = { name: b.name };
  if (b.schema) q.schema = b.schema;
  if (b.country) q.country = b.country;
  if (b.birthDate) q.birthDate = b.birthDate;
  if (b.ids?.length) q.ids = b.ids;
  return q;
}

export function runScreen(screener: Screener, body: ScreenBody): ScreenOutput {
  const query = toQuery(body);
  const threshold = body.threshold ?? DEFAULT_THRESHOLD;
  const matches = screener.screen(query, { threshold, limit: body.limit ?? DEFAULT_LIMIT, ...(body.sources?.length ? { sources: body.sources } : {}) });
  return { query, scorer: screener.scorerVersion, threshold, lists: screener.listVersions, matches };
}

export interface BatchOutput {
  scorer: string;
  threshold: number;
  lists: Record<string, string>;
  results: { id: string; matches: Match[] }[];
}

export function runScreenBatch(screener: Screener, body: ScreenBatchBody): BatchOutput {
  const threshold = body.threshold ?? DEFAULT_THRESHOLD;
  const options = { threshold, limit: body.limit ?? DEFAULT_LIMIT, ...(body.sources?.length ? { sources: body.sources } : {}) };
  const results = body.rows.map((row, i) => ({ id: row.id ?? String(i + 1), matches: screener.screen(toQuery(row), options) }));
  return { scorer: screener.scorerVersion, threshold, lists: screener.listVersions, results };
}

export class ReplayError extends Error {
  override readonly name = 'ReplayError';
}

export interface ReplayResult {
  id: string;
  kind: string;
  identical: boolean;
  /** JSON pointers where the re-run differs, with stored and new values. */
  differences: { path: string; stored: unknown; replayed: unknown }[];
  versions: DecisionVersions;
}

/** Where two JSON values differ (first 20 places). */
export function jsonDiff(a: unknown, b: unknown, path = '', out: ReplayResult['differences'] = []): ReplayResult['differences'] {
  if (out.length >= 20 || isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) jsonDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`, out);
    return out;
  }
  out.push({ path: path || '/', stored: a, replayed: b });
  return out;
}

/** A screener over exactly the recorded list versions (the list store keeps every version). */
export function screenerForVersions(store: ListStore, lists: Record<string, string>): Screener {
  const infos = Object.entries(lists).map(([source, version]) => {
    const info = store.find(source, version);
    if (!info) throw new ReplayError(`list ${source} version ${version} is not in the list store ${store.home}; load it (interdict lists load) to replay`);
    return info;
  });
  return screenerFromIndexes(infos.map((info) => loadOrBuildIndex(store, info)));
}

/**
 * Re-run a stored decision with its recorded versions and compare with what was stored. Refuses
 * when the running scorer or rules differ from the recorded ones: a different engine cannot
 * reproduce a decision, and saying "identical" would be false.
 */
export function replayDecision(entry: AuditEntry, store: ListStore, running: RunningEngine): ReplayResult {
  const body = entry.body as DecisionBody;
  if (!body?.versions || body.input === undefined) throw new ReplayError(`audit entry ${entry.id} (${entry.kind}) is not a decision and cannot be replayed`);
  const v = body.versions;
  if (v.scorer !== SCORER_VERSION) throw new ReplayError(`decision ${entry.id} was made with scorer ${v.scorer}; this build runs ${SCORER_VERSION}: install the version that made it to replay`);
  if (v.rules !== running.rules) throw new ReplayError(`decision ${entry.id} was made with rules ${v.rules}; the loaded rules are ${running.rules}`);
  if (v.controls && running.controls && v.controls !== running.controls.version) {
    throw new ReplayError(`decision ${entry.id} was made with control lists ${v.controls}; the loaded ones are ${running.controls.version}`);
  }
  const screener = screenerForVersions(store, v.lists);
  let replayed: unknown;
  switch (entry.kind) {
    case 'check': {
      if (!running.regimes || !running.controls) throw new ReplayError('replaying a check needs the rules and control lists loaded');
      const { transfer, asOf } = body.input as { transfer: Transfer; asOf: string };
      const stored = body.output as Decision;
      const infos = Object.entries(v.lists).map(([s, ver]) => store.find(s, ver)!);
      replayed = checkTransfer(transfer, asOf, {
        screener,
        controls: running.controls,
        regimes: running.regimes,
        ...(running.indicators ? { indicators: running.indicators } : {}),
        listVersions: v.lists,
        graph: buildGraph(infos.map((i) => store.read(i))),
        // Which lists had no version as of the date depended on the store then: carried over.
        notes: (stored.notes ?? []).filter((n) => /^list \S+: no version published/.test(n)),
      });
      break;
    }
    case 'classify':
      if (!running.controls) throw new ReplayError('replaying a classification needs the control lists loaded');
      replayed = classifyItem(body.input as Item, running.controls);
      break;
    case 'screen':
      replayed = runScreen(screener, body.input as ScreenBody);
      break;
    case 'screen_batch':
      replayed = runScreenBatch(screener, body.input as ScreenBatchBody);
      break;
    default:
      throw new ReplayError(`replay of ${entry.kind} decisions is not supported`);
  }
  // Compare as stored JSON: drop undefined fields the way the database did.
  const fresh = JSON.parse(JSON.stringify(replayed)) as unknown;
  const differences = jsonDiff(body.output, fresh);
  return { id: entry.id, kind: entry.kind, identical: differences.length === 0, differences, versions: v };
}
