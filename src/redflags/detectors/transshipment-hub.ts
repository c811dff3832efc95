// Routing through a known transshipment hub (FIN-2022-Alert003 transshipment points; advisory of
// 18 Oct 2023, Annex 1: transshipment via third countries).
import { Type } from '@sinclair/typebox';
import { toCountryCode, countryName } from '../../geo/countries.js';
import { defineDetector } from '../input.js';

export const transshipmentHub = defineDetector({
  name: 'transshipment_hub',
  params: Type.Object({ hubLists: Type.Array(Type.String(), { minItems: 1 }) }, { additionalProperties: false }),
  detect({ transfer }, params, { hubs }) {
    const lists = hubs.filter((h) => params.hubLists.includes(h.id));
    const listsNaming = (code: string) => lists.filter((h) => h.countries.includes(code)).map((h) => h.id);
    const name = (code: string) => `${code} (${countryName(code) ?? code})`;
    const evidence: string[] = [];
    const destination = toCountryCode(transfer.destination);
    const final = toCountryCode(transfer.finalDestination);
    for (const raw of transfer.route ?? []) {
      const code = toCountryCode(raw);
      if (!code || code === destination) continue;
      const named = listsNaming(code);
      if (named.length) evidence.push(`route passes through ${name(code)}, a transshipment point in ${named.join(', ')}`);
    }
    if (destination && final && final !== destination) {
      const named = listsNaming(destination);
      if (named.length) {
        evidence.push(`shipped to ${name(destination)} (transshipment point in ${named.join(', ')}) for onward delivery to ${name(final)}`);
      }
    }
    return evidence;
  },
});
