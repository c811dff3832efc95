// What was in force when: every measure's entries into and exits from force as dated events,
// the data behind `interdict rules timeline` and a timeline view. Pure.
import type { Measure } from './schema.js';
import { citationText, type RegimeSet } from './load.js';

export interface TimelineEvent {
  /** ISO 8601 instant. */
  at: string;
  event: 'enters_force' | 'leaves_force';
  measure: string;
  jurisdiction: Measure['jurisdiction'];
  title: string;
  effect: Measure['effect'];
  citation: string;
  url?: string;
  confidence: 'H' | 'M' | 'L';
  unverified?: boolean;
  note?: string;
  /** States contesting the measure from this event on. */
  contestedBy?: string[];
}

export interface TimelineFilter {
  jurisdiction?: string;
  /** Inclusive instant or date. */
  from?: string;
  /** Inclusive instant or date. */
  to?: string;
}

function instant(v: string, endOfDay: boolean): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : v);
}

export function regimeTimeline(regimes: RegimeSet, filter: TimelineFilter = {}): TimelineEvent[] {
  const lo = filter.from ? instant(filter.from, false) : -Infinity;
  const hi = filter.to ? instant(filter.to, true) : Infinity;
  const j = filter.jurisdiction?.toUpperCase();
  const events: TimelineEvent[] = [];
  for (const m of regimes.measures) {
    if (j && m.jurisdiction !== j) continue;
    const base = {
      measure: m.id,
      jurisdiction: m.jurisdiction,
      title: m.title,
      effect: m.effect,
      citation: citationText(m.citation),
      ...(m.citation.url ? { url: m.citation.url } : {}),
      confidence: m.citation.confidence,
      ...(m.citation.unverified ? { unverified: true } : {}),
    };
    for (const iv of m.inForce) {
      const contested = m.contested && (!m.contested.from || Date.parse(m.contested.from) <= Date.parse(iv.from)) ? m.contested.by : undefined;
      events.push({ at: iv.from, event: 'enters_force', ...base, ...(iv.note ? { note: iv.note } : {}), ...(contested ? { contestedBy: contested } : {}) });
      if (iv.to) events.push({ at: iv.to, event: 'leaves_force', ...base, ...(iv.note ? { note: iv.note } : {}) });
    }
  }
  return events
    .filter((e) => {
      const t = Date.parse(e.at);
      return t >= lo && t <= hi;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.event === b.event ? 0 : a.event === 'leaves_force' ? -1 : 1) || a.measure.localeCompare(b.measure));
}

/** The measures in force at an instant. */
export function measuresInForce(regimes: RegimeSet, at: string): Measure[] {
  const t = Date.parse(at);
  return regimes.measures.filter((m) => m.inForce.some((iv) => Date.parse(iv.from) <= t && (iv.to === null || t < Date.parse(iv.to))));
}
