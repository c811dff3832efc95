// Final destination or end user elsewhere than where the goods are shipped (advisory of 18 Oct 2023,
// Annex 1: transshipment via third countries; FIN-2022-Alert003).
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { toCountryCode } from '../../geo/countries.js';
import { defineDetector, partyLabel } from '../input.js';

export const destinationMismatch = defineDetector({
  name: 'destination_mismatch',
  params: Type.Object(
    { partyRoles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))) },
    { additionalProperties: false },
  ),
  detect({ transfer }, params) {
    const evidence: string[] = [];
    const destination = toCountryCode(transfer.destination);
    const final = toCountryCode(transfer.finalDestination);
    if (final && destination && final !== destination) {
      evidence.push(`stated final destination ${final} differs from the shipping destination ${destination}`);
    }
    if (!destination) return evidence;
    for (const p of transfer.parties) {
      if (!params.partyRoles.includes(p.role)) continue;
      const c = toCountryCode(p.country);
      if (c && c !== destination && c !== final) {
        evidence.push(`${partyLabel(p)} is in ${c}, but the goods are shipped to ${destination}`);
      } else if (c && c !== destination && c === final) {
        evidence.push(`${partyLabel(p)} is in ${c}, the final destination, not in the shipping destination ${destination}`);
      }
    }
    return evidence;
  },
});
