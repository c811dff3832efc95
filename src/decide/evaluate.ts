// Rule evaluation: which regime measures a transfer triggers at an instant, and why, in words.
// Generic over the data in data/regimes: a measure applies when it is in force at `asOf` and
// every part of its scope that is given holds (directions, items, services, parties); within
// a part, any one selector is enough. Pure: no I/O, no clock.
import type { Match } from '../domain/decision.js';
import type { Classification, ControlMatch, Item, Party, Transfer } from '../domain/transfer.js';
import { expandCountries, intervalAt, type RegimeSet } from '../regimes/load.js';
import type { Direction, Interval, ItemSelector, Measure, PartySelector } from '../regimes/schema.js';
import { describeCountry, transferGeography, type CountryFacts, type TransferGeography } from './geography.js';

/** What is known about one party after screening and the ownership assessment. */
export interface PartyFinding {
  index: number;
  party: Party;
  /** Matches at or above the strong-match threshold. */
  strong: Match[];
  /** Jurisdictions under whose ownership/control rule the party is blocked, with the chain in words. */
  ownedBy: Partial<Record<'US' | 'EU' | 'UK', string>>;
}

export interface EvaluationInput {
  transfer: Transfer;
  /** ISO 8601 instant. */
  asOf: string;
  /** One classification per transfer item, same order. */
  classifications: Classification[];
  parties: PartyFinding[];
}

export interface MeasureHit {
  measure: Measure;
  interval: Interval;
  why: string;
  /** States contesting the measure at asOf, if any. */
  contestedBy?: string[];
  /** Indices of the parties whose listing or ownership brought the measure in. */
  parties: number[];
}

/** Controls with a usable answer: 'indeterminate' says parameters are missing, not that it is listed. */
function usable(c: ControlMatch): boolean {
  return c.confidence !== 'indeterminate';
}

const MILITARY_LISTS = new Set(['EU_CML', 'USML']);

function digits(hs: string | undefined): string {
  return (hs ?? '').replace(/\D/g, '');
}

function itemLabel(index: number, item: Item): string {
  return `item ${index} (${item.description})`;
}

/** Why one item meets one selector, or undefined. Every field of the selector must hold. */
function matchItem(sel: ItemSelector, item: Item, cls: Classification, index: number): string | undefined {
  const reasons: string[] = [];
  if (sel.all) reasons.push('goods of any kind');
  if (sel.list !== undefined) {
    const hit = cls.controls.find(
      (c) => usable(c) && c.list === sel.list && (sel.entry === undefined || c.entry.startsWith(sel.entry)),
    );
    if (!hit) return undefined;
    reasons.push(`on ${hit.list} ${hit.entry}${hit.category ? ` (Category ${hit.category})` : ''} [${hit.confidence}]`);
  }
  if (sel.hs !== undefined) {
    const code = digits(item.hsCode);
    if (!code.startsWith(sel.hs)) return undefined;
    reasons.push(`HS ${item.hsCode} within ${sel.hs}`);
  }
  if (sel.kind !== undefined) {
    if (!item.kind || !sel.kind.includes(item.kind)) return undefined;
    reasons.push(`kind ${item.kind}`);
  }
  if (sel.relatesTo !== undefined) {
    if (!item.relatesTo || !sel.relatesTo.includes(item.relatesTo)) return undefined;
    reasons.push(`for ${item.relatesTo}`);
  }
  if (sel.military) {
    const mil = cls.controls.find((c) => usable(c) && MILITARY_LISTS.has(c.list));
    if (item.military) reasons.push('declared military (arms or related materiel)');
    else if (mil) reasons.push(`military list ${mil.list} ${mil.entry} [${mil.confidence}]`);
    else return undefined;
  }
  if (sel.declared !== undefined) {
    const d = (item.declaredControls ?? []).find((x) => x.toUpperCase().startsWith(sel.declared!.toUpperCase()));
    if (!d) return undefined;
    reasons.push(`declared control ${d}`);
  }
  return `${itemLabel(index, item)} ${reasons.join(', ')}`;
}

function matchItems(sels: ItemSelector[], input: EvaluationInput): string | undefined {
  const found: string[] = [];
  input.transfer.items.forEach((item, i) => {
    const cls = input.classifications[i] ?? { controls: [], notes: [] };
    for (const sel of sels) {
      const why = matchItem(sel, item, cls, i);
      if (why) {
        found.push(why);
        return;
      }
    }
  });
  return found.length ? found.join('; ') : undefined;
}

function countriesMatch(
  wanted: string[],
  facts: CountryFacts,
  groups: RegimeSet['groups'],
  exclude?: string[],
): string[] {
  const set = expandCountries(wanted, groups);
  const excluded = exclude ? expandCountries(exclude, groups) : new Set<string>();
  const out: string[] = [];
  for (const code of facts.keys()) {
    if (excluded !== '*' && excluded.has(code)) continue;
    if (set === '*' || set.has(code)) out.push(describeCountry(code, facts));
  }
  return out;
}

function matchDirection(d: Direction, geo: TransferGeography, groups: RegimeSet['groups']): string | undefined {
  const parts: string[] = [];
  if (d.to || d.notTo) {
    const hits = countriesMatch(d.to ?? ['*'], geo.to, groups, d.notTo);
    if (!hits.length) return undefined;
    parts.push(`to ${hits.join(', ')}`);
  }
  if (d.from) {
    const hits = countriesMatch(d.from, geo.from, groups);
    if (!hits.length) return undefined;
    parts.push(`from ${hits.join(', ')}`);
  }
  if (d.via) {
    const hits = countriesMatch(d.via, geo.via, groups);
    if (!hits.length) return undefined;
    parts.push(`via ${hits.join(', ')}`);
  }
  return parts.join(' ');
}

/** CSL sub-list names carry their code in brackets: "Entity List (EL) - Bureau of Industry and Security". */
function onSubList(lists: readonly string[] | undefined, code: string): boolean {
  const c = code.toUpperCase();
  return (lists ?? []).some((l) => {
    const u = l.toUpperCase();
    return u === c || u.includes(`(${c})`) || u.startsWith(`${c} `);
  });
}

function matchParty(sel: PartySelector, f: PartyFinding): string | undefined {
  if (sel.roles && !sel.roles.includes(f.party.role)) return undefined;
  const who = `party ${f.index} ${f.party.name} (${f.party.role.replace('_', ' ')})`;
  if (sel.ownedBy) {
    const chain = f.ownedBy[sel.ownedBy];
    if (!chain) return undefined;
    return `${who} is blocked by ownership or control: ${chain}`;
  }
  const m = f.strong.find(
    (x) =>
      (sel.source === undefined || x.source === sel.source) &&
      (sel.program === undefined || x.programs.some((p) => p.toUpperCase() === sel.program!.toUpperCase())) &&
      (sel.list === undefined || onSubList(x.lists, sel.list)),
  );
  if (!m) return undefined;
  const tags = [...(sel.list ? [`list ${sel.list}`] : []), ...(m.programs.length ? [`programs ${m.programs.join(', ')}`] : [])];
  return `${who} matches ${m.source} entry "${m.name}" (${m.entityId}, score ${m.score.toFixed(2)}${tags.length ? `; ${tags.join('; ')}` : ''})`;
}

function normaliseService(s: string): string {
  return s.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Why the measure's scope holds for the transfer (and which parties it ties), or undefined. */
export function scopeHolds(
  m: Measure,
  input: EvaluationInput,
  geo: TransferGeography,
  groups: RegimeSet['groups'],
): { why: string; parties: number[] } | undefined {
  const why: string[] = [];
  const parties: number[] = [];
  const { scope } = m;
  if (scope.directions) {
    const d = scope.directions.map((x) => matchDirection(x, geo, groups)).find((x) => x !== undefined);
    if (d === undefined) return undefined;
    if (d) why.push(`goods ${d}`);
  }
  if (scope.items) {
    const i = matchItems(scope.items, input);
    if (!i) return undefined;
    why.push(i);
  }
  if (scope.services) {
    const offered = new Set((input.transfer.services ?? []).map(normaliseService));
    const hit = scope.services.filter((s) => offered.has(s));
    if (!hit.length) return undefined;
    why.push(`services: ${hit.join(', ')}`);
  }
  if (scope.parties) {
    const hits: string[] = [];
    for (const f of input.parties) {
      const h = scope.parties.map((s) => matchParty(s, f)).find((x) => x !== undefined);
      if (h) {
        hits.push(h);
        parties.push(f.index);
      }
    }
    if (!hits.length) return undefined;
    why.push(hits.join('; '));
  }
  return { why: why.join('; '), parties };
}

/** Every measure in force at input.asOf whose scope the transfer meets (superseded ones dropped). */
export function evaluateMeasures(input: EvaluationInput, regimes: RegimeSet): MeasureHit[] {
  const geo = transferGeography(input.transfer);
  const t = Date.parse(input.asOf);
  const hits: MeasureHit[] = [];
  for (const m of regimes.measures) {
    const interval = intervalAt(m, input.asOf);
    if (!interval) continue;
    const held = scopeHolds(m, input, geo, regimes.groups);
    if (held === undefined) continue;
    const { why } = held;
    const contested = m.contested && (!m.contested.from || Date.parse(m.contested.from) <= t) ? m.contested : undefined;
    hits.push({
      measure: m,
      interval,
      why: contested ? `${why}. Contested: ${contested.position}` : why,
      ...(contested ? { contestedBy: contested.by } : {}),
      parties: held.parties,
    });
  }
  const superseded = new Set(hits.flatMap((h) => h.measure.supersedes ?? []));
  return hits.filter((h) => !superseded.has(h.measure.id));
}
