// What the server decides with: the screener over the current list versions (opened once at
// start-up and swapped atomically after a refresh), the regime rules, and their versions. A failed
// refresh changes nothing: the old screener keeps serving until a new one is fully built.
import type { ListStore } from '../lists/store.js';
import { openListStore } from '../lists/store.js';
import { loadSources, type SourceLoadOutcome } from '../lists/load.js';
import { openScreener, type Screener } from '../matching/screener.js';
import { loadRegimes, type RegimeSet } from '../regimes/load.js';
import { loadControlLists, type ControlLists } from '../controls/classify.js';
import { loadIndicators, type Indicators } from '../redflags/indicators.js';
import { buildGraph, type EntityGraph } from '../graph/graph.js';
import { selectVersions } from '../matching/screener.js';
import type { CheckContext } from '../decide/check.js';
import { screenerForVersions } from './decisions.js';

export class EngineNotReadyError extends Error {
  override readonly name = 'EngineNotReadyError';
}

export class RefreshError extends Error {
  override readonly name = 'RefreshError';
  constructor(
    message: string,
    readonly outcomes: SourceLoadOutcome[],
  ) {
    super(message);
  }
}

export interface RefreshResult {
  outcomes: { source: string; created: number; versions: string[]; error?: string }[];
  lists: Record<string, string>;
}

export class Engine {
  private current: Screener | undefined;
  private loadError: string | undefined;
  private refreshing = false;
  readonly regimes: RegimeSet;
  readonly controls: ControlLists;
  readonly indicators: Indicators;
  /** Screeners and ownership graphs per set of list versions (a past-dated check uses older ones). */
  private readonly byVersions = new Map<string, { screener: Screener; graph?: EntityGraph }>();

  constructor(
    private readonly home: string,
    private readonly mirror?: string,
  ) {
    this.regimes = loadRegimes();
    this.controls = loadControlLists();
    this.indicators = loadIndicators();
    this.reopen();
  }

  /**
   * What `checkTransfer` needs to decide as of `asOf`, exactly as `interdict check` builds it: the
   * newest version of each list published on or before that date (a list with none that old is
   * left out and named in the notes), the ownership graph over those versions, controls, rules,
   * red-flag indicators.
   */
  checkContext(asOf: string): CheckContext {
    const current = this.screener;
    const store = openListStore(this.home);
    const sources = store.sources().filter((s) => store.asOf(s, asOf));
    const missing = store.sources().filter((s) => !sources.includes(s));
    const versions = sources.length ? selectVersions(store, { sources, asOf }) : [];
    const lists = Object.fromEntries(versions.map((v) => [v.source, v.version]));
    const key = JSON.stringify(lists);
    let entry = this.byVersions.get(key);
    if (!entry) {
      const same = JSON.stringify(current.listVersions) === key;
      entry = { screener: same ? current : screenerForVersions(store, lists), graph: buildGraph(versions.map((v) => store.read(v))) };
      if (this.byVersions.size > 8) this.byVersions.clear();
      this.byVersions.set(key, entry);
    }
    return {
      screener: entry.screener,
      notes: missing.map((s) => `list ${s}: no version published on or before ${asOf} is loaded; not screened`),
      controls: this.controls,
      regimes: this.regimes,
      indicators: this.indicators,
      listVersions: lists,
      ...(entry.graph ? { graph: entry.graph } : {}),
    };
  }

  /** (Re)open the screener over the current versions in the store; keeps the old one on failure. */
  private reopen(): void {
    try {
      // A fresh store object: another instance may have loaded versions since we last looked.
      const next = openScreener(openListStore(this.home));
      this.current = next; // one assignment: requests see the old or the new screener, never a mix
      this.byVersions?.clear();
      this.loadError = undefined;
    } catch (err) {
      this.loadError = (err as Error).message;
      if (this.current) throw err;
    }
  }

  get listStore(): ListStore {
    return openListStore(this.home);
  }

  get ready(): boolean {
    return this.current !== undefined;
  }

  get notReadyReason(): string | undefined {
    return this.current ? undefined : (this.loadError ?? 'no screener loaded');
  }

  get screener(): Screener {
    if (!this.current) throw new EngineNotReadyError(`screening is not available: ${this.loadError ?? 'no lists loaded'}`);
    return this.current;
  }

  get rulesVersion(): string {
    return this.regimes.version;
  }

  /** Load new list versions (mirror or official URLs) and swap the screener; all-or-nothing per source. */
  async refresh(sources?: string[]): Promise<RefreshResult> {
    if (this.refreshing) throw new RefreshError('a refresh is already running', []);
    this.refreshing = true;
    try {
      const store = openListStore(this.home);
      const outcomes = await loadSources(store, { ...(this.mirror ? { mirror: this.mirror } : {}), ...(sources?.length ? { sources } : {}) });
      const summary = outcomes.map((o) => ({
        source: o.source,
        created: o.results.filter((r) => r.created).length,
        versions: o.results.map((r) => r.info.version),
        ...(o.error ? { error: o.error } : {}),
      }));
      const failed = outcomes.filter((o) => o.error);
      // Sources that did load successfully are stored; the screener moves to them only when the
      // whole refresh succeeded, so a half-failed refresh keeps serving what was checked before.
      if (failed.length) {
        throw new RefreshError(`refresh failed for ${failed.map((f) => `${f.source} (${f.error})`).join('; ')}; still serving the previous versions`, outcomes);
      }
      this.reopen();
      return { outcomes: summary, lists: this.screener.listVersions };
    } finally {
      this.refreshing = false;
    }
  }
}
