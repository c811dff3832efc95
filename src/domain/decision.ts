// What the engine answers: screening matches and the decision on a transfer. These are the public
// JSON contracts of `interdict screen` and `interdict check`.
import type { Citation } from './citation.js';
import type { ControlMatch } from './transfer.js';

/** One listed entity a screened name may be. */
export interface Match {
  entityId: string;
  source: string;
  sourceId: string;
  schema: string;
  /** Primary name of the listed entity. */
  name: string;
  /** The alias or original-script name that matched. */
  matchedName: string;
  /** 0..1. At or above the threshold is an alert. */
  score: number;
  /** In words: which parts aligned, what raised or lowered the score. */
  explanation: string;
  programs: string[];
  countries: string[];
  listedOn?: string;
  /** Sub-lists (US CSL) the entity is on. */
  lists?: string[];
}

export type JurisdictionId = 'UN' | 'EU' | 'UK' | 'US';
export type JurisdictionVerdict = 'prohibited' | 'authorization_required' | 'no_restriction';
export type OverallVerdict = 'prohibited' | 'authorization_required' | 'review' | 'clear';

export interface MeasureApplied {
  id: string;
  title: string;
  citation: string;
  effect: string;
  inForce: { from: string; to: string | null };
  why: string;
  /** The full citation (instrument, provision, url, confidence, unverified) behind `citation`. */
  citationDetail?: Citation;
  /** States that reject the measure's validity on this date (e.g. the 2025 snapback: IR, RU, CN). */
  contestedBy?: string[];
}

export interface JurisdictionDecision {
  jurisdiction: JurisdictionId;
  verdict: JurisdictionVerdict;
  contested: boolean;
  measures: MeasureApplied[];
  /**
   * Whether this jurisdiction's law binds the user (UN: always; others: by the transfer's nexus).
   * Non-binding jurisdictions are reported but do not decide the overall verdict.
   */
  binding?: boolean;
}

export interface RedFlagRaised {
  id: string;
  title: string;
  evidence: string[];
  source: string;
  weight?: number;
  /** The advisories or alerts the indicator comes from. */
  citations?: Citation[];
}

export interface Decision {
  id?: string;
  verdict: OverallVerdict;
  asOf: string;
  jurisdictions: JurisdictionDecision[];
  items: { index: number; controls: ControlMatch[] }[];
  parties: { index: number; matches: Match[] }[];
  redFlags: RedFlagRaised[];
  risk?: { score: number; explanation: string };
  versions: { rules: string; scorer: string; controls?: string; lists: Record<string, string> };
  notes?: string[];
}
