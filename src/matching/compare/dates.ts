// Birth dates: lists often know only the year ('1957') or give several candidate dates; queries
// may be partial too. Agreement at the precision both sides have raises the score a little
// (a birth year is shared by many people); a clear disagreement lowers it a lot.

export interface EvidenceDelta {
  delta: number;
  explanation: string;
}

/** Adjustments, exported so the documentation and tests quote the same figures. */
export const DATE_DELTAS = { day: 0.05, month: 0.03, year: 0.02, nearYear: -0.04, mismatch: -0.15 } as const;

function parts(d: string): number[] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(d.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
}

export function compareBirthDates(query: string | undefined, listed: readonly string[]): EvidenceDelta | undefined {
  if (!query || listed.length === 0) return undefined;
  const q = parts(query);
  if (!q) return undefined;
  let best: EvidenceDelta | undefined;
  for (const d of listed) {
    const l = parts(d);
    if (!l) continue;
    let r: EvidenceDelta;
    const n = Math.min(q.length, l.length);
    let agree = 0;
    while (agree < n && q[agree] === l[agree]) agree++;
    if (agree === n) {
      const delta = n === 3 ? DATE_DELTAS.day : n === 2 ? DATE_DELTAS.month : DATE_DELTAS.year;
      r = { delta, explanation: `birth date ${query} agrees with listed ${d} (+${delta})` };
    } else if (agree === 0 && Math.abs(q[0]! - l[0]!) === 1) {
      r = { delta: DATE_DELTAS.nearYear, explanation: `birth year ${q[0]} is one year off listed ${d} (${DATE_DELTAS.nearYear})` };
    } else if (agree >= 1) {
      r = { delta: 0, explanation: `birth year agrees with listed ${d} but month or day differs (0)` };
    } else {
      r = { delta: DATE_DELTAS.mismatch, explanation: `birth date ${query} differs from listed ${d} (${DATE_DELTAS.mismatch})` };
    }
    if (!best || r.delta > best.delta) best = r;
  }
  return best;
}
