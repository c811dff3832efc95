// Red flags on a transfer: run every indicator's detector, keep those that found evidence, and
// combine their weights into a risk score with its explanation. Pure: data in, flags out.
// Flags alone never prohibit a transfer: src/decide/check.ts turns them into `review` at most.
import type { RedFlagRaised } from '../domain/decision.js';
import type { Citation } from '../domain/citation.js';
import { DETECTORS } from './detectors/index.js';
import type { Indicators } from './indicators.js';
import type { RedFlagInput } from './input.js';

export type { RedFlagInput } from './input.js';
export { loadIndicators, type Indicators } from './indicators.js';

export interface RedFlagResult {
  flags: RedFlagRaised[];
  risk: { score: number; explanation: string };
}

function citationText(c: Citation): string {
  return `${c.instrument}${c.provision ? `, ${c.provision}` : ''}`;
}

export function detectRedFlags(input: RedFlagInput, indicators: Indicators): RedFlagResult {
  const data = { hubs: indicators.hubs, keywords: indicators.keywords };
  const flags: RedFlagRaised[] = [];
  for (const ind of indicators.indicators) {
    const detector = DETECTORS[ind.detector];
    if (!detector) continue; // loadIndicators has already rejected unknown detectors
    const evidence = detector.detect(input, ind.params, data);
    if (evidence.length === 0) continue;
    const citations = ind.sources.map((s) => indicators.sources[s]).filter((c): c is Citation => !!c);
    flags.push({
      id: ind.id,
      title: ind.title,
      evidence,
      source: citations.map(citationText).join('; '),
      weight: ind.weight,
      citations,
    });
  }
  return { flags, risk: combineRisk(flags) };
}

/**
 * Risk score 0..1: the flags' weights combined as independent signs, 1 - product(1 - weight), so
 * that each further flag raises the score but never past 1.
 */
export function combineRisk(flags: readonly RedFlagRaised[]): { score: number; explanation: string } {
  if (flags.length === 0) return { score: 0, explanation: 'no red flags raised' };
  const score = Math.round((1 - flags.reduce((acc, f) => acc * (1 - (f.weight ?? 0)), 1)) * 100) / 100;
  const parts = flags.map((f) => `${f.id} (${f.weight ?? 0})`).join(', ');
  return {
    score,
    explanation: `${flags.length} red flag(s): ${parts}; combined as 1 - Π(1 - weight) = ${score}. Red flags call for review; they do not by themselves prohibit the transfer.`,
  };
}
