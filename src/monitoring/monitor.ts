// Ongoing monitoring: when a list source has a version monitoring has not processed yet, screen
// the stored counterparties against what changed since the last processed version (added and
// changed entities only, through a screener built over just those entities), open cases for new
// hits, and record changes and delistings on the cases they touch. Nothing is closed here.
import type { Entity } from '../domain/entity.js';
import type { ListSnapshot, ListVersionInfo } from '../domain/list.js';
import { diffSnapshots } from '../lists/diff.js';
import type { ListStore } from '../lists/store.js';
import { DEFAULT_THRESHOLD, loadOrBuildIndex, screenerFromIndexes, type Screener } from '../matching/screener.js';
import { buildMatchIndex, tokenKeys, type MatchIndex } from '../matching/name-index.js';
import { prepareName } from '../matching/normalize.js';
import { entityHash, type Counterparty } from '../cases/model.js';
import type { CaseService } from '../cases/service.js';

const STATE_KIND = 'monitor_state';

export interface MonitorState {
  source: string;
  /** The list version monitoring last processed. */
  version: string;
  at: string;
}

export interface SourceMonitorReport {
  source: string;
  /** Version processed before this run (absent: first run, the whole list was screened). */
  from?: string;
  to: string;
  /** 'delta': added + changed entities screened; 'full': first run; 'unchanged': nothing new. */
  mode: 'delta' | 'full' | 'unchanged';
  added: number;
  changed: number;
  removed: number;
  counterparties: number;
  /** Counterparties that shared an index key with the screened entities and were fully scored. */
  screened: number;
  hits: number;
  opened: number;
  existing: number;
  suppressed: number;
  caseIds: string[];
  ms: number;
}

export interface MonitorOptions {
  sources?: string[];
  threshold?: number;
  /** Who the audit entries name. */
  actor?: string;
}

/** Screen counterparties against a screener and raise an alert per hit. */
export async function screenCounterparties(
  service: CaseService,
  counterparties: Counterparty[],
  screener: Screener,
  entities: Map<string, Entity>,
  context: { trigger: string; listVersion: string; threshold: number; actor: string },
  mayMatch: (cp: Counterparty) => boolean = () => true,
): Promise<{ screened: number; hits: number; opened: number; existing: number; suppressed: number; caseIds: string[] }> {
  const out = { screened: 0, hits: 0, opened: 0, existing: 0, suppressed: 0, caseIds: [] as string[] };
  for (const cp of counterparties) {
    if (!mayMatch(cp)) continue;
    out.screened += 1;
    const matches = screener.screen(
      { name: cp.name, ...(cp.schema ? { schema: cp.schema } : {}), ...(cp.country ? { country: cp.country } : {}), ...(cp.birthDate ? { birthDate: cp.birthDate } : {}), ...(cp.ids?.length ? { ids: cp.ids } : {}) },
      { threshold: context.threshold },
    );
    for (const match of matches) {
      out.hits += 1;
      const entity = entities.get(match.entityId);
      const r = await service.alert({ counterparty: cp, match, trigger: context.trigger, listVersion: context.listVersion, ...(entity ? { entityHash: entityHash(entity) } : {}) }, context.actor);
      out[r.outcome] += 1;
      if (r.outcome === 'opened' && r.case) out.caseIds.push(r.case.id);
    }
  }
  return out;
}

export async function monitorState(service: CaseService, source: string): Promise<MonitorState | undefined> {
  return (await service.storage.getRecord(STATE_KIND, source))?.body as MonitorState | undefined;
}

/** Run monitoring for every stored source (or the given ones). */
export async function runMonitor(store: ListStore, service: CaseService, options: MonitorOptions = {}): Promise<SourceMonitorReport[]> {
  const sources = options.sources?.length ? options.sources : store.sources();
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const actor = options.actor ?? 'monitor';
  const reports: SourceMonitorReport[] = [];
  let counterparties: Counterparty[] | undefined;
  for (const source of sources) {
    const started = performance.now();
    const current = store.current(source);
    if (!current) throw new Error(`monitor: list "${source}" is not loaded in ${store.home}`);
    const state = await monitorState(service, source);
    const base = { source, to: current.version, added: 0, changed: 0, removed: 0, counterparties: 0, screened: 0, hits: 0, opened: 0, existing: 0, suppressed: 0, caseIds: [] as string[] };
    if (state?.version === current.version) {
      reports.push({ ...base, from: state.version, mode: 'unchanged', ms: performance.now() - started });
      continue;
    }
    counterparties ??= await service.counterparties();
    const previous = state ? store.find(source, state.version) : undefined;
    const report: SourceMonitorReport = { ...base, ...(state ? { from: state.version } : {}), mode: previous ? 'delta' : 'full', counterparties: counterparties.length, ms: 0 };
    const after = store.read(current);
    const byId = new Map(after.entities.map((e) => [e.id, e]));
    const context = { trigger: 'monitoring', listVersion: current.version, threshold, actor };
    if (previous) {
      const diff = diffSnapshots(store.read(previous), after);
      report.added = diff.added.length;
      report.changed = diff.changed.length;
      report.removed = diff.removed.length;
      const delta = [...diff.added, ...diff.changed].map((d) => byId.get(d.id)!);
      for (const c of diff.changed) await service.recordEntityEvent(source, c.id, { kind: 'changed', version: current.version, entityHash: entityHash(byId.get(c.id)!), fields: c.fields }, actor);
      for (const r of diff.removed) await service.recordEntityEvent(source, r.id, { kind: 'delisted', version: current.version }, actor);
      if (delta.length) {
        const { screener, mayMatch } = deltaScreener(current, delta);
        Object.assign(report, tally(report, await screenCounterparties(service, counterparties, screener, byId, context, mayMatch)));
      }
    } else {
      const screener = screenerFromIndexes([loadOrBuildIndex(store, current)]);
      Object.assign(report, tally(report, await screenCounterparties(service, counterparties, screener, byId, context)));
    }
    await service.storage.putRecords(STATE_KIND, [{ id: source, body: { source, version: current.version, at: new Date().toISOString() } satisfies MonitorState }]);
    await service.drain();
    report.ms = performance.now() - started;
    reports.push(report);
  }
  return reports;
}

/**
 * A screener over just the entities that changed (a synthetic snapshot of the new version), and
 * `mayMatch`: the screener's own retrieval condition, cheaply. The screener finds candidates only
 * through the index keys of the query's name tokens (or an identifier), so a counterparty none of
 * whose keys is in the delta index cannot match and is skipped without the full query preparation.
 */
export function deltaScreener(info: ListVersionInfo, entities: Entity[]): { screener: Screener; index: MatchIndex; mayMatch: (cp: Counterparty) => boolean } {
  const snapshot: ListSnapshot = { info: { ...info, entities: entities.length }, entities, relations: [] };
  const index = buildMatchIndex(snapshot);
  const mayMatch = (cp: Counterparty): boolean => {
    if (cp.ids?.length) return true;
    for (const t of prepareName(cp.name).tokens) for (const key of tokenKeys(t)) if (index.postings.has(key)) return true;
    return false;
  };
  return { screener: screenerFromIndexes([index]), index, mayMatch };
}

function tally(r: SourceMonitorReport, s: { screened: number; hits: number; opened: number; existing: number; suppressed: number; caseIds: string[] }): Partial<SourceMonitorReport> {
  return { screened: r.screened + s.screened, hits: r.hits + s.hits, opened: r.opened + s.opened, existing: r.existing + s.existing, suppressed: r.suppressed + s.suppressed, caseIds: [...r.caseIds, ...s.caseIds] };
}
