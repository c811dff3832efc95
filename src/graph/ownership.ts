// Ownership and control: is a party that is not itself listed nevertheless blocked because listed
// persons own or control it?
//
// US — OFAC 50 Percent Rule (revised guidance of 13 Aug 2014): an entity owned 50 % or more,
// directly or indirectly, in the aggregate by one or more blocked persons is blocked by operation of
// law. "Indirectly" works through blocked entities: if blocked X owns 50 % of A, A is blocked, and
// A's whole holding in B counts towards B (OFAC FAQs 398-402). Holdings through an entity that is
// NOT blocked do not count at all — OFAC does not multiply shares along a chain (X 40 % of A, A 40 %
// of B: B is not blocked). The product along each chain is still reported, for information.
// EU and UK: more than 50 % or control (a listed director); the UK does not add up the holdings of
// different designated persons. The thresholds and lists per jurisdiction are data:
// data/redflags/ownership-rules.yaml.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Entity, Relation } from '../domain/entity.js';
import type { Match } from '../domain/decision.js';
import type { Party, PartyOwner } from '../domain/transfer.js';
import type { Citation } from '../domain/citation.js';
import { dataPath } from '../data-path.js';
import { inEffect, type EntityGraph } from './graph.js';
import { CitationSchema } from '../domain/citation.js';


export const OwnershipRulesSchema = Type.Object({
  version: Type.String({ minLength: 1 }),
  strongScore: Type.Number({ minimum: 0, maximum: 1 }),
  jurisdictions: Type.Array(
    Type.Object({
      id: Type.Union([Type.Literal('US'), Type.Literal('EU'), Type.Literal('UK')]),
      threshold: Type.Number({ minimum: 0, maximum: 100 }),
      inclusive: Type.Boolean(),
      aggregate: Type.Boolean(),
      controlViaDirectorship: Type.Boolean(),
      sources: Type.Array(Type.String()),
      lists: Type.Array(Type.String()),
      datasets: Type.Array(Type.String()),
      rule: Type.String({ minLength: 1 }),
      citation: CitationSchema,
    }),
    { minItems: 1 },
  ),
});
export type OwnershipRules = Static<typeof OwnershipRulesSchema>;
export type OwnershipJurisdiction = OwnershipRules['jurisdictions'][number];
export type OwnershipJurisdictionId = OwnershipJurisdiction['id'];

export class OwnershipRulesError extends Error {
  override readonly name = 'OwnershipRulesError';
}

let cachedRules: OwnershipRules | undefined;
export function loadOwnershipRules(path = dataPath('redflags/ownership-rules.yaml')): OwnershipRules {
  if (cachedRules && path === dataPath('redflags/ownership-rules.yaml')) return cachedRules;
  const doc: unknown = parseYaml(readFileSync(path, 'utf8'));
  if (!Value.Check(OwnershipRulesSchema, doc)) {
    const e = [...Value.Errors(OwnershipRulesSchema, doc)][0];
    throw new OwnershipRulesError(`${path}: ${e?.path ?? '/'}: ${e?.message ?? 'invalid'} (value ${JSON.stringify(e?.value)})`);
  }
  if (path === dataPath('redflags/ownership-rules.yaml')) cachedRules = doc;
  return doc;
}

/** Whether an entity is on one of the jurisdiction's asset-freeze lists. */
export function onAssetFreezeList(entity: Pick<Entity, 'source' | 'lists' | 'properties'>, j: OwnershipJurisdiction): boolean {
  if (j.sources.includes(entity.source)) return true;
  if (entity.lists.some((l) => j.lists.includes(l) || j.datasets.includes(l))) return true;
  return (entity.properties['datasets'] ?? []).some((d) => j.datasets.includes(d));
}

function matchOnList(match: Match, j: OwnershipJurisdiction, graph: EntityGraph): boolean {
  if (j.sources.includes(match.source)) return true;
  if ((match.lists ?? []).some((l) => j.lists.includes(l))) return true;
  const entity = graph.entities.get(match.entityId);
  return entity ? onAssetFreezeList(entity, j) : false;
}

export interface OwnershipChainLink {
  name: string;
  entityId?: string;
  /** Share (percent) this link holds in the next one; absent on the last link (the party). */
  share?: number;
  /** How this link stands to the next: owner of shares, or director (control). */
  relation?: 'owner' | 'director';
  /** Where the link comes from: the transfer's `owners`, or a relation record from a list. */
  via?: 'transfer' | 'list';
  evidence?: string;
  /** The listed designation this link is (first link only). */
  listedAs?: string;
}

export interface OwnershipChain {
  jurisdiction: OwnershipJurisdictionId;
  /** The listed person at the top of the chain. */
  holder: string;
  /** The share of the party this chain counts for under the rule (percent). */
  counted: number;
  /** Product of the shares along the chain (look-through share), for information. */
  lookThrough?: number;
  links: OwnershipChainLink[];
  text: string;
}

export interface JurisdictionOwnership {
  jurisdiction: OwnershipJurisdictionId;
  blocked: boolean;
  /** Share held by listed persons as the rule counts it (aggregate, or the largest single holder). */
  share: number;
  /** A listed person controls the party as director (EU/UK control test). */
  control: boolean;
  controlledBy: string[];
  chains: OwnershipChain[];
  rule: string;
  citation: Citation;
}

export interface OwnershipAssessment {
  blockedUS: boolean;
  blockedEU: boolean;
  blockedUK: boolean;
  /** US aggregate share held by blocked persons (percent). */
  aggregateShare: number;
  chains: OwnershipChain[];
  jurisdictions: JurisdictionOwnership[];
  /** Ownership links to listed persons whose share is not known (a person to check by hand). */
  unknownShares: string[];
  explanation: string;
}

export interface OwnershipOptions {
  /** Date of the transfer: only relations in effect then count (default: relations without end date). */
  asOf?: string;
  rules?: OwnershipRules;
  /** Maximum depth of ownership chains followed. */
  maxDepth?: number;
}

interface OwnerNode {
  key: string;
  name: string;
  /** Graph entity ids this node is. */
  entityIds: string[];
  supplied: PartyOwner[];
  /** Whether the node's name should be screened (transfer-supplied names and graph context records). */
  screenName: boolean;
}

interface OwnerEdge {
  owner: OwnerNode;
  share?: number;
  relation: 'owner' | 'director';
  via: 'transfer' | 'list';
  evidence?: string;
}

interface Holding {
  name: string;
  /** Shares (percent) held, directly or through entities the holder stands behind in full. */
  share: number;
  /** Control through a directorship. */
  control: boolean;
  /** Chains from the listed holder down to the node (links top-down, each with its share in the next). */
  chains: OwnershipChainLink[][];
  lookThrough: number[];
}

const MAX_CHAINS = 10;

/**
 * Where a listed owner holds the same asset through several registry records at once (a company
 * register keeps superseded records open), keep one: the newest start date, then the open-ended
 * one, then the largest share.
 */
function currentOwnerships(relations: readonly Relation[], asOf: string | undefined): Relation[] {
  const byOwner = new Map<string, Relation>();
  for (const r of relations) {
    if (r.type !== 'ownership' || !inEffect(r, asOf)) continue;
    const prev = byOwner.get(r.from);
    if (!prev) {
      byOwner.set(r.from, r);
      continue;
    }
    const rank = (x: Relation) => [x.startDate ?? '', x.endDate ? x.endDate : '9999', x.share ?? -1] as const;
    const a = rank(r);
    const b = rank(prev);
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) byOwner.set(r.from, r);
  }
  return [...byOwner.values()];
}

/** Assess whether the party is blocked through ownership or control, per jurisdiction. */
export function assessOwnership(
  party: Party,
  partyMatches: Match[],
  graph: EntityGraph,
  screen: (name: string) => Match[],
  options: OwnershipOptions = {},
): OwnershipAssessment {
  const rules = options.rules ?? loadOwnershipRules();
  const maxDepth = options.maxDepth ?? 8;
  const strong = rules.strongScore;
  const screenCache = new Map<string, Match[]>();
  const screenStrong = (name: string): Match[] => {
    let hit = screenCache.get(name);
    if (!hit) {
      hit = screen(name).filter((m) => m.score >= strong);
      screenCache.set(name, hit);
    }
    return hit;
  };
  const unknownShares = new Set<string>();

  const graphNodes = new Map<string, OwnerNode>();
  const graphNode = (id: string): OwnerNode => {
    let n = graphNodes.get(id);
    if (!n) {
      const e = graph.entities.get(id);
      n = { key: id, name: e?.name ?? id, entityIds: [id], supplied: [], screenName: !!e };
      graphNodes.set(id, n);
    }
    return n;
  };
  const suppliedNode = (o: PartyOwner, path: string): OwnerNode => {
    if (o.entityId && !o.owners?.length) return { ...graphNode(o.entityId), name: o.name || graphNode(o.entityId).name };
    const ids = o.entityId ? [o.entityId] : [];
    return { key: o.entityId ?? `transfer:${path}`, name: o.name, entityIds: ids, supplied: o.owners ?? [], screenName: true };
  };

  const partyNode: OwnerNode = {
    key: 'party',
    name: party.name,
    entityIds: [...new Set(partyMatches.filter((m) => m.score >= strong).map((m) => m.entityId))],
    supplied: party.owners ?? [],
    screenName: false,
  };

  function ownerEdges(node: OwnerNode): OwnerEdge[] {
    const out: OwnerEdge[] = [];
    const suppliedIds = new Set<string>();
    node.supplied.forEach((o, i) => {
      const child = suppliedNode(o, `${node.key}/${i}`);
      child.entityIds.forEach((id) => suppliedIds.add(id));
      out.push({ owner: child, ...(o.share !== undefined ? { share: o.share } : {}), relation: 'owner', via: 'transfer', evidence: `owners given with the transfer: ${o.name}${o.share !== undefined ? ` ${o.share} %` : ''} of ${node.name}` });
    });
    for (const id of node.entityIds) {
      for (const r of currentOwnerships(graph.incoming.get(id) ?? [], options.asOf)) {
        if (suppliedIds.has(r.from)) continue;
        out.push({ owner: graphNode(r.from), ...(r.share !== undefined ? { share: r.share } : {}), relation: 'owner', via: 'list', evidence: r.evidence });
      }
      for (const r of graph.incoming.get(id) ?? []) {
        if (r.type === 'directorship' && inEffect(r, options.asOf)) {
          out.push({ owner: graphNode(r.from), relation: 'director', via: 'list', evidence: r.evidence });
        }
      }
    }
    return out;
  }

  const edgeCache = new Map<string, OwnerEdge[]>();
  const edgesOf = (n: OwnerNode) => {
    let e = edgeCache.get(n.key);
    if (!e) edgeCache.set(n.key, (e = ownerEdges(n)));
    return e;
  };

  function assess(j: OwnershipJurisdiction): JurisdictionOwnership {
    const meets = (share: number) => (j.inclusive ? share >= j.threshold : share > j.threshold);
    // The designation a node is on this jurisdiction's lists, if any.
    const designationCache = new Map<string, string | undefined>();
    const designation = (n: OwnerNode): string | undefined => {
      if (designationCache.has(n.key)) return designationCache.get(n.key);
      let found: string | undefined;
      for (const id of n.entityIds) {
        const e = graph.entities.get(id);
        if (e && onAssetFreezeList(e, j)) {
          found = e.id;
          break;
        }
      }
      if (!found && n.screenName && n.name) {
        const m = screenStrong(n.name).find((x) => matchOnList(x, j, graph));
        if (m) found = m.entityId;
      }
      designationCache.set(n.key, found);
      return found;
    };
    // Holders standing behind a node in full: itself if listed, else the listed persons that own
    // (meeting the threshold) or control it.
    const memo = new Map<string, Map<string, Holding>>();
    const visiting = new Set<string>();

    function holdingsAt(n: OwnerNode, depth: number): Map<string, Holding> {
      const out = new Map<string, Holding>();
      if (depth > maxDepth || visiting.has(n.key)) return out;
      visiting.add(n.key);
      for (const edge of edgesOf(n)) {
        if (edge.relation === 'director' && !j.controlViaDirectorship) continue;
        const o = edge.owner;
        const behind = standingBehind(o, depth + 1);
        if (behind.size === 0) continue;
        if (edge.relation === 'owner' && edge.share === undefined) {
          unknownShares.add(`${o.name} owns an unknown share of ${n.name}${edge.evidence ? ` (${edge.evidence})` : ''}`);
          continue;
        }
        const listedAs = designation(o);
        const link: OwnershipChainLink = {
          name: o.name,
          ...(o.entityIds[0] ? { entityId: o.entityIds[0] } : {}),
          ...(edge.share !== undefined ? { share: edge.share } : {}),
          relation: edge.relation,
          via: edge.via,
          ...(edge.evidence ? { evidence: edge.evidence } : {}),
          ...(listedAs ? { listedAs } : {}),
        };
        for (const [holderKey, h] of behind) {
          const key = j.aggregate ? '*' : holderKey;
          const acc = out.get(key) ?? { name: j.aggregate ? 'blocked persons' : h.name, share: 0, control: false, chains: [], lookThrough: [] };
          if (edge.relation === 'director') acc.control = true;
          else acc.share += edge.share!;
          for (let c = 0; c < h.chains.length && acc.chains.length < MAX_CHAINS; c++) {
            acc.chains.push([...h.chains[c]!, link]);
            acc.lookThrough.push(((h.lookThrough[c] ?? 100) * (edge.relation === 'owner' ? edge.share! : 0)) / 100);
          }
          out.set(key, acc);
        }
      }
      visiting.delete(n.key);
      return out;
    }

    const blockedBy = (h: Holding) => meets(h.share) || (h.control && j.controlViaDirectorship);

    function standingBehind(n: OwnerNode, depth: number): Map<string, Holding> {
      const cached = memo.get(n.key);
      if (cached) return cached;
      const result = new Map<string, Holding>();
      const listed = designation(n);
      if (listed) {
        result.set(listed, { name: n.name, share: 100, control: false, chains: [[]], lookThrough: [100] });
      } else {
        for (const [k, h] of holdingsAt(n, depth)) {
          // Blocked (owned or controlled) in its own right: its holdings below count in full.
          if (blockedBy(h)) result.set(k, { ...h, share: 100 });
        }
      }
      if (!visiting.has(n.key)) memo.set(n.key, result);
      return result;
    }

    const holdings = holdingsAt(partyNode, 0);
    let best: Holding | undefined;
    const controlledBy: string[] = [];
    for (const h of holdings.values()) {
      if (!best || h.share > best.share) best = h;
      if (blockedBy(h)) controlledBy.push(h.name);
    }
    const chains: OwnershipChain[] = [];
    for (const h of holdings.values()) {
      h.chains.forEach((links, i) => {
        const last = links[links.length - 1]!;
        const full: OwnershipChainLink[] = [...links, { name: party.name }];
        chains.push({
          jurisdiction: j.id,
          holder: links[0]!.name,
          counted: last.relation === 'director' ? 0 : (last.share ?? 0),
          lookThrough: Math.round((h.lookThrough[i] ?? 0) * 100) / 100,
          links: full,
          text: chainText(full),
        });
      });
    }
    const control = [...holdings.values()].some((h) => h.control);
    return {
      jurisdiction: j.id,
      blocked: controlledBy.length > 0,
      share: best ? Math.min(100, Math.round(best.share * 100) / 100) : 0,
      control,
      controlledBy,
      chains,
      rule: j.rule,
      citation: j.citation,
    };
  }

  const jurisdictions = rules.jurisdictions.map(assess);
  const get = (id: OwnershipJurisdictionId) => jurisdictions.find((x) => x.jurisdiction === id);
  const explanation = jurisdictions
    .map((x) => {
      const j = rules.jurisdictions.find((r) => r.id === x.jurisdiction)!;
      const test = `${j.inclusive ? '>=' : '>'} ${j.threshold} %${j.aggregate ? ' aggregated' : ' by a single listed person'}${j.controlViaDirectorship ? ' or control' : ''}`;
      if (x.blocked) {
        return `${x.jurisdiction}: blocked by ownership or control (${x.share} % held${x.control ? ', control as director' : ''} by ${x.controlledBy.join(', ')}; test ${test}) — ${x.chains.map((c) => c.text).join('; ')}`;
      }
      return x.share > 0
        ? `${x.jurisdiction}: not blocked — listed persons hold ${x.share} % (test ${test}): ${x.chains.map((c) => c.text).join('; ')}`
        : `${x.jurisdiction}: no ownership or control by listed persons found`;
    })
    .join('\n');
  return {
    blockedUS: get('US')?.blocked ?? false,
    blockedEU: get('EU')?.blocked ?? false,
    blockedUK: get('UK')?.blocked ?? false,
    aggregateShare: get('US')?.share ?? 0,
    chains: jurisdictions.flatMap((x) => x.chains),
    jurisdictions,
    unknownShares: [...unknownShares],
    explanation: unknownShares.size > 0 ? `${explanation}\nunknown shares: ${[...unknownShares].join('; ')}` : explanation,
  };
}

function chainText(links: readonly OwnershipChainLink[]): string {
  const parts: string[] = [];
  for (let i = 0; i < links.length - 1; i++) {
    const l = links[i]!;
    const next = links[i + 1]!;
    const who = `${l.name}${l.listedAs ? ` [listed: ${l.listedAs}]` : ''}`;
    parts.push(l.relation === 'director' ? `${who} directs ${next.name}` : `${who} owns ${l.share ?? '?'} % of ${next.name}`);
  }
  return parts.join(', ');
}
