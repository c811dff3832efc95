// The decision on a transfer at an instant, once its items are classified: screen every party,
// assess ownership and red flags where the graph and indicators are loaded, evaluate every regime
// measure in force and fold the results into per-jurisdiction and overall verdicts.
// Pure: all data comes in through the context; the date comes in as `asOf`. `checkTransfer`
// (check.ts) classifies the items with the control lists and calls `decideTransfer`.
import type {
  Decision,
  JurisdictionDecision,
  JurisdictionId,
  JurisdictionVerdict,
  Match,
  MeasureApplied,
  OverallVerdict,
  RedFlagRaised,
} from '../domain/decision.js';
import type { Classification, Transfer } from '../domain/transfer.js';
import { DEFAULT_THRESHOLD, type Screener } from '../matching/screener.js';
import type { EntityGraph } from '../graph/graph.js';
import { assessOwnership } from '../graph/ownership.js';
import type { Indicators } from '../redflags/indicators.js';
import { detectRedFlags } from '../redflags/detect.js';
import { citationText, type RegimeSet } from '../regimes/load.js';
import { BLOCKING_EFFECTS, JURISDICTIONS, type Jurisdiction } from '../regimes/schema.js';
import { evaluateMeasures, type MeasureHit, type PartyFinding } from './evaluate.js';
import { inferNexus, toInstant } from './nexus.js';

/**
 * A screening match at or above this score is strong: it ties the party to the list and brings in
 * that list's measures (asset freeze, Entity List licence requirement ...). Matches between the
 * screener's alert threshold (DEFAULT_THRESHOLD, 0.8) and this score make the decision `review`:
 * a human must say whether the party is the listed one. 0.9 is the same value the ownership
 * rules use for "a listed person" (data/redflags/ownership-rules.yaml strongScore).
 */
export const STRONG_MATCH_THRESHOLD = 0.9;

export interface DecideContext {
  screener: Screener;
  regimes: RegimeSet;
  /** Version of the control-list data the classifications come from. */
  controlsVersion?: string;
  graph?: EntityGraph;
  indicators?: Indicators;
  /** Source id -> list version the decision used (defaults to the screener's). */
  listVersions: Record<string, string>;
  /** Override of STRONG_MATCH_THRESHOLD. */
  strongMatch?: number;
  /** Notes from the loader to carry into the decision (e.g. a source with no version as of the date). */
  notes?: string[];
}

const VERDICT_RANK: Record<JurisdictionVerdict, number> = { no_restriction: 0, authorization_required: 1, prohibited: 2 };

function applied(h: MeasureHit): MeasureApplied {
  return {
    id: h.measure.id,
    title: h.measure.title,
    citation: citationText(h.measure.citation),
    effect: h.measure.effect,
    inForce: { from: h.interval.from, to: h.interval.to },
    why: h.why,
    citationDetail: h.measure.citation,
    ...(h.contestedBy ? { contestedBy: h.contestedBy } : {}),
  };
}

function jurisdictionDecision(j: Jurisdiction, hits: MeasureHit[], binding: boolean): JurisdictionDecision {
  const mine = hits.filter((h) => h.measure.jurisdiction === j);
  let verdict: JurisdictionVerdict = 'no_restriction';
  for (const h of mine) {
    const e = h.measure.effect;
    if (!BLOCKING_EFFECTS.includes(e)) continue;
    const v: JurisdictionVerdict = e === 'prohibited' ? 'prohibited' : 'authorization_required';
    if (VERDICT_RANK[v] > VERDICT_RANK[verdict]) verdict = v;
  }
  // Blocking measures first, then the obligations and context.
  const order = (e: string) => ['prohibited', 'authorization_required', 'contractual_clause', 'due_diligence', 'reporting', 'context'].indexOf(e);
  mine.sort((a, b) => order(a.measure.effect) - order(b.measure.effect) || a.measure.id.localeCompare(b.measure.id));
  return {
    jurisdiction: j as JurisdictionId,
    verdict,
    contested: mine.some((h) => h.contestedBy && BLOCKING_EFFECTS.includes(h.measure.effect)),
    measures: mine.map(applied),
    binding,
  };
}

function screenParties(transfer: Transfer, ctx: DecideContext): { index: number; matches: Match[] }[] {
  return transfer.parties.map((p, index) => ({
    index,
    matches: ctx.screener.screen(
      {
        name: p.name,
        ...(p.schema ? { schema: p.schema } : {}),
        ...(p.country ? { country: p.country } : {}),
        ...(p.birthDate ? { birthDate: p.birthDate } : {}),
        ...(p.ids?.length ? { ids: p.ids } : {}),
      },
      { threshold: DEFAULT_THRESHOLD },
    ),
  }));
}

/** Decide a transfer whose items are already classified (one Classification per item, same order). */
export function decideTransfer(transfer: Transfer, asOf: string, classifications: Classification[], ctx: DecideContext): Decision {
  const instant = toInstant(asOf);
  const strong = ctx.strongMatch ?? STRONG_MATCH_THRESHOLD;
  const notes: string[] = [...(ctx.notes ?? [])];

  let indeterminate = false;
  classifications.forEach((c, i) => {
    for (const m of c.controls) {
      if (m.confidence !== 'indeterminate') continue;
      indeterminate = true;
      notes.push(`item ${i}: ${m.list} ${m.entry} indeterminate — ${m.reason}`);
    }
  });

  const parties = screenParties(transfer, ctx);
  const screenName = (name: string) => ctx.screener.screen({ name }, { threshold: DEFAULT_THRESHOLD });
  const findings: PartyFinding[] = transfer.parties.map((party, index) => {
    const matches = parties[index]!.matches;
    const finding: PartyFinding = { index, party, strong: matches.filter((m) => m.score >= strong), ownedBy: {} };
    if (ctx.graph && party.owners?.length) {
      const own = assessOwnership(party, matches, ctx.graph, screenName, { asOf: instant });
      for (const j of own.jurisdictions) {
        if (j.blocked) finding.ownedBy[j.jurisdiction] = j.chains.map((c) => c.text).join('; ') || own.explanation;
      }
    }
    return finding;
  });

  const hits = evaluateMeasures({ transfer, asOf: instant, classifications, parties: findings }, ctx.regimes);
  const nexus = inferNexus(transfer, ctx.regimes.groups);
  notes.push(nexus.explanation);

  const jurisdictions = JURISDICTIONS.map((j) => jurisdictionDecision(j, hits, j === 'UN' || nexus.jurisdictions.has(j)));
  for (const h of hits) {
    if (h.measure.effect === 'contractual_clause' || h.measure.effect === 'due_diligence' || h.measure.effect === 'reporting') {
      notes.push(`${h.measure.jurisdiction} ${h.measure.effect.replace('_', ' ')}: ${h.measure.title} (${citationText(h.measure.citation)})`);
    }
  }
  for (const j of jurisdictions) {
    if (!j.binding && j.verdict !== 'no_restriction') {
      notes.push(`${j.jurisdiction} law would make this ${j.verdict.replace('_', ' ')}, but the transfer has no ${j.jurisdiction} nexus (${[...nexus.jurisdictions].join(', ') || 'none'}).`);
    }
  }

  let redFlags: RedFlagRaised[] = [];
  let risk: Decision['risk'];
  if (ctx.indicators) {
    const r = detectRedFlags(
      {
        transfer,
        items: classifications,
        parties,
        ...(ctx.graph ? { graph: ctx.graph, listed: (id: string) => ctx.graph!.entities.get(id) } : {}),
        screen: screenName,
      },
      ctx.indicators,
    );
    redFlags = r.flags;
    risk = r.risk;
  }

  // Why a human must look even when no measure blocks.
  const review: string[] = [];
  for (const p of parties) {
    const f = findings[p.index]!;
    const weak = p.matches.filter((m) => m.score < strong);
    if (weak.length) review.push(`party ${p.index} ${f.party.name}: possible match to ${weak.map((m) => `${m.source} "${m.name}" (${m.score.toFixed(2)})`).join(', ')} below the strong-match score ${strong}`);
    const tied = hits.some((h) => h.parties.includes(p.index) && (h.measure.binds === 'all' || h.measure.binds.some((j) => nexus.jurisdictions.has(j))));
    if (f.strong.length && !tied) review.push(`party ${p.index} ${f.party.name}: listed on ${[...new Set(f.strong.map((m) => m.source))].join(', ')} but no encoded measure of a binding jurisdiction ties to that list`);
  }
  if (Object.keys(ctx.listVersions).length === 0) review.push('no sanctions list version was available as of the date: the parties were not screened');
  if (redFlags.length) review.push(`${redFlags.length} red flag(s) raised`);
  if (indeterminate) review.push('an item could not be classified with certainty (see notes)');

  const bindingVerdicts = jurisdictions.filter((j) => j.binding).map((j) => j.verdict);
  let verdict: OverallVerdict;
  if (bindingVerdicts.includes('prohibited')) verdict = 'prohibited';
  else if (bindingVerdicts.includes('authorization_required')) verdict = 'authorization_required';
  else if (review.length) verdict = 'review';
  else verdict = 'clear';
  if (review.length) notes.push(...review.map((r) => `review: ${r}`));

  return {
    ...(transfer.id ? { id: transfer.id } : {}),
    verdict,
    asOf: instant,
    jurisdictions,
    items: classifications.map((c, index) => ({ index, controls: c.controls })),
    parties,
    redFlags,
    ...(risk ? { risk } : {}),
    versions: {
      rules: ctx.regimes.version,
      scorer: ctx.screener.scorerVersion,
      ...(ctx.controlsVersion ? { controls: ctx.controlsVersion } : {}),
      lists: { ...ctx.listVersions },
    },
    notes,
  };
}
