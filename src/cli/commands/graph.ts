// `interdict graph neighbors|path|exposure`: the relationship graph over the loaded lists
// (INTERDICT_HOME): who is related to whom, the shortest path between two entities, and how close a
// name or entity is to listed entities. The engine is src/graph/.
import { Command, InvalidArgumentError } from 'commander';
import { openListStore, type ListStore } from '../../lists/store.js';
import type { ListSnapshot } from '../../domain/list.js';
import type { Entity } from '../../domain/entity.js';
import type { Party } from '../../domain/transfer.js';
import { buildGraph, isDesignated, nodeLabel, type EntityGraph } from '../../graph/graph.js';
import { describePath, exposurePaths, neighbors, shortestPath, type PathStep } from '../../graph/paths.js';
import { findSharedIdentifiers } from '../../graph/identifiers.js';
import { openScreener } from '../../matching/screener.js';

export class GraphCommandError extends Error {
  override readonly name = 'GraphCommandError';
}

interface GraphOpts {
  json?: boolean;
  depth?: number;
  asOf?: string;
  history?: boolean;
  source?: string[];
}

function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name}: expected a whole number from 1 to ${max}, got "${value}"`);
    return n;
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** Current (or as-of) version of every stored source, read into one graph. */
export function loadGraph(store: ListStore, opts: GraphOpts): { graph: EntityGraph; snapshots: ListSnapshot[] } {
  const infos = opts.asOf
    ? store.sources().flatMap((s) => {
        const v = store.asOf(s, opts.asOf!);
        return v ? [v] : [];
      })
    : store.status();
  const chosen = opts.source?.length ? infos.filter((i) => opts.source!.includes(i.source)) : infos;
  if (chosen.length === 0) throw new GraphCommandError('no lists loaded: run `interdict lists load` first (INTERDICT_HOME)');
  const snapshots = chosen.map((info) => store.read(info));
  return { graph: buildGraph(snapshots), snapshots };
}

function requireNode(graph: EntityGraph, id: string): void {
  if (!graph.entities.has(id) && !graph.outgoing.has(id) && !graph.incoming.has(id)) {
    throw new GraphCommandError(`unknown entity id "${id}" (ids are SOURCE:SOURCE_ID, e.g. us_ofac_sdn:36, as shown by \`interdict screen\`)`);
  }
}

function walkOptions(opts: GraphOpts) {
  return { ...(opts.asOf ? { asOf: opts.asOf } : {}), ...(opts.history ? { includeEnded: true } : {}) };
}

function stepLine(s: PathStep): string {
  return describePath([s]);
}

function asParty(e: Entity): Party {
  const contact = (t: string) => e.contacts.filter((c) => c.type === t).map((c) => c.value).join('; ') || undefined;
  const party: Party = { role: 'end_user', name: e.name, ids: e.identifiers.map((i) => i.value) };
  const address = e.addresses[0]?.full;
  if (address) party.address = address;
  const phone = contact('phone');
  if (phone) party.phone = phone;
  const email = contact('email');
  if (email) party.email = email;
  const website = contact('website');
  if (website) party.website = website;
  return party;
}

function fail(command: string, err: unknown): void {
  if (err instanceof GraphCommandError) {
    process.stderr.write(`interdict graph ${command}: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  throw err;
}

export function register(program: Command): void {
  const graphCmd = program
    .command('graph')
    .description('Relationship graph over the loaded lists: neighbours, paths, exposure to listed entities');

  const common = (c: Command) =>
    c
      .option('--as-of <date>', 'list versions published on or before this date, and relations in effect then')
      .option('--history', 'also follow relations that have ended (company-register history)')
      .option('--source <id...>', 'only these lists (repeatable or comma-separated)', collect)
      .option('--json', 'print JSON');

  common(
    graphCmd
      .command('neighbors')
      .description('Entities related to ENTITY_ID within --depth relations')
      .argument('<entityId>', 'entity id (SOURCE:SOURCE_ID)')
      .option('--depth <n>', 'how many relations away (default 1)', positiveInt('--depth', 6)),
  ).action((entityId: string, opts: GraphOpts) => {
    try {
      const { graph } = loadGraph(openListStore(), opts);
      requireNode(graph, entityId);
      const depth = opts.depth ?? 1;
      const found = neighbors(graph, entityId, depth, walkOptions(opts));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ entityId, name: nodeLabel(graph, entityId), depth, neighbors: found }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${nodeLabel(graph, entityId)} (${entityId}): ${found.length} related within ${depth}\n`);
      for (const n of found) {
        process.stdout.write(`  ${n.depth}  ${n.listed ? 'listed ' : 'context'}  ${n.id}  ${n.name}\n      ${stepLine(n.path[n.path.length - 1]!)}\n`);
      }
    } catch (err) {
      fail('neighbors', err);
    }
  });

  common(
    graphCmd
      .command('path')
      .description('Shortest relationship path between two entities')
      .argument('<from>', 'entity id')
      .argument('<to>', 'entity id')
      .option('--depth <n>', 'longest path searched (default 6)', positiveInt('--depth', 10)),
  ).action((from: string, to: string, opts: GraphOpts) => {
    try {
      const { graph } = loadGraph(openListStore(), opts);
      requireNode(graph, from);
      requireNode(graph, to);
      const path = shortestPath(graph, from, to, { ...walkOptions(opts), maxDepth: opts.depth ?? 6 });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ from, to, found: !!path, hops: path?.length ?? null, path: path ?? [] }, null, 2)}\n`);
        return;
      }
      if (!path) {
        process.stdout.write(`no path from ${from} to ${to} within ${opts.depth ?? 6} relations\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${path.length} hop(s): ${describePath(path)}\n`);
      for (const s of path) process.stdout.write(`  ${s.from} -> ${s.to}: ${s.type}${s.role ? ` (${s.role})` : ''}; ${s.evidence}\n`);
    } catch (err) {
      fail('path', err);
    }
  });

  common(
    graphCmd
      .command('exposure')
      .description('Shortest paths from a name or entity to listed entities, and shared identifiers')
      .argument('<nameOrId>', 'a name (screened) or an entity id (SOURCE:SOURCE_ID)')
      .option('--depth <n>', 'how many relations away (default 3)', positiveInt('--depth', 6)),
  ).action((nameOrId: string, opts: GraphOpts) => {
    try {
      const store = openListStore();
      const { graph } = loadGraph(store, opts);
      let starts: { entityId: string; name: string; score?: number }[];
      if (graph.entities.has(nameOrId) || graph.outgoing.has(nameOrId) || graph.incoming.has(nameOrId)) {
        starts = [{ entityId: nameOrId, name: nodeLabel(graph, nameOrId) }];
      } else {
        const screener = openScreener(store, { ...(opts.source ? { sources: opts.source } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) });
        starts = screener.screen({ name: nameOrId }, { limit: 5 }).map((m) => ({ entityId: m.entityId, name: m.name, score: m.score }));
      }
      const results = starts.map((s) => {
        const entity = graph.entities.get(s.entityId);
        const paths = exposurePaths(graph, [s.entityId], { ...walkOptions(opts), maxDepth: opts.depth ?? 3 });
        const shared = entity ? findSharedIdentifiers(asParty(entity), graph.identifiers).filter((l) => l.entityId !== s.entityId) : [];
        return { ...s, listed: entity ? isDesignated(entity) : false, paths, sharedIdentifiers: shared };
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ query: nameOrId, depth: opts.depth ?? 3, results }, null, 2)}\n`);
        return;
      }
      if (results.length === 0) {
        process.stdout.write(`"${nameOrId}" is no entity id and screens to no listed entity\n`);
        return;
      }
      for (const r of results) {
        process.stdout.write(`${r.name} (${r.entityId}${r.score !== undefined ? `, score ${r.score.toFixed(3)}` : ''}${r.listed ? ', listed' : ''}): ${r.paths.length} listed entit${r.paths.length === 1 ? 'y' : 'ies'} within ${opts.depth ?? 3}\n`);
        for (const p of r.paths) process.stdout.write(`  ${p.hops}  ${p.entityId}  ${describePath(p.path)}\n`);
        for (const l of r.sharedIdentifiers) process.stdout.write(`  shares ${l.kind} "${l.listedValue}" with ${nodeLabel(graph, l.entityId)} (${l.entityId})\n`);
      }
    } catch (err) {
      fail('exposure', err);
    }
  });
}
