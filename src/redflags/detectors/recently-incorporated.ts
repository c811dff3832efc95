// Recently incorporated counterparty: front companies of procurement networks are set up and
// replaced quickly (advisory of 18 Oct 2023, Annex 1: front companies).
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { defineDetector, partyLabel } from '../input.js';

/** Whole months from a (partial) date to another; a partial date counts from its first day. */
export function monthsBetween(from: string, to: string): number | undefined {
  const parse = (d: string) => /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return undefined;
  const months = (Number(b[1]) - Number(a[1])) * 12 + (Number(b[2] ?? 1) - Number(a[2] ?? 1));
  const dayBack = Number(b[3] ?? 1) < Number(a[3] ?? 1) ? 1 : 0;
  return months - dayBack;
}

export const recentlyIncorporated = defineDetector({
  name: 'recently_incorporated',
  params: Type.Object(
    { months: Type.Integer({ minimum: 1 }), roles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))) },
    { additionalProperties: false },
  ),
  detect({ transfer }, params) {
    const evidence: string[] = [];
    for (const p of transfer.parties) {
      if (!params.roles.includes(p.role) || !p.incorporated) continue;
      const age = monthsBetween(p.incorporated, transfer.date);
      if (age === undefined) continue;
      if (age < 0) {
        evidence.push(`${partyLabel(p)} incorporated ${p.incorporated}, after the transfer date ${transfer.date.slice(0, 10)}`);
      } else if (age < params.months) {
        evidence.push(`${partyLabel(p)} incorporated ${p.incorporated}, ${age} month(s) before the transfer (${transfer.date.slice(0, 10)}; threshold ${params.months} months)`);
      }
    }
    return evidence;
  },
});
