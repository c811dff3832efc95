// Item classification against the control lists. Pure: a function of the item and the loaded data.
// The data decides (kinds, thresholds, keywords, HS codes, exclusions, the MTCR trade-off rule);
// this file only interprets those selectors, the same way for every entry of every list.
import {
  CONTROL_LISTS,
  type Classification,
  type ControlConfidence,
  type ControlListId,
  type ControlMatch,
  type Item,
  type ItemKind,
} from '../domain/transfer.js';
import type { Citation } from '../domain/citation.js';
import { hsDigits } from './item.js';
import type { ControlLists } from './load.js';
import type { ClassificationConfig, ControlEntry, ControlListFile } from './schema.js';

export { loadControlLists, type ControlLists } from './load.js';

type NumericField = 'rangeKm' | 'payloadKg' | 'aerosolCapacityL' | 'enduranceH' | 'accuracyPercentOfRange';
type Op = '>=' | '<=' | '>' | '<';

/** Threshold names in the data: <itemField><Min|Max|Above|Below>. */
const PARAMETER_KEYS: Record<string, { field: NumericField; op: Op }> = {
  rangeKmMin: { field: 'rangeKm', op: '>=' },
  payloadKgMin: { field: 'payloadKg', op: '>=' },
  aerosolCapacityLAbove: { field: 'aerosolCapacityL', op: '>' },
  enduranceHMin: { field: 'enduranceH', op: '>=' },
  enduranceHBelow: { field: 'enduranceH', op: '<' },
  accuracyPercentOfRangeMax: { field: 'accuracyPercentOfRange', op: '<=' },
};

const NEGATION: Record<Op, string> = { '>=': '<', '<=': '>', '>': '<=', '<': '>=' };

function compare(v: number, op: Op, t: number): boolean {
  return op === '>=' ? v >= t : op === '<=' ? v <= t : op === '>' ? v > t : v < t;
}

const RANK: Record<ControlConfidence, number> = { certain: 3, likely: 2, possible: 1, indeterminate: 0 };
function cap(c: ControlConfidence, max: ControlConfidence): ControlConfidence {
  return RANK[c] <= RANK[max] ? c : max;
}

const SYSTEM_KINDS: ItemKind[] = ['ballistic_missile', 'cruise_missile', 'uav', 'space_launch_vehicle', 'sounding_rocket', 'rocket_system'];

/** Military design as far as the item tells. */
type MilitaryState = 'yes' | 'no' | 'unknown' | 'suggested' | 'contradicted';

interface ItemContext {
  item: Item;
  kind?: ItemKind;
  kindInferred: boolean;
  text: string;
  military: MilitaryState;
  /** Description term that suggests military design. */
  militaryTerm?: string;
}

interface Outcome {
  entry: ControlEntry;
  status: 'match' | 'indeterminate' | 'fail';
  confidence: ControlConfidence;
  reasons: string[];
  missing: string[];
  failed: { field: NumericField; text: string }[];
}

function termIn(text: string, term: string): boolean {
  const t = term.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${t}([^a-z0-9]|$)`).test(text);
}

function inferKind(text: string, config: ClassificationConfig, skip: ItemKind[] = []): { kind: ItemKind; term: string } | undefined {
  for (const { kind, terms } of config.kindKeywords) {
    if (skip.includes(kind)) continue;
    const term = terms.find((t) => termIn(text, t));
    if (term) return { kind, term };
  }
  return undefined;
}

function context(item: Item, config: ClassificationConfig, notes: string[]): ItemContext {
  const text = item.description.toLowerCase();
  let kind = item.kind;
  let kindInferred = false;
  const inferred = inferKind(text, config);
  if (!kind && inferred) {
    kind = inferred.kind;
    kindInferred = true;
    notes.push(`kind not given: read as ${kind} from the description ("${inferred.term}"); matches are at most 'possible' — state kind and parameters to decide.`);
  } else if (!kind) {
    notes.push('kind not given and not recognisable from the description: only HS-code lists could be checked.');
  } else if (inferred && inferred.kind !== kind && (kind === 'general_good' || kind === 'dual_use_good')) {
    notes.push(`contradiction: kind is ${kind} but the description reads as ${inferred.kind} ("${inferred.term}"); classified as stated — check the kind.`);
  }
  const milTerm = config.militaryKeywords.find((t) => termIn(text, t));
  let military: MilitaryState;
  if (item.military === false && milTerm) {
    military = 'contradicted';
    notes.push(`contradiction: military is false but the description says "${milTerm}"; military-list entries are indeterminate until this is resolved.`);
  } else if (item.military === true) military = 'yes';
  else if (item.military === false) military = 'no';
  else if (kind && config.inherentlyMilitaryKinds.includes(kind)) {
    military = 'yes';
    notes.push(`military not given: a ${kind} is treated as military by nature (set military: false for a civil design).`);
  } else {
    military = milTerm ? 'suggested' : 'unknown';
    if (kind && SYSTEM_KINDS.includes(kind)) {
      notes.push(`military not given${milTerm ? ` (the description says "${milTerm}")` : ''}: military-list and dual-use entries are both shown; state military to decide between them.`);
    }
  }
  return { item, kind, kindInferred, text, military, militaryTerm: milTerm };
}

function evaluateEntry(entry: ControlEntry, ctx: ItemContext, notes: string[], listId: ControlListId): Outcome | undefined {
  if (entry.for || !entry.kinds || !ctx.kind || !entry.kinds.includes(ctx.kind)) return undefined;
  const params = Object.entries(entry.parameters ?? {}).map(([key, value]) => ({ ...PARAMETER_KEYS[key]!, value: value as number }));
  const keyword = entry.keywords?.find((t) => termIn(ctx.text, t));
  const statedParam = params.some((p) => ctx.item[p.field] !== undefined);
  // Component, material and equipment entries need a pointer: a description term or a stated threshold parameter.
  if (entry.keywords && !keyword && !statedParam) return undefined;

  const reasons: string[] = [];
  let confidence: ControlConfidence = 'certain';
  if (entry.military === 'required') {
    if (ctx.military === 'no') return undefined;
    if (ctx.military === 'unknown') {
      confidence = cap(confidence, 'possible');
      reasons.push('applies if specially designed or modified for military use (military not stated)');
    } else if (ctx.military === 'suggested') {
      confidence = cap(confidence, 'likely');
      reasons.push(`military not stated, but the description says "${ctx.militaryTerm}"`);
    }
  } else if (entry.military === 'excluded') {
    if (ctx.military === 'yes') return undefined;
    if (ctx.military === 'unknown') {
      confidence = cap(confidence, 'likely');
      reasons.push('applies if not specially designed for military use');
    } else if (ctx.military === 'suggested') {
      confidence = cap(confidence, 'possible');
      reasons.push(`applies only if not specially designed for military use (the description says "${ctx.militaryTerm}")`);
    }
  }
  if (ctx.military === 'contradicted' && entry.military) confidence = 'indeterminate';

  const missing: string[] = [];
  const failed: Outcome['failed'] = [];
  for (const p of params) {
    const v = ctx.item[p.field];
    if (v === undefined) {
      if (!missing.includes(p.field)) missing.push(p.field);
    }
    else if (compare(v, p.op, p.value)) reasons.push(`${p.field} ${v} ${p.op} ${p.value}`);
    else failed.push({ field: p.field, text: `${p.field} ${v} ${NEGATION[p.op]} ${p.value}` });
  }
  const base = { entry, reasons, missing, failed };
  if (failed.length) return { ...base, status: 'fail', confidence: 'indeterminate' };
  if (missing.length) {
    if (entry.whenMissing === 'note') {
      notes.push(`${listId} ${entry.id} not assessed: ${missing.join(', ')} not given (state it if the item has or is designed for it).`);
      return undefined;
    }
    return { ...base, status: 'indeterminate', confidence: 'indeterminate' };
  }
  if (keyword) reasons.push(`description mentions "${keyword}"`);
  if (keyword && !params.length) {
    confidence = cap(confidence, 'possible');
    reasons.push("the entry's technical thresholds need checking against the specification");
  }
  if (ctx.kindInferred) confidence = cap(confidence, 'possible');
  if (entry.assumptions?.length) {
    confidence = cap(confidence, 'likely');
    reasons.push(`assumes ${entry.assumptions.join('; ')}`);
  }
  if (entry.citation.unverified) {
    confidence = cap(confidence, 'possible');
    reasons.push('entry not verified against the official text');
  }
  if (!reasons.length) reasons.push(`a ${ctx.kind}${ctx.military === 'yes' ? ' specially designed for military use' : ''} is within this entry`);
  if (entry.note) reasons.push(entry.note);
  return { ...base, status: 'match', confidence };
}

interface ListResult {
  outcomes: Map<string, Outcome>;
  tradeOffs: ControlMatch[];
}

function evaluateList(list: ControlListFile, ctx: ItemContext, notes: string[]): ListResult {
  const outcomes = new Map<string, Outcome>();
  for (const entry of list.entries) {
    const o = evaluateEntry(entry, ctx, notes, list.list);
    if (o) outcomes.set(entry.id, o);
  }
  // "Not specified in X": an entry gives way to the entries it excludes.
  for (const o of outcomes.values()) {
    if (o.status === 'fail') continue;
    for (const ex of o.entry.excludes ?? []) {
      const other = outcomes.get(ex);
      if (!other) continue;
      if (other.status === 'match') o.status = 'fail';
      else if (other.status === 'indeterminate') {
        if (o.status === 'match') o.confidence = cap(o.confidence, 'likely');
        o.reasons.push(`unless ${ex} applies (${ex} needs ${other.missing.join(', ')})`);
      } else o.reasons.push(`not ${ex}: ${other.failed.map((f) => f.text).join(', ')}`);
    }
  }
  return { outcomes, tradeOffs: tradeOff(list, ctx, outcomes, notes) };
}

/**
 * MTCR Annex Introduction 1(b): range and payload trade off. A system failing Category I on one of
 * the two may still be Category I; flag it (never decide it) when the data's screen says it is plausible.
 */
function tradeOff(list: ControlListFile, ctx: ItemContext, outcomes: Map<string, Outcome>, notes: string[]): ControlMatch[] {
  const rule = list.tradeOff;
  const { rangeKm, payloadKg } = ctx.item;
  if (!rule || rangeKm === undefined || payloadKg === undefined) return [];
  const out: ControlMatch[] = [];
  for (const id of rule.entries) {
    const o = outcomes.get(id);
    if (!o || o.failed.length !== 1) continue;
    const shortfall = o.failed[0]!.field;
    if (shortfall !== 'rangeKm' && shortfall !== 'payloadKg') continue;
    const fraction = shortfall === 'payloadKg' ? payloadKg / rule.payloadKg : rangeKm / rule.rangeKm;
    const product = rangeKm * payloadKg;
    const stated = `${payloadKg} kg to ${rangeKm} km`;
    if (product >= rule.screen.rangePayloadProductMin && fraction >= rule.screen.shortfallFractionMin) {
      out.push({
        list: list.list,
        entry: id,
        category: o.entry.category,
        confidence: 'possible',
        reason: `range/payload trade-off: stated ${stated} (${o.failed[0]!.text}); the system could plausibly deliver ${rule.payloadKg} kg to ${rule.rangeKm} km — Category I needs an engineering determination`,
        citation: rule.citation,
      });
      notes.push(`${list.list} ${id}: Category I cannot be excluded on the stated figures (${stated}); an engineering determination of the range/payload trade-off is needed (MTCR Annex Introduction 1(b)).`);
    } else if (shortfall === 'payloadKg' && rangeKm >= rule.rangeKm) {
      notes.push(`${list.list} ${id}: trade-off considered — stated payload ${payloadKg} kg is ${Math.round(fraction * 100)} % of ${rule.payloadKg} kg, so Category I is unlikely; only an engineering determination showing ${rule.payloadKg} kg to ${rule.rangeKm} km would change that.`);
    }
  }
  return out;
}

function toMatch(list: ControlListId, o: Outcome): ControlMatch {
  const reason =
    o.status === 'indeterminate'
      ? `needs ${o.missing.join(', ')} to decide${o.reasons.length ? `; ${o.reasons.join('; ')}` : ''}`
      : o.reasons.join('; ') || o.entry.title;
  return {
    list,
    entry: o.entry.id,
    ...(o.entry.category ? { category: o.entry.category } : {}),
    confidence: o.confidence,
    reason: `${o.entry.title} — ${reason}`,
    citation: o.entry.citation as Citation,
  };
}

/** HS-6 entries match an item code starting with them; an item given only at HS-4 is 'possible'. */
function hsMatches(lists: ControlListFile[], hsCode: string): ControlMatch[] {
  const item = hsDigits(hsCode);
  const out: ControlMatch[] = [];
  for (const list of lists) {
    for (const entry of list.entries) {
      if (!entry.hsCodes) continue;
      const exact = entry.hsCodes.find((c) => item.startsWith(hsDigits(c)));
      const wider = exact ? undefined : entry.hsCodes.find((c) => hsDigits(c).startsWith(item));
      if (!exact && !wider) continue;
      let confidence: ControlConfidence = exact ? 'certain' : 'possible';
      let reason = exact
        ? `HS ${hsCode} falls under listed code ${exact}`
        : `HS ${hsCode} is a heading that contains listed code ${wider}; give the 6-digit subheading to decide`;
      if (entry.citation.unverified) {
        confidence = cap(confidence, 'possible');
        reason += '; entry not verified against the official text';
      }
      out.push({
        list: list.list,
        entry: entry.id,
        ...(entry.category ? { category: entry.category } : {}),
        confidence,
        reason: `${entry.title} — ${reason}`,
        citation: entry.citation as Citation,
      });
    }
  }
  return out;
}

/** Software and technology: classified under the D/E entries of the items they are for. */
function classifyRelated(item: Item, lists: ControlLists, notes: string[]): ControlMatch[] {
  const kind = item.kind as 'technology' | 'software';
  let related = item.relatesTo;
  if (!related) {
    const inferred = inferKind(item.description.toLowerCase(), lists.config, ['technology', 'software']);
    if (inferred) {
      related = inferred.kind;
      notes.push(`relatesTo not given: read as ${related} from the description ("${inferred.term}").`);
    }
  }
  if (!related || related === 'technology' || related === 'software') {
    return [{
      list: 'MTCR',
      entry: 'D/E entries (undetermined)',
      confidence: 'indeterminate',
      reason: `${kind} is classified under the entries of the item it is for — needs relatesTo (the kind of system or component)`,
      citation: { instrument: 'MTCR Annex (MTCR/TEM/2024/Annex)', provision: 'General Technology Note', url: 'https://www.mtcr.info/en/mtcr-annex', confidence: 'M' },
    }];
  }
  const relatedItem: Item = { ...item, kind: related, relatesTo: undefined };
  const relatedNotes: string[] = [];
  const ctx = context(relatedItem, lists.config, relatedNotes);
  if (item.relatesTo === undefined) ctx.kindInferred = true;
  const out: ControlMatch[] = [];
  for (const list of lists.lists) {
    const { outcomes, tradeOffs } = evaluateList(list, ctx, relatedNotes);
    const candidates = [...outcomes.values()].filter((o) => o.status !== 'fail');
    for (const t of tradeOffs) candidates.push({ entry: list.entries.find((e) => e.id === t.entry)!, status: 'match', confidence: 'possible', reasons: ['range/payload trade-off'], missing: [], failed: [] });
    for (const entry of list.entries) {
      if (!entry.for || !entry.kinds?.includes(kind)) continue;
      const basis = candidates.filter((o) => entry.for!.includes(o.entry.id));
      if (!basis.length) continue;
      const best = basis.reduce((a, b) => (RANK[b.confidence] > RANK[a.confidence] ? b : a));
      let confidence = best.confidence;
      if (entry.citation.unverified) confidence = cap(confidence, 'possible');
      const why = basis
        .map((o) => (o.status === 'indeterminate' ? `${o.entry.id} (needs ${o.missing.join(', ')} of the ${related})` : `${o.entry.id} (${o.confidence})`))
        .join(', ');
      out.push({
        list: list.list,
        entry: entry.id,
        ...(entry.category ? { category: entry.category } : {}),
        confidence,
        reason: `${entry.title} — ${kind} for a ${related} classified under ${why}`,
        citation: entry.citation as Citation,
      });
    }
  }
  notes.push(...relatedNotes.map((n) => `related ${related}: ${n}`));
  if (kind === 'technology') notes.push("technology is controlled when 'required' for the development, production or use of the controlled item (MTCR General Technology Note); public-domain and basic scientific research are not.");
  return out;
}

/** The list as a whole, when no single entry could be named. */
function undeterminedCitation(list: ControlListFile | undefined, id: ControlListId): Citation {
  if (!list) return { instrument: id, confidence: 'L', unverified: true };
  return { instrument: list.title, url: list.source.url, confidence: 'M', note: `${list.version}; no specific entry identified` };
}

export function classifyItem(item: Item, lists: ControlLists): Classification {
  const notes: string[] = [];
  const controls: ControlMatch[] = [];
  if (item.kind === 'technology' || item.kind === 'software') {
    controls.push(...classifyRelated(item, lists, notes));
  } else {
    const ctx = context(item, lists.config, notes);
    const evaluated = new Set<ControlListId>();
    for (const list of lists.lists) {
      const { outcomes, tradeOffs } = evaluateList(list, ctx, notes);
      if (outcomes.size) evaluated.add(list.list);
      const live = [...outcomes.values()].filter((o) => o.status !== 'fail');
      controls.push(...live.map((o) => toMatch(list.list, o)), ...tradeOffs);
      if (!live.length && !tradeOffs.length) {
        const failedSystems = [...outcomes.values()].filter((o) => o.entry.parameters && o.failed.length);
        if (failedSystems.length) {
          notes.push(`${list.list}: no entry met — ${failedSystems.map((o) => `${o.entry.id}: ${o.failed.map((f) => f.text).join(', ') || 'excluded'}`).join('; ')}.`);
        }
      }
    }
    if (item.kind) {
      for (const rule of lists.config.undetermined) {
        if (!rule.kinds.includes(item.kind) || evaluated.has(rule.list)) continue;
        controls.push({
          list: rule.list,
          entry: rule.entry,
          confidence: 'indeterminate',
          reason: `a ${item.kind} may be controlled but no ${rule.list} entry could be identified from the data given — needs ${rule.needs.join(', ')}`,
          citation: undeterminedCitation(lists.byId.get(rule.list), rule.list),
        });
      }
    }
  }
  if (item.hsCode) controls.push(...hsMatches(lists.lists, item.hsCode));
  else if (!controls.length) notes.push('no hsCode given: CHPL, EU 2023/1529 Annex II and EAR Supp. 7 to Part 746 could not be checked.');

  for (const declared of item.declaredControls ?? []) {
    const found = controls.some((c) => c.entry === declared || c.entry.startsWith(`${declared}.`));
    notes.push(`declared control ${declared}: ${found ? 'also found by classification' : 'not reproduced by classification from the data given — keep it, and check the parameters'}.`);
  }
  const order = (l: ControlListId) => CONTROL_LISTS.indexOf(l);
  controls.sort((a, b) => order(a.list) - order(b.list));
  if (!controls.length) {
    notes.push(`no control-list entry matched: checked ${lists.lists.map((l) => `${l.list} (${l.version})`).join(', ')}${item.kind ? ` for kind ${item.kind}` : ''}${item.hsCode ? ` and HS ${item.hsCode}` : ''}.`);
  }
  return { controls, notes, version: lists.version };
}
