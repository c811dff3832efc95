// A counterparty sharing an address, phone, e-mail, website or registration number with a listed
// entity (front companies: advisory of 18 Oct 2023, Annex 1; FinCEN/BIS notice of 6 Nov 2023).
import { Type } from '@sinclair/typebox';
import { findSharedIdentifiers } from '../../graph/identifiers.js';
import { nodeLabel } from '../../graph/graph.js';
import { defineDetector, matchesOf, partyLabel } from '../input.js';

const Kind = Type.Union(['address', 'phone', 'email', 'website', 'identifier'].map((k) => Type.Literal(k)));

export const sharedIdentifier = defineDetector({
  name: 'shared_identifier',
  params: Type.Object({ kinds: Type.Array(Kind, { minItems: 1 }) }, { additionalProperties: false }),
  detect(input, params) {
    const graph = input.graph;
    if (!graph) return [];
    const evidence: string[] = [];
    input.transfer.parties.forEach((p, index) => {
      // A party that screens to the listed entity itself is reported by screening, not here.
      const itself = new Set(matchesOf(input, index).map((m) => m.entityId));
      for (const link of findSharedIdentifiers(p, graph.identifiers)) {
        if (!params.kinds.includes(link.kind) || itself.has(link.entityId)) continue;
        const e = graph.entities.get(link.entityId);
        evidence.push(
          `${partyLabel(p)} gives ${link.kind} "${link.partyValue}", the same as listed ${e?.schema ?? 'entity'} "${nodeLabel(graph, link.entityId)}" (${link.entityId}${link.label ? `, ${link.label}` : ''}: "${link.listedValue}")`,
        );
      }
    });
    return evidence;
  },
});
