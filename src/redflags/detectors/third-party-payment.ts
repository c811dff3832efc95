// Payment by a third party or from a third country (advisory of 18 Oct 2023, Annex 1: financial
// deception through front companies and third-country accounts; FinCEN/BIS notice of 6 Nov 2023:
// third-country payers not on the end-user statement).
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { toCountryCode } from '../../geo/countries.js';
import { defineDetector, partyLabel } from '../input.js';
import { foldWords } from '../text.js';

export const thirdPartyPayment = defineDetector({
  name: 'third_party_payment',
  params: Type.Object(
    { buyerRoles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))) },
    { additionalProperties: false },
  ),
  detect({ transfer }, params) {
    const evidence: string[] = [];
    const buyers = transfer.parties.filter((p) => params.buyerRoles.includes(p.role));
    const payerParty = transfer.parties.find((p) => p.role === 'payer');
    const payer = transfer.payment?.payer ?? payerParty?.name;
    const payCountry = toCountryCode(transfer.payment?.country ?? payerParty?.country);
    if (payer && buyers.length > 0) {
      const f = foldWords(payer);
      const isBuyer = buyers.some((b) => {
        const g = foldWords(b.name);
        return g === f || g.includes(f) || f.includes(g);
      });
      if (!isBuyer) evidence.push(`payer "${payer}" is none of the buyers (${buyers.map(partyLabel).join('; ')})`);
    }
    if (payCountry) {
      const expected = new Set(
        [transfer.destination, transfer.finalDestination, ...buyers.map((b) => b.country)]
          .map((c) => toCountryCode(c))
          .filter((c): c is string => !!c),
      );
      if (expected.size > 0 && !expected.has(payCountry)) {
        evidence.push(`payment comes from ${payCountry}, which is neither the destination nor a buyer's country (${[...expected].join(', ')})`);
      }
    }
    return evidence;
  },
});
