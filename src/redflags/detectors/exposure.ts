// Exposure: a counterparty, or an owner given with the transfer, within a few relationship hops of
// a listed entity (ownership, directorship, family, association). OFAC's 2014 guidance asks for
// caution with entities in which blocked persons hold less than 50 % or which they may control.
// Relations are taken as they stood on the transfer date (registers keep dated shareholdings).
import { Type } from '@sinclair/typebox';
import type { PartyOwner } from '../../domain/transfer.js';
import { isDesignated } from '../../graph/graph.js';
import { describePath, exposurePaths } from '../../graph/paths.js';
import { defineDetector, matchesOf, partyLabel } from '../input.js';

const STRONG = 0.9;

export const exposure = defineDetector({
  name: 'exposure',
  params: Type.Object({ maxHops: Type.Integer({ minimum: 1, maximum: 6 }) }, { additionalProperties: false }),
  detect(input, params) {
    const graph = input.graph;
    const evidence: string[] = [];
    input.transfer.parties.forEach((p, index) => {
      const matches = matchesOf(input, index).filter((m) => m.score >= STRONG);
      // A party that is itself listed is screening's business.
      if (matches.some((m) => { const e = graph?.entities.get(m.entityId); return !e || isDesignated(e); })) return;
      const starts = new Map<string, string>(); // graph id -> how the party reaches it
      for (const m of matches) starts.set(m.entityId, `is "${m.name}" in the graph`);
      const walkOwners = (owners: PartyOwner[] | undefined, chain: string) => {
        for (const o of owners ?? []) {
          const via = `${chain} ← owner "${o.name}"${o.share !== undefined ? ` ${o.share} %` : ''}`;
          const ids = [
            ...(o.entityId ? [o.entityId] : []),
            ...(input.screen ? input.screen(o.name).filter((m) => m.score >= STRONG).map((m) => m.entityId) : []),
          ];
          for (const id of ids) {
            const e = graph?.entities.get(id) ?? input.listed?.(id);
            if (e && isDesignated(e)) evidence.push(`${partyLabel(p)}: ${via} is listed (${e.name}, ${e.id})`);
            else starts.set(id, via);
          }
          walkOwners(o.owners, via);
        }
      };
      walkOwners(p.owners, '');
      if (!graph) return;
      for (const [start, how] of starts) {
        for (const x of exposurePaths(graph, [start], { maxDepth: params.maxHops, asOf: input.transfer.date })) {
          evidence.push(`${partyLabel(p)}${how ? ` (${how.replace(/^ ← /, 'via ')})` : ''}: ${x.hops} hop(s) from listed "${x.name}" (${x.entityId}): ${describePath(x.path)}`);
        }
      }
    });
    return [...new Set(evidence)];
  },
});
