// The entity graph: listed entities as nodes, relations (ownership, directorship, family,
// association ...) as edges. Built from list snapshots — FtM Ownership/Directorship/Family records,
// OFAC "Linked To:" remarks, UN/UK "associated with" text, all already turned into Relation records
// by the parsers — plus relations supplied with a transfer (`owners` on a party).
import type { Entity, Relation } from '../domain/entity.js';
import type { ListSnapshot } from '../domain/list.js';
import type { PartyOwner, Transfer } from '../domain/transfer.js';
import { buildIdentifierIndex, type IdentifierIndex } from './identifiers.js';

export interface EntityGraph {
  /** Entities by id, from every snapshot (listed entities and context records alike). */
  readonly entities: ReadonlyMap<string, Entity>;
  readonly relations: readonly Relation[];
  /** Relations by the id of their `from` end. */
  readonly outgoing: ReadonlyMap<string, readonly Relation[]>;
  /** Relations by the id of their `to` end. */
  readonly incoming: ReadonlyMap<string, readonly Relation[]>;
  /** Addresses, phones, e-mails, websites and identifiers of designated entities (built on first use). */
  readonly identifiers: IdentifierIndex;
}

/**
 * Whether an entity is a designation (a listed party) rather than a context record. Official lists
 * only hold designations. OpenSanctions FtM exports also carry context records (company-registry
 * owners, subsidiaries) that are on no list; FtM marks listed ones with a `sanction` or
 * `export.control` topic (https://www.opensanctions.org/docs/topics/).
 */
export function isDesignated(entity: Entity): boolean {
  const topics = entity.properties['topics'];
  if (topics) return topics.some((t) => t === 'sanction' || t === 'export.control' || t === 'sanction.counter');
  // An FtM record without topics is listed only if it comes from a list dataset; `ext_*` datasets
  // are enrichment sources such as company registers (ext_ru_egrul).
  const datasets = entity.properties['datasets'];
  if (datasets) return datasets.some((d) => !d.startsWith('ext_'));
  return true;
}

function pushTo(map: Map<string, Relation[]>, key: string, relation: Relation): void {
  const list = map.get(key);
  if (list) list.push(relation);
  else map.set(key, [relation]);
}

/** Build the graph over the snapshots (and further relations, e.g. from a transfer). */
export function buildGraph(snapshots: readonly ListSnapshot[], extraRelations: readonly Relation[] = []): EntityGraph {
  const entities = new Map<string, Entity>();
  for (const s of snapshots) for (const e of s.entities) entities.set(e.id, e);
  const relations: Relation[] = [];
  const seen = new Set<string>();
  for (const r of [...snapshots.flatMap((s) => s.relations), ...extraRelations]) {
    if (seen.has(r.id)) continue; // the same record may come with several snapshots
    seen.add(r.id);
    relations.push(r);
  }
  const outgoing = new Map<string, Relation[]>();
  const incoming = new Map<string, Relation[]>();
  for (const r of relations) {
    pushTo(outgoing, r.from, r);
    pushTo(incoming, r.to, r);
  }
  let index: IdentifierIndex | undefined;
  return {
    entities,
    relations,
    outgoing,
    incoming,
    get identifiers() {
      index ??= buildIdentifierIndex([...entities.values()].filter(isDesignated));
      return index;
    },
  };
}

/** The graph with further relations added (the source graph is not changed). */
export function withRelations(graph: EntityGraph, relations: readonly Relation[]): EntityGraph {
  if (relations.length === 0) return graph;
  const outgoing = new Map<string, Relation[]>([...graph.outgoing].map(([k, v]) => [k, [...v]]));
  const incoming = new Map<string, Relation[]>([...graph.incoming].map(([k, v]) => [k, [...v]]));
  const seen = new Set(graph.relations.map((r) => r.id));
  const added: Relation[] = [];
  for (const r of relations) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    added.push(r);
    pushTo(outgoing, r.from, r);
    pushTo(incoming, r.to, r);
  }
  return {
    entities: graph.entities,
    relations: [...graph.relations, ...added],
    outgoing,
    incoming,
    get identifiers() {
      return graph.identifiers;
    },
  };
}

/** Display name of a node: the entity's primary name, else its id (a relation end with no record). */
export function nodeLabel(graph: EntityGraph, id: string): string {
  return graph.entities.get(id)?.name ?? id;
}

/**
 * Whether a relation is in effect on a date. Without a date, a relation with an end date counts as
 * ended (company registries keep past shareholdings with their end date).
 */
export function inEffect(relation: Relation, asOf?: string): boolean {
  if (!asOf) return !relation.endDate;
  const day = asOf.slice(0, 10);
  if (relation.startDate && relation.startDate.slice(0, day.length) > day) return false;
  if (relation.endDate && relation.endDate < day.slice(0, relation.endDate.length)) return false;
  return true;
}

/**
 * Ownership relations given with a transfer (`owners` on each party, nested), as Relation records
 * for `withRelations`. Nodes without an entity id are named `transfer:p<party>[/o<owner>...]`.
 */
export function transferRelations(transfer: Transfer): Relation[] {
  const out: Relation[] = [];
  const walk = (owners: PartyOwner[] | undefined, assetId: string, assetName: string) => {
    (owners ?? []).forEach((o, i) => {
      const ownerId = o.entityId ?? `${assetId}/o${i}`;
      out.push({
        id: `transfer:${assetId}<${ownerId}`,
        source: 'transfer',
        type: 'ownership',
        from: ownerId,
        to: assetId,
        ...(o.share !== undefined ? { share: o.share } : {}),
        evidence: `given with the transfer: ${o.name} owns ${o.share ?? '?'} % of ${assetName}`,
      });
      walk(o.owners, o.entityId ?? `${assetId}/o${i}`, o.name);
    });
  };
  transfer.parties.forEach((p, i) => walk(p.owners, `transfer:p${i}`, p.name));
  return out;
}
