// Transaction layering: several intermediaries between supplier and end user (advisory of 18 Oct
// 2023, Annex 1).
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { defineDetector, partyLabel } from '../input.js';

export const layering = defineDetector({
  name: 'layering',
  params: Type.Object(
    { roles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))), minCount: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
  detect({ transfer }, params) {
    const layers = transfer.parties.filter((p) => params.roles.includes(p.role));
    if (layers.length < params.minCount) return [];
    const countries = new Set(layers.map((p) => p.country).filter(Boolean));
    return [
      `${layers.length} intermediaries (threshold ${params.minCount}) in ${countries.size || 'unknown'} ${countries.size === 1 ? 'country' : 'countries'}: ${layers.map(partyLabel).join('; ')}`,
    ];
  },
});
