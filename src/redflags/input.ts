// What the red-flag detectors look at: the transfer, each item's classification, each party's
// screening matches and (optionally) the entity graph.
import type { TSchema, Static } from '@sinclair/typebox';
import type { Entity } from '../domain/entity.js';
import type { Match } from '../domain/decision.js';
import type { Classification, Party, Transfer } from '../domain/transfer.js';
import type { EntityGraph } from '../graph/graph.js';
import type { HubList, KeywordTables } from './indicators.js';

export interface RedFlagInput {
  transfer: Transfer;
  /** Classification per item, same order as transfer.items. */
  items: Classification[];
  /** Screening matches per party (index into transfer.parties). */
  parties: { index: number; matches: Match[] }[];
  graph?: EntityGraph;
  listed?: (entityId: string) => Entity | undefined;
  /** Screens a name (owners given with the transfer); optional. */
  screen?: (name: string) => Match[];
}

/** Data shared by the detectors (beside each indicator's own parameters). */
export interface DetectorData {
  hubs: HubList[];
  keywords: KeywordTables;
}

/**
 * A detector: a pure function from the input to evidence lines. No evidence = not raised. Each
 * line says exactly which fact raised it.
 */
export interface Detector<S extends TSchema = TSchema> {
  readonly name: string;
  readonly params: S;
  detect(input: RedFlagInput, params: Static<S>, data: DetectorData): string[];
}

export function defineDetector<S extends TSchema>(d: Detector<S>): Detector<S> {
  return d;
}

export function partyLabel(p: Party): string {
  return `${p.role.replace(/_/g, ' ')} "${p.name}"${p.country ? ` (${p.country})` : ''}`;
}

export function matchesOf(input: RedFlagInput, index: number): Match[] {
  return input.parties.find((p) => p.index === index)?.matches ?? [];
}
