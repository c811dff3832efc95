// Walking the graph: neighbours, shortest relationship paths, exposure to listed entities.
// Relations are walked in both directions (an owner is as close to its company as the company to
// its owner); each step records which way the relation points.
import type { Relation, RelationType } from '../domain/entity.js';
import { inEffect, isDesignated, nodeLabel, type EntityGraph } from './graph.js';

export interface PathStep {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  type: RelationType;
  /** `forward` when the relation reads from -> to ("from owns to"), `backward` when it reads to -> from. */
  direction: 'forward' | 'backward';
  role?: string;
  share?: number;
  relationId: string;
  evidence: string;
}

export interface WalkOptions {
  /** Relation types to follow (default: all). */
  types?: readonly RelationType[];
  /** Only relations in effect on this date (default: every relation without an end date). */
  asOf?: string;
  /** Include relations that have ended (history view). */
  includeEnded?: boolean;
}

function edges(graph: EntityGraph, id: string, options: WalkOptions): { relation: Relation; other: string; direction: 'forward' | 'backward' }[] {
  const out: { relation: Relation; other: string; direction: 'forward' | 'backward' }[] = [];
  const keep = (r: Relation) =>
    (!options.types || options.types.includes(r.type)) && (options.includeEnded || inEffect(r, options.asOf));
  for (const r of graph.outgoing.get(id) ?? []) if (keep(r)) out.push({ relation: r, other: r.to, direction: 'forward' });
  for (const r of graph.incoming.get(id) ?? []) if (keep(r)) out.push({ relation: r, other: r.from, direction: 'backward' });
  return out;
}

function step(graph: EntityGraph, from: string, e: { relation: Relation; other: string; direction: 'forward' | 'backward' }): PathStep {
  const r = e.relation;
  return {
    from,
    fromName: nodeLabel(graph, from),
    to: e.other,
    toName: nodeLabel(graph, e.other),
    type: r.type,
    direction: e.direction,
    ...(r.role ? { role: r.role } : {}),
    ...(r.share !== undefined ? { share: r.share } : {}),
    relationId: r.id,
    evidence: r.evidence,
  };
}

export interface Neighbour {
  id: string;
  name: string;
  depth: number;
  listed: boolean;
  /** The path from the start node. */
  path: PathStep[];
}

/** Every node within `depth` relations of `id` (breadth first, each node once, nearest first). */
export function neighbors(graph: EntityGraph, id: string, depth = 1, options: WalkOptions = {}): Neighbour[] {
  const paths = new Map<string, PathStep[]>([[id, []]]);
  const out: Neighbour[] = [];
  let frontier = [id];
  for (let d = 1; d <= depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const e of edges(graph, node, options)) {
        if (paths.has(e.other)) continue;
        const path = [...paths.get(node)!, step(graph, node, e)];
        paths.set(e.other, path);
        next.push(e.other);
        const entity = graph.entities.get(e.other);
        out.push({ id: e.other, name: nodeLabel(graph, e.other), depth: d, listed: entity ? isDesignated(entity) : false, path });
      }
    }
    frontier = next;
  }
  return out;
}

/** A shortest relationship path from one node to another, or undefined when none within maxDepth. */
export function shortestPath(
  graph: EntityGraph,
  from: string,
  to: string,
  options: WalkOptions & { maxDepth?: number } = {},
): PathStep[] | undefined {
  if (from === to) return [];
  const maxDepth = options.maxDepth ?? 6;
  const reached = neighbors(graph, from, maxDepth, options);
  return reached.find((n) => n.id === to)?.path;
}

export interface ExposurePath {
  /** The listed entity reached. */
  entityId: string;
  name: string;
  source: string;
  hops: number;
  path: PathStep[];
}

/**
 * Shortest paths from the start nodes to designated entities within maxDepth hops (a start node that
 * is itself designated is not an exposure of itself). One path per listed entity, nearest first.
 */
export function exposurePaths(
  graph: EntityGraph,
  start: readonly string[],
  options: WalkOptions & { maxDepth?: number } = {},
): ExposurePath[] {
  const found = new Map<string, ExposurePath>();
  const starts = new Set(start);
  for (const s of start) {
    for (const n of neighbors(graph, s, options.maxDepth ?? 3, options)) {
      if (!n.listed || starts.has(n.id)) continue;
      const prev = found.get(n.id);
      if (prev && prev.hops <= n.depth) continue;
      const entity = graph.entities.get(n.id)!;
      found.set(n.id, { entityId: n.id, name: entity.name, source: entity.source, hops: n.depth, path: n.path });
    }
  }
  return [...found.values()].sort((a, b) => a.hops - b.hops || a.name.localeCompare(b.name));
}

/** One line per step: "A —[ownership 51 %]→ B". */
export function describePath(path: readonly PathStep[]): string {
  if (path.length === 0) return '';
  const parts = [path[0]!.fromName];
  for (const s of path) {
    const what = [s.role ?? s.type, s.share !== undefined ? `${s.share} %` : ''].filter(Boolean).join(' ');
    parts.push(s.direction === 'forward' ? ` —[${what}]→ ${s.toName}` : ` ←[${what}]— ${s.toName}`);
  }
  return parts.join('');
}
